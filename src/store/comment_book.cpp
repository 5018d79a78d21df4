#include "store/comment_book.hpp"

#include "store/comment_bans.hpp"
#include "store/enum_names.hpp"

namespace sinmun::store {
namespace {

constexpr EnumNames<CommentState, 5> kStates{{
    {CommentState::kVisible, "visible"},
    {CommentState::kHiddenByReports, "hidden_by_reports"},
    {CommentState::kHeld, "held"},
    {CommentState::kHiddenByModerator, "hidden_by_moderator"},
    {CommentState::kDeleted, "deleted"},
}};

constexpr EnumNames<ReportReason, 5> kReasons{{
    {ReportReason::kAbuse, "abuse"},
    {ReportReason::kObscene, "obscene"},
    {ReportReason::kSpam, "spam"},
    {ReportReason::kPrivacy, "privacy"},
    {ReportReason::kOther, "other"},
}};

constexpr EnumNames<CommentPolicy, 3> kPolicies{{
    {CommentPolicy::kOpen, "open"},
    {CommentPolicy::kOff, "off"},
    {CommentPolicy::kCloses, "closes"},
}};

constexpr EnumNames<BanKind, 3> kBanKinds{{
    {BanKind::kVisitor, "visitor"},
    {BanKind::kAddress, "address"},
    {BanKind::kRange, "range"},
}};

constexpr EnumNames<StaffBadge, 3> kBadges{{
    {StaffBadge::kNone, ""},
    {StaffBadge::kReporter, "reporter"},
    {StaffBadge::kDesk, "desk"},
}};

}  // namespace

std::string_view BanKindName(BanKind kind) { return NameOf(kBanKinds, kind); }
std::optional<BanKind> ParseBanKind(std::string_view name) { return ValueOf(kBanKinds, name); }

std::string_view CommentStateName(CommentState state) { return NameOf(kStates, state); }
std::optional<CommentState> ParseCommentState(std::string_view name) {
  return ValueOf(kStates, name);
}
std::string_view ReportReasonName(ReportReason reason) { return NameOf(kReasons, reason); }
std::optional<ReportReason> ParseReportReason(std::string_view name) {
  return ValueOf(kReasons, name);
}

std::string_view CommentPolicyName(CommentPolicy policy) { return NameOf(kPolicies, policy); }
std::optional<CommentPolicy> ParseCommentPolicy(std::string_view name) {
  return ValueOf(kPolicies, name);
}

std::string_view StaffBadgeName(StaffBadge badge) { return NameOf(kBadges, badge); }
std::optional<StaffBadge> ParseStaffBadge(std::string_view name) { return ValueOf(kBadges, name); }

}  // namespace sinmun::store
