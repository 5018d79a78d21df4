#pragma once
// Files under static/ served from memory at /static/..., each also under a fingerprinted
// name ("site.css" -> "site.3fa9c2d1.css") with a year-long immutable cache, so pages can
// link the fingerprinted URL and a deploy never serves a stale stylesheet.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

namespace sinmun::http {

class StaticFiles {
 public:
  // Loads every file below `dir`. kUnavailable when the folder cannot be read.
  static Result<std::shared_ptr<StaticFiles>> Load(const std::string& dir);

  // "/static/site.3fa9c2d1.css" for "css/site.css"; the plain "/static/css/site.css" if unknown.
  std::string Url(std::string_view relative_path) const;
  // Adds GET /static/... routes to `router`.
  void AddRoutes(Router& router) const;

 private:
  struct File {
    PreparedBody body;
    std::string content_type;
    bool immutable = false;
  };
  std::unordered_map<std::string, std::shared_ptr<const File>> by_url_;  // "/static/..." -> file
  std::unordered_map<std::string, std::string> fingerprinted_;  // "css/site.css" -> its URL
};

}  // namespace sinmun::http
