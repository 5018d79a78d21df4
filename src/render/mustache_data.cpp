#include "render/mustache_data.hpp"

#include <sstream>
#include <string>

namespace sinmun::render {
namespace {

using Data = kainjow::mustache::data;
using JsonType = nlohmann::json::value_t;

}  // namespace

bool MstchTruth(const nlohmann::json& value) {
  switch (value.type()) {
    case JsonType::boolean:
      return value.get<bool>();
    case JsonType::number_integer:
      return value.get<std::int64_t>() != 0;
    case JsonType::number_unsigned:
      return value.get<std::uint64_t>() != 0;
    case JsonType::number_float:
      return value.get<double>() != 0;
    case JsonType::string:
      return !value.get_ref<const std::string&>().empty();
    case JsonType::array:
      return !value.empty();
    case JsonType::object:
      return true;
    case JsonType::null:
    case JsonType::discarded:
    case JsonType::binary:
      break;
  }
  return false;
}

std::string MustacheDoubleText(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

namespace {

// `key` is the name the value sits under in its object (nullptr in a list), for 0.
Data ConvertMustacheValue(const nlohmann::json& value, const std::string* key,
                          const SectionNames& names, std::string_view skip_key);

// A zero only tested as a section is false; printed, or in a list, it is "0".
bool ZeroIsFalse(const std::string* key, const SectionNames& names) {
  return key != nullptr && !names.tested_and_printed.contains(*key) && names.tested.contains(*key);
}

Data ConvertMustacheObject(const nlohmann::json& value, const SectionNames& names,
                           std::string_view skip_key) {
  Data object;
  for (const auto& [key, item] : value.items()) {
    if (!skip_key.empty() && key == skip_key) continue;
    object[key] = ConvertMustacheValue(item, &key, names, {});
    if (names.tested_and_printed.contains(key))
      object[SectionFlagName(key)] = Data(MstchTruth(item));
  }
  return object;
}

Data ConvertMustacheList(const nlohmann::json& value, const SectionNames& names) {
  // kainjow's data has a move that is not noexcept, so a growing vector would copy whole
  // subtrees: the list gets cheap placeholders first and each is then moved into.
  Data list(Data::type::list);
  for (size_t i = 0; i < value.size(); ++i) list.push_back(Data(false));
  const auto& items = list.list_value();
  for (size_t i = 0; i < value.size(); ++i) {
    const_cast<Data&>(items[i]) = ConvertMustacheValue(value[i], nullptr, names, {});
  }
  return list;
}

Data ConvertMustacheValue(const nlohmann::json& value, const std::string* key,
                          const SectionNames& names, std::string_view skip_key) {
  switch (value.type()) {
    case JsonType::boolean:
      if (key == nullptr || names.printed.contains(*key)) {
        return Data(value.get<bool>() ? "true" : "false");
      }
      return Data(value.get<bool>());
    case JsonType::number_integer: {
      const auto number = value.get<std::int64_t>();
      if (number == 0 && ZeroIsFalse(key, names)) return Data(false);
      return Data(std::to_string(number));
    }
    case JsonType::number_unsigned: {
      const auto number = value.get<std::uint64_t>();
      if (number == 0 && ZeroIsFalse(key, names)) return Data(false);
      return Data(std::to_string(number));
    }
    case JsonType::number_float: {
      const auto number = value.get<double>();
      if (number == 0 && ZeroIsFalse(key, names)) return Data(false);
      return Data(MustacheDoubleText(number));
    }
    case JsonType::string: {
      const std::string& text = value.get_ref<const std::string&>();
      return text.empty() ? Data(false) : Data(text);
    }
    case JsonType::array:
      return ConvertMustacheList(value, names);
    case JsonType::object:
      return ConvertMustacheObject(value, names, skip_key);
    case JsonType::null:
    case JsonType::discarded:
    case JsonType::binary:
      break;
  }
  return Data(false);
}

}  // namespace

kainjow::mustache::data ToMustacheData(const nlohmann::json& value, const SectionNames& names,
                                       std::string_view skip_top_key) {
  return ConvertMustacheValue(value, nullptr, names, skip_top_key);
}

}  // namespace sinmun::render
