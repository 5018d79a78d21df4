// The comment moderation queue (issue #16): readers' comments by state, article and visitor,
// and a moderator's hide, restore and delete, one comment or many at once. Every action is in
// the audit log.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

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

constexpr int kQueuePageSize = 50;
constexpr std::size_t kMaxBulk = 200;

std::string QueueUrl(std::string_view state, std::int64_t article, std::string_view client,
                     std::int64_t page) {
  std::vector<std::string> parts;
  if (!state.empty()) parts.push_back("state=" + std::string(state));
  if (article > 0) parts.push_back(fmt::format("article={}", article));
  if (!client.empty()) parts.push_back("client=" + http::PercentEncode(client));
  if (page > 1) parts.push_back(fmt::format("page={}", page));
  std::string url = "/newsroom/comments";
  for (size_t i = 0; i < parts.size(); ++i) url += (i == 0 ? "?" : "&") + parts[i];
  return url;
}

// What a moderator's action moves a comment to. A hide is a state of its own, not the word
// filter's hold, so that the queue tells them apart (issue #16).
std::optional<store::CommentState> TargetState(std::string_view action) {
  if (action == "hide") return store::CommentState::kHiddenByModerator;
  if (action == "restore") return store::CommentState::kVisible;
  if (action == "delete") return store::CommentState::kDeleted;
  return std::nullopt;
}

}  // namespace

http::Response CommentQueuePage(const NewsroomContext& context, const http::Request& request,
                                const Staff& staff) {
  if (context.deps.store.comments == nullptr) return NewsroomError(context, 503);
  store::CommentQuery query;
  query.page.size = kQueuePageSize;
  const std::string state = request.Query("state").value_or("");
  if (!state.empty()) {
    query.state = store::ParseCommentState(state);
    if (!query.state) return NewsroomError(context, 400);
  }
  if (const std::optional<std::string> article = request.Query("article");
      article && !article->empty()) {
    query.article_id = ParseId(*article);
    if (!query.article_id) return NewsroomError(context, 400);
  }
  query.client = request.Query("client").value_or("");
  if (query.client.size() > 200) return NewsroomError(context, 400);
  const std::optional<std::int64_t> page_number = ListPageNumber(request, query.page.number);
  if (!page_number) return NewsroomError(context, 400);
  query.page.number = *page_number;
  const Result<store::ModerationPage> queue =
      context.deps.store.comments->CommentsForModeration(query);
  if (!queue) return NewsroomErrorFor(context, queue.error());

  nlohmann::json items = nlohmann::json::array();
  for (const store::Comment& comment : queue->items) {
    const std::string_view name = store::CommentStateName(comment.state);
    items.push_back({{"id", comment.id},
                     {"article_id", comment.article_id},
                     {"article_url", fmt::format("/article/{}", comment.article_id)},
                     {"article_filter_url", QueueUrl(state, comment.article_id, "", 1)},
                     {"client_filter_url", QueueUrl(state, 0, comment.client, 1)},
                     {"ban_url", fmt::format("/newsroom/comments/bans/new?comment={}", comment.id)},
                     {"nickname", comment.nickname},
                     {"staff", comment.author == store::CommentAuthor::kStaff},
                     {"body_html", render::CommentBodyHtml(comment.body)},
                     {"state", name},
                     {"state_label", Label(context, "moderation_state_" + std::string(name))},
                     {"reply", comment.parent_id.has_value()},
                     {"reports", comment.reports},
                     {"recommends", comment.recommends},
                     {"not_recommends", comment.not_recommends},
                     {"created", FormatKst(comment.created_at)}});
  }
  nlohmann::json states = nlohmann::json::array();
  states.push_back({{"name", ""},
                    {"label", Label(context, "moderation_state_all")},
                    {"url", QueueUrl("", query.article_id.value_or(0), query.client, 1)},
                    {"current", state.empty()}});
  for (const store::CommentState each :
       {store::CommentState::kVisible, store::CommentState::kHiddenByReports,
        store::CommentState::kHeld, store::CommentState::kHiddenByModerator,
        store::CommentState::kDeleted}) {
    const std::string name(store::CommentStateName(each));
    states.push_back({{"name", name},
                      {"label", Label(context, "moderation_state_" + name)},
                      {"url", QueueUrl(name, query.article_id.value_or(0), query.client, 1)},
                      {"current", name == state}});
  }
  nlohmann::json view = {{"items", std::move(items)},
                         {"has_items", !queue->items.empty()},
                         {"total", queue->total},
                         {"states", std::move(states)},
                         {"article", query.article_id.value_or(0)},
                         {"client", query.client},
                         {"filtered", query.article_id.has_value() || !query.client.empty()},
                         {"unfiltered_url", QueueUrl(state, 0, "", 1)},
                         {"return_to", request.target},
                         {"done", request.Query("done").has_value()}};
  if (query.page.number > 1) {
    view["newer_url"] =
        QueueUrl(state, query.article_id.value_or(0), query.client, query.page.number - 1);
  }
  if (query.page.number * kQueuePageSize < queue->total) {
    view["older_url"] =
        QueueUrl(state, query.article_id.value_or(0), query.client, query.page.number + 1);
  }
  return RenderNewsroomPage(context, staff, "newsroom/comments", std::move(view),
                            Label(context, "moderation_title"));
}

http::Response ModerateComments(const NewsroomContext& context, const http::Request& request,
                                const Staff& staff) {
  if (context.deps.store.comments == nullptr) return NewsroomError(context, 503);
  std::optional<store::CommentState> target;
  std::vector<store::CommentId> ids;
  std::string back = "/newsroom/comments";
  for (const auto& [key, value] : http::ParseQuery(request.body)) {
    if (key == "action") target = TargetState(value);
    if (key == "id") {
      const std::optional<std::int64_t> id = ParseId(value);
      if (!id) return NewsroomError(context, 400);
      ids.push_back(*id);
    }
    // Back to the queue as it was filtered; only a path of the queue itself.
    if (key == "return_to" && value.starts_with("/newsroom/comments") &&
        value.find_first_of("\r\n") == std::string::npos) {
      back = value;
    }
  }
  if (!target || ids.empty() || ids.size() > kMaxBulk) return NewsroomError(context, 400);
  for (const store::CommentId id : ids) {
    const Result<store::Comment> before = context.deps.store.comments->SetCommentState(id, *target);
    if (!before) {
      if (before.error().code == ErrorCode::kNotFound) continue;  // gone meanwhile
      return NewsroomErrorFor(context, before.error());
    }
    if (before->state == *target) continue;
    if (context.deps.comments_changed) context.deps.comments_changed(request, before->article_id);
    RecordAudit(context, staff, request,
                fmt::format("comment_{}", store::CommentStateName(*target)),
                fmt::format("comment:{}", id),
                fmt::format("article {}, was {}", before->article_id,
                            store::CommentStateName(before->state)));
  }
  if (back.find("done=1") == std::string::npos) {
    back += back.find('?') == std::string::npos ? "?done=1" : "&done=1";
  }
  return SeeOther(back);
}

}  // namespace sinmun::newsroom
