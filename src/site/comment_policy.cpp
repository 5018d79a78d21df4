// Whether an article takes comments (issue #16): the site's switch, the article's own setting
// (newsroom article form), else the site's default of [comments] close_after_days.

#include "site/comments.hpp"

namespace sinmun::site {

constexpr Timestamp kCommentDaySeconds = 24 * 3600;

Result<CommentsOpen> ArticleCommentsOpen(const SiteContext& site, store::ArticleId article,
                                         Timestamp registered_at, Timestamp now) {
  if (!site.deps.config.comments_enabled || site.deps.store.comments == nullptr) {
    return CommentsOpen::kOff;
  }
  store::CommentSetting setting;
  if (const int days = site.deps.config.comment_close_after_days; days > 0) {
    setting = {.policy = store::CommentPolicy::kCloses, .close_days = days};
  }
  Result<store::CommentSetting> own = site.deps.store.comments->CommentSettingOf(article);
  if (own) {
    setting = *own;
  } else if (own.error().code != ErrorCode::kNotFound) {
    return tl::unexpected(own.error());
  }
  switch (setting.policy) {
    case store::CommentPolicy::kOff:
      return CommentsOpen::kOff;
    case store::CommentPolicy::kCloses:
      if (now >= registered_at + setting.close_days * kCommentDaySeconds)
        return CommentsOpen::kClosed;
      return CommentsOpen::kOpen;
    case store::CommentPolicy::kOpen:
      break;
  }
  return CommentsOpen::kOpen;
}

}  // namespace sinmun::site
