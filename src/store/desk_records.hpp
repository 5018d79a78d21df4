#pragma once
// Records of the newsroom desk (issue #3): articles in any status, their revisions and photos.
// Plain structs, no behaviour beyond naming statuses.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "store/records.hpp"

namespace sinmun::store {

using RevisionNumber = std::int64_t;

// Where an article is in the desk workflow:
//   draft -> submitted -> published; draft/submitted -> scheduled -> published (by the
//   scheduler at publish_at); published/scheduled -> unpublished -> (re)published.
// Only kPublished articles are public (and only from registered_at on).
enum class ArticleStatus { kDraft, kSubmitted, kScheduled, kPublished, kUnpublished };

// "draft", "submitted", "scheduled", "published", "unpublished": the stored and URL names.
std::string_view StatusName(ArticleStatus status);
// The status named `name`; nullopt for anything else.
std::optional<ArticleStatus> StatusNamed(std::string_view name);

// Everything an editor saves: one revision's content.
struct ArticleContent {
  SectionId section_id = 0;
  std::string headline;
  std::vector<std::string> subheadlines;  // one line each
  std::string body_markdown;
  std::vector<ReporterId> reporter_ids;  // byline order, no repeats
  std::vector<std::string> tags;         // one line each, no repeats
  std::string correction;                // 바로잡습니다 note; empty when none
  std::optional<PhotoId> photo_id;       // the lead photo
  std::string photo_caption;
  std::string photo_credit;
  ArticleKind kind = ArticleKind::kOwn;
  std::string video;                   // as Article::video; "" for none
  std::vector<PhotoPlacement> photos;  // after the lead photo, in order (Article::photos)
  bool gallery = false;                // 포토뉴스 (Article::gallery)

  bool operator==(const ArticleContent&) const = default;
};

// An article as the newsroom sees it, in any status, at its latest revision.
struct DeskArticle {
  ArticleId id = 0;
  ArticleStatus status = ArticleStatus::kDraft;
  ArticleContent content;
  RevisionNumber revision = 0;  // 0 for articles that never went through the newsroom
  UserId created_by = 0;        // 0 for articles that never went through the newsroom
  Timestamp updated_at = 0;
  std::optional<Timestamp> publish_at;     // when scheduled
  std::optional<Timestamp> registered_at;  // first publication, once published
  std::optional<Timestamp> modified_at;    // last edit after publication
};

// A row of a desk list.
struct DeskSummary {
  ArticleId id = 0;
  ArticleStatus status = ArticleStatus::kDraft;
  std::string headline;
  std::string section_name;
  UserId created_by = 0;
  Timestamp updated_at = 0;
  std::optional<Timestamp> publish_at;
  std::optional<Timestamp> registered_at;  // when published or unpublished after publication
  RevisionNumber revision = 0;
};

// Which articles a desk list shows; unset fields do not filter. Newest change first.
struct DeskQuery {
  std::optional<ArticleStatus> status;
  std::optional<UserId> created_by;
  std::string headline_contains;  // case-sensitive substring; "" matches all
  int limit = 20;                 // 1..200
};

// One saved revision.
struct Revision {
  ArticleId article_id = 0;
  RevisionNumber number = 0;
  UserId saved_by = 0;
  Timestamp saved_at = 0;
  ArticleContent content;
};

// A revision in a history list (without its content).
struct RevisionInfo {
  RevisionNumber number = 0;
  UserId saved_by = 0;
  Timestamp saved_at = 0;
  std::string headline;
};

// An uploaded photo, stored as DIR/uploads/<name>-<width>.<ext> for each width.
struct Photo {
  PhotoId id = 0;
  std::string name;    // file stem, unique
  std::string format;  // "jpeg", "png" or "webp"
  int width = 0;       // of the largest variant
  int height = 0;
  std::vector<int> widths;  // ascending
  bool webp = false;        // name-<width>.webp files beside those in `format`
  UserId uploaded_by = 0;
  Timestamp uploaded_at = 0;
};

}  // namespace sinmun::store
