#pragma once
// A parsed HTTP request as handlers see it. No Beast types here: handlers stay light to compile.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sinmun::http {

enum class Method { kGet, kHead, kPost, kOther };

// "GET", "HEAD", "POST", or "OTHER": the name logs and failure reports print.
const char* MethodName(Method method);

class Request {
 public:
  Method method = Method::kGet;
  std::string target;  // as sent: "/section/politics?page=2"
  std::string path;    // percent-decoded path without the query: "/section/politics"
  std::vector<std::pair<std::string, std::string>> headers;      // names lower-cased
  std::vector<std::pair<std::string, std::string>> query;        // decoded, in order
  std::vector<std::pair<std::string, std::string>> path_params;  // from the route pattern
  std::string body;
  std::string remote_address;
  // Names this request in logs and in the X-Request-Id response header: the server's own, or
  // the one a trusted proxy sent.
  std::string id;

  // The first header with this (case-insensitive) name, or "" when absent.
  std::string_view Header(std::string_view name) const;
  // The first query parameter with this name, decoded; nullopt when absent.
  std::optional<std::string> Query(std::string_view key) const;
  // A {name} segment of the matched route; "" when the route has none.
  std::string_view PathParam(std::string_view name) const;
  // A cookie from the Cookie header; nullopt when absent.
  std::optional<std::string> Cookie(std::string_view name) const;
  // A field of an application/x-www-form-urlencoded body, decoded, or a text field of a
  // multipart/form-data body; nullopt when absent or when the body is of another type.
  // The first one when the field repeats.
  std::optional<std::string> Form(std::string_view key) const;
  // Every value of a repeated form field (checkboxes, lists), in order; empty when absent.
  std::vector<std::string> FormAll(std::string_view key) const;
};

// Splits "a=1&b=%EA%B0%80" into decoded pairs ('+' is a space).
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);
// Percent-decodes; nullopt for a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);
// Percent-encodes everything but unreserved characters (for building URLs).
std::string PercentEncode(std::string_view text);

}  // namespace sinmun::http
