#include "site/list_pages.hpp"

#include "site/context.hpp"
#include "site/params.hpp"

namespace sinmun::site {

SharedPart<store::ListPages>& ListPageStartsCache::For(const store::ArticleFilter& filter) {
  std::string key = filter.section_id ? std::to_string(*filter.section_id) : "";
  key += ':';
  if (filter.reporter_id) key += std::to_string(*filter.reporter_id);
  if (filter.video_only) key += ":video";
  if (filter.gallery_only) key += ":gallery";
  const std::lock_guard lock(mutex_);
  std::unique_ptr<SharedPart<store::ListPages>>& part = parts_[key];
  if (!part) part = std::make_unique<SharedPart<store::ListPages>>(max_age_);
  return *part;
}

Result<ListPage> ReadListPage(const SiteContext& site, const store::ArticleFilter& filter,
                              std::int64_t number, Timestamp now) {
  const store::Catalog& store = *site.deps.store.catalog;
  // Kept until a change moves the page cache's generation or max_age passes, like the other
  // shared parts: an article whose time comes without a change shifts the pages by then.
  const Result<std::shared_ptr<const store::ListPages>> pages =
      site.shared->list_pages.For(filter).Get(
          site.cache->Generation(), [&] { return store.ListPageStarts(filter, kPageSize, now); });
  if (!pages) return tl::unexpected(pages.error());
  ListPage page;
  page.total = (*pages)->total;
  const std::vector<store::ArticleKey>& starts = (*pages)->starts;
  if (number < 1 || (number > 1 && static_cast<std::uint64_t>(number) > starts.size())) {
    return page;
  }
  page.exists = true;
  if (starts.empty()) return page;
  Result<std::vector<store::ArticleSummary>> items =
      store.LatestArticlesFrom(filter, starts[number - 1], kPageSize, now);
  if (!items) return tl::unexpected(items.error());
  page.items = std::move(*items);
  return page;
}

}  // namespace sinmun::site
