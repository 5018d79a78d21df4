// The newsroom's inbox of news tips and reader submissions (제보함, issue #18): the list by
// state and kind, one tip with its files and history, handing it to a member of staff,
// notes, the reply the tipster sees, its moves (received -> reviewing -> used or declined),
// and a submission made into a draft bylined 독자. Every step is in the tip's history and
// the audit log. The tipster sees the state and the reply on the status page, and one who
// gave an e-mail address gets a mail through the outbox at each move.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <utility>
#include <variant>

#include "core/text.hpp"
#include "core/time.hpp"
#include "http/encoding.hpp"
#include "mail/reader_mail.hpp"
#include "newsroom/admin_pages.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"
#include "newsroom/reader_files.hpp"
#include "store/tips.hpp"

namespace sinmun::newsroom {
namespace {

constexpr int kTipPageSize = 50;
constexpr std::size_t kMaxTipNoteChars = 2'000;

std::string TipPath(store::TipId id) { return fmt::format("/newsroom/tips/{}", id); }

std::string TipStateLabel(const NewsroomContext& context, store::TipState state) {
  return Label(context, "tip_state_" + std::string(store::TipStateName(state)));
}

nlohmann::json TipRow(const NewsroomContext& context, const store::Tip& tip) {
  return {{"id", tip.id},
          {"url", TipPath(tip.id)},
          {"title", tip.title},
          {"kind", Label(context, "tip_kind_" + std::string(store::TipKindName(tip.kind)))},
          {"state", store::TipStateName(tip.state)},
          {"state_label", TipStateLabel(context, tip.state)},
          {"sender", tip.anonymous ? Label(context, "tip_anonymous") : tip.name},
          {"anonymous", tip.anonymous},
          {"assignee", tip.assignee_name},
          {"files", tip.files},
          {"received", FormatKst(tip.received_at)}};
}

std::string TipsUrl(std::string_view state, std::string_view kind, std::int64_t page) {
  std::string query;
  const auto add = [&](std::string_view key, std::string_view value) {
    query += fmt::format("{}{}={}", query.empty() ? "?" : "&", key, value);
  };
  if (!state.empty()) add("state", state);
  if (!kind.empty()) add("kind", kind);
  if (page > 1) add("page", std::to_string(page));
  return "/newsroom/tips" + query;
}

// A tip file's download name: the tip, its place, and an extension from its sniffed type.
std::string TipFileName(store::TipId id, std::int64_t n, std::string_view media_type) {
  static constexpr std::pair<std::string_view, std::string_view> kExtensions[] = {
      {"image/jpeg", "jpg"},          {"image/png", "png"},       {"image/webp", "webp"},
      {"video/mp4", "mp4"},           {"video/quicktime", "mov"}, {"video/webm", "webm"},
      {"video/x-matroska", "mkv"},    {"application/pdf", "pdf"}, {"application/x-hwp", "hwp"},
      {"application/hwp+zip", "hwpx"}};
  for (const auto& [type, extension] : kExtensions) {
    if (type == media_type) return fmt::format("tip-{}-{}.{}", id, n, extension);
  }
  return fmt::format("tip-{}-{}", id, n);
}

// The tip of the route's {id}, or the error page to answer.
std::variant<store::Tip, http::Response> TipOfRoute(const NewsroomContext& context,
                                                    const http::Request& request) {
  if (context.deps.store.tips == nullptr) return NewsroomError(context, 503);
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  Result<store::Tip> tip = context.deps.store.tips->TipById(*id);
  if (!tip) return NewsroomErrorFor(context, tip.error());
  return std::move(*tip);
}

// The tipster's mail for the state `tip` has reached, through the outbox, when they gave an
// e-mail address. A mail that cannot be queued is logged, not returned: the move it tells of
// has happened.
void MailTipster(const NewsroomContext& context, const store::Tip& tip, Timestamp now) {
  if (context.deps.store.outbox == nullptr || !mail::IsPlausibleAddress(tip.contact)) return;
  Result<std::string> message = mail::ComposeTipMail(
      *context.deps.renderer,
      {.paper_name = context.deps.config.paper.name,
       .tip_id = tip.id,
       .kind = std::string(store::TipKindName(tip.kind)),
       .title = tip.title,
       .state = std::string(store::TipStateName(tip.state)),
       .reply = tip.reply,
       .status_token = tip.status_token},
      {context.deps.config.mail_from, tip.contact, context.deps.config.base_url, now});
  Result<std::int64_t> queued = message.and_then([&](std::string& text) {
    return context.deps.store.outbox->EnqueueNotice({.correction_id = std::nullopt,
                                                     .tip_id = tip.id,
                                                     .recipient = tip.contact,
                                                     .message = std::move(text),
                                                     .created_at = now});
  });
  if (!queued) spdlog::error("newsroom: tip {} mail not queued: {}", tip.id, queued.error().detail);
}

}  // namespace

http::Response TipsInboxPage(const NewsroomContext& context, const http::Request& request,
                             const Staff& staff) {
  if (context.deps.store.tips == nullptr) return NewsroomError(context, 503);
  store::TipQuery query;
  query.page.size = kTipPageSize;
  const std::string state = request.Query("state").value_or("");
  const std::string kind = request.Query("kind").value_or("");
  if (!state.empty()) {
    query.state = store::ParseTipState(state);
    if (!query.state) return NewsroomError(context, 400);
  }
  if (!kind.empty()) {
    query.kind = store::ParseTipKind(kind);
    if (!query.kind) return NewsroomError(context, 400);
  }
  const std::optional<std::int64_t> page_number = ListPageNumber(request, query.page.number);
  if (!page_number) return NewsroomError(context, 400);
  query.page.number = *page_number;
  const Result<store::TipPage> tips = context.deps.store.tips->Tips(query);
  if (!tips) return NewsroomErrorFor(context, tips.error());

  nlohmann::json items = nlohmann::json::array();
  for (const store::Tip& tip : tips->items) items.push_back(TipRow(context, tip));
  nlohmann::json states = nlohmann::json::array();
  states.push_back({{"label", Label(context, "tip_all")},
                    {"url", TipsUrl("", kind, 1)},
                    {"current", state.empty()}});
  for (const store::TipState each : {store::TipState::kReceived, store::TipState::kReviewing,
                                     store::TipState::kUsed, store::TipState::kDeclined}) {
    const std::string name(store::TipStateName(each));
    states.push_back({{"label", TipStateLabel(context, each)},
                      {"url", TipsUrl(name, kind, 1)},
                      {"current", name == state}});
  }
  nlohmann::json kinds = nlohmann::json::array();
  kinds.push_back({{"label", Label(context, "tip_all")},
                   {"url", TipsUrl(state, "", 1)},
                   {"current", kind.empty()}});
  for (const store::TipKind each : {store::TipKind::kTip, store::TipKind::kSubmission}) {
    const std::string name(store::TipKindName(each));
    kinds.push_back({{"label", Label(context, "tip_kind_" + name)},
                     {"url", TipsUrl(state, name, 1)},
                     {"current", name == kind}});
  }
  nlohmann::json view = {{"items", std::move(items)},
                         {"has_items", !tips->items.empty()},
                         {"total", tips->total},
                         {"states", std::move(states)},
                         {"kinds", std::move(kinds)}};
  if (query.page.number > 1) view["newer_url"] = TipsUrl(state, kind, query.page.number - 1);
  if (query.page.number * kTipPageSize < tips->total) {
    view["older_url"] = TipsUrl(state, kind, query.page.number + 1);
  }
  return RenderNewsroomPage(context, staff, "newsroom/tips", std::move(view),
                            Label(context, "tip_inbox_title"));
}

http::Response TipCasePage(const NewsroomContext& context, const http::Request& request,
                           const Staff& staff) {
  std::variant<store::Tip, http::Response> found = TipOfRoute(context, request);
  if (http::Response* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const store::Tip& tip = std::get<store::Tip>(found);
  const Result<std::vector<store::EvidenceFile>> files = context.deps.store.tips->TipFiles(tip.id);
  if (!files) return NewsroomErrorFor(context, files.error());
  const Result<std::vector<store::TipEvent>> events = context.deps.store.tips->TipEvents(tip.id);
  if (!events) return NewsroomErrorFor(context, events.error());
  const Result<std::vector<store::User>> users = context.deps.store.accounts->Users();
  if (!users) return NewsroomErrorFor(context, users.error());

  nlohmann::json file_rows = nlohmann::json::array();
  for (size_t i = 0; i < files->size(); ++i) {
    const store::EvidenceFile& file = (*files)[i];
    file_rows.push_back({{"name", file.name},
                         {"type", file.media_type},
                         {"bytes", file.data.size()},
                         {"url", fmt::format("{}/files/{}", TipPath(tip.id), i + 1)}});
  }
  nlohmann::json history = nlohmann::json::array();
  for (const store::TipEvent& event : *events) {
    std::string text = event.text;
    if (event.action == "state") {
      text = TipStateLabel(context, store::ParseTipState(event.text).value_or(tip.state));
    }
    history.push_back({{"at", FormatKst(event.at)},
                       {"who", event.user_name},
                       {"action", Label(context, "tip_event_" + event.action)},
                       {"text", text}});
  }
  nlohmann::json assignees = nlohmann::json::array();
  for (const store::User& user : *users) {
    if (!user.active || !Allows(user.role, Permission::kWrite)) continue;
    assignees.push_back(
        {{"id", user.id}, {"name", user.name}, {"selected", tip.assignee == user.id}});
  }
  nlohmann::json moves = nlohmann::json::array();
  for (const store::TipState to :
       {store::TipState::kReviewing, store::TipState::kUsed, store::TipState::kDeclined}) {
    if (!store::MayMoveTip(tip.state, to)) continue;
    moves.push_back({{"value", store::TipStateName(to)}, {"label", TipStateLabel(context, to)}});
  }
  nlohmann::json view = {
      {"tip", TipRow(context, tip)},
      {"name", tip.name},
      {"contact", tip.contact},
      {"text", tip.text},
      {"reply", tip.reply},
      {"files", std::move(file_rows)},
      {"has_files", !files->empty()},
      {"history", std::move(history)},
      {"has_history", !events->empty()},
      {"assignees", std::move(assignees)},
      {"moves", moves},
      {"has_moves", !moves.empty()},
      {"may_draft", tip.kind == store::TipKind::kSubmission && !tip.draft_id},
      {"draft_url", tip.draft_id ? fmt::format("/newsroom/articles/{}", *tip.draft_id) : ""},
      {"done", request.Query("done").has_value()}};
  const std::string error = request.Query("error").value_or("");
  if (error == "move" || error == "note" || error == "reply" || error == "draft") {
    view["error_text"] = Label(context, "tip_error_" + error);
  }
  return RenderNewsroomPage(context, staff, "newsroom/tip", std::move(view),
                            fmt::format("{} #{}", Label(context, "tip_inbox_title"), tip.id));
}

http::Response AssignTipCase(const NewsroomContext& context, const http::Request& request,
                             const Staff& staff) {
  std::variant<store::Tip, http::Response> found = TipOfRoute(context, request);
  if (http::Response* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const store::TipId id = std::get<store::Tip>(found).id;
  const std::string field = request.Form("assignee").value_or("");
  std::optional<store::UserId> assignee;
  if (!field.empty()) {
    assignee = ParseId(field);
    if (!assignee) return NewsroomError(context, 400);
    // A tip goes to someone who writes.
    const Result<store::User> user = context.deps.store.accounts->UserById(*assignee);
    if (!user) return NewsroomErrorFor(context, user.error());
    if (!user->active || !Allows(user->role, Permission::kWrite)) {
      return NewsroomError(context, 400);
    }
  }
  const Timestamp now = context.deps.clock->Now();
  if (Result<> done = context.deps.store.tips->AssignTip(id, assignee, staff.user_id, now); !done) {
    return NewsroomErrorFor(context, done.error());
  }
  RecordAudit(context, staff, request, "tip_assign", fmt::format("tip:{}", id),
              assignee ? fmt::format("user {}", *assignee) : "nobody");
  return SeeOther(TipPath(id) + "?done=1");
}

http::Response MoveTipCase(const NewsroomContext& context, const http::Request& request,
                           const Staff& staff) {
  std::variant<store::Tip, http::Response> found = TipOfRoute(context, request);
  if (http::Response* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const store::TipId id = std::get<store::Tip>(found).id;
  const std::optional<store::TipState> to = store::ParseTipState(request.Form("to").value_or(""));
  if (!to) return NewsroomError(context, 400);
  const Timestamp now = context.deps.clock->Now();
  const Result<store::Tip> moved = context.deps.store.tips->MoveTip(id, *to, staff.user_id, now);
  if (!moved) {
    if (moved.error().code == ErrorCode::kConflict) return SeeOther(TipPath(id) + "?error=move");
    return NewsroomErrorFor(context, moved.error());
  }
  RecordAudit(context, staff, request, fmt::format("tip_{}", store::TipStateName(*to)),
              fmt::format("tip:{}", id), "");
  MailTipster(context, *moved, now);
  return SeeOther(TipPath(id) + "?done=1");
}

http::Response ReplyTipCase(const NewsroomContext& context, const http::Request& request,
                            const Staff& staff) {
  std::variant<store::Tip, http::Response> found = TipOfRoute(context, request);
  if (http::Response* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const store::Tip& tip = std::get<store::Tip>(found);
  const std::string reply(http::TrimSpaces(request.Form("reply").value_or("")));
  if (Utf8Length(reply) > kMaxTipNoteChars) return SeeOther(TipPath(tip.id) + "?error=reply");
  const Timestamp now = context.deps.clock->Now();
  if (Result<> done = context.deps.store.tips->ReplyToTip(tip.id, reply, staff.user_id, now);
      !done) {
    return NewsroomErrorFor(context, done.error());
  }
  RecordAudit(context, staff, request, "tip_reply", fmt::format("tip:{}", tip.id), "");
  return SeeOther(TipPath(tip.id) + "?done=1");
}

http::Response NoteTipCase(const NewsroomContext& context, const http::Request& request,
                           const Staff& staff) {
  std::variant<store::Tip, http::Response> found = TipOfRoute(context, request);
  if (http::Response* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const store::TipId id = std::get<store::Tip>(found).id;
  const std::string note(http::TrimSpaces(request.Form("note").value_or("")));
  if (note.empty() || Utf8Length(note) > kMaxTipNoteChars) {
    return SeeOther(TipPath(id) + "?error=note");
  }
  if (Result<> done =
          context.deps.store.tips->AddTipNote(id, note, staff.user_id, context.deps.clock->Now());
      !done) {
    return NewsroomErrorFor(context, done.error());
  }
  RecordAudit(context, staff, request, "tip_note", fmt::format("tip:{}", id), "");
  return SeeOther(TipPath(id) + "?done=1");
}

// A reader submission made into a draft: its title and text, bylined 독자 (a reporter of that
// name, made the first time), in the first section, as a 기고. The draft is then the desk's
// like any other.
http::Response DraftFromTip(const NewsroomContext& context, const http::Request& request,
                            const Staff& staff) {
  std::variant<store::Tip, http::Response> found = TipOfRoute(context, request);
  if (http::Response* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const store::Tip& tip = std::get<store::Tip>(found);
  if (tip.kind != store::TipKind::kSubmission || tip.draft_id) {
    return SeeOther(TipPath(tip.id) + "?error=draft");
  }
  const Result<std::vector<store::Section>> sections = context.deps.store.catalog->Sections();
  if (!sections) return NewsroomErrorFor(context, sections.error());
  if (sections->empty()) return NewsroomError(context, 409);
  const std::string byline = Label(context, "tip_reader_byline");
  const Result<std::vector<store::Reporter>> reporters = context.deps.store.catalog->Reporters();
  if (!reporters) return NewsroomErrorFor(context, reporters.error());
  std::optional<store::ReporterId> reader;
  for (const store::Reporter& reporter : *reporters) {
    if (reporter.name == byline && reporter.email.empty()) reader = reporter.id;
  }
  if (!reader) {
    const Result<store::ReporterId> made =
        context.deps.store.masthead->InsertReporter({.name = byline, .email = "", .bio = ""});
    if (!made) return NewsroomErrorFor(context, made.error());
    reader = *made;
  }
  store::ArticleContent content;
  content.section_id = sections->front().id;
  content.headline = tip.title;
  content.body_markdown = tip.text;
  content.reporter_ids = {*reader};
  content.kind = store::ArticleKind::kContribution;
  const Timestamp now = context.deps.clock->Now();
  const Result<store::ArticleId> draft =
      context.deps.store.desk->CreateDraft(content, staff.user_id, now);
  if (!draft) return NewsroomErrorFor(context, draft.error());
  if (Result<> linked = context.deps.store.tips->LinkTipDraft(tip.id, *draft, staff.user_id, now);
      !linked) {
    // Made twice at once: the other draft stands, this one goes.
    (void)context.deps.store.desk->DeleteDraft(*draft, now);
    if (linked.error().code == ErrorCode::kConflict) {
      return SeeOther(TipPath(tip.id) + "?error=draft");
    }
    return NewsroomErrorFor(context, linked.error());
  }
  RecordAudit(context, staff, request, "tip_draft", fmt::format("tip:{}", tip.id),
              fmt::format("article {}", *draft));
  return SeeOther(fmt::format("/newsroom/articles/{}", *draft));
}

http::Response TipCaseFile(const NewsroomContext& context, const http::Request& request,
                           const Staff&) {
  if (context.deps.store.tips == nullptr) return NewsroomError(context, 503);
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  const std::optional<std::int64_t> n = ParseId(request.PathParam("n"));
  if (!id || !n) return NewsroomError(context, 404);
  const Result<std::vector<store::EvidenceFile>> files = context.deps.store.tips->TipFiles(*id);
  if (!files) return NewsroomErrorFor(context, files.error());
  if (*n < 1 || static_cast<std::size_t>(*n) > files->size()) return NewsroomError(context, 404);
  const store::EvidenceFile& file = (*files)[static_cast<std::size_t>(*n - 1)];
  return ReaderFileDownload(file, TipFileName(*id, *n, file.media_type));
}

}  // namespace sinmun::newsroom
