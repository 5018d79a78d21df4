#include "newsroom/desk.hpp"

#include <charconv>

#include "newsroom/guard.hpp"
#include "newsroom/line_diff.hpp"
#include "newsroom/page.hpp"
#include "newsroom/session.hpp"

namespace sinmun::newsroom {
namespace {

bool IsAuthor(const Staff& staff, const store::DeskArticle& article) {
  return article.created_by != 0 && article.created_by == staff.user_id;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    if (!text.empty()) text += '\n';
    text += line;
  }
  return text;
}

std::string_view DiffKindName(DiffRow::Kind kind) {
  switch (kind) {
    case DiffRow::Kind::kSame:
      return "same";
    case DiffRow::Kind::kRemoved:
      return "removed";
    case DiffRow::Kind::kAdded:
      return "added";
    case DiffRow::Kind::kChanged:
      return "changed";
  }
  return "same";
}

std::string SectionName(const FormChoices& choices, store::SectionId id) {
  for (const store::SectionAdmin& section : choices.sections) {
    if (section.section.id == id) return section.section.name;
  }
  return "#" + std::to_string(id);
}

std::string ReporterNames(const FormChoices& choices, const std::vector<store::ReporterId>& ids) {
  std::vector<std::string> names;
  for (const store::ReporterId id : ids) {
    std::string name = "#" + std::to_string(id);
    for (const store::Reporter& reporter : choices.reporters) {
      if (reporter.id == id) name = reporter.name;
    }
    names.push_back(std::move(name));
  }
  return JoinLines(names);
}

std::string PhotoText(const store::ArticleContent& content) {
  if (!content.photo_id) return "";
  return "#" + std::to_string(*content.photo_id) + "\n" + content.photo_caption + "\n" +
         content.photo_credit;
}

// The further photos one line each ("#12 caption / credit"), led by the 포토뉴스 mark.
std::string MorePhotosText(const store::ArticleContent& content) {
  std::vector<std::string> lines;
  if (content.gallery) lines.emplace_back("[포토뉴스]");
  for (const store::PhotoPlacement& photo : content.photos) {
    lines.push_back("#" + std::to_string(photo.photo_id) + " " + photo.caption + " / " +
                    photo.credit);
  }
  return JoinLines(lines);
}

}  // namespace

bool MayEdit(const Staff& staff, const store::DeskArticle& article) {
  if (Allows(staff.role, Permission::kDesk)) return true;
  return IsAuthor(staff, article) && article.status == store::ArticleStatus::kDraft;
}

bool MayView(const Staff& staff, const store::DeskArticle& article) {
  return Allows(staff.role, Permission::kDesk) || IsAuthor(staff, article);
}

bool MayHandleDraft(const Staff& staff, const store::DeskArticle& article) {
  return Allows(staff.role, Permission::kDesk) || IsAuthor(staff, article);
}

Result<std::int64_t> PositivePathParam(const http::Request& request, std::string_view name) {
  const std::string_view text = request.PathParam(name);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1) {
    return Fail(ErrorCode::kInvalidInput, "bad path parameter " + std::string(name));
  }
  return value;
}

Result<store::ArticleId> ArticleIdParam(const http::Request& request) {
  return PositivePathParam(request, "id");
}

Result<store::DeskArticle> LoadViewableArticle(const NewsroomContext& context,
                                               const http::Request& request, const Staff& staff) {
  const Result<store::ArticleId> id = ArticleIdParam(request);
  if (!id) return tl::unexpected(id.error());
  Result<store::DeskArticle> article = context.deps.store.desk->DeskArticleById(*id);
  if (!article) return article;
  if (!MayView(staff, *article)) {
    return Fail(ErrorCode::kForbidden, "not the author of article " + std::to_string(*id));
  }
  return article;
}

std::string EditPath(store::ArticleId id) { return "/newsroom/articles/" + std::to_string(id); }

std::optional<std::string> StaffEditUrl(const NewsroomContext& context,
                                        const http::Request& request, store::ArticleId id) {
  if (!request.Cookie(context.session_cookie)) return std::nullopt;
  const Result<std::optional<Staff>> staff = CurrentStaff(context, request);
  if (!staff || !*staff) return std::nullopt;
  const Result<store::DeskArticle> article = context.deps.store.desk->DeskArticleById(id);
  if (!article || !MayEdit(**staff, *article)) return std::nullopt;
  return EditPath(id);
}

std::string StatusLabel(const NewsroomContext& context, store::ArticleStatus status) {
  return Label(context, "desk_status_" + std::string(store::StatusName(status)));
}

std::string UserName(const NewsroomContext& context, store::UserId id) {
  if (id == 0) return "—";
  if (Result<store::User> user = context.deps.store.accounts->UserById(id)) return user->name;
  return "#" + std::to_string(id);
}

nlohmann::json ContentDiffView(const NewsroomContext& context, const store::ArticleContent& older,
                               const store::ArticleContent& newer, const FormChoices& choices) {
  const std::pair<std::string, std::pair<std::string, std::string>> fields[] = {
      {"desk_field_section",
       {SectionName(choices, older.section_id), SectionName(choices, newer.section_id)}},
      {"desk_field_headline", {older.headline, newer.headline}},
      {"desk_field_subheadlines", {JoinLines(older.subheadlines), JoinLines(newer.subheadlines)}},
      {"desk_field_reporters",
       {ReporterNames(choices, older.reporter_ids), ReporterNames(choices, newer.reporter_ids)}},
      {"desk_field_tags", {JoinLines(older.tags), JoinLines(newer.tags)}},
      {"desk_field_correction", {older.correction, newer.correction}},
      {"desk_field_photo", {PhotoText(older), PhotoText(newer)}},
      {"desk_field_photos", {MorePhotosText(older), MorePhotosText(newer)}},
      {"desk_field_video", {older.video, newer.video}},
      {"desk_field_body", {older.body_markdown, newer.body_markdown}},
  };
  nlohmann::json view = nlohmann::json::array();
  for (const auto& [label, texts] : fields) {
    nlohmann::json rows = nlohmann::json::array();
    for (const DiffRow& row : LineDiff(texts.first, texts.second)) {
      rows.push_back({{"kind", DiffKindName(row.kind)},
                      {"left", row.left ? nlohmann::json(*row.left) : nlohmann::json(nullptr)},
                      {"right", row.right ? nlohmann::json(*row.right) : nlohmann::json(nullptr)}});
    }
    view.push_back({{"label", Label(context, label)},
                    {"changed", texts.first != texts.second},
                    {"rows", std::move(rows)}});
  }
  return view;
}

}  // namespace sinmun::newsroom
