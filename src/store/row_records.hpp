#pragma once
// Records read from one result row, shared by the SQLite and PostgreSQL stores so that both
// hand out the same values from the same column lists. `Row` is a backend's row type: it
// offers Int(column), Text(column) and OptionalInt(column); booleans are selected as 0/1
// integers. Internal to store/.

#include <optional>
#include <string>
#include <type_traits>

#include "store/ad_records.hpp"
#include "store/ad_rules.hpp"
#include "store/desk_records.hpp"
#include "store/records.hpp"
#include "store/store_text.hpp"

namespace sinmun::store::rows {

// A field read from the text of its column by `parse`, which returns the value or an optional
// of it. A name `parse` does not know (the schemas' CHECK constraints allow none) leaves the
// record's default.
template <typename Member, typename Parse>
struct Parsed {
  Member member;
  Parse parse;
};

template <typename T>
inline constexpr bool kIsOptional = false;
template <typename T>
inline constexpr bool kIsOptional<std::optional<T>> = true;

// A record whose fields are read in order from the columns from `first` on, each by its type:
// integers, text, optional integers, booleans from 0/1, and Parsed fields. The fields are
// listed in the order of the columns, whatever their order in the record.
template <typename Record, typename Row, typename... Fields>
Record ReadFields(const Row& row, int first, const Fields&... fields) {
  Record record{};
  int column = first;
  const auto read = [&]<typename Field>(const Field& field) {
    if constexpr (requires { field.parse; }) {
      auto value = field.parse(row.Text(column++));
      if constexpr (kIsOptional<decltype(value)>) {
        if (value) record.*field.member = std::move(*value);
      } else {
        record.*field.member = std::move(value);
      }
    } else {
      auto& target = record.*field;
      using T = std::remove_reference_t<decltype(target)>;
      if constexpr (std::is_same_v<T, std::string>) {
        target = row.Text(column++);
      } else if constexpr (std::is_same_v<T, std::optional<std::int64_t>>) {
        target = row.OptionalInt(column++);
      } else if constexpr (std::is_same_v<T, bool>) {
        target = row.Int(column++) != 0;
      } else {
        static_assert(std::is_integral_v<T>, "an enum or a list is read as a Parsed field");
        target = static_cast<T>(row.Int(column++));
      }
    }
  };
  (read(fields), ...);
  return record;
}

// A row reader for ReadAll and ReadOne: the record's `fields` from the first column on.
template <typename Record, typename... Fields>
auto FieldReader(Fields... fields) {
  return [=](const auto& row) { return ReadFields<Record>(row, 0, fields...); };
}

// id, slug, name, position from column `first` on.
template <typename Row>
Section ReadSection(const Row& row, int first = 0) {
  return ReadFields<Section>(row, first, &Section::id, &Section::slug, &Section::name,
                             &Section::position);
}

// id, name, email, bio, photo ('' for none).
template <typename Row>
Reporter ReadReporter(const Row& row) {
  return ReadFields<Reporter>(row, 0, &Reporter::id, &Reporter::name, &Reporter::email,
                              &Reporter::bio, &Reporter::photo);
}

// The widths a photo is stored in, from their column ("400,800").
inline std::vector<int> SplitWidths(std::string_view text) { return SplitIds<int>(text, ','); }

// A lead photo from column `first` on: name, format, width, height, widths, webp (0/1),
// caption, credit.
template <typename Row>
LeadPhoto ReadLeadPhoto(const Row& row, int first) {
  return ReadFields<LeadPhoto>(row, first, &LeadPhoto::name, &LeadPhoto::format, &LeadPhoto::width,
                               &LeadPhoto::height, Parsed{&LeadPhoto::widths, SplitWidths},
                               &LeadPhoto::webp, &LeadPhoto::caption, &LeadPhoto::credit);
}

// id, section (4 columns), headline, snippet, first byline's name, registered_at, views, kind,
// then the lead photo's id (NULL for none), the photo (ReadLeadPhoto), the video and the series
// episode (0 for none): the columns of SINMUN_SUMMARY_COLUMNS (sql/summary_sql.hpp). A
// statement's own columns follow from kSummaryColumnCount on.
inline constexpr int kSummaryColumnCount = 22;
template <typename Row>
ArticleSummary ReadSummary(const Row& row) {
  return ArticleSummary{.id = row.Int(0),
                        .section = ReadSection(row, 1),
                        .headline = row.Text(5),
                        .snippet = row.Text(6),
                        .reporter_name = row.Text(7),
                        .registered_at = row.Int(8),
                        .views = row.Int(9),
                        .kind = ParseArticleKind(row.Text(10)).value_or(ArticleKind::kOwn),
                        .photo = row.OptionalInt(11)
                                     ? std::optional<LeadPhoto>(ReadLeadPhoto(row, 12))
                                     : std::nullopt,
                        .video = row.Text(20),
                        .series_episode = static_cast<int>(row.Int(21))};
}

// id, section (4 columns), headline, body_markdown, registered_at, modified_at, views,
// recommends, kind, video, gallery (0/1): a published article's head, without its lists and
// photos; each backend reads those its own way (*/article_reads.cpp).
inline constexpr int kArticleHeadColumnCount = 14;
template <typename Row>
Article ReadArticleHead(const Row& row) {
  Article article = ReadFields<Article>(
      row, 5, &Article::headline, &Article::body_markdown, &Article::registered_at,
      &Article::modified_at, &Article::views, &Article::recommends,
      Parsed{&Article::kind, ParseArticleKind}, &Article::video, &Article::gallery);
  article.id = row.Int(0);
  article.section = ReadSection(row, 1);
  return article;
}

// id, email, name, role, reporter_id, active, created_at from column `first` on.
template <typename Row>
User ReadUser(const Row& row, int first = 0) {
  return ReadFields<User>(row, first, &User::id, &User::email, &User::name,
                          Parsed{&User::role, ParseRole}, &User::reporter_id, &User::active,
                          &User::created_at);
}

// token_hash, user_id, csrf_token, created_at, last_seen_at, then the user's columns.
template <typename Row>
SessionUser ReadSessionUser(const Row& row) {
  return SessionUser{.session = ReadFields<Session>(row, 0, &Session::token_hash, &Session::user_id,
                                                    &Session::csrf_token, &Session::created_at,
                                                    &Session::last_seen_at),
                     .user = ReadUser(row, 5)};
}

// id, at, user_id, actor, action, target, detail, remote_address.
template <typename Row>
AuditEntry ReadAuditEntry(const Row& row) {
  return ReadFields<AuditEntry>(row, 0, &AuditEntry::id, &AuditEntry::at, &AuditEntry::user_id,
                                &AuditEntry::actor, &AuditEntry::action, &AuditEntry::target,
                                &AuditEntry::detail, &AuditEntry::remote_address);
}

// id, slug, name, position, hidden.
template <typename Row>
SectionAdmin ReadSectionAdmin(const Row& row) {
  return SectionAdmin{.section = ReadSection(row), .hidden = row.Int(4) != 0};
}

// id, recipient, message, status, attempts, next_attempt_at, last_error.
template <typename Row>
OutboxMail ReadOutboxMail(const Row& row) {
  const std::string status = row.Text(3);
  return OutboxMail{.id = row.Int(0),
                    .recipient = row.Text(1),
                    .message = row.Text(2),
                    .status = status == "sent"       ? MailStatus::kSent
                              : status == "rejected" ? MailStatus::kRejected
                                                     : MailStatus::kPending,
                    .attempts = static_cast<int>(row.Int(4)),
                    .next_attempt_at = row.Int(5),
                    .last_error = row.Text(6)};
}

// id, name, format, width, height, widths ("400,800"), uploaded_by, uploaded_at, webp (0/1).
template <typename Row>
Photo ReadPhoto(const Row& row) {
  return ReadFields<Photo>(row, 0, &Photo::id, &Photo::name, &Photo::format, &Photo::width,
                           &Photo::height, Parsed{&Photo::widths, SplitWidths}, &Photo::uploaded_by,
                           &Photo::uploaded_at, &Photo::webp);
}

// revision, saved_by, saved_at, section_id, headline, subheadlines, reporter_ids, tags,
// correction, photo_id, photo_caption, photo_credit, body_markdown, kind, video, gallery,
// photos: a revision of `id`, its lists in their text forms (store_text.hpp).
template <typename Row>
Revision ReadRevision(const Row& row, ArticleId id) {
  using C = ArticleContent;
  Revision revision =
      ReadFields<Revision>(row, 0, &Revision::number, &Revision::saved_by, &Revision::saved_at);
  revision.article_id = id;
  revision.content = ReadFields<C>(
      row, 3, &C::section_id, &C::headline, Parsed{&C::subheadlines, SplitLines},
      Parsed{&C::reporter_ids, [](std::string_view ids) { return SplitIds<ReporterId>(ids, ','); }},
      Parsed{&C::tags, SplitLines}, &C::correction, &C::photo_id, &C::photo_caption,
      &C::photo_credit, &C::body_markdown, Parsed{&C::kind, ParseArticleKind}, &C::video,
      &C::gallery, Parsed{&C::photos, SplitPlacements});
  return revision;
}

// id, status, headline, section name, created_by, changed, publish_at, registered_at,
// published_once, revision: a row of a desk list.
template <typename Row>
DeskSummary ReadDeskSummary(const Row& row) {
  DeskSummary summary{.id = row.Int(0),
                      .status = StatusNamed(row.Text(1)).value_or(ArticleStatus::kPublished),
                      .headline = row.Text(2),
                      .section_name = row.Text(3),
                      .created_by = row.Int(4),
                      .updated_at = row.Int(5),
                      .publish_at = row.OptionalInt(6),
                      .registered_at = std::nullopt,
                      .revision = row.Int(9)};
  if (summary.status == ArticleStatus::kPublished ||
      (summary.status == ArticleStatus::kUnpublished && row.Int(8) != 0)) {
    summary.registered_at = row.Int(7);
  }
  return summary;
}

// id, status, section_id, headline, registered_at, modified_at, revision, created_by,
// updated_at, publish_at, published_once, body_markdown, kind, video, gallery: a desk article
// without its lists.
template <typename Row>
DeskArticle ReadDeskArticleHead(const Row& row) {
  DeskArticle a;
  a.id = row.Int(0);
  a.status = StatusNamed(row.Text(1)).value_or(ArticleStatus::kPublished);
  a.content.section_id = row.Int(2);
  a.content.headline = row.Text(3);
  const bool published_once = row.Int(10) != 0;
  if (a.status == ArticleStatus::kPublished ||
      (a.status == ArticleStatus::kUnpublished && published_once)) {
    a.registered_at = row.Int(4);
  }
  a.modified_at = row.OptionalInt(5);
  a.revision = row.Int(6);
  a.created_by = row.Int(7);
  a.updated_at = row.Int(8);
  a.publish_at = row.OptionalInt(9);
  a.content.body_markdown = row.Text(11);
  a.content.kind = ParseArticleKind(row.Text(12)).value_or(ArticleKind::kOwn);
  a.content.video = row.Text(13);
  a.content.gallery = row.Int(14) != 0;
  return a;
}

// id, advertiser, title, slots, photo_id, target_url, starts_at, ends_at, weight, section_id,
// active, created_at, updated_at.
template <typename Row>
AdCampaign ReadAdCampaign(const Row& row) {
  return ReadFields<AdCampaign>(
      row, 0, &AdCampaign::id, &AdCampaign::advertiser, &AdCampaign::title,
      Parsed{&AdCampaign::slots, SplitAdSlots}, &AdCampaign::photo_id, &AdCampaign::target_url,
      &AdCampaign::starts_at, &AdCampaign::ends_at, &AdCampaign::weight, &AdCampaign::section_id,
      &AdCampaign::active, &AdCampaign::created_at, &AdCampaign::updated_at);
}

}  // namespace sinmun::store::rows
