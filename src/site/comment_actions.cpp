// What readers send about comments: a comment or a reply, 추천/비추천, 신고, a guest's edit
// or delete with the password, and a signed-in staff member's delete of their own comment.
// Every answer to a form is a 303 to the comment page, or the page again with the form as
// typed and what was wrong (4xx); nothing a reader sends gives a 5xx.

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/address_range.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "site/article_data.hpp"
#include "site/comment_password.hpp"
#include "site/comment_words.hpp"
#include "site/comments.hpp"
#include "site/form_token.hpp"
#include "site/pages.hpp"
#include "site/readers.hpp"
#include "site/views.hpp"

namespace sinmun::site {
namespace {

constexpr std::string_view kCommentFormPurpose = "comment-form";
constexpr size_t kMinPasswordBytes = 4;
constexpr size_t kMaxPasswordBytes = 64;
constexpr Timestamp kHour = 3600;

CommentForm ParseCommentForm(const http::Request& request) {
  CommentForm form;
  for (const auto& [key, value] : http::ParseQuery(request.body)) {
    if (key == "nickname")
      form.nickname = value;
    else if (key == "password")
      form.password = value;
    else if (key == "body")
      form.body = value;
    else if (key == "parent")
      form.parent = value;
    else if (key == "website")
      form.honeypot = value;
    else if (key == "form_token")
      form.token = value;
  }
  return form;
}

// The label key of what is wrong with a comment's body, or "" when nothing is.
std::string_view BodyProblem(std::string_view body) {
  if (!IsPlainText(body)) return "comments_error_text";
  if (body.empty()) return "comments_error_body";
  if (Utf8Length(body) > kMaxCommentChars) return "comments_error_too_long";
  return "";
}

std::string_view FormProblem(const CommentForm& form, std::string_view nickname,
                             std::string_view body) {
  if (form.staff) return BodyProblem(body);  // named by their account, no password
  if (!IsPlainText(form.nickname) || nickname.empty() || Utf8Length(nickname) > kMaxNicknameChars) {
    return "comments_error_nickname";
  }
  if (form.password.size() < kMinPasswordBytes || form.password.size() > kMaxPasswordBytes ||
      !IsPlainText(form.password)) {
    return "comments_error_password";
  }
  return BodyProblem(body);
}

// The start of `address` kept with a guest's comment: "211.234" of IPv4 (also when mapped into
// IPv6), "2001:db8" (the first two groups) of IPv6; "" when it is not an address.
std::string CommentAddressPrefix(const std::string& address) {
  std::array<unsigned char, 16> bytes{};
  if (inet_pton(AF_INET, address.c_str(), bytes.data()) == 1) {
    return fmt::format("{}.{}", bytes[0], bytes[1]);
  }
  if (inet_pton(AF_INET6, address.c_str(), bytes.data()) != 1) return "";
  constexpr std::array<unsigned char, 12> kMapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMapped.begin(), kMapped.end(), bytes.begin())) {
    return fmt::format("{}.{}", bytes[12], bytes[13]);
  }
  return fmt::format("{:x}:{:x}", bytes[0] << 8 | bytes[1], bytes[2] << 8 | bytes[3]);
}

bool WantsJson(const http::Request& request) {
  return request.Header("accept").find("application/json") != std::string::npos;
}

// The comment `request` names (/comment/{id}/…), checked to be one readers may act on: comments
// are on and it belongs to a published article.
Result<store::Comment> TargetComment(const SiteContext& site, const http::Request& request) {
  if (!site.deps.config.comments_enabled) return Fail(ErrorCode::kNotFound, "comments are off");
  if (site.deps.store.comments == nullptr || site.deps.counters == nullptr) {
    return Fail(ErrorCode::kUnavailable, "comments need a store and counters");
  }
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return Fail(ErrorCode::kNotFound, "bad comment id");
  Result<store::Comment> comment = site.deps.store.comments->CommentById(*id);
  if (!comment) return comment;
  const Result<ArticleData> article =
      LoadArticle(*site.deps.store.catalog, comment->article_id, site.deps.clock->Now());
  if (!article) return tl::unexpected(article.error());
  return comment;
}

