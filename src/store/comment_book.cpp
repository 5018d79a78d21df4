#include "store/comment_book.hpp"

#include <array>
#include <utility>

#include "store/comment_bans.hpp"

namespace sinmun::store {
namespace {

constexpr std::array<std::pair<CommentState, std::string_view>, 5> kStates{{
    {CommentState::kVisible, "visible"},
    {CommentState::kHiddenByReports, "hidden_by_reports"},
    {CommentState::kHeld, "held"},
    {CommentState::kHiddenByModerator, "hidden_by_moderator"},
    {CommentState::kDeleted, "deleted"},
}};

constexpr std::array<std::pair<ReportReason, std::string_view>, 5> kReasons{{
    {ReportReason::kAbuse, "abuse"},
    {ReportReason::kObscene, "obscene"},
    {ReportReason::kSpam, "spam"},
    {ReportReason::kPrivacy, "privacy"},
    {ReportReason::kOther, "other"},
}};

constexpr std::array<std::pair<CommentPolicy, std::string_view>, 3> kPolicies{{
    {CommentPolicy::kOpen, "open"},
    {CommentPolicy::kOff, "off"},
    {CommentPolicy::kCloses, "closes"},
}};

constexpr std::array<std::pair<BanKind, std::string_view>, 3> kBanKinds{{
    {BanKind::kVisitor, "visitor"},
    {BanKind::kAddress, "address"},
    {BanKind::kRange, "range"},
}};

constexpr std::array<std::pair<StaffBadge, std::string_view>, 3> kBadges{{
    {StaffBadge::kNone, ""},
    {StaffBadge::kReporter, "reporter"},
    {StaffBadge::kDesk, "desk"},
}};

template <typename Enum, std::size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [each, name] : names) {
    if (each == value) return name;
  }
  return names[0].second;
}

template <typename Enum, std::size_t N>
std::optional<Enum> ValueOf(const std::array<std::pair<Enum, std::string_view>, N>& names,
                            std::string_view name) {
  for (const auto& [each, each_name] : names) {
    if (each_name == name) return each;
  }
  return std::nullopt;
}

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
