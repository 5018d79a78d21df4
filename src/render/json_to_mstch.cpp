#include "render/json_to_mstch.hpp"

#include <limits>
#include <string>

namespace sinmun::render {
namespace {

template <typename Int>
mstch::node IntegerNode(Int value) {
  if (value >= static_cast<Int>(std::numeric_limits<int>::min()) &&
      value <= static_cast<Int>(std::numeric_limits<int>::max())) {
    return static_cast<int>(value);
  }
  return std::to_string(value);
}

}  // namespace

mstch::node ToMstch(const nlohmann::json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::null:
    case Type::discarded:
      return nullptr;
    case Type::boolean:
      return value.get<bool>();
    case Type::number_integer:
      return IntegerNode(value.get<std::int64_t>());
    case Type::number_unsigned:
      return IntegerNode(value.get<std::uint64_t>());
    case Type::number_float:
      return value.get<double>();
    case Type::string:
      return value.get_ref<const std::string&>();
    case Type::array: {
      mstch::array array;
      array.reserve(value.size());
      for (const auto& item : value) array.push_back(ToMstch(item));
      return array;
    }
    case Type::object: {
      mstch::map map;
      for (const auto& [key, item] : value.items()) map.emplace(key, ToMstch(item));
      return map;
    }
    case Type::binary:
      break;
  }
  return nullptr;
}

}  // namespace sinmun::render
