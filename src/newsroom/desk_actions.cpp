// The workflow buttons of the article page: submit (송고), publish (출고), schedule (예약),
// unpublish (출고 취소) and delete (drafts only). Each answers 303 back to the article, or
// an error page that says why nothing changed.

#include <string>

#include "core/time.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/desk.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"

namespace sinmun::newsroom {
namespace {

std::string Target(store::ArticleId id) { return "article:" + std::to_string(id); }

// A status change that the store refused because of the article's status is a 409 page; the
// page reloaded shows the status as it is now.
http::Response AfterChange(const NewsroomContext& context, const Result<>& done,
                           store::ArticleId id, std::string_view what) {
  if (!done) return NewsroomErrorFor(context, done.error());
  return SeeOther(EditPath(id) + "?done=" + std::string(what));
}

}  // namespace

http::Response SubmitArticle(const NewsroomContext& context, const http::Request& request,
                             const Staff& staff) {
  const Result<store::DeskArticle> article = LoadViewableArticle(context, request, staff);
  if (!article) return NewsroomErrorFor(context, article.error());
  if (!MayHandleDraft(staff, *article)) return NewsroomError(context, 403);
  const Result<> done =
      context.deps.store.desk->SubmitArticle(article->id, context.deps.clock->Now());
  if (done) RecordAudit(context, staff, request, "submit", Target(article->id));
  return AfterChange(context, done, article->id, "submitted");
}

http::Response PublishArticle(const NewsroomContext& context, const http::Request& request,
                              const Staff& staff) {
  const Result<store::DeskArticle> article = LoadViewableArticle(context, request, staff);
  if (!article) return NewsroomErrorFor(context, article.error());
  const Result<> done =
      context.deps.store.desk->PublishArticle(article->id, context.deps.clock->Now());
  if (done) RecordAudit(context, staff, request, "publish", Target(article->id));
  return AfterChange(context, done, article->id, "published");
}

http::Response ScheduleArticle(const NewsroomContext& context, const http::Request& request,
                               const Staff& staff) {
  const Result<store::DeskArticle> article = LoadViewableArticle(context, request, staff);
  if (!article) return NewsroomErrorFor(context, article.error());
  // <input type="datetime-local"> sends "2026-11-28T09:30"; typed text "2026-11-28 09:30".
  std::string text = request.Form("publish_at").value_or("");
  if (text.size() > 10 && text[10] == 'T') text[10] = ' ';
  const std::optional<Timestamp> at = text.size() == 16 ? ParseKst(text) : std::nullopt;
  const Timestamp now = context.deps.clock->Now();
  if (!at || *at <= now) {
    return SeeOther(EditPath(article->id) + "?done=schedule_invalid");
  }
  const Result<> done = context.deps.store.desk->ScheduleArticle(article->id, *at, now);
  if (done) {
    RecordAudit(context, staff, request, "schedule", Target(article->id), FormatKst(*at) + " KST");
  }
  return AfterChange(context, done, article->id, "scheduled");
}

http::Response UnpublishArticle(const NewsroomContext& context, const http::Request& request,
                                const Staff& staff) {
  const Result<store::DeskArticle> article = LoadViewableArticle(context, request, staff);
  if (!article) return NewsroomErrorFor(context, article.error());
  const Result<> done =
      context.deps.store.desk->UnpublishArticle(article->id, context.deps.clock->Now());
  if (done) RecordAudit(context, staff, request, "unpublish", Target(article->id));
  return AfterChange(context, done, article->id, "unpublished");
}

http::Response DeleteArticle(const NewsroomContext& context, const http::Request& request,
                             const Staff& staff) {
  const Result<store::DeskArticle> article = LoadViewableArticle(context, request, staff);
  if (!article) return NewsroomErrorFor(context, article.error());
  if (!MayHandleDraft(staff, *article)) return NewsroomError(context, 403);
  const Result<> done =
      context.deps.store.desk->DeleteDraft(article->id, context.deps.clock->Now());
  if (!done) return NewsroomErrorFor(context, done.error());
  RecordAudit(context, staff, request, "delete", Target(article->id), article->content.headline);
  return SeeOther("/newsroom?deleted=1");
}

}  // namespace sinmun::newsroom
