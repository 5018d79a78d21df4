#pragma once
// Private to site/: reader comments (issue #16). The comment block of the article page, the
// comment pages (/article/{id}/comments), their JSON, and what readers post.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "site/context.hpp"
#include "site/holed_html.hpp"
#include "store/comment_book.hpp"

namespace sinmun::site {

struct CommentPart;  // site/comment_part.hpp

inline constexpr int kCommentsPerPage = 20;
inline constexpr int kCommentsOnArticlePage = 5;
inline constexpr size_t kMaxCommentChars = 1000;
inline constexpr size_t kMaxNicknameChars = 20;

// Whether an article takes comments now.
enum class CommentsOpen {
  kOpen,
  kClosed,  // its comments are shown; no new ones (closed after N days, or by choice)
  kOff,     // none shown or taken (comments off for the article or the whole site)
};
// `article` (published at `registered_at`) at `now`: its own setting (store::CommentBook), or
// the site's default of [comments] close_after_days.
Result<CommentsOpen> ArticleCommentsOpen(const SiteContext& site, store::ArticleId article,
                                         Timestamp registered_at, Timestamp now);

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
  std::string notice;    // a note above the form (a comment held for review); "" when none
  // The newsroom's staff member writing: posts under their name with their role's badge,
  // without a nickname or password; nullopt for a guest.
  std::optional<store::User> staff;
};

// The staff member signed in to the newsroom who sent `request` (SiteDeps::comment_staff),
// or nullopt.
std::optional<store::User> CommentStaffOf(const SiteContext& site, const http::Request& request);

// BEST: `article`'s top comments by recommends plus replies ([comments] best_count,
// best_min_score), none while the article (published at `registered_at`) is younger than
// [comments] best_after_minutes at `now`. None, too, when they cannot be read: the comments
// are shown without them.
std::vector<store::Comment> ArticleBestComments(const SiteContext& site, store::ArticleId article,
                                                Timestamp registered_at, Timestamp now);

// The comment block's view: {"enabled", "count", "url", "sort", "threads": [...], "best":
// [...], "open", "closed", "off", "form": {...}}. `threads` are top-level comments with their
// replies, `best` the comments pinned above them with a badge (both none when kOff); the form
// (kOpen only) carries a fresh token, and for staff (form.staff) neither nickname nor
// password, and a delete button on their own comments.
nlohmann::json CommentBlockView(const SiteContext& site, store::ArticleId article,
                                const store::CommentPage& page,
                                const std::vector<store::Comment>& best, const CommentForm& form,
                                CommentsOpen open);

// The comment parts of an article no one has commented on, alike for every such article in one
// state (open or closed) but for its comments address and form token: rendered once per change
// to the paper and filled per article (SharedParts::empty_comment_blocks): most archive articles
// have no comments, and a view and a render each were 4.8 % of the news mix's CPU (issue #14).
struct EmptyCommentBlock {
  std::string count_html;  // partials/comment_count, as it reads for 0 comments
  HoledHtml block;         // partials/comment_block, holed for the comments address and token
};

// What the article page's view needs to place its comment holes (site/ad_splice.hpp):
// {"enabled", "article", "registered_at"}. The count and block themselves are its CommentPart.
nlohmann::json ArticleCommentHoles(const SiteContext& site, const store::Article& article);

// The article page's comment part (its count and newest comments), kept until the article's
// comments change. Null when comments are off or cannot be read: the page is served without
// them. `registered_at`: the article's, when the caller has it (its page's holes carry it);
// else a part made reads the article for it. `read`: a reader's request for a cached page (see
// CommentParts::Get); false for the first answer of the miss that made the part.
std::shared_ptr<const CommentPart> ArticleCommentPart(const SiteContext& site,
                                                      store::ArticleId article,
                                                      std::optional<Timestamp> registered_at,
                                                      bool read = true);
// Makes and keeps `article`'s comment part when it is not kept, from the article the caller has
// read: the page miss that placed its holes, so that filling them reads no article again
// (issue #14). Does nothing when parts are not kept (the page cache is off).
void MakeArticleCommentPartOf(const SiteContext& site, const store::Article& article);

// The comment page the request asks for, with `form` in its comment form (a refused post
// shown again) and `status`.
http::Response RenderCommentsPage(const SiteContext& site, const http::Request& request,
                                  const PageRequest& page, CommentForm form, int status);

// The visible comment count of each listed article: SummaryListView(summaries) with "comments"
// set on each item (null for none, or when comments are off or cannot be read: a list is
// served without them). List pages are cached, so a count trails by page_cache_seconds.
nlohmann::json ListViewWithComments(const SiteContext& site,
                                    const std::vector<store::ArticleSummary>& summaries);

// `article`'s comments changed: its article page's comment part is made again. The cached
// article page, like every other page, stays.
void ForgetCommentPart(const SiteContext& site, store::ArticleId article);

// True when `text` is valid UTF-8 without control characters other than tab and line breaks.
bool IsPlainText(std::string_view text);

}  // namespace sinmun::site
