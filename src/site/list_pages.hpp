#pragma once
// Private to site/: one page of a section's, a reporter's or the whole paper's list, read by
// keyset (issue #14). Where each page begins is found once per change by one pass over the
// list's index entries (store::Catalog::ListPageStarts) and kept like a shared part; a page
// is then a seek from its first article with LIMIT alone, so page 1,000 costs what page 1
// costs and no request counts the list or skips rows with OFFSET. `?page=N` stays the
// address. Thread safety: all functions from any thread.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "site/shared_part.hpp"
#include "store/records.hpp"

namespace sinmun::site {

struct SiteContext;

// The page starts of every list asked for, one shared part per filter. Only lists of a
// section or reporter that exists get here (the handlers look them up first), so the number
// of entries is bounded by the paper's sections and reporters.
class ListPageStartsCache {
 public:
  explicit ListPageStartsCache(std::chrono::milliseconds max_age) : max_age_(max_age) {}

  SharedPart<store::ListPages>& For(const store::ArticleFilter& filter);

 private:
  const std::chrono::milliseconds max_age_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::unique_ptr<SharedPart<store::ListPages>>> parts_;
};

struct ListPage {
  std::vector<store::ArticleSummary> items;  // newest first; empty for an empty list
  std::int64_t total = 0;                    // articles in the whole list
  bool exists = false;                       // page 1 always; others within the list
};

// Page `number` (1-based, kPageSize articles) of `filter`'s list at `now`.
Result<ListPage> ReadListPage(const SiteContext& site, const store::ArticleFilter& filter,
                              std::int64_t number, Timestamp now);

}  // namespace sinmun::site
