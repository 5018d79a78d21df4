#pragma once
// Private to site/: reader comments (issue #16). The comment block of the article page, the
// comment pages (/article/{id}/comments), their JSON, and what readers post.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "site/context.hpp"
#include "store/comment_book.hpp"

namespace sinmun::site {

inline constexpr int kCommentsPerPage = 20;
inline constexpr int kCommentsOnArticlePage = 5;
inline constexpr size_t kMaxCommentChars = 1000;
inline constexpr size_t kMaxNicknameChars = 20;

// "/article/12/comments"
std::string CommentsPath(store::ArticleId id);

// What a reader typed into a comment form, kept as typed so that a refused form shows it.
struct CommentForm {
  std::string nickname;
  std::string password;
  std::string body;
  std::string parent;    // "" or the id of the comment replied to
  std::string honeypot;  // "website": hidden from people, filled in by form-spamming bots
  std::string token;     // "form_token"
  std::string error;     // shown above the form; "" when none
};

// The comment block's view: {"enabled", "count", "url", "sort", "threads": [...], "form":
// {...}}. `threads` are top-level comments with their replies; the form carries a fresh token.
nlohmann::json CommentBlockView(const SiteContext& site, store::ArticleId article,
                                const store::CommentPage& page, const CommentForm& form);

// The comment block the article page shows: its count and newest comments. An article
// whose comments cannot be read is shown without them ({"enabled": false}).
nlohmann::json ArticleCommentBlock(const SiteContext& site, store::ArticleId article);

// The comment page the request asks for, with `form` in its comment form (a refused post
// shown again) and `status`.
http::Response RenderCommentsPage(const SiteContext& site, const http::Request& request,
                                  const PageRequest& page, const CommentForm& form, int status);

// The visible comment count of each listed article: SummaryListView(summaries) with "comments"
// set on each item (null for none, or when comments are off or cannot be read: a list is
// served without them). List pages are cached, so a count trails by page_cache_seconds.
nlohmann::json ListViewWithComments(const SiteContext& site,
                                    const std::vector<store::ArticleSummary>& summaries);

// Drops the cached pages that show `article`'s comments: its article page in every view mode.
// A comment never makes any other page stale.
void ForgetCommentPages(const SiteContext& site, const http::Request& request,
                        store::ArticleId article);

// True when `text` is valid UTF-8 without control characters other than tab and line breaks.
bool IsPlainText(std::string_view text);

}  // namespace sinmun::site