// The keyed hash of `address` an address ban names: "a" and 24 hex digits of a MAC under the
// site's token key, so it stays the same across days and restarts (unlike the day's hash the
// rate limits use) and cannot be recomputed from an address without the server's key. The
// address is hashed in its IPv6 form, so ::ffff:211.234.10.20 is 211.234.10.20.
std::string CommentAddressHash(const ads::ClickSigner& signer, const std::string& address) {
  const std::optional<std::string> hex = AddressHex(address);
  return "a" + signer.Sign(0, "comment-address\n" + hex.value_or(address)).substr(0, 24);
}

// The ban in force that names this poster: their cookie, their address's hash, or a range
// their address falls in.
Result<std::optional<store::CommentBan>> CommentBanOf(const SiteContext& site,
                                                      const std::string& visitor_id,
                                                      const std::string& address_hash,
                                                      const std::string& address, Timestamp now) {
  if (site.deps.store.comment_bans == nullptr) return std::optional<store::CommentBan>();
  return site.deps.store.comment_bans->BanInForce(
      store::BanSubject{.visitor = visitor_id,
                        .address_hash = address_hash,
                        .address_hex = AddressHex(address).value_or("")},
      now);
}

// What a banned poster reads: that they may not comment, and until when.
std::string CommentBanMessage(const render::Renderer& labels, const store::CommentBan& ban) {
  return fmt::format("{} {}", labels.Label("comments_error_banned"),
                     ban.expires_at ? fmt::format("{} {}", labels.Label("comments_banned_until"),
                                                  FormatKst(*ban.expires_at))
                                    : labels.Label("comments_banned_permanent"));
}

http::Response BackToComment(store::ArticleId article, store::CommentId comment) {
  http::Response response =
      http::Redirect(fmt::format("{}#c{}", CommentsPath(article), comment), 303);
  response.cache_control = "no-store";
  return response;
}

}  // namespace

