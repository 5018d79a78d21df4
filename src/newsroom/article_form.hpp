#pragma once
// Private to newsroom/: the article form. What the form sent, as typed (so that a rejected
// form shows it all again), its validation into store::ArticleContent with one message per
// field, and the view the template newsroom/article_form renders.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/multipart.hpp"
#include "http/request.hpp"
#include "newsroom/context.hpp"
#include "newsroom/staff.hpp"
#include "store/catalog.hpp"
#include "store/comment_book.hpp"
#include "store/desk_records.hpp"
#include "store/series_book.hpp"

namespace sinmun::newsroom {

// One of the further photos (사진 2, 3, …) as the form sent it.
struct PhotoRowForm {
  std::string photo_id;
  std::string caption;
  std::string credit;
  std::string position;  // the order typed: rows are sorted by it, ties kept in form order
  bool remove = false;
};

// The form's fields as text, exactly as typed.
struct ArticleForm {
  std::string base_revision = "0";  // the revision the edit started from
  std::string article_id;           // the edited article ("" for a new one), for the preview
  std::string section_id;
  std::string headline;
  std::vector<std::string> subheadlines;
  std::string body;
  std::vector<std::string> reporter_ids;  // one per byline select, in order
  std::string tags;                       // comma separated
  std::string correction;
  std::string photo_id;  // the lead photo kept from before ("" for none)
  std::string photo_caption;
  std::string photo_credit;
  bool remove_photo = false;
  std::vector<PhotoRowForm> photos;  // the further photos, in the order of the form
  bool gallery = false;              // 포토뉴스
  std::string video;                 // a YouTube or Naver TV address as pasted ("" for none)
  std::string kind = "own";          // store::ArticleKindName; 자체기사 unless chosen otherwise
  bool confirm_change = false;       // the editor saw the large-change warning and saves anyway
  // Reader comments (issue #16): "" follows the site's default, else store::CommentPolicyName;
  // comment_days is used with "closes". Not content: kept apart from the revisions.
  std::string comments;
  std::string comment_days;
  // Series (연재, issue #18): "" for none, else a series id, with the episode number. Not
  // content either: kept apart from the revisions.
  std::string series_id;
  std::string series_episode;
  // A photo taken from the library by its number (photo_pick.hpp), "" for none, and where it
  // goes: "lead" or "body".
  std::string library_photo;
  std::string library_place;
};

// Field name -> message label key ("desk_error_headline_required", …).
using FieldErrors = std::map<std::string, std::string>;

// The form as sent; `parts` are the multipart parts when the body is multipart/form-data.
ArticleForm FormFromRequest(const http::Request& request, const std::vector<http::FormPart>* parts);
// The form showing a stored article (or revision) to edit.
ArticleForm FormFromContent(const store::ArticleContent& content, store::RevisionNumber revision);

// Fills the form's comment fields with the article's own comment setting (none: the site's
// default). A setting that cannot be read leaves the default shown.
void LoadCommentSetting(const NewsroomContext& context, store::ArticleId article,
                        ArticleForm& form);

// The form's comment setting: nullopt for the site's default. Sets errors["comments"] for an
// unknown choice or days that are not a whole number from 0 to 36500.
std::optional<store::CommentSetting> CommentSettingFromForm(const ArticleForm& form,
                                                            FieldErrors& errors);

// Fills the form's series fields with the article's place (none: not in a series). A place
// that cannot be read leaves none shown.
void LoadSeriesPlace(const NewsroomContext& context, store::ArticleId article, ArticleForm& form);

// The form's series place: nullopt for none. Sets errors["series"] for an unknown series or an
// episode that is not a whole number from 1 to 9999.
std::optional<store::SeriesPlace> SeriesPlaceFromForm(const NewsroomContext& context,
                                                      const ArticleForm& form, FieldErrors& errors);

// The lists the form chooses from.
struct FormChoices {
  std::vector<store::SectionAdmin> sections;
  std::vector<store::Reporter> reporters;
};
Result<FormChoices> LoadFormChoices(const store::Catalog& store);

// The photos `article` has (lead and further), which UsablePhoto (photo_scope.hpp) lets its
// editors keep; none when `article` is null (a new article).
std::vector<store::PhotoId> ArticlePhotoIds(const store::DeskArticle* article);

// Validates `form` into content, or fills `errors`. Each photo id must be a stored photo that
// UsablePhoto allows (`article_photos`: the edited article's, ArticlePhotoIds).
std::optional<store::ArticleContent> ValidateForm(const NewsroomContext& context,
                                                  const Staff& staff, const ArticleForm& form,
                                                  const FormChoices& choices,
                                                  const std::vector<store::PhotoId>& article_photos,
                                                  FieldErrors& errors);

// The view of the form: every field as typed, selections marked, `errors` as messages next
// to their fields ("errors": {"headline": "…"} and "<field>_error" keys). The photo is shown
// only when UsablePhoto allows it.
nlohmann::json FormView(const NewsroomContext& context, const Staff& staff, const ArticleForm& form,
                        const FormChoices& choices,
                        const std::vector<store::PhotoId>& article_photos,
                        const FieldErrors& errors);

}  // namespace sinmun::newsroom
