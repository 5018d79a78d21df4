#include "store/import_book.hpp"

#include "store/enum_names.hpp"

namespace sinmun::store {
namespace {

constexpr EnumNames<LegacyKind, 5> kKinds{{
    {LegacyKind::kArticle, "article"},
    {LegacyKind::kSection, "section"},
    {LegacyKind::kReporter, "reporter"},
    {LegacyKind::kTag, "tag"},
    {LegacyKind::kPage, "page"},
}};

}  // namespace

std::string_view LegacyKindName(LegacyKind kind) { return NameOf(kKinds, kind); }
std::optional<LegacyKind> LegacyKindNamed(std::string_view name) { return ValueOf(kKinds, name); }

}  // namespace sinmun::store
