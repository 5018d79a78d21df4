#include "http/multipart.hpp"

#include "http/encoding.hpp"

namespace sinmun::http {
namespace {

constexpr size_t kMaxBoundary = 70;  // RFC 2046

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

// The value of `key` in a header's parameters: `name="x"` or `name=x`. Browsers escape a
// quote inside a file name as %22 and keep backslashes, so no unescaping is done.
std::optional<std::string> Parameter(std::string_view header, std::string_view key) {
  size_t at = 0;
  while ((at = header.find(';', at)) != std::string_view::npos) {
    ++at;
    std::string_view rest = TrimSpaces(header.substr(at));
    if (!StartsWithIgnoreCase(rest, key) || rest.size() <= key.size() || rest[key.size()] != '=') {
      continue;
    }
    rest.remove_prefix(key.size() + 1);
    if (!rest.empty() && rest.front() == '"') {
      const size_t close = rest.find('"', 1);
      if (close == std::string_view::npos) return std::nullopt;
      return std::string(rest.substr(1, close - 1));
    }
    return std::string(TrimSpaces(rest.substr(0, rest.find(';'))));
  }
  return std::nullopt;
}

// Reads the headers of one part; false when malformed.
bool ReadPartHeaders(std::string_view headers, FormPart& part) {
  bool has_disposition = false;
  while (!headers.empty()) {
    const size_t end = headers.find("\r\n");
    const std::string_view line = headers.substr(0, end);
    headers.remove_prefix(end == std::string_view::npos ? headers.size() : end + 2);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    const std::string_view name = TrimSpaces(line.substr(0, colon));
    const std::string_view value = TrimSpaces(line.substr(colon + 1));
    if (EqualsIgnoreCase(name, "content-disposition")) {
      if (!StartsWithIgnoreCase(value, "form-data")) return false;
      std::optional<std::string> field = Parameter(value, "name");
      if (!field) return false;
      part.name = std::move(*field);
      part.filename = Parameter(value, "filename");
      has_disposition = true;
    } else if (EqualsIgnoreCase(name, "content-type")) {
      part.content_type = std::string(value);
    }
  }
  return has_disposition;
}

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  const std::string_view type = TrimSpaces(content_type.substr(0, content_type.find(';')));
  if (!EqualsIgnoreCase(type, "multipart/form-data")) return std::nullopt;
  std::optional<std::string> boundary = Parameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > kMaxBoundary) return std::nullopt;
  return boundary;
}

std::optional<std::vector<FormPart>> ParseMultipart(std::string_view body,
                                                    std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  // The first delimiter may follow a preamble; later ones follow a CRLF.
  size_t at = body.find(delimiter);
  if (at == std::string_view::npos || (at != 0 && (at < 2 || body.substr(at - 2, 2) != "\r\n"))) {
    return std::nullopt;
  }
  const std::string next_delimiter = "\r\n" + delimiter;
  std::vector<FormPart> parts;
  for (;;) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
    const size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return std::nullopt;
    FormPart part;
    if (!ReadPartHeaders(body.substr(at, headers_end - at), part)) return std::nullopt;
    const size_t data_begin = headers_end + 4;
    const size_t data_end = body.find(next_delimiter, data_begin);
    if (data_end == std::string_view::npos) return std::nullopt;
    part.data = body.substr(data_begin, data_end - data_begin);
    parts.push_back(std::move(part));
    at = data_end + 2;
  }
}

}  // namespace sinmun::http
