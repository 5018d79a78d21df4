#pragma once
// The newsroom desk: drafts, workflow, revisions, photos.
// Every call below that writes an article appends to the change log in its transaction,
// so that followers re-read it (a draft reads as kNotFound from PublishedArticle, as does
// an unpublished article: search and caches drop it).
// Content rules, checked by every saving call (kInvalidInput): a known section, a non-empty
// headline of one line, sub-headlines and tags of one line, no byline or tag twice, known
// reporter ids, and a known photo id when one is set.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <vector>

#include "core/error.hpp"
#include "store/desk_records.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class Desk {
 public:
  virtual ~Desk() = default;

  // A new draft at revision 1 (saved by `by` at `at`, who becomes its author).
  virtual Result<ArticleId> CreateDraft(const ArticleContent& content, UserId by, Timestamp at) = 0;

  // Saves `content` as revision base_revision + 1 and returns that number. kConflict when the
  // article's latest revision is not `base_revision` (someone saved in between): nothing is
  // written. kNotFound for an unknown id. Saving a published article sets its modified_at.
  // An article that never went through the newsroom (revision 0) first has its stored
  // content kept as revision 1 (saved_by 0), and the save becomes revision 2.
  virtual Result<RevisionNumber> SaveArticle(ArticleId id, const ArticleContent& content,
                                             RevisionNumber base_revision, UserId by,
                                             Timestamp at) = 0;

  // The article in any status. kNotFound for an unknown id.
  virtual Result<DeskArticle> DeskArticleById(ArticleId id) const = 0;

  // Desk lists, most recently changed first. kInvalidInput for a limit outside 1..200.
  virtual Result<std::vector<DeskSummary>> DeskArticles(const DeskQuery& query) const = 0;

  // Status changes. Each is refused with kConflict from a status it does not start from,
  // kNotFound for an unknown id. `at` is the time of the change.
  // draft -> submitted.
  virtual Result<> SubmitArticle(ArticleId id, Timestamp at) = 0;

  // draft, submitted, scheduled or unpublished -> published. The first publication sets
  // registered_at = at; a later one keeps it and sets modified_at = at.
  virtual Result<> PublishArticle(ArticleId id, Timestamp at) = 0;

  // draft, submitted, scheduled or unpublished -> scheduled at `publish_at`.
  // kInvalidInput unless publish_at > at.
  virtual Result<> ScheduleArticle(ArticleId id, Timestamp publish_at, Timestamp at) = 0;

  // published or scheduled -> unpublished: no longer public anywhere.
  virtual Result<> UnpublishArticle(ArticleId id, Timestamp at) = 0;

  // Deletes a draft with its revisions. kConflict for any other status.
  virtual Result<> DeleteDraft(ArticleId id, Timestamp at) = 0;

  // Publishes every scheduled article with publish_at <= now, each registered at its
  // publish_at when first published (the minute it was scheduled for, even when the server
  // was down then), and returns their ids, oldest schedule first.
  virtual Result<std::vector<ArticleId>> PublishDue(Timestamp now) = 0;

  // The article's revisions, newest first. kNotFound for an unknown article.
  virtual Result<std::vector<RevisionInfo>> Revisions(ArticleId id) const = 0;

  // One revision whole. kNotFound for an unknown article or number.
  virtual Result<Revision> RevisionOf(ArticleId id, RevisionNumber number) const = 0;

  // Records an uploaded photo whose files are already written; returns its id (photo.id is
  // ignored). kConflict when the name is taken; kInvalidInput for an empty name or widths.
  virtual Result<PhotoId> InsertPhoto(const Photo& photo) = 0;

  // How many articles of each kind were first published in [from, to) and are published now
  // (issue #18: the desk watches its share of 자체기사). Kinds without any are left out.
  virtual Result<std::vector<std::pair<ArticleKind, std::int64_t>>> PublishedKinds(
      Timestamp from, Timestamp to) const = 0;
};

}  // namespace sinmun::store
