#pragma once
// Files under static/ served from memory at /static/..., each also under a fingerprinted
// name ("css/site.css" -> "/static/css/site.3fa9c2d1.css", the first 8 hex digits of its hash)
// with a year-long immutable cache, so pages can link the fingerprinted URL and a deploy never
// serves a stale stylesheet. The plain URL is cached for an hour.
// Thread safety: immutable after Load(); Url() from any thread.

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
  // Loads every file below `dir` (recursively) into memory, with gzip forms for text types.
  // kUnavailable when the folder or a file cannot be read.
  static Result<std::shared_ptr<StaticFiles>> Load(const std::string& dir);

  // "/static/css/site.3fa9c2d1.css" for "css/site.css"; the plain "/static/css/site.css" if
  // unknown. Percent-encoded, ready for an href.
  std::string Url(std::string_view relative_path) const;
  // Adds GET /static/... routes to `router`, one a URL (unknown files reach its not-found).
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
