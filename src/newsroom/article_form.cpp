#include "newsroom/article_form.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <set>
#include <string_view>

#include "newsroom/guard.hpp"
#include "newsroom/page.hpp"
#include "newsroom/photo_scope.hpp"
#include "render/article_view.hpp"
#include "render/video_link.hpp"

namespace sinmun::newsroom {
namespace {

constexpr size_t kMaxHeadlineChars = 200;
constexpr size_t kMaxSubheadlineChars = 200;
constexpr size_t kMaxTagChars = 30;
constexpr size_t kMaxTags = 20;
constexpr size_t kMaxBylines = 10;
constexpr size_t kMaxBodyBytes = 1 << 20;
constexpr size_t kMaxShortTextChars = 500;  // correction, caption, credit
constexpr size_t kMaxMorePhotos = 50;       // further photos of one article
constexpr std::int64_t kMaxCommentDays = 36500;
constexpr std::int64_t kMaxSeriesEpisode = 9999;

size_t CharCount(std::string_view utf8) {
  size_t count = 0;
  for (const char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Browsers send textarea line breaks as CRLF; the store keeps LF.
std::string NormalizeNewlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// A field reader over either body type.
class Fields {
 public:
  Fields(const http::Request& request, const std::vector<http::FormPart>* parts)
      : request_(request), parts_(parts) {}

  std::string Get(std::string_view name) const {
    if (parts_ == nullptr) return request_.Form(name).value_or("");
    for (const http::FormPart& part : *parts_) {
      if (part.name == name && !part.filename) return std::string(part.data);
    }
    return "";
  }
  std::vector<std::string> All(std::string_view name) const {
    if (parts_ == nullptr) return request_.FormAll(name);
    std::vector<std::string> values;
    for (const http::FormPart& part : *parts_) {
      if (part.name == name && !part.filename) values.emplace_back(part.data);
    }
    return values;
  }

 private:
  const http::Request& request_;
  const std::vector<http::FormPart>* parts_;
};

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string text;
  for (const std::string& tag : tags) {
    if (!text.empty()) text += ", ";
    text += tag;
  }
  return text;
}

}  // namespace

ArticleForm FormFromRequest(const http::Request& request,
                            const std::vector<http::FormPart>* parts) {
  const Fields fields(request, parts);
  ArticleForm form;
  form.base_revision = fields.Get("base_revision");
  form.article_id = fields.Get("article_id");
  form.section_id = fields.Get("section");
  form.headline = fields.Get("headline");
  form.subheadlines = fields.All("subheadline");
  form.body = NormalizeNewlines(fields.Get("body"));
  form.reporter_ids = fields.All("reporter");
  form.tags = fields.Get("tags");
  form.correction = NormalizeNewlines(fields.Get("correction"));
  form.photo_id = fields.Get("photo_id");
  form.photo_caption = fields.Get("photo_caption");
  form.photo_credit = fields.Get("photo_credit");
  form.remove_photo = !fields.Get("remove_photo").empty();
  {
    const std::vector<std::string> ids = fields.All("more_photo_id");
    const std::vector<std::string> captions = fields.All("more_photo_caption");
    const std::vector<std::string> credits = fields.All("more_photo_credit");
    const std::vector<std::string> positions = fields.All("more_photo_position");
    const std::vector<std::string> removed = fields.All("more_photo_remove");  // row numbers
    const auto at = [](const std::vector<std::string>& list, size_t i) {
      return i < list.size() ? list[i] : std::string();
    };
    for (size_t i = 0; i < ids.size() && i < kMaxMorePhotos * 2; ++i) {
      form.photos.push_back(PhotoRowForm{
          .photo_id = ids[i],
          .caption = at(captions, i),
          .credit = at(credits, i),
          .position = at(positions, i),
          .remove =
              std::find(removed.begin(), removed.end(), std::to_string(i + 1)) != removed.end()});
    }
  }
  form.gallery = !fields.Get("gallery").empty();
  form.video = fields.Get("video");
  // The select always sends one; a client that leaves it out gets the default, 자체기사.
  if (std::string kind = fields.Get("kind"); !kind.empty()) form.kind = std::move(kind);
  form.confirm_change = !fields.Get("confirm_change").empty();
  form.comments = fields.Get("comments");
  form.comment_days = fields.Get("comment_days");
  form.series_id = fields.Get("series");
  form.series_episode = fields.Get("series_episode");
  form.library_photo = fields.Get("library_photo");
  form.library_place = fields.Get("library_place");
  return form;
}

void LoadSeriesPlace(const NewsroomContext& context, store::ArticleId article, ArticleForm& form) {
  if (context.deps.store.series == nullptr) return;
  const Result<std::optional<store::SeriesPlace>> place =
      context.deps.store.series->SeriesPlaceOf(article);
  if (!place || !*place) return;
  form.series_id = std::to_string((*place)->series_id);
  form.series_episode = std::to_string((*place)->episode);
}

std::optional<store::SeriesPlace> SeriesPlaceFromForm(const NewsroomContext& context,
                                                      const ArticleForm& form,
                                                      FieldErrors& errors) {
  if (Trim(form.series_id).empty() || context.deps.store.series == nullptr) return std::nullopt;
  const std::optional<std::int64_t> series = ParseInt(Trim(form.series_id));
  const std::optional<std::int64_t> episode = ParseInt(Trim(form.series_episode));
  if (!series || !episode || *episode < 1 || *episode > kMaxSeriesEpisode ||
      !context.deps.store.series->SeriesById(*series)) {
    errors["series"] = "desk_error_series";
    return std::nullopt;
  }
  return store::SeriesPlace{*series, static_cast<int>(*episode)};
}

void LoadCommentSetting(const NewsroomContext& context, store::ArticleId article,
                        ArticleForm& form) {
  if (context.deps.store.comments == nullptr) return;
  const Result<store::CommentSetting> setting =
      context.deps.store.comments->CommentSettingOf(article);
  if (!setting) return;
  form.comments = std::string(store::CommentPolicyName(setting->policy));
  if (setting->policy == store::CommentPolicy::kCloses) {
    form.comment_days = std::to_string(setting->close_days);
  }
}

std::optional<store::CommentSetting> CommentSettingFromForm(const ArticleForm& form,
                                                            FieldErrors& errors) {
  if (form.comments.empty()) return std::nullopt;
  const std::optional<store::CommentPolicy> policy = store::ParseCommentPolicy(form.comments);
  if (!policy) {
    errors["comments"] = "desk_error_comments";
    return std::nullopt;
  }
  store::CommentSetting setting{.policy = *policy};
  if (*policy == store::CommentPolicy::kCloses) {
    const std::optional<std::int64_t> days = ParseInt(Trim(form.comment_days));
    if (!days || *days < 0 || *days > kMaxCommentDays) {
      errors["comments"] = "desk_error_comment_days";
      return std::nullopt;
    }
    setting.close_days = *days;
  }
  return setting;
}

ArticleForm FormFromContent(const store::ArticleContent& content, store::RevisionNumber revision) {
  ArticleForm form;
  form.base_revision = std::to_string(revision);
  form.section_id = std::to_string(content.section_id);
  form.headline = content.headline;
  form.subheadlines = content.subheadlines;
  form.body = content.body_markdown;
  for (const store::ReporterId id : content.reporter_ids) {
    form.reporter_ids.push_back(std::to_string(id));
  }
  form.tags = JoinTags(content.tags);
  form.correction = content.correction;
  form.photo_id = content.photo_id ? std::to_string(*content.photo_id) : "";
  form.photo_caption = content.photo_caption;
  form.photo_credit = content.photo_credit;
  for (size_t i = 0; i < content.photos.size(); ++i) {
    const store::PhotoPlacement& photo = content.photos[i];
    form.photos.push_back(PhotoRowForm{.photo_id = std::to_string(photo.photo_id),
                                       .caption = photo.caption,
                                       .credit = photo.credit,
                                       .position = std::to_string(i + 1)});
  }
  form.gallery = content.gallery;
  form.kind = std::string(store::ArticleKindName(content.kind));
  if (const std::optional<render::VideoLink> video = render::ParseStoredVideo(content.video)) {
    form.video = render::WatchAddress(*video);
  }
  return form;
}

Result<FormChoices> LoadFormChoices(const store::Catalog& store) {
  Result<std::vector<store::SectionAdmin>> sections = store.AllSections();
  if (!sections) return tl::unexpected(sections.error());
  Result<std::vector<store::Reporter>> reporters = store.Reporters();
  if (!reporters) return tl::unexpected(reporters.error());
  return FormChoices{.sections = std::move(*sections), .reporters = std::move(*reporters)};
}

std::vector<store::PhotoId> ArticlePhotoIds(const store::DeskArticle* article) {
  std::vector<store::PhotoId> ids;
  if (article == nullptr) return ids;
  if (article->content.photo_id) ids.push_back(*article->content.photo_id);
  for (const store::PhotoPlacement& photo : article->content.photos) ids.push_back(photo.photo_id);
  return ids;
}

namespace {

// The rows of the further photos that are kept, in the order their positions give: a
// position that is not a number sorts after the numbered ones, ties in form order.
std::vector<const PhotoRowForm*> KeptPhotoRows(const ArticleForm& form) {
  std::vector<const PhotoRowForm*> rows;
  for (const PhotoRowForm& row : form.photos) {
    if (!row.remove && !Trim(row.photo_id).empty()) rows.push_back(&row);
  }
  const auto position = [](const PhotoRowForm* row) {
    return ParseInt(Trim(row->position)).value_or(std::numeric_limits<std::int64_t>::max());
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const PhotoRowForm* a, const PhotoRowForm* b) {
    return position(a) < position(b);
  });
  return rows;
}

// A caption or credit as one line: the store keeps them one line each, without tabs.
std::string CaptionLine(std::string_view text) {
  std::string line(Trim(text));
  std::replace_if(
      line.begin(), line.end(), [](char c) { return c == '\t' || c == '\r' || c == '\n'; }, ' ');
  return line;
}

}  // namespace

std::optional<store::ArticleContent> ValidateForm(const NewsroomContext& context,
                                                  const Staff& staff, const ArticleForm& form,
                                                  const FormChoices& choices,
                                                  const std::vector<store::PhotoId>& article_photos,
                                                  FieldErrors& errors) {
  store::ArticleContent content;

  const std::optional<std::int64_t> section = ParseInt(form.section_id);
  bool known_section = false;
  for (const store::SectionAdmin& candidate : choices.sections) {
    if (section && candidate.section.id == *section) known_section = true;
  }
  if (!known_section) {
    errors["section"] = "desk_error_section";
  } else {
    content.section_id = *section;
  }

  if (const std::optional<store::ArticleKind> kind = store::ParseArticleKind(form.kind)) {
    content.kind = *kind;
  } else {
    errors["kind"] = "desk_error_kind";
  }
  CommentSettingFromForm(form, errors);        // saved apart from the content, checked with it
  SeriesPlaceFromForm(context, form, errors);  // so is the series place

  const std::string_view headline = Trim(form.headline);
  if (headline.empty()) {
    errors["headline"] = "desk_error_headline_required";
  } else if (CharCount(headline) > kMaxHeadlineChars ||
             headline.find_first_of("\r\n") != std::string_view::npos) {
    errors["headline"] = "desk_error_headline_long";
  }
  content.headline = std::string(headline);

  for (const std::string& line : form.subheadlines) {
    const std::string_view text = Trim(line);
    if (text.empty()) continue;  // an empty bullet is a removed one
    if (CharCount(text) > kMaxSubheadlineChars || text.find_first_of("\r\n") != text.npos) {
      errors["subheadlines"] = "desk_error_subheadline_long";
    }
    content.subheadlines.emplace_back(text);
  }

  if (form.body.size() > kMaxBodyBytes) errors["body"] = "desk_error_body_long";
  content.body_markdown = form.body;

  std::set<store::ReporterId> seen;
  for (const std::string& text : form.reporter_ids) {
    if (Trim(text).empty()) continue;  // an unused byline select
    const std::optional<std::int64_t> id = ParseInt(Trim(text));
    bool known = false;
    for (const store::Reporter& reporter : choices.reporters) {
      if (id && reporter.id == *id) known = true;
    }
    if (!known) {
      errors["reporters"] = "desk_error_reporter_unknown";
    } else if (!seen.insert(*id).second) {
      errors["reporters"] = "desk_error_reporter_twice";
    } else {
      content.reporter_ids.push_back(*id);
    }
  }
  if (content.reporter_ids.empty() && !errors.contains("reporters")) {
    errors["reporters"] = "desk_error_reporter_required";
  }
  if (content.reporter_ids.size() > kMaxBylines) errors["reporters"] = "desk_error_reporter_many";

  std::string_view tags = form.tags;
  std::set<std::string> seen_tags;
  while (!tags.empty()) {
    const size_t comma = tags.find(',');
    std::string_view tag = Trim(tags.substr(0, comma));
    if (!tag.empty() && tag.front() == '#') tag = Trim(tag.substr(1));
    if (!tag.empty()) {
      if (CharCount(tag) > kMaxTagChars || tag.find_first_of("\r\n") != tag.npos) {
        errors["tags"] = "desk_error_tag_long";
      } else if (seen_tags.insert(std::string(tag)).second) {
        content.tags.emplace_back(tag);
      }
    }
    if (comma == std::string_view::npos) break;
    tags.remove_prefix(comma + 1);
  }
  if (content.tags.size() > kMaxTags) errors["tags"] = "desk_error_tags_many";

  content.correction = std::string(Trim(form.correction));
  if (CharCount(content.correction) > kMaxShortTextChars) {
    errors["correction"] = "desk_error_correction_long";
  }

  if (!form.remove_photo && !Trim(form.photo_id).empty()) {
    const std::optional<std::int64_t> photo = ParseInt(Trim(form.photo_id));
    // A photo outside the staff's scope reads as unknown: the answer does not say it exists.
    if (!photo || !UsablePhoto(context, staff, *photo, article_photos)) {
      errors["photo"] = "desk_error_photo_unknown";
    } else {
      content.photo_id = *photo;
    }
  }
  content.photo_caption = std::string(Trim(form.photo_caption));
  content.photo_credit = std::string(Trim(form.photo_credit));
  if (CharCount(content.photo_caption) > kMaxShortTextChars ||
      CharCount(content.photo_credit) > kMaxShortTextChars) {
    errors["photo"] = "desk_error_caption_long";
  }
  for (const PhotoRowForm* row : KeptPhotoRows(form)) {
    const std::optional<std::int64_t> photo = ParseInt(Trim(row->photo_id));
    store::PhotoPlacement placement{.photo_id = photo.value_or(0),
                                    .caption = CaptionLine(row->caption),
                                    .credit = CaptionLine(row->credit)};
    if (!photo || !UsablePhoto(context, staff, *photo, article_photos) ||
        CharCount(placement.caption) > kMaxShortTextChars ||
        CharCount(placement.credit) > kMaxShortTextChars) {
      errors["photos"] = "desk_error_photos";
    } else {
      content.photos.push_back(std::move(placement));
    }
  }
  if (content.photos.size() > kMaxMorePhotos) errors["photos"] = "desk_error_photos_many";
  content.gallery = form.gallery;
  if (!Trim(form.video).empty()) {
    // Only the two hosts the page knows how to frame: anything else is refused here, with the
    // address left in the field to correct.
    if (const std::optional<render::VideoLink> video = render::ParseVideoAddress(form.video)) {
      content.video = render::StoredVideo(*video);
    } else {
      errors["video"] = "desk_error_video_host";
    }
  }
  if (!errors.empty()) return std::nullopt;
  return content;
}

nlohmann::json FormView(const NewsroomContext& context, const Staff& staff, const ArticleForm& form,
                        const FormChoices& choices,
                        const std::vector<store::PhotoId>& article_photos,
                        const FieldErrors& errors) {
  nlohmann::json sections = nlohmann::json::array();
  for (const store::SectionAdmin& section : choices.sections) {
    sections.push_back({{"id", section.section.id},
                        {"name", section.section.name},
                        {"selected", std::to_string(section.section.id) == form.section_id}});
  }
  // One select per byline plus an empty one to add a byline without JavaScript.
  std::vector<std::string> chosen;
  for (const std::string& id : form.reporter_ids) {
    if (!Trim(id).empty()) chosen.emplace_back(Trim(id));
  }
  chosen.emplace_back();
  nlohmann::json bylines = nlohmann::json::array();
  for (size_t i = 0; i < chosen.size(); ++i) {
    nlohmann::json options = nlohmann::json::array();
    for (const store::Reporter& reporter : choices.reporters) {
      options.push_back({{"id", reporter.id},
                         {"name", reporter.name},
                         {"selected", std::to_string(reporter.id) == chosen[i]}});
    }
    bylines.push_back({{"index", i + 1}, {"options", std::move(options)}});
  }
  // The sub-headline bullets typed so far plus an empty one.
  nlohmann::json subheadlines = nlohmann::json::array();
  for (const std::string& line : form.subheadlines) {
    if (!Trim(line).empty()) subheadlines.push_back({{"text", line}});
  }
  subheadlines.push_back({{"text", ""}});

  nlohmann::json messages = nlohmann::json::object();
  for (const auto& [field, key] : errors) messages[field] = Label(context, key);

  nlohmann::json photo = nullptr;
  if (const std::optional<std::int64_t> id = ParseInt(Trim(form.photo_id));
      id && !form.remove_photo) {
    if (Result<store::LibraryPhoto> stored = UsablePhoto(context, staff, *id, article_photos)) {
      const store::Photo& shown = stored->photo;
      const int width = shown.widths.empty() ? 0 : shown.widths.front();
      photo = {{"id", shown.id},
               {"thumbnail", render::PhotoUrl(shown.name, shown.format, width)},
               {"width", shown.width},
               {"height", shown.height}};
    }
  }
  // The further photos kept so far, in their order, numbered from 사진 2 (the lead is 사진 1):
  // the numbers an editor types in the body to place them.
  nlohmann::json more_photos = nlohmann::json::array();
  for (const PhotoRowForm* row : KeptPhotoRows(form)) {
    const size_t index = more_photos.size() + 1;
    nlohmann::json thumbnail = nullptr;
    if (const std::optional<std::int64_t> id = ParseInt(Trim(row->photo_id))) {
      if (Result<store::LibraryPhoto> stored = UsablePhoto(context, staff, *id, article_photos)) {
        const store::Photo& shown = stored->photo;
        const int width = shown.widths.empty() ? 0 : shown.widths.front();
        thumbnail = render::PhotoUrl(shown.name, shown.format, width);
      }
    }
    more_photos.push_back({{"index", index},
                           {"number", index + 1},
                           {"photo_id", row->photo_id},
                           {"caption", row->caption},
                           {"credit", row->credit},
                           {"thumbnail", std::move(thumbnail)}});
  }
  const bool has_more_photos = !more_photos.empty();
  nlohmann::json kinds = nlohmann::json::array();
  for (const store::ArticleKind kind :
       {store::ArticleKind::kOwn, store::ArticleKind::kPressRelease,
        store::ArticleKind::kContribution, store::ArticleKind::kWire,
        store::ArticleKind::kAdvertisement, store::ArticleKind::kSponsored}) {
    const std::string name(store::ArticleKindName(kind));
    kinds.push_back({{"value", name},
                     {"label", Label(context, "kind_" + name)},
                     {"selected", name == form.kind}});
  }
  nlohmann::json comment_policies = nlohmann::json::array();
  for (const std::string_view name : {"", "open", "closes", "off"}) {
    comment_policies.push_back(
        {{"value", name},
         {"label", Label(context, "desk_comments_" + std::string(name.empty() ? "default" : name))},
         {"selected", name == form.comments}});
  }
  // The series picker: none, or one of the series, newest first.
  nlohmann::json series = nlohmann::json::array();
  if (context.deps.store.series != nullptr) {
    if (Result<std::vector<store::Series>> all = context.deps.store.series->AllSeries()) {
      series.push_back({{"value", ""},
                        {"label", Label(context, "desk_series_none")},
                        {"selected", Trim(form.series_id).empty()}});
      for (const store::Series& one : *all) {
        series.push_back({{"value", std::to_string(one.id)},
                          {"label", one.title},
                          {"selected", std::to_string(one.id) == Trim(form.series_id)}});
      }
    }
  }
  const bool has_series = series.size() > 1;  // a picker only once a series exists
  return {{"base_revision", form.base_revision},
          {"kinds", std::move(kinds)},
          {"series", std::move(series)},
          {"has_series", has_series},
          {"series_episode", form.series_episode},
          {"comment_policies", std::move(comment_policies)},
          {"comment_days", form.comment_days},
          {"sections", std::move(sections)},
          {"headline", form.headline},
          {"subheadlines", std::move(subheadlines)},
          {"body", form.body},
          {"bylines", std::move(bylines)},
          {"tags", form.tags},
          {"correction", form.correction},
          {"photo", std::move(photo)},
          {"photo_id", form.photo_id},
          {"photo_caption", form.photo_caption},
          {"photo_credit", form.photo_credit},
          {"more_photos", std::move(more_photos)},
          {"has_more_photos", has_more_photos},
          {"gallery", form.gallery},
          {"video", form.video},
          {"library_photo", form.library_photo},
          {"library_in_body", form.library_place == "body"},
          {"errors", std::move(messages)},
          {"has_errors", !errors.empty()}};
}

}  // namespace sinmun::newsroom
