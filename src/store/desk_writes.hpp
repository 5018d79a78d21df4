#pragma once
// The newsroom desk's writes, the same steps on every backend (sql/desk_methods.hpp): the
// statements come in a DeskSql and the connection type as `Db`, for which
// Write(Db&, const Sql&, params...) -> Result<> is found by argument-dependent lookup in the
// backend's namespace. Internal to store/.
// REQUIRES (every function): a write transaction is open on `writer`.

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "store/desk_records.hpp"
#include "store/sql/dialect.hpp"
#include "store/store_text.hpp"

namespace sinmun::store::desk {

// Status and revision of one article, read before a desk write decides what to do.
struct DeskState {
  ArticleStatus status = ArticleStatus::kDraft;
  RevisionNumber revision = 0;
  bool published_once = false;
  bool has_desk_row = false;
};

// status, revision, published_once (0/1), the desk row's article id (NULL when none).
template <typename Row>
DeskState ReadDeskStateRow(const Row& row) {
  return DeskState{.status = StatusNamed(row.Text(0)).value_or(ArticleStatus::kPublished),
                   .revision = row.Int(1),
                   .published_once = row.Int(2) != 0,
                   .has_desk_row = row.OptionalInt(3).has_value()};
}

// A backend's statements for the writes below, with their parameters in this order.
struct DeskSql {
  const Sql& delete_subheadlines;   // article
  const Sql& insert_subheadline;    // article, position, text
  const Sql& delete_bylines;        // article
  const Sql& insert_byline;         // article, reporter, position
  const Sql& delete_tags;           // article
  const Sql& insert_tag;            // article, position, tag
  const Sql& delete_correction;     // article
  const Sql& insert_correction;     // article, text
  const Sql& delete_article_photo;  // article
  const Sql& insert_article_photo;  // article, photo, caption, credit
  const Sql& delete_gallery;        // article
  const Sql& insert_gallery;        // article, position, photo, caption, credit
  // article, revision, saved_by, saved_at, section, headline, subheadlines, reporter_ids,
  // tags, correction, photo, photo_caption, photo_credit, body_markdown, kind, video, gallery,
  // photos (JoinPlacements)
  const Sql& insert_revision;
  const Sql& upsert_desk;        // article, revision, created_by, updated_at, published_once
  const Sql& set_status;         // article, status
  const Sql& first_publication;  // article, registered_at
  const Sql& republication;      // article, modified_at
  const Sql& desk_status;        // article, publish_at, updated_at, published_once
  // article, section, headline, snippet, body_markdown, modified_at (when published), kind,
  // video, gallery
  const Sql& update_content;
};

// Replaces the article's sub-headlines, bylines, tags, correction and photos with `content`'s.
template <typename Db>
Result<> WriteChildren(Db& writer, ArticleId id, const ArticleContent& content,
                       const DeskSql& sql) {
  const auto write_list = [&](const Sql& remove, const Sql& insert, const auto& items) -> Result<> {
    if (Result<> done = Write(writer, remove, id); !done) return done;
    for (size_t i = 0; i < items.size(); ++i) {
      if (Result<> done = Write(writer, insert, id, static_cast<std::int64_t>(i), items[i]);
          !done) {
        return done;
      }
    }
    return {};
  };
  if (Result<> done =
          write_list(sql.delete_subheadlines, sql.insert_subheadline, content.subheadlines);
      !done) {
    return done;
  }
  // Bylines bind (article, reporter, position): another column order than the lists above.
  if (Result<> done = Write(writer, sql.delete_bylines, id); !done) return done;
  for (size_t i = 0; i < content.reporter_ids.size(); ++i) {
    if (Result<> done = Write(writer, sql.insert_byline, id, content.reporter_ids[i],
                              static_cast<std::int64_t>(i));
        !done) {
      return done;
    }
  }
  if (Result<> done = write_list(sql.delete_tags, sql.insert_tag, content.tags); !done) {
    return done;
  }
  if (Result<> done = Write(writer, sql.delete_correction, id); !done) return done;
  if (!content.correction.empty()) {
    if (Result<> done = Write(writer, sql.insert_correction, id, content.correction); !done) {
      return done;
    }
  }
  if (Result<> done = Write(writer, sql.delete_article_photo, id); !done) return done;
  if (content.photo_id) {
    if (Result<> done = Write(writer, sql.insert_article_photo, id, *content.photo_id,
                              content.photo_caption, content.photo_credit);
        !done) {
      return done;
    }
  }
  if (Result<> done = Write(writer, sql.delete_gallery, id); !done) return done;
  for (size_t i = 0; i < content.photos.size(); ++i) {
    const PhotoPlacement& photo = content.photos[i];
    if (Result<> done = Write(writer, sql.insert_gallery, id, static_cast<std::int64_t>(i),
                              photo.photo_id, photo.caption, photo.credit);
        !done) {
      return done;
    }
  }
  return {};
}

// Writes `content` as revision `number` of the article.
template <typename Db>
Result<> WriteRevision(Db& writer, ArticleId id, RevisionNumber number,
                       const ArticleContent& content, UserId by, Timestamp at, const DeskSql& sql) {
  return Write(writer, sql.insert_revision, id, number, by, at, content.section_id,
               content.headline, JoinLines(content.subheadlines), JoinIds(content.reporter_ids),
               JoinLines(content.tags), content.correction, content.photo_id, content.photo_caption,
               content.photo_credit, content.body_markdown, ArticleKindName(content.kind),
               content.video, std::int64_t{content.gallery ? 1 : 0},
               JoinPlacements(content.photos));
}

// Sets the status of an article whose `state` was just read (and locked) to `to`, when it is
// in one of `from`; kConflict otherwise. `publish_at` is kept on the desk row (set only for
// kScheduled). The caller appends the change.
template <typename Db>
Result<> ApplyStatus(Db& writer, const DeskState& state, ArticleId id,
                     std::initializer_list<ArticleStatus> from, ArticleStatus to, Timestamp at,
                     std::optional<Timestamp> publish_at, const DeskSql& sql) {
  if (std::find(from.begin(), from.end(), state.status) == from.end()) {
    return Fail(ErrorCode::kConflict, fmt::format("article {} is {}, cannot become {}", id,
                                                  StatusName(state.status), StatusName(to)));
  }
  if (!state.has_desk_row) {
    // An article from before the newsroom: give it a desk row to hold its status.
    if (Result<> done =
            Write(writer, sql.upsert_desk, id, RevisionNumber{0}, UserId{0}, at, std::int64_t{1});
        !done) {
      return done;
    }
  }
  Result<> done;
  if (to == ArticleStatus::kPublished) {
    done = state.published_once ? Write(writer, sql.republication, id, at)
                                : Write(writer, sql.first_publication, id, at);
  } else {
    done = Write(writer, sql.set_status, id, StatusName(to));
  }
  if (!done) return done;
  const bool now_published_once = state.published_once || to == ArticleStatus::kPublished;
  return Write(writer, sql.desk_status, id, publish_at, at,
               std::int64_t{now_published_once ? 1 : 0});
}

// Store::SaveArticle inside its write transaction, once `content` is validated: checks
// `base_revision` against the article's (kConflict when someone saved in between), keeps an
// article from before the newsroom as revision 1, then writes the content, its lists, the
// revision and the change. The backend reads and locks the state with
// read_state(writer, id), reads a whole article with read_article(writer, id) and appends to
// the change log with append_change(writer, id, kind, at).
template <typename Db, typename ReadState, typename ReadArticle, typename AppendChange>
Result<RevisionNumber> SaveContent(Db& writer, ArticleId id, const ArticleContent& content,
                                   const std::string& snippet, RevisionNumber base_revision,
                                   UserId by, Timestamp at, const DeskSql& sql,
                                   ReadState read_state, ReadArticle read_article,
                                   AppendChange append_change) {
  const Result<DeskState> state = read_state(writer, id);
  if (!state) return tl::unexpected(state.error());
  if (state->revision != base_revision) {
    return Fail(ErrorCode::kConflict,
                fmt::format("article {} is at revision {}, the save started from {}", id,
                            state->revision, base_revision));
  }
  RevisionNumber number = base_revision + 1;
  if (base_revision == 0) {
    // The article predates the newsroom: keep what it was as revision 1 (saved by no one)
    // before this save becomes revision 2, so that the first edit can be undone too.
    Result<DeskArticle> original = read_article(writer, id);
    if (!original) return tl::unexpected(original.error());
    if (Result<> done = WriteRevision(writer, id, 1, original->content, UserId{0},
                                      original->registered_at.value_or(at), sql);
        !done) {
      return tl::unexpected(done.error());
    }
    number = 2;
  }
  if (Result<> done = Write(writer, sql.update_content, id, content.section_id, content.headline,
                            snippet, content.body_markdown, at, ArticleKindName(content.kind),
                            content.video, std::int64_t{content.gallery ? 1 : 0});
      !done) {
    return tl::unexpected(ExplainContentError(done.error()));
  }
  // A desk row made here (revision 0 before) has no author: created_by 0, like no row.
  const UserId author = base_revision == 0 ? UserId{0} : by;
  if (Result<> done = Write(writer, sql.upsert_desk, id, number, author, at, std::int64_t{1});
      !done) {
    return tl::unexpected(done.error());
  }
  if (Result<> done = WriteChildren(writer, id, content, sql); !done) {
    return tl::unexpected(ExplainContentError(done.error()));
  }
  if (Result<> done = WriteRevision(writer, id, number, content, by, at, sql); !done) {
    return tl::unexpected(done.error());
  }
  if (Result<> done = append_change(writer, id, "update", at); !done) {
    return tl::unexpected(done.error());
  }
  return number;
}

}  // namespace sinmun::store::desk
