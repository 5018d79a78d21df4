// The comment block's view model: the same for the article page and the comment pages.

#include <spdlog/spdlog.h>

#include <array>
#include <optional>
#include <string_view>

#include "render/comment_text.hpp"
#include "render/view_object.hpp"
#include "site/ad_splice.hpp"
#include "site/comment_part.hpp"
#include "site/comments.hpp"
#include "site/form_token.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

// How comments are shown on one page.
struct CommentShown {
  store::UserId viewer = 0;   // the staff member it is made for, who may delete their own
  bool show_address = false;  // [comments] show_partial_address
};

// "211.234.*.*" or "2001:db8:*" of a stored prefix; "" for none.
std::string CommentPartialAddress(const std::string& prefix) {
  if (prefix.empty()) return "";
  return prefix + (prefix.find(':') == std::string::npos ? ".*.*" : ":*");
}

// `best`: the copy pinned above the list, whose element ids differ from the list's.
nlohmann::json CommentView(const store::Comment& comment, bool takes_replies, bool best,
                           const CommentShown& shown) {
  const std::string id = std::to_string(comment.id);
  const bool staff = comment.author == store::CommentAuthor::kStaff;
  const bool own = staff && shown.viewer != 0 && comment.user_id == shown.viewer;
  return {
      {"address",
       shown.show_address && !staff ? CommentPartialAddress(comment.address_prefix) : ""},
      {"id", comment.id},
      {"anchor", (best ? "best-c" : "c") + id},
      {"best", best},
      {"nickname", comment.nickname},
      {"staff", staff},
      {"desk", comment.badge == store::StaffBadge::kDesk},
      {"delete_url", own ? nlohmann::json("/comment/" + id + "/delete") : nlohmann::json(nullptr)},
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

std::vector<store::Comment> ArticleBestComments(const SiteContext& site, store::ArticleId article,
                                                Timestamp registered_at, Timestamp now) {
  const Config& config = site.deps.config;
  if (config.comment_best_count < 1 ||
      now - registered_at < config.comment_best_after_minutes * 60) {
    return {};
  }
  Result<std::vector<store::Comment>> best = site.deps.store.comments->BestComments(
      article, config.comment_best_min_score, config.comment_best_count);
  if (!best) {
    spdlog::warn("site: BEST comments of article {}: {}", article, best.error().detail);
    return {};
  }
  return std::move(*best);
}

nlohmann::json CommentBlockView(const SiteContext& site, store::ArticleId article,
                                const store::CommentPage& page,
                                const std::vector<store::Comment>& best, const CommentForm& form,
                                CommentsOpen open) {
  const CommentShown shown{.viewer = form.staff ? form.staff->id : 0,
                           .show_address = site.deps.config.comment_show_partial_address};
  nlohmann::json best_views = nlohmann::json::array();
  for (const store::Comment& comment : best) {
    if (open == CommentsOpen::kOff) break;
    best_views.push_back(CommentView(comment, false, true, shown));
  }
  nlohmann::json threads = nlohmann::json::array();
  for (const store::CommentThread& thread : page.items) {
    if (open == CommentsOpen::kOff) break;
    nlohmann::json view = CommentView(thread.comment, true, false, shown);
    for (const store::Comment& reply : thread.replies) {
      view["replies"].push_back(CommentView(reply, false, false, shown));
    }
    view["has_replies"] = !thread.replies.empty();
    threads.push_back(std::move(view));
  }
  const std::string token =
      site.deps.form_signer == nullptr
          ? ""
          : FormToken(*site.deps.form_signer, "comment-form", article, site.deps.clock->Now());
  return {
      {"enabled", true},
      {"open", open == CommentsOpen::kOpen},
      {"closed", open == CommentsOpen::kClosed},
      {"off", open == CommentsOpen::kOff},
      {"count", page.total},
      {"url", CommentsPath(article)},
      {"has_best", !best_views.empty()},
      {"best", std::move(best_views)},
      {"has_threads", !threads.empty()},
      {"threads", std::move(threads)},
      {"form",
       {{"action", CommentsPath(article)},
        {"token", token},
        {"nickname", form.nickname},
        {"body", form.body},
        {"error", form.error},
        {"notice", form.notice},
        {"staff", form.staff ? nlohmann::json{{"name", form.staff->name},
                                              {"desk", form.staff->role != store::Role::kReporter}}
                             : nlohmann::json(nullptr)},
        {"max_chars", kMaxCommentChars}}},
      {"script_url", site.deps.static_files->Url("js/comments.js")}};
}

std::optional<store::User> CommentStaffOf(const SiteContext& site, const http::Request& request) {
  if (!site.deps.comment_staff) return std::nullopt;
  return site.deps.comment_staff(request);
}

nlohmann::json ArticleCommentHoles(const SiteContext& site, const store::Article& article) {
  const bool enabled = site.deps.config.comments_enabled && site.deps.store.comments != nullptr;
  return render::ViewObject(
      {{"enabled", enabled}, {"article", article.id}, {"registered_at", article.registered_at}});
}

namespace {

// The article page's two comment parts ("댓글 N" and the block) of `view`, a CommentBlockView
// with "more" set, from one conversion of the view (issue #14).
Result<std::vector<std::string>> RenderArticleCommentParts(const SiteContext& site,
                                                           nlohmann::json view) {
  const nlohmann::json holder = {{"comments", std::move(view)}};
  constexpr std::array<std::string_view, 2> kParts = {"partials/comment_count",
                                                      "partials/comment_block"};
  return site.deps.renderer->RenderEach(kParts, holder);
}

// Where EmptyCommentBlock::block has its holes, as the markers rendered into them, and the
// index of each one's value in FillHoles.
constexpr std::array<std::string_view, 2> kEmptyBlockMarkers = {"sinmun-hole-comments-path",
                                                                "sinmun-hole-comment-form-token"};
constexpr std::size_t kPathHole = 0;
constexpr std::size_t kTokenHole = 1;

// The block as CommentBlockView shows an article without comments in state `open`, with markers
// where CommentsPath(article) and the form token go. REQUIRES: open is kOpen or kClosed.
Result<EmptyCommentBlock> MakeEmptyCommentBlock(const SiteContext& site, CommentsOpen open) {
  nlohmann::json view = CommentBlockView(site, 0, store::CommentPage{}, {}, CommentForm{}, open);
  view["more"] = false;
  view["url"] = kEmptyBlockMarkers[kPathHole];
  view["form"]["action"] = kEmptyBlockMarkers[kPathHole];
  view["form"]["token"] = kEmptyBlockMarkers[kTokenHole];
  Result<std::vector<std::string>> parts = RenderArticleCommentParts(site, std::move(view));
  if (!parts) return tl::unexpected(parts.error());
  return EmptyCommentBlock{.count_html = std::move((*parts)[0]),
                           .block = CutAtMarkers((*parts)[1], kEmptyBlockMarkers)};
}

// `part` filled for `article`, which has no comments, from the shared block; false when it
// cannot be (no token signer, a value the template would have escaped, the block not made),
// and the caller renders it whole.
bool FillEmptyCommentPart(const SiteContext& site, store::ArticleId article, CommentsOpen open,
                          CommentPart& part) {
  if (site.deps.form_signer == nullptr || site.shared == nullptr) return false;
  const std::string path = CommentsPath(article);
  const std::string token =
      FormToken(*site.deps.form_signer, "comment-form", article, site.deps.clock->Now());
  if (!HoleSafe(path) || !HoleSafe(token)) return false;
  const bool is_open = open == CommentsOpen::kOpen;
  const Result<std::shared_ptr<const EmptyCommentBlock>> shared =
      site.shared->empty_comment_blocks.Get(site.cache->Generation(), is_open ? "open" : "closed",
                                            [&] { return MakeEmptyCommentBlock(site, open); });
  if (!shared) return false;
  std::array<std::string_view, 2> values;
  values[kPathHole] = path;
  values[kTokenHole] = token;
  part.count.html = (*shared)->count_html;
  part.block.html = FillHoles((*shared)->block, values);
  return true;
}

// The part of the article page that shows `article`'s comments, as of now; null when it cannot
// be made.
// `registered_at`: the article's, when the caller has it (else the article is read for it).
std::shared_ptr<const CommentPart> MakeArticleCommentPart(const SiteContext& site,
                                                          store::ArticleId article,
                                                          std::optional<Timestamp> registered_at) {
  // Its reads from one snapshot: a part made for a cached page pays one read transaction for
  // them all. Inside the page's own scope (a miss), this one holds nothing.
  const store::ReadScope scope = site.deps.store.OpenReadScope();
  auto part = std::make_shared<CommentPart>();
  part->version = CommentParts::NextVersion();
  const Timestamp now = site.deps.clock->Now();
  if (!registered_at) {
    const Result<store::Article> published =
        site.deps.store.catalog->PublishedArticle(article, now);
    if (!published) return nullptr;  // the article is served without its comments meanwhile
    registered_at = published->registered_at;
  }
  const Result<CommentsOpen> open = ArticleCommentsOpen(site, article, *registered_at, now);
  if (!open) return nullptr;
  if (*open == CommentsOpen::kOff) return part;  // nothing shown
  const Result<store::CommentPage> page = site.deps.store.comments->ArticleComments(
      article, store::CommentSort::kLatest, store::Page{1, kCommentsOnArticlePage});
  if (!page) return nullptr;
  // The BEST comments are top-level ones: an article without any has none to read.
  const std::vector<store::Comment> best =
      page->top_level > 0 ? ArticleBestComments(site, article, *registered_at, now)
                          : std::vector<store::Comment>{};
  if (page->total == 0 && page->items.empty() && best.empty() &&
      FillEmptyCommentPart(site, article, *open, *part)) {
    return part;
  }
  nlohmann::json view = CommentBlockView(site, article, *page, best, CommentForm{}, *open);
  view["more"] = page->top_level > kCommentsOnArticlePage;
  Result<std::vector<std::string>> parts = RenderArticleCommentParts(site, std::move(view));
  if (!parts) {
    spdlog::error("site: comment part of article {}: {}", article, parts.error().detail);
    return nullptr;
  }
  part->count.html = std::move((*parts)[0]);
  part->block.html = std::move((*parts)[1]);
  return part;
}

}  // namespace

std::shared_ptr<const CommentPart> ArticleCommentPart(const SiteContext& site,
                                                      store::ArticleId article,
                                                      std::optional<Timestamp> registered_at,
                                                      bool read) {
  if (!site.deps.config.comments_enabled || site.deps.store.comments == nullptr) return nullptr;
  const auto make = [&site, article, registered_at] {
    return MakeArticleCommentPart(site, article, registered_at);
  };
  if (site.comment_parts == nullptr) return make();
  return site.comment_parts->Get(article, make, read);
}

void MakeArticleCommentPartOf(const SiteContext& site, const store::Article& article) {
  if (!site.deps.config.comments_enabled || site.deps.store.comments == nullptr ||
      site.comment_parts == nullptr || !site.comment_parts->Keeps()) {
    return;
  }
  site.comment_parts->Get(
      article.id, [&] { return MakeArticleCommentPart(site, article.id, article.registered_at); });
}

nlohmann::json ListViewWithComments(const SiteContext& site,
                                    const std::vector<store::ArticleSummary>& summaries) {
  nlohmann::json items = SummaryListView(*site.deps.renderer, summaries);
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

void ForgetCommentPart(const SiteContext& site, store::ArticleId article) {
  if (site.comment_parts != nullptr) site.comment_parts->Forget(article);
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
