#include <fmt/format.h>
#include <sys/stat.h>

#include <string>

#include "render/view_object.hpp"
#include "site/article_data.hpp"
#include "site/comments.hpp"
#include "site/pages.hpp"
#include "site/structured_data.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr int kRelatedCount = 5;

// The related-articles box (issue #5): articles like this one, as the search index's follower
// keeps them in the store (issue #14), so a page reads a list instead of querying the index.
// Empty when search is off or the list cannot be read: the article is served all the same.
nlohmann::json RelatedView(const SiteContext& site, store::ArticleId id, Timestamp now) {
  nlohmann::json items = nlohmann::json::array();
  if (site.deps.searcher == nullptr || site.deps.store.related == nullptr) return items;
  const Result<std::vector<store::ArticleHeadline>> related =
      site.deps.store.related->RelatedHeadlines(id, kRelatedCount, now);
  if (!related) return items;
  for (const store::ArticleHeadline& article : *related) {
    items.push_back(
        render::ViewObject({{"url", ArticlePath(article.id)}, {"headline", article.headline}}));
  }
  return items;
}

// Share links are plain URLs: no third-party script runs unless a Kakao app key is set.
nlohmann::json ShareView(const SiteContext& site, const store::Article& article,
                         const std::string& url) {
  const std::string u = http::PercentEncode(url);
  const std::string title = http::PercentEncode(article.headline);
  const std::string& kakao_key = site.deps.config.kakao_app_key;
  return render::ViewObject(
      {{"url", url},
       {"facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u},
       {"x", "https://x.com/intent/post?url=" + u + "&text=" + title},
       {"band", "https://band.us/plugin/share?body=" + title + "%0A" + u + "&route=" + u},
       {"kakao", "https://story.kakao.com/share?url=" + u},
       {"kakao_app_key", kakao_key.empty() ? nlohmann::json(nullptr) : nlohmann::json(kakao_key)},
       {"kakao_sdk", kKakaoSdkUrl},
       {"kakao_sdk_integrity", kKakaoSdkIntegrity},
       {"script_url", site.deps.static_files->Url("js/reader.js")}});
}

// One stat(2) of a path joined as a string: std::filesystem's operator/ splits both operands
// into components to join them, about 40 % of this check on an article miss (issue #14).
bool IsRegularFile(const std::string& path) {
  struct stat file {};
  return ::stat(path.c_str(), &file) == 0 && S_ISREG(file.st_mode);
}

}  // namespace

http::Response ArticlePage(const SiteContext& site, const http::Request& request,
                           const PageRequest& page) {
  const Timestamp now = site.deps.clock->Now();
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return ErrorResponse(site, id.error(), page.view_mode);
  const Result<ArticleData> data = LoadArticle(*site.deps.store.catalog, *id, now);
  if (!data) return ErrorResponse(site, data.error(), page.view_mode);
  Result<std::shared_ptr<const std::string>> most_viewed = MostViewedBoxHtml(site, now);
  if (!most_viewed) return ErrorResponse(site, most_viewed.error(), page.view_mode);

  // The series box (issue #18) is a part of the page: a failed read leaves it out.
  std::optional<store::ArticleSeries> in_series;
  if (site.deps.store.series != nullptr) {
    if (Result<std::optional<store::ArticleSeries>> found =
            site.deps.store.series->ArticleSeriesAt(data->article.id, now)) {
      in_series = std::move(*found);
    }
  }
  nlohmann::json series = ArticleSeriesView(*site.deps.renderer, in_series);
  MakeArticleCommentPartOf(site, data->article);  // before its holes are filled
  nlohmann::json related = RelatedView(site, data->article.id, now);
  const bool has_related = !related.empty();
  nlohmann::json corrections = ArticleCorrectionsView(site, data->article.id);
  const bool has_corrections = !corrections.empty();
  // Published corrections (issue #18) as schema.org's `correction`.
  std::vector<CorrectionNote> correction_notes;
  for (const nlohmann::json& correction : corrections) {
    correction_notes.push_back(
        {.text = correction["text"].get<std::string>(),
         .published_iso = correction["published_iso"].get<std::string>(),
         .url = page.origin + "/corrections#correction-" + correction["id"].dump()});
  }
  // The lists are moved into the view, not copied: each copy allocates every string again.
  nlohmann::json view = render::ViewObject(
      {{"article", ArticleView(data->article, data->links, site.deps.config)},
       {"most_viewed_box_html", **most_viewed},
       {"series", std::move(series)},
       {"related", std::move(related)},
       {"has_related", has_related},
       {"share", ShareView(site, data->article, page.origin + ArticlePath(data->article.id))},
       // This page runs reader.js, which turns a gallery into its viewer (site.css lays the
       // viewer out before the script starts); the print view and the newsroom's preview do not.
       {"gallery_viewer", true},
       {"staff_edit_url", page.staff_edit_url},
       {"comments", ArticleCommentHoles(site, data->article)},
       {"published_corrections", std::move(corrections)},
       {"has_published_corrections", has_corrections},
       {"correction_request_url",
        fmt::format("/corrections/request?article={}", data->article.id)}});
  PageMeta meta;
  meta.title = data->article.headline;
  meta.description = data->snippet;
  meta.section_slug = data->article.section.slug;
  meta.canonical_path = ArticlePath(data->article.id);
  const PageOrigin where{page.origin, page.origin + site.deps.static_files->Url("img/logo.svg")};
  // An episode names its series and its place in it, as the series box does.
  std::optional<SeriesPlace> series_place;
  if (in_series) {
    series_place = SeriesPlace{.name = in_series->series.title,
                               .url = page.origin + SeriesPath(in_series->series.id),
                               .episode = in_series->episode};
  }
  meta.json_ld = NewsArticleJsonLd(data->article, data->snippet, site.deps.config, where,
                                   series_place, correction_notes);
  // Photos from before the social image (issue #19) have none: their largest width is shown.
  bool social_image = false;
  if (data->article.photo && !site.deps.uploads_dir.empty()) {
    social_image =
        IsRegularFile(site.deps.uploads_dir.native() + '/' + data->article.photo->name + "-og.jpg");
  }
  meta.preview_tags_html = ArticlePreviewTagsHtml(data->article, data->snippet, site.deps.config,
                                                  page.origin + meta.canonical_path, social_image);
  return RenderPage(site, page, "site/article", std::move(view), std::move(meta));
}

}  // namespace sinmun::site
