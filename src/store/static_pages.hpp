#pragma once
// Static pages (issue #18): 이용약관, 개인정보처리방침, 청소년보호정책, 윤리강령 … and pages
// imported from other systems, each a path with versions. Every save is a new version; the
// version in force at a time is the one with the latest effective date (시행일) not after it,
// the higher number among equals, and the earlier ones stay readable.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

// A page's path: 1 to 200 bytes of segments joined by single '/' (no '/' first or last), each
// made of a-z, 0-9, '-', '_' and non-ASCII UTF-8 (a Korean slug), not "." or "..". The site
// serves the page at /page/<path>.
bool IsStaticPagePath(std::string_view path);

struct StaticPage {
  std::string path;
  std::int64_t version = 0;  // 1, 2, … per path; ignored by SaveStaticPage
  std::string title;
  std::string body_markdown;  // the article format (render::MarkdownToHtml)
  int footer = 0;             // position among the footer links; 0: not linked
  Timestamp effective_at = 0;
  Timestamp saved_at = 0;
  std::optional<std::int64_t> saved_by;  // the newsroom user; none for an import
};

class StaticPages {
 public:
  virtual ~StaticPages() = default;

  // Adds `page` as the next version of page.path (its first version makes the page) and
  // returns its number. When the path's newest version has the same title, body, footer and
  // effective date, nothing is added and its number is returned, so an import may run again.
  // kInvalidInput for a bad path (IsStaticPagePath), an empty title or a negative footer.
  // Bumps the change sequence (the footer is on every page).
  virtual Result<std::int64_t> SaveStaticPage(const StaticPage& page) = 0;

  // The version of `path` in force at `now`. kNotFound when there is none yet.
  virtual Result<StaticPage> StaticPageAt(std::string_view path, Timestamp now) const = 0;

  // Every version of `path`, the highest number first, those not yet in force too; empty
  // when there is no such page.
  virtual Result<std::vector<StaticPage>> StaticPageVersions(std::string_view path) const = 0;

  // The version in force at `now` of every page that has one, footer links first (by
  // position), then the others, by path. `now` = the largest Timestamp gives each page's
  // version with the latest effective date.
  virtual Result<std::vector<StaticPage>> StaticPagesAt(Timestamp now) const = 0;
};

}  // namespace sinmun::store