http::Response PostComment(const SiteContext& site, const http::Request& request,
                           const PageRequest& page) {
  const Timestamp now = site.deps.clock->Now();
  const render::Renderer& labels = *site.deps.renderer;
  const Result<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return ErrorResponse(site, Error{ErrorCode::kNotFound, "bad id"}, page.view_mode);
  if (!site.deps.config.comments_enabled) {
    return ErrorResponse(site, Error{ErrorCode::kNotFound, "comments are off"}, page.view_mode);
  }
  if (site.deps.store.comments == nullptr || site.deps.counters == nullptr ||
      site.deps.form_signer == nullptr) {
    return ErrorResponse(site, Error{ErrorCode::kUnavailable, "comments are not wired"},
                         page.view_mode);
  }
  if (!IsSameOrigin(site, request)) {
    return ErrorResponse(site, Error{ErrorCode::kForbidden, "comment from elsewhere"},
                         page.view_mode);
  }
  const Result<ArticleData> data = LoadArticle(*site.deps.store.catalog, *id, now);
  if (!data) return ErrorResponse(site, data.error(), page.view_mode);

  CommentForm form = ParseCommentForm(request);
  // A filled honeypot is a bot: it is sent back to the page and nothing is stored.
  if (!form.honeypot.empty() || IsBotRequest(site, request)) {
    return http::Redirect(CommentsPath(*id), 303);
  }
  form.staff = CommentStaffOf(site, request);
  const std::string nickname = form.staff ? form.staff->name : TrimSpace(form.nickname);
  const std::string body = TrimSpace(form.body);
  std::optional<store::CommentId> parent;
  if (!form.parent.empty()) {
    const Result<std::int64_t> parent_id = ParseId(form.parent);
    if (!parent_id) {
      return ErrorResponse(site, Error{ErrorCode::kInvalidInput, "bad parent"}, page.view_mode);
    }
    parent = *parent_id;
  }
  // A refusal is the comment page again with the form as typed, or for a client that asks
  // for JSON, {"error": {"status", "message"}}.
  auto refuse_with = [&](std::string message, int status) {
    if (WantsJson(request)) {
      http::Response response = JsonResponse(
          nlohmann::ordered_json{{"error", {{"status", status}, {"message", message}}}}, status);
      response.cache_control = "no-store";
      return response;
    }
    form.password.clear();
    form.error = std::move(message);
    return RenderCommentsPage(site, request, page, form, status);
  };
  auto refuse = [&](std::string_view label, int status) {
    return refuse_with(labels.Label(label), status);
  };
  // A closed article or one without comments refuses before anything else is looked at.
  const Result<CommentsOpen> open =
      ArticleCommentsOpen(site, *id, data->article.registered_at, now);
  if (!open) return ErrorResponse(site, open.error(), page.view_mode);
  if (*open == CommentsOpen::kClosed) return refuse("comments_error_closed", 403);
  if (*open == CommentsOpen::kOff) return refuse("comments_error_off", 403);
  if (const std::string_view problem = FormProblem(form, nickname, body); !problem.empty()) {
    return refuse(problem, problem == "comments_error_too_long" ? 413 : 400);
  }
  if (CheckFormToken(*site.deps.form_signer, kCommentFormPurpose, *id, form.token, now,
                     site.deps.config.mail_min_fill_seconds) != TokenCheck::kGood) {
    return refuse("comments_error_form_token", 400);
  }

  // A reader without the visitor cookie gets it with this answer, and the comment keeps the id
  // that cookie gives, so that a ban of the visitor holds for their next comment.
  const counters::Visitor visitor = IdentifyVisitor(site, request);
  const std::string visitor_id =
      visitor.hashed ? counters::Visitor{.key = visitor.cookie_key}.Id() : visitor.Id();
  const std::string address_hash =
      form.staff ? "" : CommentAddressHash(*site.deps.form_signer, request.remote_address);
  if (!form.staff) {
    const Result<std::optional<store::CommentBan>> ban =
        CommentBanOf(site, visitor_id, address_hash, request.remote_address, now);
    if (!ban) return ErrorResponse(site, ban.error(), page.view_mode);
    if (*ban) return refuse_with(CommentBanMessage(labels, **ban), 403);
  }

  // Rate limits go by the day's hash of the address alone (a cookie is easy to drop).
  const std::string client =
      site.deps.counters->visitors().Identify(std::nullopt, request.remote_address, "", now).Id();
  const int interval = site.deps.config.comment_min_interval_seconds;
  const int per_hour = site.deps.config.comment_per_hour;  // 0: no hourly limit
  const Result<store::CommentActivity> activity = site.deps.store.comments->CommentActivityOf(
      client, *id, body, interval > 0 ? now - interval + 1 : now + 1, now - kHour,
      std::max(per_hour, 1));
  if (!activity) return ErrorResponse(site, activity.error(), page.view_mode);
  if (activity->same_text) return refuse("comments_error_same_text", 409);
  if ((interval > 0 && activity->since_short > 0) ||
      (per_hour > 0 && activity->since_long >= per_hour)) {
    return refuse("comments_error_rate", 429);
  }

  // Banned words, in the nickname or the body (staff are not filtered): refused with the text
  // kept, or stored held for a moderator.
  store::CommentState state = store::CommentState::kVisible;
  if (!form.staff) {
    const CommentWordFilter words = CommentWordFilterOf(site);
    if (const std::optional<std::string> word =
            FindBannedWord(words.words, nickname + "\n" + body)) {
      if (words.action == BannedWordAction::kRefuse) {
        return refuse_with(fmt::format("{} {}", labels.Label("comments_error_banned_word"), *word),
                           400);
      }
      state = store::CommentState::kHeld;
    }
  }

  store::NewComment comment{.article_id = *id,
                            .parent_id = parent,
                            .nickname = nickname,
                            .body = body,
                            .state = state,
                            .client = client,
                            .visitor = visitor_id,
                            .address_hash = address_hash,
                            .created_at = now};
  if (form.staff) {
    comment.author = store::CommentAuthor::kStaff;
    comment.user_id = form.staff->id;
    comment.badge = form.staff->role == store::Role::kReporter ? store::StaffBadge::kReporter
                                                               : store::StaffBadge::kDesk;
  } else {
    comment.address_prefix = CommentAddressPrefix(request.remote_address);
    Result<std::string> password_hash = HashCommentPassword(*site.deps.form_signer, form.password);
    if (!password_hash) return ErrorResponse(site, password_hash.error(), page.view_mode);
    comment.password_hash = std::move(*password_hash);
  }
  const Result<store::CommentId> posted = site.deps.store.comments->PostComment(comment);
  if (!posted) {
    if (posted.error().code == ErrorCode::kInvalidInput)
      return refuse("comments_error_parent", 400);
    return ErrorResponse(site, posted.error(), page.view_mode);
  }
  http::Response response = http::Redirect(CommentsPath(*id) + "?held=1#comments", 303);
  if (state == store::CommentState::kVisible) {
    ForgetCommentPart(site, *id);
    response = BackToComment(*id, *posted);
  }
  response.cache_control = "no-store";
  RememberVisitor(visitor, response);
  return response;
}

