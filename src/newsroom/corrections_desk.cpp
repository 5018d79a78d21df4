// Correction and reply cases (정정·반론·추후보도, issue #18) in the newsroom: the list with its
// deadlines, one case with its evidence, handing it to a 고충처리인, and its moves (received
// -> reviewing -> accepted/refused -> published). Every move is in the audit log and mailed to
// the requester through the outbox.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "http/encoding.hpp"
#include "mail/reader_mail.hpp"
#include "newsroom/admin_pages.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"
#include "newsroom/reader_files.hpp"
#include "store/corrections.hpp"

namespace sinmun::newsroom {
namespace {

constexpr int kCasePageSize = 50;
constexpr std::size_t kMaxAnswerBytes = 20'000;

std::string CasePath(store::CorrectionId id) { return fmt::format("/newsroom/corrections/{}", id); }

std::string CaseStateLabel(const NewsroomContext& context, store::CaseState state) {
  return Label(context, "correction_state_" + std::string(store::CaseStateName(state)));
}

// The deadline that matters now: the answer's while undecided, the publication's once
// accepted; none once final.
std::optional<Timestamp> CaseDueAt(const store::CorrectionCase& item) {
  switch (item.state) {
    case store::CaseState::kReceived:
    case store::CaseState::kReviewing:
      return store::ReplyDueAt(item.received_at);
    case store::CaseState::kAccepted:
      return store::PublishDueAt(item.received_at);
    case store::CaseState::kRefused:
    case store::CaseState::kPublished:
      return std::nullopt;
  }
  return std::nullopt;
}

nlohmann::json CaseRow(const NewsroomContext& context, const store::CorrectionCase& item,
                       Timestamp now) {
  const std::optional<Timestamp> due = CaseDueAt(item);
  return {{"id", item.id},
          {"url", CasePath(item.id)},
          {"headline", item.headline},
          {"article_url", fmt::format("/article/{}", item.article_id)},
          {"kind",
           Label(context, "correction_kind_" + std::string(store::CorrectionKindName(item.kind)))},
          {"state", store::CaseStateName(item.state)},
          {"state_label", CaseStateLabel(context, item.state)},
          {"requester", item.requester},
          {"assignee", item.assignee_name},
          {"received", FormatKst(item.received_at)},
          {"due", due ? FormatKst(*due) : ""},
          {"overdue", store::IsOverdue(item, now)}};
}

std::string CasesUrl(std::string_view state, std::int64_t page) {
  std::string url = "/newsroom/corrections";
  if (!state.empty()) url += "?state=" + std::string(state);
  if (page > 1) url += fmt::format("{}page={}", state.empty() ? "?" : "&", page);
  return url;
}

// The requester's mail for the step `item` has reached, through the outbox. A mail that
// cannot be queued is logged, not returned: the move it tells of has happened.
void MailRequester(const NewsroomContext& context, const store::CorrectionCase& item,
                   Timestamp now) {
  if (context.deps.store.outbox == nullptr) return;
  Result<std::string> message = mail::ComposeCorrectionMail(
      *context.deps.renderer,
      {.paper_name = context.deps.config.paper.name,
       .case_id = item.id,
       .headline = item.headline,
       .state = std::string(store::CaseStateName(item.state)),
       .answer = item.answer,
       .published_text = item.published_text,
       .status_token = item.status_token},
      {context.deps.config.mail_from, item.contact, context.deps.config.base_url, now});
  Result<std::int64_t> queued = message.and_then([&](std::string& text) {
    return context.deps.store.outbox->EnqueueNotice({.correction_id = item.id,
                                                     .tip_id = std::nullopt,
                                                     .recipient = item.contact,
                                                     .message = std::move(text),
                                                     .created_at = now});
  });
  if (!queued) {
    spdlog::error("newsroom: correction {} mail not queued: {}", item.id, queued.error().detail);
  }
}

}  // namespace

http::Response CorrectionCasesPage(const NewsroomContext& context, const http::Request& request,
                                   const Staff& staff) {
  if (context.deps.store.corrections == nullptr) return NewsroomError(context, 503);
  const Timestamp now = context.deps.clock->Now();
  store::CaseQuery query;
  query.page.size = kCasePageSize;
  const std::string state = request.Query("state").value_or("");
  if (!state.empty()) {
    query.state = store::ParseCaseState(state);
    if (!query.state) return NewsroomError(context, 400);
  }
  const std::optional<std::int64_t> page_number = ListPageNumber(request, query.page.number);
  if (!page_number) return NewsroomError(context, 400);
  query.page.number = *page_number;
  const Result<store::CasePage> cases = context.deps.store.corrections->CorrectionCases(query);
  if (!cases) return NewsroomErrorFor(context, cases.error());
  const Result<std::vector<store::CorrectionCase>> open =
      context.deps.store.corrections->OpenCorrections();
  if (!open) return NewsroomErrorFor(context, open.error());

  nlohmann::json items = nlohmann::json::array();
  for (const store::CorrectionCase& item : cases->items)
    items.push_back(CaseRow(context, item, now));
  nlohmann::json overdue = nlohmann::json::array();
  for (const store::CorrectionCase& item : *open) {
    if (store::IsOverdue(item, now)) overdue.push_back(CaseRow(context, item, now));
  }
  nlohmann::json states = nlohmann::json::array();
  states.push_back({{"label", Label(context, "correction_state_all")},
                    {"url", CasesUrl("", 1)},
                    {"current", state.empty()}});
  for (const store::CaseState each :
       {store::CaseState::kReceived, store::CaseState::kReviewing, store::CaseState::kAccepted,
        store::CaseState::kRefused, store::CaseState::kPublished}) {
    const std::string name(store::CaseStateName(each));
    states.push_back({{"label", CaseStateLabel(context, each)},
                      {"url", CasesUrl(name, 1)},
                      {"current", name == state}});
  }
  nlohmann::json view = {{"items", std::move(items)},       {"has_items", !cases->items.empty()},
                         {"total", cases->total},           {"overdue", overdue},
                         {"has_overdue", !overdue.empty()}, {"states", std::move(states)}};
  if (query.page.number > 1) view["newer_url"] = CasesUrl(state, query.page.number - 1);
  if (query.page.number * kCasePageSize < cases->total) {
    view["older_url"] = CasesUrl(state, query.page.number + 1);
  }
  return RenderNewsroomPage(context, staff, "newsroom/corrections", std::move(view),
                            Label(context, "correction_cases_title"));
}

http::Response CorrectionCasePage(const NewsroomContext& context, const http::Request& request,
                                  const Staff& staff) {
  if (context.deps.store.corrections == nullptr) return NewsroomError(context, 503);
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const Result<store::CorrectionCase> item = context.deps.store.corrections->CorrectionById(*id);
  if (!item) return NewsroomErrorFor(context, item.error());
  const Result<std::vector<store::EvidenceFile>> files =
      context.deps.store.corrections->CorrectionFiles(*id);
  if (!files) return NewsroomErrorFor(context, files.error());
  const Result<std::vector<store::User>> users = context.deps.store.accounts->Users();
  if (!users) return NewsroomErrorFor(context, users.error());

  const Timestamp now = context.deps.clock->Now();
  nlohmann::json file_rows = nlohmann::json::array();
  for (size_t i = 0; i < files->size(); ++i) {
    file_rows.push_back({{"name", (*files)[i].name},
                         {"type", (*files)[i].media_type},
                         {"bytes", (*files)[i].data.size()},
                         {"url", fmt::format("{}/files/{}", CasePath(*id), i + 1)}});
  }
  nlohmann::json assignees = nlohmann::json::array();
  for (const store::User& user : *users) {
    if (user.role != store::Role::kOmbudsman || !user.active) continue;
    assignees.push_back(
        {{"id", user.id}, {"name", user.name}, {"selected", item->assignee == user.id}});
  }
  const auto may = [&](store::CaseState to) { return store::MayMove(item->state, to); };
  nlohmann::json view = {
      {"case", CaseRow(context, *item, now)},
      {"contact", item->contact},
      {"text", item->text},
      {"reason", item->reason},
      {"answer", item->answer},
      {"published_text", item->published_text.empty() ? item->text : item->published_text},
      {"reply_due", FormatKst(store::ReplyDueAt(item->received_at))},
      {"publish_due", FormatKst(store::PublishDueAt(item->received_at))},
      {"decided", item->decided_at ? FormatKst(*item->decided_at) : ""},
      {"published", item->published_at ? FormatKst(*item->published_at) : ""},
      {"files", std::move(file_rows)},
      {"has_files", !files->empty()},
      {"assignees", std::move(assignees)},
      {"may_review", may(store::CaseState::kReviewing)},
      {"may_decide", may(store::CaseState::kAccepted)},
      {"may_publish", may(store::CaseState::kPublished)},
      {"done", request.Query("done").has_value()},
      {"error", request.Query("error").has_value()}};
  return RenderNewsroomPage(context, staff, "newsroom/correction", std::move(view),
                            fmt::format("{} #{}", Label(context, "correction_case_title"), *id));
}

http::Response AssignCorrectionCase(const NewsroomContext& context, const http::Request& request,
                                    const Staff& staff) {
  if (context.deps.store.corrections == nullptr) return NewsroomError(context, 503);
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const std::string field = request.Form("assignee").value_or("");
  std::optional<store::UserId> assignee;
  if (!field.empty()) {
    assignee = ParseId(field);
    if (!assignee) return NewsroomError(context, 400);
    // Only a 고충처리인 handles a case.
    const Result<store::User> user = context.deps.store.accounts->UserById(*assignee);
    if (!user) return NewsroomErrorFor(context, user.error());
    if (user->role != store::Role::kOmbudsman || !user->active) {
      return NewsroomError(context, 400);
    }
  }
  if (Result<> done = context.deps.store.corrections->AssignCorrection(*id, assignee); !done) {
    return NewsroomErrorFor(context, done.error());
  }
  RecordAudit(context, staff, request, "correction_assign", fmt::format("correction:{}", *id),
              assignee ? fmt::format("user {}", *assignee) : "nobody");
  return SeeOther(CasePath(*id) + "?done=1");
}

http::Response MoveCorrectionCase(const NewsroomContext& context, const http::Request& request,
                                  const Staff& staff) {
  if (context.deps.store.corrections == nullptr) return NewsroomError(context, 503);
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const std::optional<store::CaseState> to = store::ParseCaseState(request.Form("to").value_or(""));
  if (!to) return NewsroomError(context, 400);
  store::CaseMove move{
      .to = *to,
      .answer = std::string(http::TrimSpaces(request.Form("answer").value_or(""))),
      .published_text = std::string(http::TrimSpaces(request.Form("published_text").value_or(""))),
      .at = context.deps.clock->Now()};
  // A refusal says why (언론중재법 제15조 ④ lists the grounds); a publication says what.
  if ((move.to == store::CaseState::kRefused && move.answer.empty()) ||
      (move.to == store::CaseState::kPublished && move.published_text.empty()) ||
      move.answer.size() > kMaxAnswerBytes || move.published_text.size() > kMaxAnswerBytes) {
    return SeeOther(CasePath(*id) + "?error=1");
  }
  const Result<store::CorrectionCase> moved =
      context.deps.store.corrections->MoveCorrection(*id, move);
  if (!moved) return NewsroomErrorFor(context, moved.error());
  RecordAudit(context, staff, request, fmt::format("correction_{}", store::CaseStateName(*to)),
              fmt::format("correction:{}", *id), fmt::format("article {}", moved->article_id));
  MailRequester(context, *moved, move.at);
  return SeeOther(CasePath(*id) + "?done=1");
}

http::Response CorrectionEvidence(const NewsroomContext& context, const http::Request& request,
                                  const Staff&) {
  if (context.deps.store.corrections == nullptr) return NewsroomError(context, 503);
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  const std::optional<std::int64_t> n = ParseId(request.PathParam("n"));
  if (!id || !n) return NewsroomError(context, 404);
  const Result<std::vector<store::EvidenceFile>> files =
      context.deps.store.corrections->CorrectionFiles(*id);
  if (!files) return NewsroomErrorFor(context, files.error());
  if (*n < 1 || static_cast<std::size_t>(*n) > files->size()) return NewsroomError(context, 404);
  return ReaderFileDownload((*files)[static_cast<std::size_t>(*n - 1)],
                            fmt::format("evidence-{}-{}", *id, *n));
}

// For the dashboard: how many open cases are past a deadline at `now`; 0 without the role.
std::int64_t OverdueCorrections(const NewsroomContext& context, const Staff& staff, Timestamp now) {
  if (context.deps.store.corrections == nullptr || !Allows(staff.role, Permission::kCorrections)) {
    return 0;
  }
  const Result<std::vector<store::CorrectionCase>> open =
      context.deps.store.corrections->OpenCorrections();
  if (!open) return 0;
  std::int64_t overdue = 0;
  for (const store::CorrectionCase& item : *open) overdue += store::IsOverdue(item, now) ? 1 : 0;
  return overdue;
}

}  // namespace sinmun::newsroom
