// The comment pages (/article/{id}/comments?sort=…&page=…) and their JSON
// (/api/v1/articles/{id}/comments): the whole comment block without JavaScript.

#include "site/article_data.hpp"
#include "site/comments.hpp"
#include "site/pages.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

struct SortName {
  store::CommentSort sort;
  std::string_view name;   // in the URL
  std::string_view label;  // its label key
};
constexpr SortName kSorts[] = {
    {store::CommentSort::kLatest, "latest", "comments_sort_latest"},
    {store::CommentSort::kRecommended, "recommended", "comments_sort_recommended"},
    {store::CommentSort::kReplies, "replies", "comments_sort_replies"},
};

Result<store::CommentSort> ParseSort(const http::Request& request) {
  const std::optional<std::string> text = request.Query("sort");
  if (!text || text->empty()) return store::CommentSort::kLatest;
  for (const SortName& each : kSorts) {
    if (each.name == *text) return each.sort;
  }
  return Fail(ErrorCode::kInvalidInput, "bad comment sort");
}

std::string SortUrl(store::ArticleId article, store::CommentSort sort) {
  std::string url = CommentsPath(article);
  for (const SortName& each : kSorts) {
    if (each.sort == sort && sort != store::CommentSort::kLatest) {
      url += "?sort=" + std::string(each.name);
    }
  }
  return url;
}

struct CommentsRequest {
  store::ArticleId article = 0;
  store::CommentSort sort = store::CommentSort::kLatest;
  std::int64_t page = 1;
};

Result<CommentsRequest> ParseCommentsRequest(const SiteContext& site,
                                             const http::Request& request) {
  if (!site.deps.config.comments_enabled) return Fail(ErrorCode::kNotFound, "comments are off");
  if (site.deps.store.comments == nullptr) {
    return Fail(ErrorCode::kUnavailable, "no comment store");
  }
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return Fail(ErrorCode::kNotFound, "bad article id");
  const Result<store::CommentSort> sort = ParseSort(request);
  if (!sort) return tl::unexpected(sort.error());
  const Result<std::int64_t> page = ParsePageNumber(request);
  if (!page) return tl::unexpected(page.error());
  return CommentsRequest{*id, *sort, *page};
}

}  // namespace

http::Response RenderCommentsPage(const SiteContext& site, const http::Request& request,
                                  const PageRequest& page, CommentForm form, int status) {
  const Result<CommentsRequest> asked = ParseCommentsRequest(site, request);
  if (!asked) return ErrorResponse(site, asked.error(), page.view_mode);
  const Result<ArticleData> data =
      LoadArticle(*site.deps.store.catalog, asked->article, site.deps.clock->Now());
  if (!data) return ErrorResponse(site, data.error(), page.view_mode);
  const Result<CommentsOpen> open = ArticleCommentsOpen(
      site, asked->article, data->article.registered_at, site.deps.clock->Now());
  if (!open) return ErrorResponse(site, open.error(), page.view_mode);
  const Result<store::CommentPage> comments = site.deps.store.comments->ArticleComments(
      asked->article, asked->sort, store::Page{asked->page, kCommentsPerPage});
  if (!comments) return ErrorResponse(site, comments.error(), page.view_mode);

  // BEST is pinned above the first page of every sort.
  const std::vector<store::Comment> best =
      asked->page == 1 ? ArticleBestComments(site, asked->article, data->article.registered_at,
                                             site.deps.clock->Now())
                       : std::vector<store::Comment>{};
  if (!form.staff) form.staff = CommentStaffOf(site, request);
  nlohmann::json sorts = nlohmann::json::array();
  for (const SortName& each : kSorts) {
    sorts.push_back({{"url", SortUrl(asked->article, each.sort)},
                     {"label", site.deps.renderer->Label(each.label)},
                     {"current", each.sort == asked->sort}});
  }
  nlohmann::json view = {
      {"article", {{"headline", data->article.headline}, {"url", ArticlePath(asked->article)}}},
      {"comments", CommentBlockView(site, asked->article, *comments, best, form, *open)},
      {"sorts", std::move(sorts)},
      {"pagination", PaginationView(SortUrl(asked->article, asked->sort), asked->page,
                                    comments->top_level, kCommentsPerPage)}};
  PageMeta meta;
  meta.title = site.deps.renderer->Label("comments") + " - " + data->article.headline;
  meta.section_slug = data->article.section.slug;
  http::Response response =
      RenderPage(site, page, "site/comments", std::move(view), std::move(meta), status);
  response.cache_control = "no-store";
  return response;
}

http::Response CommentsPage(const SiteContext& site, const http::Request& request,
                            const PageRequest& page) {
  // After a post the word filter held: the writer is told it awaits review.
  CommentForm form;
  if (request.Query("held")) form.notice = site.deps.renderer->Label("comments_held");
  return RenderCommentsPage(site, request, page, std::move(form), 200);
}

http::Response ApiComments(const SiteContext& site, const http::Request& request,
                           const PageRequest& page) {
  const Result<CommentsRequest> asked = ParseCommentsRequest(site, request);
  if (!asked) return JsonError(site, asked.error());
  const Result<ArticleData> data =
      LoadArticle(*site.deps.store.catalog, asked->article, site.deps.clock->Now());
  if (!data) return JsonError(site, data.error());
  const Result<CommentsOpen> open = ArticleCommentsOpen(
      site, asked->article, data->article.registered_at, site.deps.clock->Now());
  if (!open) return JsonError(site, open.error());
  if (*open == CommentsOpen::kOff) {
    return JsonError(site, Error{ErrorCode::kNotFound, "comments are off for this article"});
  }
  const Result<store::CommentPage> comments = site.deps.store.comments->ArticleComments(
      asked->article, asked->sort, store::Page{asked->page, kCommentsPerPage});
  if (!comments) return JsonError(site, comments.error());

  auto item = [](const store::Comment& comment) {
    return nlohmann::ordered_json{{"id", comment.id},
                                  {"author", comment.nickname},
                                  {"body", comment.body},
                                  {"created_at", FormatIso8601Kst(comment.created_at)},
                                  {"recommends", comment.recommends},
                                  {"not_recommends", comment.not_recommends}};
  };
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const store::CommentThread& thread : comments->items) {
    nlohmann::ordered_json entry = item(thread.comment);
    nlohmann::ordered_json replies = nlohmann::ordered_json::array();
    for (const store::Comment& reply : thread.replies) {
      nlohmann::ordered_json reply_entry = item(reply);
      reply_entry["replies"] = nlohmann::ordered_json::array();
      replies.push_back(std::move(reply_entry));
    }
    entry["replies"] = std::move(replies);
    items.push_back(std::move(entry));
  }
  http::Response response =
      JsonResponse(nlohmann::ordered_json{{"total", comments->total}, {"items", std::move(items)}});
  response.cache_control = "no-cache";
  return response;
}

}  // namespace sinmun::site
