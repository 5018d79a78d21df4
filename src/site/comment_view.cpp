// The comment block's view model: the same for the article page and the comment pages.

#include "render/comment_text.hpp"
#include "site/comments.hpp"
#include "site/form_token.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

nlohmann::json CommentView(const store::Comment& comment, bool takes_replies) {
  const std::string id = std::to_string(comment.id);
  const bool staff = comment.author == store::CommentAuthor::kStaff;
  return {
      {"id", comment.id},
      {"anchor", "c" + id},
      {"nickname", comment.nickname},
      {"staff", staff},
      {"body_html", render::CommentBodyHtml(comment.body)},
      {"created", TimeView(comment.created_at)},
      {"edited", comment.edited_at.has_value()},
      {"recommends", comment.recommends},
      {"not_recommends", comment.not_recommends},
      {"vote_url", "/comment/" + id + "/vote"},
      {"report_url", "/comment/" + id + "/report"},
      {"edit_url", staff ? nlohmann::json(nullptr) : nlohmann::json("/comment/" + id + "/edit")},
      {"takes_replies", takes_replies},
      {"replies", nlohmann::json::array()}};
}

}  // namespace

std::string CommentsPath(store::ArticleId id) { return ArticlePath(id) + "/comments"; }

nlohmann::json CommentBlockView(const SiteContext& site, store::ArticleId article,
                                const store::CommentPage& page, const CommentForm& form) {
  nlohmann::json threads = nlohmann::json::array();
  for (const store::CommentThread& thread : page.items) {
    nlohmann::json view = CommentView(thread.comment, true);
    for (const store::Comment& reply : thread.replies) {
      view["replies"].push_back(CommentView(reply, false));
    }
    view["has_replies"] = !thread.replies.empty();
    threads.push_back(std::move(view));
  }
  const std::string token =
      site.deps.form_signer == nullptr
          ? ""
          : FormToken(*site.deps.form_signer, "comment-form", article, site.deps.clock->Now());
  return {{"enabled", true},
          {"count", page.total},
          {"url", CommentsPath(article)},
          {"has_threads", !threads.empty()},
          {"threads", std::move(threads)},
          {"form",
           {{"action", CommentsPath(article)},
            {"token", token},
            {"nickname", form.nickname},
            {"body", form.body},
            {"error", form.error},
            {"max_chars", kMaxCommentChars}}},
          {"script_url", site.deps.static_files->Url("js/comments.js")}};
}

nlohmann::json ArticleCommentBlock(const SiteContext& site, store::ArticleId article) {
  if (!site.deps.config.comments_enabled || site.deps.store.comments == nullptr) {
    return {{"enabled", false}};
  }
  const Result<store::CommentPage> page = site.deps.store.comments->ArticleComments(
      article, store::CommentSort::kLatest, store::Page{1, kCommentsOnArticlePage});
  if (!page) return {{"enabled", false}};
  nlohmann::json view = CommentBlockView(site, article, *page, CommentForm{});
  view["more"] = page->top_level > kCommentsOnArticlePage;
  return view;
}

nlohmann::json ListViewWithComments(const SiteContext& site,
                                    const std::vector<store::ArticleSummary>& summaries) {
  nlohmann::json items = SummaryListView(summaries);
  for (nlohmann::json& item : items) item["comments"] = nullptr;
  if (!site.deps.config.comments_enabled || site.deps.store.comments == nullptr) return items;
  std::vector<store::ArticleId> ids;
  for (const store::ArticleSummary& summary : summaries) ids.push_back(summary.id);
  const Result<std::vector<std::pair<store::ArticleId, std::int64_t>>> counts =
      site.deps.store.comments->CommentCounts(ids);
  if (!counts) return items;
  for (const auto& [id, count] : *counts) {
    for (nlohmann::json& item : items) {
      if (item["id"] == id && count > 0) item["comments"] = count;
    }
  }
  return items;
}

void ForgetCommentPages(const SiteContext& site, const http::Request& request,
                        store::ArticleId article) {
  const std::string origin = RequestOrigin(site.deps.config.base_url, request);
  for (ViewMode cached : {ViewMode::kAuto, ViewMode::kMobile, ViewMode::kPc}) {
    site.cache->Erase(PageCacheKey(ArticlePath(article), cached, origin));
  }
}

bool IsPlainText(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
      ++i;
      continue;
    }
    size_t length = 0;
    std::uint32_t code = 0;
    if ((c & 0xE0) == 0xC0) {
      length = 2, code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3, code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4, code = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      const unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace sinmun::site
