// Whether an article takes comments (issue #16): the site's switch, the article's own setting
// (newsroom article form), else the site's default: close_after_days as the newsroom's
// settings page saved it, or [comments] close_after_days.

#include "core/site_settings.hpp"
#include "site/comments.hpp"
#include "site/page_cache.hpp"

namespace sinmun::site {

constexpr Timestamp kCommentDaySeconds = 24 * 3600;

Result<CommentsOpen> ArticleCommentsOpen(const SiteContext& site, store::ArticleId article,
                                         Timestamp registered_at, Timestamp now) {
  if (!site.deps.config.comments_enabled || site.deps.store.comments == nullptr) {
    return CommentsOpen::kOff;
  }
  int days = site.deps.config.comment_close_after_days;
  // The settings as every page's layout reads them: once per change to the paper.
  if (Result<std::shared_ptr<const store::Settings>> stored = site.shared->settings.Get(
          site.cache->Generation(), [&] { return site.deps.store.catalog->SiteSettings(); })) {
    days = StoredSettingNumber(**stored, "comments.close_after_days").value_or(days);
  }
  store::CommentSetting setting;
  if (days > 0) {
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
