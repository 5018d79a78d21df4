#include "store/corrections.hpp"

#include "core/time.hpp"

namespace sinmun::store {
namespace {

constexpr Timestamp kDaySeconds = 86400;

// The end of the `days`-th day after the KST day of `received_at` (민법 제157조, 제159조: the
// first day is not counted, a period ends at the end of its last day).
Timestamp EndOfDayCount(Timestamp received_at, int days) {
  const Timestamp local = received_at + kKstOffsetSeconds;
  const Timestamp day_start = local - ((local % kDaySeconds) + kDaySeconds) % kDaySeconds;
  return day_start + (days + 1) * kDaySeconds - kKstOffsetSeconds;
}

}  // namespace

std::string_view CorrectionKindName(CorrectionKind kind) {
  switch (kind) {
    case CorrectionKind::kCorrection:
      return "correction";
    case CorrectionKind::kReply:
      return "reply";
    case CorrectionKind::kFollowUp:
      return "follow_up";
  }
  return "correction";
}

std::optional<CorrectionKind> ParseCorrectionKind(std::string_view name) {
  if (name == "correction") return CorrectionKind::kCorrection;
  if (name == "reply") return CorrectionKind::kReply;
  if (name == "follow_up") return CorrectionKind::kFollowUp;
  return std::nullopt;
}

std::string_view CaseStateName(CaseState state) {
  switch (state) {
    case CaseState::kReceived:
      return "received";
    case CaseState::kReviewing:
      return "reviewing";
    case CaseState::kAccepted:
      return "accepted";
    case CaseState::kRefused:
      return "refused";
    case CaseState::kPublished:
      return "published";
  }
  return "received";
}

std::optional<CaseState> ParseCaseState(std::string_view name) {
  for (const CaseState state : {CaseState::kReceived, CaseState::kReviewing, CaseState::kAccepted,
                                CaseState::kRefused, CaseState::kPublished}) {
    if (name == CaseStateName(state)) return state;
  }
  return std::nullopt;
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