// A public counter: like the article recommend, no token, but only from our own pages.
http::Response VoteComment(const SiteContext& site, const http::Request& request) {
  const ViewMode mode = ViewModeOf(request);
  auto fail = [&](const Error& error) {
    return WantsJson(request) ? JsonError(site, error) : ErrorResponse(site, error, mode);
  };
  if (!IsSameOrigin(site, request) || IsBotRequest(site, request)) {
    return fail(Error{ErrorCode::kForbidden, "vote from another site or a bot"});
  }
  const Result<store::Comment> comment = TargetComment(site, request);
  if (!comment) return fail(comment.error());
  std::optional<bool> up;
  for (const auto& [key, value] : http::ParseQuery(request.body)) {
    if (key == "vote" && value == "up") up = true;
    if (key == "vote" && value == "down") up = false;
  }
  if (!up) return fail(Error{ErrorCode::kInvalidInput, "vote=up or vote=down"});
  const counters::Visitor visitor = IdentifyVisitor(site, request);
  const Result<store::CommentVoteResult> result =
      site.deps.store.comments->VoteComment(comment->id, visitor.Id(), *up, site.deps.clock->Now());
  if (!result) return fail(result.error());
  if (result->counted) ForgetCommentPart(site, comment->article_id);
  http::Response response =
      WantsJson(request)
          ? JsonResponse(nlohmann::ordered_json{{"recommends", result->recommends},
                                                {"not_recommends", result->not_recommends},
                                                {"counted", result->counted}})
          : BackToComment(comment->article_id, comment->id);
  response.cache_control = "no-store";
  RememberVisitor(visitor, response);
  return response;
}

http::Response ReportComment(const SiteContext& site, const http::Request& request) {
  const ViewMode mode = ViewModeOf(request);
  if (!IsSameOrigin(site, request) || IsBotRequest(site, request)) {
    return ErrorResponse(site, Error{ErrorCode::kForbidden, "report from elsewhere"}, mode);
  }
  const Result<store::Comment> comment = TargetComment(site, request);
  if (!comment) return ErrorResponse(site, comment.error(), mode);
  std::optional<store::ReportReason> reason;
  for (const auto& [key, value] : http::ParseQuery(request.body)) {
    if (key == "reason") reason = store::ParseReportReason(value);
  }
  if (!reason) return ErrorResponse(site, Error{ErrorCode::kInvalidInput, "bad reason"}, mode);
  const counters::Visitor visitor = IdentifyVisitor(site, request);
  const Result<store::CommentReportResult> result = site.deps.store.comments->ReportComment(
      comment->id, visitor.Id(), *reason, site.deps.config.comment_hide_after_reports,
      site.deps.clock->Now());
  if (!result) return ErrorResponse(site, result.error(), mode);
  if (result->hidden) ForgetCommentPart(site, comment->article_id);
  http::Response response = BackToComment(comment->article_id, comment->id);
  RememberVisitor(visitor, response);
  return response;
}

