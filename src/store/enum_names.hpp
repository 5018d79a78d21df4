#pragma once
// Enums the store keeps by name ("draft", "visible", …), so that values can be added without
// renumbering rows: one table per enum lists every value with its name, and these two
// functions read it both ways.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace sinmun::store {

template <typename Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

// The name of `value`; the table's first name for a value it does not list.
template <typename Enum, std::size_t N>
constexpr std::string_view NameOf(const EnumNames<Enum, N>& names, Enum value) {
  for (const auto& [each, name] : names) {
    if (each == value) return name;
  }
  return names[0].second;
}

// The value named `name`, or nullopt for a name the table does not list.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> ValueOf(const EnumNames<Enum, N>& names, std::string_view name) {
  for (const auto& [each, each_name] : names) {
    if (each_name == name) return each;
  }
  return std::nullopt;
}

}  // namespace sinmun::store
