#pragma once
// Reads of the published catalog: sections, reporters, public articles, photos and the site
// settings, as the public site shows them.
//
// Visibility: an article is public ("published at now") when it is published and its
// registered_at <= now. Every read that takes `now` applies that rule.
// Thread safety: all methods may be called concurrently from any thread.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/desk_records.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class Catalog {
 public:
  virtual ~Catalog() = default;

  // Visible sections in display order (position, then id); hidden ones are left out.
  virtual Result<std::vector<Section>> Sections() const = 0;

  // kNotFound for an unknown slug.
  virtual Result<Section> SectionBySlug(std::string_view slug) const = 0;

  // Every section, hidden ones too, in display order.
  virtual Result<std::vector<SectionAdmin>> AllSections() const = 0;

  // kNotFound for an unknown id.
  virtual Result<Reporter> ReporterById(ReporterId id) const = 0;

  // All reporters by name.
  virtual Result<std::vector<Reporter>> Reporters() const = 0;

  // kNotFound unless the article is published at `now`.
  virtual Result<Article> PublishedArticle(ArticleId id, Timestamp now) const = 0;

  // Published articles matching `filter`, newest first (registered_at desc, id desc), one page;
  // items is empty past the end, total counts all matches.
  virtual Result<ArticleList> LatestArticles(const ArticleFilter& filter, Page page,
                                             Timestamp now) const = 0;

  // Where each page of `page_size` articles of `filter`'s list (as LatestArticles orders it)
  // begins, and how many articles it has: one pass over the list's index entries, for a
  // caller that keeps the result until the next change and then reads any page with
  // LatestArticlesFrom, so that a deep page costs what the first does. kInvalidInput unless
  // 1 <= page_size <= 100.
  virtual Result<ListPages> ListPageStarts(const ArticleFilter& filter, int page_size,
                                           Timestamp now) const = 0;

  // At most `size` articles of `filter`'s list from `first` on (that article, or the next
  // older one if it is gone), newest first: a seek, no OFFSET. A key newer than `now` starts
  // at `now`. kInvalidInput unless 1 <= size <= 100.
  virtual Result<std::vector<ArticleSummary>> LatestArticlesFrom(const ArticleFilter& filter,
                                                                 ArticleKey first, int size,
                                                                 Timestamp now) const = 0;

  // Previous (older) and next (newer) published article in the same section, ids and
  // headlines, in one statement. kNotFound unless `id` is published at `now`.
  virtual Result<Neighbors> NeighborsInSection(ArticleId id, Timestamp now) const = 0;

  // How many published articles of its section are newer than `id`: its 0-based position in
  // the section list, so the list page that contains it is position / page_size + 1.
  // kNotFound unless `id` is published at `now`.
  virtual Result<std::int64_t> PositionInSection(ArticleId id, Timestamp now) const = 0;

  // kNotFound for an unknown id.
  virtual Result<Photo> PhotoById(PhotoId id) const = 0;

  // Whether readers are shown the file `file` of the uploads folder ("2026/11/abc-400.jpg") at
  // `now`: a size of a photo placed in a published article (lead, body or gallery) or in a
  // sponsor banner, or a reporter's profile photo. False for any other name, known or not
  // (an image a body links by its address is not looked for).
  virtual Result<bool> IsUploadPublic(std::string_view file, Timestamp now) const = 0;

  // The stored site settings, by key.
  virtual Result<Settings> SiteSettings() const = 0;
};

}  // namespace sinmun::store
