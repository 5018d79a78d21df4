#include "store/tips.hpp"

#include "store/enum_names.hpp"

namespace sinmun::store {
namespace {

constexpr EnumNames<TipKind, 2> kTipKinds{{
    {TipKind::kTip, "tip"},
    {TipKind::kSubmission, "submission"},
}};

constexpr EnumNames<TipState, 4> kTipStates{{
    {TipState::kReceived, "received"},
    {TipState::kReviewing, "reviewing"},
    {TipState::kUsed, "used"},
    {TipState::kDeclined, "declined"},
}};

}  // namespace

std::string_view TipKindName(TipKind kind) { return NameOf(kTipKinds, kind); }
std::optional<TipKind> ParseTipKind(std::string_view name) { return ValueOf(kTipKinds, name); }

std::string_view TipStateName(TipState state) { return NameOf(kTipStates, state); }
std::optional<TipState> ParseTipState(std::string_view name) { return ValueOf(kTipStates, name); }

bool MayMoveTip(TipState from, TipState to) {
  switch (from) {
    case TipState::kReceived:
      return to != TipState::kReceived;
    case TipState::kReviewing:
      return to == TipState::kUsed || to == TipState::kDeclined;
    case TipState::kUsed:
    case TipState::kDeclined:
      return false;
  }
  return false;
}

}  // namespace sinmun::store
