#include "store/import_book.hpp"

#include <array>
#include <utility>

namespace sinmun::store {
namespace {

constexpr std::array<std::pair<LegacyKind, std::string_view>, 5> kKinds{{
    {LegacyKind::kArticle, "article"},
    {LegacyKind::kSection, "section"},
    {LegacyKind::kReporter, "reporter"},
    {LegacyKind::kTag, "tag"},
    {LegacyKind::kPage, "page"},
}};

}  // namespace

std::string_view LegacyKindName(LegacyKind kind) {
  for (const auto& [each, name] : kKinds) {
    if (each == kind) return name;
  }
  return kKinds[0].second;
}

std::optional<LegacyKind> LegacyKindNamed(std::string_view name) {
  for (const auto& [each, each_name] : kKinds) {
    if (each_name == name) return each;
  }
  return std::nullopt;
}

}  // namespace sinmun::store
