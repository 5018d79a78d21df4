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
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "http/response.hpp"
#include "site/shared_part.hpp"
#include "store/records.hpp"

namespace sinmun::site {

struct SiteContext;
struct PageRequest;
struct PageMeta;

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

// collection_page.cpp: page `number` of `list`, whose pages are `base`?page=N, as a section's
// and the 영상뉴스 page show it: `view` plus the items with their comment counts (the first
// photos fetched at once), the pagination and the rail's most-viewed box; `meta`'s title gets
// the page number, and the canonical address and CollectionPage JSON-LD are set.
http::Response RenderCollectionPage(const SiteContext& site, const PageRequest& page,
                                    std::string_view template_name, const ListPage& list,
                                    std::string_view base, std::int64_t number, nlohmann::json view,
                                    PageMeta meta);

}  // namespace sinmun::site
