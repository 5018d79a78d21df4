// The desk: the dashboard (/newsroom), the article form (new, edit, save, preview) and the
// conflict page of a stale save.

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <string_view>
#include <variant>

#include "core/text.hpp"
#include "core/time.hpp"
#include "http/encoding.hpp"
#include "http/multipart.hpp"
#include "newsroom/article_form.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/desk.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/line_diff.hpp"
#include "newsroom/page.hpp"
#include "newsroom/photo_pick.hpp"
#include "newsroom/photo_upload.hpp"
#include "render/article_view.hpp"

namespace sinmun::newsroom {
namespace {

constexpr int kDashboardListSize = 20;
constexpr int kSearchLimit = 50;
// A headline the same as one published this recently is flagged in the form (issue #18): the
// portals penalise repeated sends.
constexpr Timestamp kRepeatWindow = 7 * 24 * 3600;

// "이번 달 자체기사 비율 80% (자체기사 8 / 전체 10)": the articles first published since the
// start of this KST month.
std::string OwnShare(const NewsroomContext& context, Timestamp now) {
  const Timestamp month = ParseKst(FormatKstDate(now).substr(0, 8) + "01").value_or(now);
  const Result<std::vector<std::pair<store::ArticleKind, std::int64_t>>> kinds =
      context.deps.store.desk->PublishedKinds(month, now + 1);
  std::int64_t own = 0;
  std::int64_t all = 0;
  if (kinds) {
    for (const auto& [kind, count] : *kinds) {
      all += count;
      if (kind == store::ArticleKind::kOwn) own += count;
    }
  }
  const std::int64_t percent = all == 0 ? 0 : own * 100 / all;
  std::string text = Label(context, "desk_own_share");
  for (const std::int64_t value : {percent, own, all}) {
    const size_t slot = text.find("{}");
    if (slot != std::string::npos) text.replace(slot, 2, std::to_string(value));
  }
  return text;
}

nlohmann::json SummaryRows(const NewsroomContext& context,
                           const std::vector<store::DeskSummary>& items) {
  nlohmann::json rows = nlohmann::json::array();
  for (const store::DeskSummary& item : items) {
    // The time that matters in each list: when it goes out, when it went out, or its last save.
    std::string time = FormatKst(item.updated_at);
    if (item.publish_at) {
      time = Label(context, "desk_scheduled_at") + " " + FormatKst(*item.publish_at);
    } else if (item.registered_at) {
      time = FormatKst(*item.registered_at);
    }
    rows.push_back({{"id", item.id},
                    {"url", EditPath(item.id)},
                    {"headline", item.headline},
                    {"section", item.section_name},
                    {"status", StatusLabel(context, item.status)},
                    {"status_name", store::StatusName(item.status)},
                    {"author", UserName(context, item.created_by)},
                    {"time", std::move(time)}});
  }
  return rows;
}

}  // namespace

http::Response Dashboard(const NewsroomContext& context, const http::Request& request,
                         const Staff& staff) {
  const std::string query = request.Query("q").value_or("");
  struct List {
    const char* id;
    const char* title_key;
    store::DeskQuery query;
  };
  std::vector<List> lists;
  if (!query.empty()) {
    // The same rule as opening an article (MayView): a reporter finds only their own, so a
    // search cannot list the headlines of everyone's drafts.
    std::optional<store::UserId> author;
    if (!Allows(staff.role, Permission::kDesk)) author = staff.user_id;
    lists.push_back({"results",
                     "desk_results",
                     {.created_by = author, .headline_contains = query, .limit = kSearchLimit}});
  }
  lists.push_back({"my-drafts",
                   "desk_my_drafts",
                   {.status = store::ArticleStatus::kDraft,
                    .created_by = staff.user_id,
                    .limit = kDashboardListSize}});
  lists.push_back({"queue",
                   "desk_queue",
                   {.status = store::ArticleStatus::kSubmitted, .limit = kDashboardListSize}});
  lists.push_back({"scheduled",
                   "desk_scheduled",
                   {.status = store::ArticleStatus::kScheduled, .limit = kDashboardListSize}});
  lists.push_back({"published",
                   "desk_recently_published",
                   {.status = store::ArticleStatus::kPublished, .limit = kDashboardListSize}});
  nlohmann::json sections = nlohmann::json::array();
  for (const List& list : lists) {
    Result<std::vector<store::DeskSummary>> items =
        context.deps.store.desk->DeskArticles(list.query);
    if (!items) return NewsroomErrorFor(context, items.error());
    sections.push_back({{"id", list.id},
                        {"title", Label(context, list.title_key)},
                        {"empty", items->empty()},
                        {"items", SummaryRows(context, *items)}});
  }
  const std::int64_t overdue = OverdueCorrections(context, staff, context.deps.clock->Now());
  nlohmann::json view = {{"q", query},
                         {"own_share", OwnShare(context, context.deps.clock->Now())},
                         {"overdue_corrections", overdue},
                         {"has_overdue_corrections", overdue > 0},
                         {"deleted", request.Query("deleted").has_value()},
                         {"lists", std::move(sections)}};
  return RenderNewsroomPage(context, staff, "newsroom/dashboard", std::move(view),
                            Label(context, "desk_dashboard_title"));
}

namespace {

constexpr int kSuggestedTags = 8;

// Keywords the search index finds characteristic of the text in the form, less the tags it
// already has: [{"tag"}], empty without a searcher or text. A failing index only means no
// suggestions (the form must not fail for it).
nlohmann::json SuggestedTags(const NewsroomContext& context, const ArticleForm& form) {
  nlohmann::json suggested = nlohmann::json::array();
  if (context.deps.searcher == nullptr || (form.headline.empty() && form.body.empty())) {
    return suggested;
  }
  const Result<std::vector<std::string>> tags =
      context.deps.searcher->SuggestTags(form.headline, form.body, kSuggestedTags);
  if (!tags) return suggested;
  std::set<std::string> present;
  std::string_view typed = form.tags;
  while (!typed.empty()) {
    const size_t comma = typed.find(',');
    present.insert(std::string(http::TrimSpaces(typed.substr(0, comma))));
    if (comma == std::string_view::npos) break;
    typed.remove_prefix(comma + 1);
  }
  for (const std::string& tag : *tags) {
    if (!present.contains(tag)) suggested.push_back({{"tag", tag}});
  }
  return suggested;
}

// Published articles of the last kRepeatWindow with the same headline as `headline`, other
// than `self`: [{"url", "headline", "registered"}]. A failed read only means no flag.
nlohmann::json RepeatedHeadlines(const NewsroomContext& context, std::string_view headline,
                                 store::ArticleId self) {
  nlohmann::json repeated = nlohmann::json::array();
  const std::string wanted = TrimSpace(headline);
  if (wanted.empty()) return repeated;
  const Result<std::vector<store::DeskSummary>> same = context.deps.store.desk->DeskArticles(
      {.status = store::ArticleStatus::kPublished, .headline_contains = wanted, .limit = 20});
  if (!same) return repeated;
  const Timestamp since = context.deps.clock->Now() - kRepeatWindow;
  for (const store::DeskSummary& item : *same) {
    if (item.id == self || item.headline != wanted || item.registered_at.value_or(0) < since) {
      continue;
    }
    repeated.push_back({{"url", EditPath(item.id)},
                        {"headline", item.headline},
                        {"registered", FormatKst(item.registered_at.value_or(0))}});
  }
  return repeated;
}

// How much of a published article a save rewrites, in percent of its headline and body's
// characters: the lines removed or replaced plus the lines added, against the text before.
std::int64_t ChangedPercent(const store::ArticleContent& before,
                            const store::ArticleContent& after) {
  const std::string older = before.headline + "\n" + before.body_markdown;
  const std::string newer = after.headline + "\n" + after.body_markdown;
  std::int64_t changed = 0;
  for (const DiffRow& row : LineDiff(older, newer)) {
    if (row.kind == DiffRow::Kind::kSame) continue;
    if (row.left) changed += static_cast<std::int64_t>(Utf8Length(*row.left));
    if (row.right) changed += static_cast<std::int64_t>(Utf8Length(*row.right));
  }
  const auto total = std::max<std::int64_t>(1, static_cast<std::int64_t>(Utf8Length(older)));
  return std::min<std::int64_t>(100, changed * 100 / total);
}

// The form page: `form` as typed, `errors` next to the fields, `article` when editing.
http::Response FormPage(const NewsroomContext& context, const Staff& staff, const ArticleForm& form,
                        const FormChoices& choices, const FieldErrors& errors,
                        const store::DeskArticle* article, nlohmann::json extra, int status) {
  nlohmann::json view = FormView(context, staff, form, choices, ArticlePhotoIds(article), errors);
  for (auto& [key, value] : extra.items()) view[key] = value;
  view["editor_js"] = context.deps.static_files->Url("gen/editor.js");
  view["editor_css"] = context.deps.static_files->Url("gen/editor.css");
  view["tags_js"] = context.deps.static_files->Url("js/newsroom_tags.js");
  std::string title;
  if (article == nullptr) {
    view["action"] = "/newsroom/articles";
    view["is_new"] = true;
    title = Label(context, "desk_new_title");
  } else {
    view["article_id"] = std::to_string(article->id);
    const bool desk = Allows(staff.role, Permission::kDesk);
    const bool editable = MayEdit(staff, *article);
    const bool draft = article->status == store::ArticleStatus::kDraft;
    const bool published = article->status == store::ArticleStatus::kPublished;
    const bool scheduled = article->status == store::ArticleStatus::kScheduled;
    view["action"] = EditPath(article->id);
    view["is_new"] = false;
    view["article"] = {
        {"id", article->id},
        {"url", EditPath(article->id)},
        {"status", StatusLabel(context, article->status)},
        {"status_name", store::StatusName(article->status)},
        {"revision", article->revision},
        {"public_url", published ? "/article/" + std::to_string(article->id) : ""},
        {"publish_at", article->publish_at ? FormatKst(*article->publish_at) : ""},
        {"registered", article->registered_at ? FormatKst(*article->registered_at) : ""},
        {"modified", article->modified_at ? FormatKst(*article->modified_at) : ""},
        {"revisions_url", EditPath(article->id) + "/revisions"},
        {"can_submit", draft && MayHandleDraft(staff, *article)},
        {"can_publish", desk && !published},
        {"can_schedule", desk && !published},
        {"can_unpublish", desk && (published || scheduled)},
        {"can_delete", draft && MayHandleDraft(staff, *article)},
    };
    view["readonly"] = !editable;
    title = article->content.headline;
  }
  if (!view.contains("readonly")) view["readonly"] = false;
  view["repeated_headlines"] =
      RepeatedHeadlines(context, form.headline, article == nullptr ? 0 : article->id);
  view["has_repeated_headlines"] = !view["repeated_headlines"].empty();
  if (!view["readonly"].get<bool>()) {
    view["suggested_tags"] = SuggestedTags(context, form);
    view["has_suggested_tags"] = !view["suggested_tags"].empty();
  }
  return RenderNewsroomPage(context, staff, "newsroom/article_form", std::move(view), title,
                            status);
}

}  // namespace

http::Response NewArticlePage(const NewsroomContext& context, const http::Request& request,
                              const Staff& staff) {
  const Result<FormChoices> choices = LoadFormChoices(*context.deps.store.catalog);
  if (!choices) return NewsroomErrorFor(context, choices.error());
  ArticleForm form;
  if (!choices->sections.empty()) {
    form.section_id = std::to_string(choices->sections.front().section.id);
  }
  if (staff.reporter_id) form.reporter_ids.push_back(std::to_string(*staff.reporter_id));
  return FormPage(context, staff, form, *choices, {}, nullptr, nlohmann::json::object(), 200);
}

http::Response EditArticlePage(const NewsroomContext& context, const http::Request& request,
                               const Staff& staff) {
  const Result<store::DeskArticle> article = LoadViewableArticle(context, request, staff);
  if (!article) return NewsroomErrorFor(context, article.error());
  const Result<FormChoices> choices = LoadFormChoices(*context.deps.store.catalog);
  if (!choices) return NewsroomErrorFor(context, choices.error());
  nlohmann::json extra = nlohmann::json::object();
  // Only known outcomes: the label key is built from the query string.
  static constexpr std::string_view kOutcomes[] = {"saved",     "submitted",   "published",
                                                   "scheduled", "unpublished", "restored"};
  if (const std::optional<std::string> done = request.Query("done")) {
    if (*done == "schedule_invalid") {
      extra["done_error"] = Label(context, "desk_done_schedule_invalid");
    } else if (std::find(std::begin(kOutcomes), std::end(kOutcomes), *done) !=
               std::end(kOutcomes)) {
      extra["done"] = Label(context, "desk_done_" + *done);
    }
  }
  ArticleForm form = FormFromContent(article->content, article->revision);
  LoadCommentSetting(context, article->id, form);
  LoadSeriesPlace(context, article->id, form);
  return FormPage(context, staff, form, *choices, {}, &*article, std::move(extra), 200);
}

namespace {

// The parts of a multipart body, or nullopt for a malformed one; an empty list for a body
// of another type (urlencoded forms are read through the request).
std::optional<std::vector<http::FormPart>> Parts(const http::Request& request, bool& multipart) {
  const std::optional<std::string> boundary =
      http::MultipartBoundary(request.Header("content-type"));
  multipart = boundary.has_value();
  if (!boundary) return std::vector<http::FormPart>{};
  return http::ParseMultipart(request.body, *boundary);
}

// Stores the form's comment setting for `article` (checked by ValidateForm) and tells the
// site, whose comment part of the article shows it.
Result<> SaveCommentSetting(const NewsroomContext& context, const http::Request& request,
                            store::ArticleId article, const ArticleForm& form) {
  if (context.deps.store.comments == nullptr) return {};
  FieldErrors errors;
  const std::optional<store::CommentSetting> setting = CommentSettingFromForm(form, errors);
  if (Result<> done = context.deps.store.comments->PutCommentSetting(article, setting); !done) {
    return done;
  }
  if (context.deps.comments_changed) context.deps.comments_changed(request, article);
  return {};
}

// Stores the form's series place for `article` (checked by ValidateForm).
Result<> SaveSeriesPlace(const NewsroomContext& context, store::ArticleId article,
                         const ArticleForm& form) {
  if (context.deps.store.series == nullptr) return {};
  FieldErrors errors;
  const std::optional<store::SeriesPlace> place = SeriesPlaceFromForm(context, form, errors);
  // Unchanged: no change appended, so the article's pages stay cached.
  const Result<std::optional<store::SeriesPlace>> before =
      context.deps.store.series->SeriesPlaceOf(article);
  if (before && before->has_value() == place.has_value() &&
      (!place ||
       ((*before)->series_id == place->series_id && (*before)->episode == place->episode))) {
    return {};
  }
  return context.deps.store.series->SetArticleSeries(article, place, context.deps.clock->Now());
}

const http::FormPart* FilePart(const std::vector<http::FormPart>& parts, std::string_view name) {
  for (const http::FormPart& part : parts) {
    if (part.name == name && part.filename && !part.filename->empty()) return &part;
  }
  return nullptr;
}

// Shared by create and save: reads the form, stores an uploaded photo, validates. Returns
// the content, or the response to send instead (the form with its errors, an error page).
std::variant<store::ArticleContent, http::Response> ReadArticleForm(
    const NewsroomContext& context, const http::Request& request, const Staff& staff,
    const FormChoices& choices, const store::DeskArticle* article, ArticleForm& form) {
  bool multipart = false;
  const std::optional<std::vector<http::FormPart>> parts = Parts(request, multipart);
  if (!parts) return NewsroomError(context, 400);
  form = FormFromRequest(request, multipart ? &*parts : nullptr);

  FieldErrors errors;
  if (const http::FormPart* file = multipart ? FilePart(*parts, "photo") : nullptr) {
    PhotoUploadResult uploaded = StoreUploadedPhoto(
        *context.deps.store.desk, {context.deps.uploads_dir, context.deps.originals_dir},
        file->data, staff.user_id, context.deps.clock->Now());
    if (const store::PhotoId* id = std::get_if<store::PhotoId>(&uploaded)) {
      // Kept in the form from now on, so a form sent back for other errors keeps the photo.
      form.photo_id = std::to_string(*id);
      form.remove_photo = false;
    } else if (const PhotoRefusal* refusal = std::get_if<PhotoRefusal>(&uploaded)) {
      errors["photo"] = refusal->label_key;
    } else {
      return NewsroomErrorFor(context, std::get<Error>(uploaded));
    }
  }
  // Further photos, several at once: the first becomes the lead when there is none, the
  // others follow the photos already there. A refused file leaves the others stored.
  for (const http::FormPart& file : multipart ? *parts : std::vector<http::FormPart>{}) {
    if (file.name != "more_photos" || !file.filename || file.filename->empty()) continue;
    PhotoUploadResult uploaded = StoreUploadedPhoto(
        *context.deps.store.desk, {context.deps.uploads_dir, context.deps.originals_dir}, file.data,
        staff.user_id, context.deps.clock->Now());
    if (const store::PhotoId* id = std::get_if<store::PhotoId>(&uploaded)) {
      if (form.remove_photo || TrimSpace(form.photo_id).empty()) {
        form.photo_id = std::to_string(*id);
        form.remove_photo = false;
      } else {
        form.photos.push_back(PhotoRowForm{.photo_id = std::to_string(*id)});
      }
    } else if (const PhotoRefusal* refusal = std::get_if<PhotoRefusal>(&uploaded)) {
      errors["photos"] = refusal->label_key;
    } else {
      return NewsroomErrorFor(context, std::get<Error>(uploaded));
    }
  }
  TakeLibraryPhoto(context, staff, ArticlePhotoIds(article), form, errors);
  std::optional<store::ArticleContent> content =
      ValidateForm(context, staff, form, choices, ArticlePhotoIds(article), errors);
  if (!errors.empty() || !content) {
    return FormPage(context, staff, form, choices, errors, article, nlohmann::json::object(), 422);
  }
  return std::move(*content);
}

}  // namespace

http::Response CreateArticle(const NewsroomContext& context, const http::Request& request,
                             const Staff& staff) {
  const Result<FormChoices> choices = LoadFormChoices(*context.deps.store.catalog);
  if (!choices) return NewsroomErrorFor(context, choices.error());
  ArticleForm form;
  auto read = ReadArticleForm(context, request, staff, *choices, nullptr, form);
  if (http::Response* response = std::get_if<http::Response>(&read)) return std::move(*response);
  const Result<store::ArticleId> id = context.deps.store.desk->CreateDraft(
      std::get<store::ArticleContent>(read), staff.user_id, context.deps.clock->Now());
  if (!id) return NewsroomErrorFor(context, id.error());
  if (Result<> done = SaveCommentSetting(context, request, *id, form); !done) {
    return NewsroomErrorFor(context, done.error());
  }
  if (Result<> done = SaveSeriesPlace(context, *id, form); !done) {
    return NewsroomErrorFor(context, done.error());
  }
  return SeeOther(EditPath(*id) + "?done=saved");
}

namespace {

http::Response ConflictPage(const NewsroomContext& context, const Staff& staff,
                            const ArticleForm& form, const store::ArticleContent& mine,
                            const store::DeskArticle& current, const FormChoices& choices) {
  // The form keeps what this editor typed, now based on the latest revision: saving it again
  // is a deliberate choice made after seeing both versions below.
  ArticleForm rebased = form;
  rebased.base_revision = std::to_string(current.revision);
  nlohmann::json extra = {{"conflict",
                           {{"revision", current.revision},
                            {"diff", ContentDiffView(context, current.content, mine, choices)}}}};
  if (Result<std::vector<store::RevisionInfo>> history =
          context.deps.store.desk->Revisions(current.id);
      history && !history->empty()) {
    extra["conflict"]["saved_by"] = UserName(context, history->front().saved_by);
    extra["conflict"]["saved_at"] = FormatKst(history->front().saved_at);
  }
  return FormPage(context, staff, rebased, choices, {}, &current, std::move(extra), 409);
}

}  // namespace

http::Response SaveArticle(const NewsroomContext& context, const http::Request& request,
                           const Staff& staff) {
  const Result<store::DeskArticle> article = LoadViewableArticle(context, request, staff);
  if (!article) return NewsroomErrorFor(context, article.error());
  if (!MayEdit(staff, *article)) return NewsroomError(context, 403);
  const Result<FormChoices> choices = LoadFormChoices(*context.deps.store.catalog);
  if (!choices) return NewsroomErrorFor(context, choices.error());
  ArticleForm form;
  auto read = ReadArticleForm(context, request, staff, *choices, &*article, form);
  if (http::Response* response = std::get_if<http::Response>(&read)) return std::move(*response);
  const store::ArticleContent& content = std::get<store::ArticleContent>(read);

  store::RevisionNumber base = -1;
  const std::string& text = form.base_revision;
  if (std::from_chars(text.data(), text.data() + text.size(), base).ec != std::errc() || base < 0) {
    return NewsroomError(context, 400);
  }
  // A published article rewritten past the set share asks for a confirmation first.
  // (A stale save is left to the store, which answers it with the conflict page.)
  if (article->status == store::ArticleStatus::kPublished && !form.confirm_change &&
      base == article->revision) {
    const std::int64_t percent = ChangedPercent(article->content, content);
    if (percent > context.deps.config.newsroom.change_warning_percent) {
      std::string warning = Label(context, "desk_change_warning");
      for (const std::int64_t value :
           {percent, std::int64_t{context.deps.config.newsroom.change_warning_percent}}) {
        const size_t slot = warning.find("{}");
        if (slot != std::string::npos) warning.replace(slot, 2, std::to_string(value));
      }
      return FormPage(context, staff, form, *choices, {}, &*article,
                      {{"change_warning", {{"text", warning}}}}, 409);
    }
  }

  const Result<store::RevisionNumber> saved = context.deps.store.desk->SaveArticle(
      article->id, content, base, staff.user_id, context.deps.clock->Now());
  if (!saved && saved.error().code == ErrorCode::kConflict) {
    const Result<store::DeskArticle> current =
        context.deps.store.desk->DeskArticleById(article->id);
    if (!current) return NewsroomErrorFor(context, current.error());
    return ConflictPage(context, staff, form, content, *current, *choices);
  }
  if (!saved) return NewsroomErrorFor(context, saved.error());
  if (Result<> done = SaveCommentSetting(context, request, article->id, form); !done) {
    return NewsroomErrorFor(context, done.error());
  }
  if (Result<> done = SaveSeriesPlace(context, article->id, form); !done) {
    return NewsroomErrorFor(context, done.error());
  }
  if (article->status == store::ArticleStatus::kPublished) {
    RecordAudit(context, staff, request, "edit_published", "article:" + std::to_string(article->id),
                content.correction != article->content.correction ? "correction" : "");
  }
  return SeeOther(EditPath(article->id) + "?done=saved");
}

// The article as readers will see it, from the form as it is now (saved or not).
http::Response PreviewArticle(const NewsroomContext& context, const http::Request& request,
                              const Staff& staff) {
  const Result<FormChoices> choices = LoadFormChoices(*context.deps.store.catalog);
  if (!choices) return NewsroomErrorFor(context, choices.error());
  bool multipart = false;
  const std::optional<std::vector<http::FormPart>> parts = Parts(request, multipart);
  if (!parts) return NewsroomError(context, 400);
  ArticleForm form = FormFromRequest(request, multipart ? &*parts : nullptr);
  FieldErrors errors;
  // The article being edited, when the form says which: its photo may be shown to whoever
  // may view the article, whoever uploaded it.
  std::vector<store::PhotoId> article_photos;
  store::ArticleId article_id = 0;
  const std::string& id_text = form.article_id;
  if (std::from_chars(id_text.data(), id_text.data() + id_text.size(), article_id).ec ==
          std::errc() &&
      article_id > 0) {
    if (Result<store::DeskArticle> article = context.deps.store.desk->DeskArticleById(article_id);
        article && MayView(staff, *article)) {
      article_photos = ArticlePhotoIds(&*article);
    }
  }
  TakeLibraryPhoto(context, staff, article_photos, form, errors);
  // A preview shows whatever can be shown: errors are for saving.
  const std::optional<store::ArticleContent> valid =
      ValidateForm(context, staff, form, *choices, article_photos, errors);
  store::ArticleContent content;
  if (valid) content = *valid;
  if (!valid) {
    content.headline = form.headline;
    content.body_markdown = form.body;
    for (const std::string& line : form.subheadlines) {
      if (!line.empty()) content.subheadlines.push_back(line);
    }
  }
  const Timestamp now = context.deps.clock->Now();
  render::ArticleContentData data;
  data.url = "#";
  data.headline = content.headline.empty() ? form.headline : content.headline;
  data.subheadlines = content.subheadlines;
  data.body_markdown = content.body_markdown;
  data.registered_at = now;
  data.tags = content.tags;
  data.correction = content.correction;
  data.kind = std::string(store::ArticleKindName(content.kind));
  data.video = content.video;
  for (const store::SectionAdmin& section : choices->sections) {
    if (std::to_string(section.section.id) == form.section_id) {
      data.section = {.name = section.section.name,
                      .url = "/section/" + http::PercentEncode(section.section.slug)};
      data.section_slug = section.section.slug;
    }
  }
  for (const store::ReporterId id : content.reporter_ids) {
    for (const store::Reporter& reporter : choices->reporters) {
      if (reporter.id == id) {
        data.bylines.push_back({.id = reporter.id,
                                .name = reporter.name,
                                .email = reporter.email,
                                .url = "/reporter/" + std::to_string(reporter.id)});
      }
    }
  }
  const auto preview_photo =
      [&](store::PhotoId id, const std::string& caption,
          const std::string& credit) -> std::optional<render::ArticleContentData::Photo> {
    Result<store::Photo> photo = context.deps.store.catalog->PhotoById(id);
    if (!photo) return std::nullopt;
    return render::ArticleContentData::Photo{.name = photo->name,
                                             .format = photo->format,
                                             .widths = photo->widths,
                                             .width = photo->width,
                                             .height = photo->height,
                                             .webp = photo->webp,
                                             .caption = caption,
                                             .credit = credit};
  };
  if (content.photo_id) {
    data.photo = preview_photo(*content.photo_id, content.photo_caption, content.photo_credit);
  }
  for (const store::PhotoPlacement& placement : content.photos) {
    if (auto photo = preview_photo(placement.photo_id, placement.caption, placement.credit)) {
      data.photos.push_back(std::move(*photo));
    }
  }
  data.gallery = content.gallery;
  const nlohmann::json view = {{"article", render::ArticleContentView(data)},
                               {"lang", context.deps.renderer->language()},
                               {"css_url", context.deps.static_files->Url("css/site.css")},
                               {"favicon_url", context.deps.static_files->Url("img/favicon.svg")},
                               {"title", Label(context, "desk_preview_title")}};
  Result<std::string> html = context.deps.renderer->Render("newsroom/preview", view);
  if (!html) return NewsroomErrorFor(context, html.error());
  http::Response response = http::Html(std::move(*html));
  response.cache_control = "no-store";
  response.headers.emplace_back("X-Robots-Tag", "noindex");
  return response;
}

}  // namespace sinmun::newsroom
