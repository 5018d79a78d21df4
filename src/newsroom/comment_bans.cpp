// Comment bans (issue #16): from a comment in the moderation queue a moderator bans its
// visitor (their cookie) or its address (the keyed hash kept with the comment), or on the
// bans page an address range (CIDR), for 1, 7 or 30 days or for good; the bans page lists
// them and lifts one. The site refuses a banned poster (site/comment_actions.cpp). Every
// action is in the audit log.

#include "store/comment_bans.hpp"

#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>

#include "core/address_range.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "newsroom/admin_pages.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"
#include "render/comment_text.hpp"
#include "store/comment_book.hpp"

namespace sinmun::newsroom {
namespace {

constexpr int kBansPageSize = 50;
constexpr std::size_t kMaxBanReasonChars = 200;
constexpr Timestamp kBanDaySeconds = 24 * 3600;
// The durations a ban may have, in days; 0 is permanent.
constexpr std::array<int, 4> kBanDays = {1, 7, 30, 0};

nlohmann::json BanDurationOptions(const NewsroomContext& context, int chosen) {
  nlohmann::json options = nlohmann::json::array();
  for (const int days : kBanDays) {
    options.push_back(
        {{"value", days},
         {"label", days == 0 ? Label(context, "bans_permanent")
                             : fmt::format("{}{}", days, Label(context, "bans_days"))},
         {"selected", days == chosen}});
  }
  return options;
}

// "ban_days" as one of kBanDays.
std::optional<int> BanDaysOf(const http::Request& request) {
  const std::string text = request.Form("days").value_or("");
  for (const int days : kBanDays) {
    if (text == std::to_string(days)) return days;
  }
  return std::nullopt;
}

struct BanFormInput {
  int days = 7;
  std::string reason;
  std::string range;
  std::string error;  // a label key; "" when none
};

http::Response RenderBansPage(const NewsroomContext& context, const http::Request& request,
                              const Staff& staff, const BanFormInput& form, int status) {
  const bool all = request.Query("all").has_value();
  const std::optional<std::int64_t> page_number = ListPageNumber(request, 1);
  if (!page_number) return NewsroomError(context, 400);
  const Timestamp now = context.deps.clock->Now();
  const Result<store::CommentBanPage> bans = context.deps.store.comment_bans->CommentBansList(
      !all, now, store::Page{.number = *page_number, .size = kBansPageSize});
  if (!bans) return NewsroomErrorFor(context, bans.error());
  nlohmann::json items = nlohmann::json::array();
  for (const store::CommentBan& ban : bans->items) {
    const bool expired = ban.expires_at && *ban.expires_at <= now;
    const std::string_view state = ban.lifted_at ? "lifted" : expired ? "expired" : "in_force";
    items.push_back(
        {{"id", ban.id},
         {"kind", Label(context, fmt::format("bans_kind_{}", store::BanKindName(ban.kind)))},
         {"target", ban.target},
         {"reason", ban.reason},
         {"created", FormatKst(ban.created_at)},
         {"expires",
          ban.expires_at ? FormatKst(*ban.expires_at) : Label(context, "bans_permanent")},
         {"state", Label(context, fmt::format("bans_state_{}", state))},
         {"liftable", !ban.lifted_at.has_value()}});
  }
  nlohmann::json view = {{"items", std::move(items)},
                         {"has_items", !bans->items.empty()},
                         {"total", bans->total},
                         {"all", all},
                         {"durations", BanDurationOptions(context, form.days)},
                         {"reason", form.reason},
                         {"range", form.range},
                         {"done", request.Query("done").has_value()}};
  if (!form.error.empty()) view["error"] = Label(context, form.error);
  const std::string base = all ? "/newsroom/comments/bans?all=1&" : "/newsroom/comments/bans?";
  if (*page_number > 1) view["newer_url"] = fmt::format("{}page={}", base, *page_number - 1);
  if (*page_number * kBansPageSize < bans->total) {
    view["older_url"] = fmt::format("{}page={}", base, *page_number + 1);
  }
  return RenderNewsroomPage(context, staff, "newsroom/comment_bans", std::move(view),
                            Label(context, "bans_title"), status);
}

}  // namespace

http::Response CommentBansPage(const NewsroomContext& context, const http::Request& request,
                               const Staff& staff) {
  if (context.deps.store.comment_bans == nullptr) return NewsroomError(context, 503);
  return RenderBansPage(context, request, staff, BanFormInput{}, 200);
}

http::Response NewCommentBanPage(const NewsroomContext& context, const http::Request& request,
                                 const Staff& staff) {
  if (context.deps.store.comment_bans == nullptr || context.deps.store.comments == nullptr) {
    return NewsroomError(context, 503);
  }
  const std::optional<std::int64_t> id = ParseId(request.Query("comment").value_or(""));
  if (!id) return NewsroomError(context, 400);
  const Result<store::Comment> comment = context.deps.store.comments->CommentById(*id);
  if (!comment) return NewsroomErrorFor(context, comment.error());
  nlohmann::json view = {{"id", comment->id},
                         {"nickname", comment->nickname},
                         {"body_html", render::CommentBodyHtml(comment->body)},
                         {"created", FormatKst(comment->created_at)},
                         {"article_id", comment->article_id},
                         {"has_visitor", !comment->visitor.empty()},
                         {"has_address", !comment->address_hash.empty()},
                         {"bannable", !comment->visitor.empty() || !comment->address_hash.empty()},
                         {"durations", BanDurationOptions(context, 7)}};
  return RenderNewsroomPage(context, staff, "newsroom/comment_ban_new", std::move(view),
                            Label(context, "bans_new_title"));
}

http::Response AddCommentBan(const NewsroomContext& context, const http::Request& request,
                             const Staff& staff) {
  if (context.deps.store.comment_bans == nullptr || context.deps.store.comments == nullptr) {
    return NewsroomError(context, 503);
  }
  const Timestamp now = context.deps.clock->Now();
  const std::optional<store::BanKind> kind = store::ParseBanKind(request.Form("kind").value_or(""));
  const std::optional<int> days = BanDaysOf(request);
  BanFormInput form{.days = days.value_or(7),
                    .reason = TrimSpace(request.Form("reason").value_or("")),
                    .range = TrimSpace(request.Form("range").value_or("")),
                    .error = ""};
  if (!kind || !days || Utf8Length(form.reason) > kMaxBanReasonChars) {
    return NewsroomError(context, 400);
  }
  store::NewCommentBan ban{
      .kind = *kind, .reason = form.reason, .created_by = staff.user_id, .created_at = now};
  if (*days > 0) ban.expires_at = now + *days * kBanDaySeconds;
  std::string detail;
  if (*kind == store::BanKind::kRange) {
    const std::optional<AddressRange> range = ParseAddressRange(form.range);
    if (!range) {
      form.error = "bans_error_range";
      return RenderBansPage(context, request, staff, form, 400);
    }
    ban.target = range->text;
    ban.range_low = range->low;
    ban.range_high = range->high;
    detail = range->text;
  } else {
    // A visitor or address ban names a comment; its cookie id or address hash is taken from
    // the stored comment, never from the form.
    const std::optional<std::int64_t> id = ParseId(request.Form("comment").value_or(""));
    if (!id) return NewsroomError(context, 400);
    const Result<store::Comment> comment = context.deps.store.comments->CommentById(*id);
    if (!comment) return NewsroomErrorFor(context, comment.error());
    ban.target = *kind == store::BanKind::kVisitor ? comment->visitor : comment->address_hash;
    if (ban.target.empty()) return NewsroomError(context, 409);  // from before bans
    detail = fmt::format("comment {}", comment->id);
  }
  const Result<store::CommentBanId> id = context.deps.store.comment_bans->PutCommentBan(ban);
  if (!id) return NewsroomErrorFor(context, id.error());
  RecordAudit(context, staff, request, fmt::format("comment_ban_{}", store::BanKindName(*kind)),
              fmt::format("comment_ban:{}", *id),
              fmt::format("{}, {}", detail,
                          *days == 0 ? std::string("permanent") : fmt::format("{} days", *days)));
  return SeeOther("/newsroom/comments/bans?done=1");
}

http::Response LiftCommentBan(const NewsroomContext& context, const http::Request& request,
                              const Staff& staff) {
  if (context.deps.store.comment_bans == nullptr) return NewsroomError(context, 503);
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const Result<store::CommentBan> lifted = context.deps.store.comment_bans->LiftCommentBan(
      *id, staff.user_id, context.deps.clock->Now());
  if (!lifted) return NewsroomErrorFor(context, lifted.error());
  RecordAudit(context, staff, request, "comment_ban_lift", fmt::format("comment_ban:{}", *id),
              fmt::format("{} {}", store::BanKindName(lifted->kind),
                          lifted->kind == store::BanKind::kRange ? lifted->target : ""));
  return SeeOther("/newsroom/comments/bans?done=1");
}

}  // namespace sinmun::newsroom
