#include "store/desk_records.hpp"

#include <array>
#include <utility>

namespace sinmun::store {
namespace {

constexpr std::array<std::pair<ArticleStatus, std::string_view>, 5> kStatusNames = {{
    {ArticleStatus::kDraft, "draft"},
    {ArticleStatus::kSubmitted, "submitted"},
    {ArticleStatus::kScheduled, "scheduled"},
    {ArticleStatus::kPublished, "published"},
    {ArticleStatus::kUnpublished, "unpublished"},
}};

constexpr std::array<std::pair<ArticleKind, std::string_view>, 6> kKindNames = {{
    {ArticleKind::kOwn, "own"},
    {ArticleKind::kPressRelease, "press_release"},
    {ArticleKind::kContribution, "contribution"},
    {ArticleKind::kWire, "wire"},
    {ArticleKind::kAdvertisement, "advertisement"},
    {ArticleKind::kSponsored, "sponsored"},
}};

}  // namespace

std::string_view ArticleKindName(ArticleKind kind) {
  for (const auto& [value, name] : kKindNames) {
    if (value == kind) return name;
  }
  return "own";
}

std::optional<ArticleKind> ParseArticleKind(std::string_view name) {
  for (const auto& [value, kind_name] : kKindNames) {
    if (kind_name == name) return value;
  }
  return std::nullopt;
}

std::string_view StatusName(ArticleStatus status) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == status) return name;
  }
  return "draft";
}

std::optional<ArticleStatus> StatusNamed(std::string_view name) {
  for (const auto& [value, status_name] : kStatusNames) {
    if (status_name == name) return value;
  }
  return std::nullopt;
}

}  // namespace sinmun::store
