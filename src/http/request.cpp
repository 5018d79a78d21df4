#include "http/request.hpp"

#include "http/encoding.hpp"
#include "http/multipart.hpp"

namespace sinmun::http {

const char* MethodName(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kOther:
      break;
  }
  return "OTHER";
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

std::optional<std::string> Request::Query(std::string_view key) const {
  for (const auto& [name, value] : query) {
    if (name == key) return value;
  }
  return std::nullopt;
}

std::string_view Request::PathParam(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) return value;
  }
  return {};
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  // Several Cookie headers may arrive (HTTP/2 proxies split them); look through all.
  for (const auto& [key, header] : headers) {
    if (key != "cookie") continue;
    std::string_view rest = header;
    while (!rest.empty()) {
      const size_t semicolon = rest.find(';');
      std::string_view pair = TrimSpaces(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
      const size_t equals = pair.find('=');
      if (equals == std::string_view::npos) continue;
      if (TrimSpaces(pair.substr(0, equals)) != name) continue;
      std::string_view value = TrimSpaces(pair.substr(equals + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return std::string(value);
    }
  }
  return std::nullopt;
}

namespace {

bool IsUrlEncodedForm(const Request& request) {
  std::string_view type = request.Header("content-type");
  type = type.substr(0, type.find(';'));
  return EqualsIgnoreCase(TrimSpaces(type), "application/x-www-form-urlencoded");
}

// The text fields (not files) of a multipart/form-data body; empty for another type or a
// malformed body.
std::vector<std::pair<std::string, std::string>> MultipartFields(const Request& request) {
  std::vector<std::pair<std::string, std::string>> fields;
  const std::optional<std::string> boundary = MultipartBoundary(request.Header("content-type"));
  if (!boundary) return fields;
  const std::optional<std::vector<FormPart>> parts = ParseMultipart(request.body, *boundary);
  if (!parts) return fields;
  for (const FormPart& part : *parts) {
    if (!part.filename) fields.emplace_back(part.name, std::string(part.data));
  }
  return fields;
}

std::vector<std::pair<std::string, std::string>> FormFields(const Request& request) {
  if (IsUrlEncodedForm(request)) return ParseQuery(request.body);
  return MultipartFields(request);
}

}  // namespace

std::optional<std::string> Request::Form(std::string_view key) const {
  for (auto& [name, value] : FormFields(*this)) {
    if (name == key) return std::move(value);
  }
  return std::nullopt;
}

std::vector<std::string> Request::FormAll(std::string_view key) const {
  std::vector<std::string> values;
  for (auto& [name, value] : FormFields(*this)) {
    if (name == key) values.push_back(std::move(value));
  }
  return values;
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    const size_t equals = part.find('=');
    const std::string_view raw_key = part.substr(0, equals);
    const std::string_view raw_value =
        equals == std::string_view::npos ? std::string_view() : part.substr(equals + 1);
    // A malformed escape in the query is kept as sent: handlers validate their own values.
    std::optional<std::string> key = PercentDecode(raw_key, true);
    std::optional<std::string> value = PercentDecode(raw_value, true);
    pairs.emplace_back(key ? std::move(*key) : std::string(raw_key),
                       value ? std::move(*value) : std::string(raw_value));
  }
  return pairs;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (const unsigned char c : text) {
    if (IsUnreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace sinmun::http
