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

}  // namespace

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
