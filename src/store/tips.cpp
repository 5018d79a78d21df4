#include "store/tips.hpp"

namespace sinmun::store {

std::string_view TipKindName(TipKind kind) {
  return kind == TipKind::kSubmission ? "submission" : "tip";
}

std::optional<TipKind> ParseTipKind(std::string_view name) {
  if (name == "tip") return TipKind::kTip;
  if (name == "submission") return TipKind::kSubmission;
  return std::nullopt;
}

std::string_view TipStateName(TipState state) {
  switch (state) {
    case TipState::kReceived:
      return "received";
    case TipState::kReviewing:
      return "reviewing";
    case TipState::kUsed:
      return "used";
    case TipState::kDeclined:
      return "declined";
  }
  return "received";
}

std::optional<TipState> ParseTipState(std::string_view name) {
  for (const TipState state :
       {TipState::kReceived, TipState::kReviewing, TipState::kUsed, TipState::kDeclined}) {
    if (name == TipStateName(state)) return state;
  }
  return std::nullopt;
}

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
