#include "store/corrections.hpp"

#include "core/time.hpp"
#include "store/enum_names.hpp"

namespace sinmun::store {
namespace {

constexpr Timestamp kDaySeconds = 86400;

constexpr EnumNames<CorrectionKind, 3> kCorrectionKinds{{
    {CorrectionKind::kCorrection, "correction"},
    {CorrectionKind::kReply, "reply"},
    {CorrectionKind::kFollowUp, "follow_up"},
}};

constexpr EnumNames<CaseState, 5> kCaseStates{{
    {CaseState::kReceived, "received"},
    {CaseState::kReviewing, "reviewing"},
    {CaseState::kAccepted, "accepted"},
    {CaseState::kRefused, "refused"},
    {CaseState::kPublished, "published"},
}};

// The end of the `days`-th day after the KST day of `received_at` (민법 제157조, 제159조: the
// first day is not counted, a period ends at the end of its last day).
Timestamp EndOfDayCount(Timestamp received_at, int days) {
  const Timestamp local = received_at + kKstOffsetSeconds;
  const Timestamp day_start = local - ((local % kDaySeconds) + kDaySeconds) % kDaySeconds;
  return day_start + (days + 1) * kDaySeconds - kKstOffsetSeconds;
}

}  // namespace

std::string_view CorrectionKindName(CorrectionKind kind) { return NameOf(kCorrectionKinds, kind); }
std::optional<CorrectionKind> ParseCorrectionKind(std::string_view name) {
  return ValueOf(kCorrectionKinds, name);
}

std::string_view CaseStateName(CaseState state) { return NameOf(kCaseStates, state); }
std::optional<CaseState> ParseCaseState(std::string_view name) {
  return ValueOf(kCaseStates, name);
}

bool MayMove(CaseState from, CaseState to) {
  switch (from) {
    case CaseState::kReceived:
      return to == CaseState::kReviewing;
    case CaseState::kReviewing:
      return to == CaseState::kAccepted || to == CaseState::kRefused;
    case CaseState::kAccepted:
      return to == CaseState::kPublished;
    case CaseState::kRefused:
    case CaseState::kPublished:
      return false;
  }
  return false;
}

Timestamp ReplyDueAt(Timestamp received_at) { return EndOfDayCount(received_at, 3); }
Timestamp PublishDueAt(Timestamp received_at) { return EndOfDayCount(received_at, 7); }

bool IsOverdue(const CorrectionCase& item, Timestamp now) {
  switch (item.state) {
    case CaseState::kReceived:
    case CaseState::kReviewing:
      return now >= ReplyDueAt(item.received_at);
    case CaseState::kAccepted:
      return now >= PublishDueAt(item.received_at);
    case CaseState::kRefused:
    case CaseState::kPublished:
      return false;
  }
  return false;
}

}  // namespace sinmun::store
