#include "store/desk_records.hpp"

#include "store/enum_names.hpp"

namespace sinmun::store {
namespace {

constexpr EnumNames<ArticleStatus, 5> kStatusNames{{
    {ArticleStatus::kDraft, "draft"},
    {ArticleStatus::kSubmitted, "submitted"},
    {ArticleStatus::kScheduled, "scheduled"},
    {ArticleStatus::kPublished, "published"},
    {ArticleStatus::kUnpublished, "unpublished"},
}};

constexpr EnumNames<ArticleKind, 6> kKindNames{{
    {ArticleKind::kOwn, "own"},
    {ArticleKind::kPressRelease, "press_release"},
    {ArticleKind::kContribution, "contribution"},
    {ArticleKind::kWire, "wire"},
    {ArticleKind::kAdvertisement, "advertisement"},
    {ArticleKind::kSponsored, "sponsored"},
}};

}  // namespace

std::string_view ArticleKindName(ArticleKind kind) { return NameOf(kKindNames, kind); }
std::optional<ArticleKind> ParseArticleKind(std::string_view name) {
  return ValueOf(kKindNames, name);
}

std::string_view StatusName(ArticleStatus status) { return NameOf(kStatusNames, status); }
std::optional<ArticleStatus> StatusNamed(std::string_view name) {
  return ValueOf(kStatusNames, name);
}

}  // namespace sinmun::store
