// Revision history: the list of every save of an article, one revision side by side with the
// one before it, and restoring a revision (saved again as the newest one).

#include <charconv>
#include <string>

#include "core/time.hpp"
#include "newsroom/desk.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"

namespace sinmun::newsroom {
namespace {

Result<store::RevisionNumber> RevisionParam(const http::Request& request) {
  return PositivePathParam(request, "n");
}

std::string RevisionPath(store::ArticleId id, store::RevisionNumber number) {
  return EditPath(id) + "/revisions/" + std::to_string(number);
}

}  // namespace

http::Response HistoryPage(const NewsroomContext& context, const http::Request& request,
                           const Staff& staff) {
  const Result<store::DeskArticle> article = LoadViewableArticle(context, request, staff);
  if (!article) return NewsroomErrorFor(context, article.error());
  const Result<std::vector<store::RevisionInfo>> history =
      context.deps.store.desk->Revisions(article->id);
  if (!history) return NewsroomErrorFor(context, history.error());
  nlohmann::json rows = nlohmann::json::array();
  for (const store::RevisionInfo& info : *history) {
    rows.push_back({{"number", info.number},
                    {"url", RevisionPath(article->id, info.number)},
                    {"saved_by", UserName(context, info.saved_by)},
                    {"saved_at", FormatKst(info.saved_at)},
                    {"headline", info.headline},
                    {"current", info.number == article->revision}});
  }
  nlohmann::json view = {{"article",
                          {{"id", article->id},
                           {"url", EditPath(article->id)},
                           {"headline", article->content.headline}}},
                         {"revisions", std::move(rows)}};
  return RenderNewsroomPage(context, staff, "newsroom/revisions", std::move(view),
                            Label(context, "desk_revisions_title"));
}

http::Response RevisionPage(const NewsroomContext& context, const http::Request& request,
                            const Staff& staff) {
  const Result<store::DeskArticle> article = LoadViewableArticle(context, request, staff);
  if (!article) return NewsroomErrorFor(context, article.error());
  const Result<store::RevisionNumber> number = RevisionParam(request);
  if (!number) return NewsroomErrorFor(context, number.error());
  const Result<store::Revision> revision =
      context.deps.store.desk->RevisionOf(article->id, *number);
  if (!revision) return NewsroomErrorFor(context, revision.error());
  // Compared with the revision before it; the first one with an empty article.
  store::ArticleContent before;
  before.section_id = revision->content.section_id;
  if (*number > 1) {
    const Result<store::Revision> previous =
        context.deps.store.desk->RevisionOf(article->id, *number - 1);
    if (!previous) return NewsroomErrorFor(context, previous.error());
    before = previous->content;
  }
  const Result<FormChoices> choices = LoadFormChoices(*context.deps.store.catalog);
  if (!choices) return NewsroomErrorFor(context, choices.error());
  nlohmann::json view = {
      {"article",
       {{"id", article->id},
        {"url", EditPath(article->id)},
        {"headline", article->content.headline},
        {"revision", article->revision}}},
      {"revision",
       {{"number", revision->number},
        {"previous", revision->number - 1},
        {"saved_by", UserName(context, revision->saved_by)},
        {"saved_at", FormatKst(revision->saved_at)},
        {"restore_url", RevisionPath(article->id, revision->number) + "/restore"},
        {"can_restore", MayEdit(staff, *article) && revision->number != article->revision}}},
      {"history_url", EditPath(article->id) + "/revisions"},
      {"diff", ContentDiffView(context, before, revision->content, *choices)}};
  return RenderNewsroomPage(context, staff, "newsroom/revision", std::move(view),
                            Label(context, "desk_revision_title"));
}

http::Response RestoreRevision(const NewsroomContext& context, const http::Request& request,
                               const Staff& staff) {
  const Result<store::DeskArticle> article = LoadViewableArticle(context, request, staff);
  if (!article) return NewsroomErrorFor(context, article.error());
  if (!MayEdit(staff, *article)) return NewsroomError(context, 403);
  const Result<store::RevisionNumber> number = RevisionParam(request);
  if (!number) return NewsroomErrorFor(context, number.error());
  const Result<store::Revision> revision =
      context.deps.store.desk->RevisionOf(article->id, *number);
  if (!revision) return NewsroomErrorFor(context, revision.error());
  // The restore starts from the revision the page showed as current: if someone saved since,
  // the store refuses it (409) instead of silently undoing their save.
  store::RevisionNumber base = -1;
  const std::string text = request.Form("base_revision").value_or("");
  if (std::from_chars(text.data(), text.data() + text.size(), base).ec != std::errc()) {
    return NewsroomError(context, 400);
  }
  const Result<store::RevisionNumber> saved = context.deps.store.desk->SaveArticle(
      article->id, revision->content, base, staff.user_id, context.deps.clock->Now());
  if (!saved) return NewsroomErrorFor(context, saved.error());
  return SeeOther(EditPath(article->id) + "?done=restored");
}

}  // namespace sinmun::newsroom