// A staff member's own comment, deleted while they are signed in (no password: their session
// is their proof).
http::Response DeleteStaffComment(const SiteContext& site, const http::Request& request) {
  const ViewMode mode = ViewModeOf(request);
  if (!IsSameOrigin(site, request)) {
    return ErrorResponse(site, Error{ErrorCode::kForbidden, "delete from elsewhere"}, mode);
  }
  const Result<store::Comment> comment = TargetComment(site, request);
  if (!comment || comment->state != store::CommentState::kVisible ||
      comment->author != store::CommentAuthor::kStaff) {
    return ErrorResponse(
        site,
        comment ? Error{ErrorCode::kNotFound, "not a visible staff comment"} : comment.error(),
        mode);
  }
  const std::optional<store::User> staff = CommentStaffOf(site, request);
  if (!staff || comment->user_id != staff->id) {
    return ErrorResponse(site, Error{ErrorCode::kForbidden, "not the writer's session"}, mode);
  }
  const Result<store::Comment> done =
      site.deps.store.comments->SetCommentState(comment->id, store::CommentState::kDeleted);
  if (!done) return ErrorResponse(site, done.error(), mode);
  ForgetCommentPart(site, comment->article_id);
  http::Response response = http::Redirect(CommentsPath(comment->article_id), 303);
  response.cache_control = "no-store";
  return response;
}

http::Response EditCommentPage(const SiteContext& site, const http::Request& request,
                               const PageRequest& page) {
  const render::Renderer& labels = *site.deps.renderer;
  const Result<store::Comment> comment = TargetComment(site, request);
  if (!comment || comment->state != store::CommentState::kVisible ||
      comment->author != store::CommentAuthor::kGuest) {
    return ErrorResponse(
        site, comment ? Error{ErrorCode::kNotFound, "not a guest's comment"} : comment.error(),
        page.view_mode);
  }
  std::string body = comment->body;
  std::string error;
  int status = 200;
  if (request.method == http::Method::kPost) {
    if (!IsSameOrigin(site, request)) {
      return ErrorResponse(site, Error{ErrorCode::kForbidden, "edit from elsewhere"},
                           page.view_mode);
    }
    // The key that peppers guests' passwords (comment_password.hpp).
    if (site.deps.form_signer == nullptr) {
      return ErrorResponse(site, Error{ErrorCode::kUnavailable, "comments are not wired"},
                           page.view_mode);
    }
    std::string password;
    bool remove = false;
    for (const auto& [key, value] : http::ParseQuery(request.body)) {
      if (key == "password") password = value;
      if (key == "body") body = value;
      if (key == "action" && value == "delete") remove = true;
    }
    const std::string trimmed = TrimSpace(body);
    const std::string_view problem = remove ? "" : BodyProblem(trimmed);
    if (!problem.empty()) {
      error = labels.Label(problem);
      status = problem == "comments_error_too_long" ? 413 : 400;
    } else if (!VerifyCommentPassword(*site.deps.form_signer, comment->password_hash, password)) {
      error = labels.Label("comments_error_wrong_password");
      status = 403;
    } else if (const std::optional<std::string> word =
                   remove ? std::nullopt
                          : FindBannedWord(CommentWordFilterOf(site).words, trimmed)) {
      // An edit cannot be held (the comment is up already): a banned word refuses it.
      error = fmt::format("{} {}", labels.Label("comments_error_banned_word"), *word);
      status = 400;
    } else {
      const Result<> done =
          remove
              ? site.deps.store.comments
                    ->SetCommentState(comment->id, store::CommentState::kDeleted)
                    .map([](const store::Comment&) {})
              : site.deps.store.comments->EditComment(comment->id, trimmed, site.deps.clock->Now());
      if (!done) return ErrorResponse(site, done.error(), page.view_mode);
      ForgetCommentPart(site, comment->article_id);
      if (remove) return http::Redirect(CommentsPath(comment->article_id), 303);
      return BackToComment(comment->article_id, comment->id);
    }
  }
  nlohmann::json view = {
      {"comment",
       {{"nickname", comment->nickname},
        {"body", body},
        {"action", fmt::format("/comment/{}/edit", comment->id)},
        {"back_url", fmt::format("{}#c{}", CommentsPath(comment->article_id), comment->id)},
        {"max_chars", kMaxCommentChars}}},
      {"error", error}};
  PageMeta meta;
  meta.title = labels.Label("comments_edit_title");
  http::Response response =
      RenderPage(site, page, "site/comment_edit", std::move(view), std::move(meta), status);
  response.cache_control = "no-store";
  return response;
}

}  // namespace sinmun::site
