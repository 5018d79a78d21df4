#pragma once
// The one persistence interface. SqliteStore is the embedded default; PgStore serves a paper
// that runs several nodes on one PostgreSQL. Callers never see SQL, sqlite3* or PGconn*.
//
// Visibility: an article is public ("published at now") when it is published and its
// registered_at <= now. Every read that takes `now` applies that rule.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.
// Change sequence: every article write increments a monotonic counter in the same
// transaction; followers (search, caches) read it to know something changed.

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/ad_records.hpp"
#include "store/desk_records.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class Store {
 public:
  virtual ~Store() = default;

  // Visible sections in display order (position, then id); hidden ones are left out.
  virtual Result<std::vector<Section>> Sections() const = 0;
  // kNotFound for an unknown slug.
  virtual Result<Section> SectionBySlug(std::string_view slug) const = 0;

  // kNotFound for an unknown id.
  virtual Result<Reporter> ReporterById(ReporterId id) const = 0;
  // All reporters by name.
  virtual Result<std::vector<Reporter>> Reporters() const = 0;

  // kNotFound unless the article is published at `now`.
  virtual Result<Article> PublishedArticle(ArticleId id, Timestamp now) const = 0;

  // Published articles matching `filter`, newest first (registered_at desc, id desc), one page;
  // items is empty past the end, total counts all matches.
  virtual Result<ArticleList> LatestArticles(const ArticleFilter& filter, Page page,
                                             Timestamp now) const = 0;

  // Previous (older) and next (newer) published article in the same section.
  // kNotFound unless `id` is published at `now`.
  virtual Result<Neighbors> NeighborsInSection(ArticleId id, Timestamp now) const = 0;

  // How many published articles of its section are newer than `id`: its 0-based position in
  // the section list, so the list page that contains it is position / page_size + 1.
  // kNotFound unless `id` is published at `now`.
  virtual Result<std::int64_t> PositionInSection(ArticleId id, Timestamp now) const = 0;

  // Published articles with the most stored views (ties: newest first), at most `limit`,
  // optionally within one section and registered at or after `since`.
  virtual Result<std::vector<ArticleSummary>> MostViewed(std::optional<SectionId> section,
                                                         std::optional<Timestamp> since, int limit,
                                                         Timestamp now) const = 0;

  // Published articles in ascending (registered_at, id) order, starting after position
  // `offset` of that order, at most `limit` (1..100000): the entries of one sitemap file.
  // Sitemap file N must be addressable by its number, hence an offset; backends answer it
  // from an index on (status, registered_at, id, modified_at) without reading rows.
  virtual Result<std::vector<ArticleStamp>> ArticleStamps(std::int64_t offset, int limit,
                                                          Timestamp now) const = 0;
  // All published articles in ascending (registered_at, id) order cut into runs of
  // `batch_size` (1..100000; the last run may be shorter): one StampBatch per run, so batch
  // i is what ArticleStamps(i * batch_size, batch_size, now) returns. Empty for no articles.
  virtual Result<std::vector<StampBatch>> ArticleStampBatches(int batch_size,
                                                              Timestamp now) const = 0;
  // Published articles with from <= registered_at < to and (registered_at, id) > after, in
  // ascending (registered_at, id) order, at most `limit` (1..10000). Pass {from, 0} first,
  // then the key of the last item received: a whole year is read in bounded batches.
  virtual Result<std::vector<ArticleSummary>> ArticlesRegisteredBetween(Timestamp from,
                                                                        Timestamp to,
                                                                        ArticleKey after, int limit,
                                                                        Timestamp now) const = 0;

  // kConflict when the slug is taken.
  virtual Result<SectionId> InsertSection(const NewSection& section) = 0;
  virtual Result<ReporterId> InsertReporter(const NewReporter& reporter) = 0;
  // Inserts all articles in one transaction (all or nothing) and bumps the change sequence
  // once per article. kInvalidInput for an unknown section or reporter id.
  virtual Result<std::vector<ArticleId>> InsertArticles(
      const std::vector<NewArticle>& articles) = 0;

  // The current change sequence: 0 for an empty store, +1 for every article write.
  virtual Result<std::int64_t> ChangeSequence() const = 0;
  // The change log after `after_seq`, oldest first, at most `limit` entries (limit <= 0 gives
  // none): for followers such as the search index, which remember the last seq they processed
  // and read on from there. An article changed several times appears once per change.
  // The last entry's seq may be lower than ChangeSequence() only while a write is committing.
  virtual Result<std::vector<Change>> ChangesSince(std::int64_t after_seq, int limit) const = 0;

  // ---- Readers: views, recommends, e-mail outbox (issue #4) ----

  // Adds each delta to its article's total views and to the article's bucket for `hour`
  // (unix seconds / 3600), all in one transaction. Returns what was added with each article's
  // section; deltas of unknown articles are left out (and not stored). views <= 0 is skipped.
  virtual Result<std::vector<HourlyViews>> AddViews(std::int64_t hour,
                                                    const std::vector<ViewDelta>& deltas) = 0;
  // Every hourly bucket with hour >= from_hour, for rebuilding the rankings at start.
  virtual Result<std::vector<HourlyViews>> HourlyViewsSince(std::int64_t from_hour) const = 0;
  // The published articles among `ids`, in the order given; unknown or unpublished ids are
  // left out. At most 100 ids.
  virtual Result<std::vector<ArticleSummary>> SummariesByIds(const std::vector<ArticleId>& ids,
                                                             Timestamp now) const = 0;

  // Records that `visitor` (an opaque hash) recommends the article, once: a second call for
  // the same pair counts nothing and returns counted = false. kNotFound unless published.
  virtual Result<RecommendResult> Recommend(ArticleId id, std::string_view visitor,
                                            Timestamp now) = 0;
  // Published articles most recommended / most e-mailed (by recipients) at or after `since`,
  // most first (ties: newest first), at most `limit`.
  virtual Result<std::vector<RankedSummary>> MostRecommended(Timestamp since, int limit,
                                                             Timestamp now) const = 0;
  virtual Result<std::vector<RankedSummary>> MostEmailed(Timestamp since, int limit,
                                                         Timestamp now) const = 0;

  // How many mail requests `client` and `sender_email` made at or after `since`.
  struct MailRequestCounts {
    std::int64_t by_client = 0;
    std::int64_t by_sender = 0;
  };
  virtual Result<MailRequestCounts> MailRequestsSince(std::string_view client,
                                                      std::string_view sender_email,
                                                      Timestamp since) const = 0;
  // Writes the request and one pending outbox row per recipient (due at created_at) in one
  // transaction; durable when it returns. kInvalidInput without recipients, kNotFound for an
  // unknown article. Returns the request id.
  virtual Result<std::int64_t> EnqueueMail(const NewMailRequest& request) = 0;
  // Pending outbox rows with next_attempt_at <= now, oldest first, at most `limit`.
  virtual Result<std::vector<OutboxMail>> DueMails(Timestamp now, int limit) const = 0;
  // kNotFound for an unknown id.
  virtual Result<OutboxMail> MailById(std::int64_t id) const = 0;
  // Delivery outcomes: sent (final), a temporary failure (attempts + 1, due again at
  // `next_attempt_at`) or a permanent rejection (final, with the server's answer).
  virtual Result<> MarkMailSent(std::int64_t id, Timestamp at) = 0;
  virtual Result<> MarkMailRetry(std::int64_t id, Timestamp next_attempt_at,
                                 std::string_view error) = 0;
  virtual Result<> MarkMailRejected(std::int64_t id, std::string_view error) = 0;

  // ---- Accounts, sessions and audit (issue #3) ----
  // Changes that are not about one article (sections, reporter profiles, site settings) also
  // bump the change sequence, with a change log entry whose article_id is 0, so that page
  // caches drop what they hold; the search index finds no article 0 and moves on.

  // kConflict when the e-mail (compared without letter case) is taken; kInvalidInput for an
  // empty e-mail or name, an empty password hash, or an unknown reporter id.
  virtual Result<UserId> InsertUser(const NewUser& user) = 0;
  // kNotFound for an unknown id.
  virtual Result<User> UserById(UserId id) const = 0;
  // kNotFound for an unknown e-mail (compared without letter case), active or not.
  virtual Result<UserCredentials> CredentialsByEmail(std::string_view email) const = 0;
  // All accounts by name.
  virtual Result<std::vector<User>> Users() const = 0;
  // Saves name, role, reporter_id and active of `user` (email and created_at are kept).
  // Deactivating an account ends its sessions in the same transaction.
  // kNotFound for an unknown id; kInvalidInput for an empty name or unknown reporter id.
  virtual Result<> UpdateUser(const User& user) = 0;
  // Replaces the password hash and ends every session of the user, then starts `replacement`
  // when given (the browser that changed the password stays logged in), all in one
  // transaction. kNotFound for an unknown id.
  virtual Result<> ChangePassword(UserId id, std::string_view password_hash,
                                  const std::optional<Session>& replacement) = 0;

  // kConflict when the token hash exists (a token collision: draw another).
  virtual Result<> InsertSession(const Session& session) = 0;
  // The session with this token hash and its user. kNotFound when there is none or the user
  // is inactive. Expiry is the caller's rule (it knows the idle limit).
  virtual Result<SessionUser> SessionByTokenHash(std::string_view token_hash) const = 0;
  // Sets last_seen_at (sliding expiry). Succeeds for an unknown hash.
  virtual Result<> TouchSession(std::string_view token_hash, Timestamp last_seen_at) = 0;
  // Ends one session (logout). Succeeds for an unknown hash.
  virtual Result<> DeleteSession(std::string_view token_hash) = 0;
  // Ends every session last seen before `before`; returns how many.
  virtual Result<std::int64_t> DeleteSessionsIdleSince(Timestamp before) = 0;

  // The failures counted under `key`: {key, 0, 0} when none are.
  virtual Result<LoginThrottle> LoginThrottleFor(std::string_view key) const = 0;
  // Stores `throttle` under its key, replacing what was there.
  virtual Result<> PutLoginThrottle(const LoginThrottle& throttle) = 0;
  // Forgets the failures under `key` (after a successful login).
  virtual Result<> ClearLoginThrottle(std::string_view key) = 0;

  // Appends one entry (its id is ignored) and returns the new id.
  virtual Result<std::int64_t> AppendAudit(const AuditEntry& entry) = 0;
  // Newest first, one page; items is empty past the end.
  virtual Result<AuditPage> AuditLog(Page page) const = 0;

  // Every section, hidden ones too, in display order.
  virtual Result<std::vector<SectionAdmin>> AllSections() const = 0;
  // Adds a section after the others. kConflict when the slug is taken; kInvalidInput for an
  // empty slug or name. Bumps the change sequence.
  virtual Result<SectionId> CreateSection(const NewSection& section, bool hidden) = 0;
  // Saves name and hidden of `section` (the slug, part of every URL, is kept). kNotFound for
  // an unknown id; kInvalidInput for an empty name. Bumps the change sequence.
  virtual Result<> UpdateSection(const SectionAdmin& section) = 0;
  // Sets the display order: `order` lists section ids first to last. kInvalidInput unless it
  // holds every section exactly once. Bumps the change sequence.
  virtual Result<> ReorderSections(const std::vector<SectionId>& order) = 0;

  // Saves name, email and bio of `reporter`. kNotFound for an unknown id; kInvalidInput for
  // an empty name. Bumps the change sequence (reporter pages show the bio).
  virtual Result<> UpdateReporter(const Reporter& reporter) = 0;
  // Sets the profile photo (a file in the uploads folder; "" removes it). kNotFound for an
  // unknown id. Bumps the change sequence.
  virtual Result<> SetReporterPhoto(ReporterId id, std::string_view photo) = 0;

  // The stored site settings, by key.
  virtual Result<Settings> SiteSettings() const = 0;
  // Stores each key's value (other keys are kept) in one transaction and bumps the change
  // sequence. kInvalidInput for an empty key.
  virtual Result<> PutSiteSettings(const Settings& settings) = 0;

  // ---- Desk: drafts, workflow, revisions, photos (issue #3) ----
  // Every call below that writes an article appends to the change log in its transaction,
  // so that followers re-read it (a draft reads as kNotFound from PublishedArticle, as does
  // an unpublished article: search and caches drop it).
  // Content rules, checked by every saving call (kInvalidInput): a known section, a non-empty
  // headline of one line, sub-headlines and tags of one line, no byline or tag twice, known
  // reporter ids, and a known photo id when one is set.

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
  // The earliest publish_at of a scheduled article, if any: when the scheduler must wake.
  virtual Result<std::optional<Timestamp>> NextScheduled() const = 0;

  // The article's revisions, newest first. kNotFound for an unknown article.
  virtual Result<std::vector<RevisionInfo>> Revisions(ArticleId id) const = 0;
  // One revision whole. kNotFound for an unknown article or number.
  virtual Result<Revision> RevisionOf(ArticleId id, RevisionNumber number) const = 0;

  // Records an uploaded photo whose files are already written; returns its id (photo.id is
  // ignored). kConflict when the name is taken; kInvalidInput for an empty name or widths.
  virtual Result<PhotoId> InsertPhoto(const Photo& photo) = 0;
  // kNotFound for an unknown id.
  virtual Result<Photo> PhotoById(PhotoId id) const = 0;

  // ---- Several nodes (issue #8) ----

  // DueMails for senders on several nodes: the pending rows due at `now` (oldest first, at
  // most `limit`) whose next_attempt_at moves to `lease_until` in the same statement, so a
  // sender on another node asking at the same moment does not get them too. The claimed rows
  // are returned with next_attempt_at = lease_until; MarkMail* settles them, and a sender that
  // dies first leaves them due again at lease_until. limit <= 0 claims none.
  virtual Result<std::vector<OutboxMail>> ClaimDueMails(Timestamp now, int limit,
                                                        Timestamp lease_until) = 0;

  // ---- Ads: slots, campaigns, impressions (issue #7) ----
  // Campaign rules, checked by InsertAdCampaign and UpdateAdCampaign (kInvalidInput): a
  // non-empty advertiser, a non-empty title of one line, at least one slot and none twice,
  // slot names of a-z, 0-9 and _, a target_url starting with http:// or https:// and without
  // spaces or control characters, starts_at < ends_at, weight in 1..1000, a known photo and
  // section when set. Which slot names exist is the ads module's business, not the store's.
  // Every campaign write appends a change (article id 0) in its transaction, so that the
  // followers of the change sequence (the banner rotation, the page cache) read it again.

  // Stores a new campaign and returns its id (campaign.id is ignored).
  virtual Result<AdCampaignId> InsertAdCampaign(const AdCampaign& campaign) = 0;
  // Saves every field of the campaign `campaign.id` except created_at. kNotFound for an
  // unknown id.
  virtual Result<> UpdateAdCampaign(const AdCampaign& campaign) = 0;
  // Pauses (false) or resumes (true) a campaign, setting updated_at = at. kNotFound for an
  // unknown id.
  virtual Result<> SetAdCampaignActive(AdCampaignId id, bool active, Timestamp at) = 0;
  // kNotFound for an unknown id.
  virtual Result<AdCampaign> AdCampaignById(AdCampaignId id) const = 0;
  // Every campaign, newest first (id descending).
  virtual Result<std::vector<AdCampaign>> AdCampaigns() const = 0;
  // The active campaigns that have not ended at `now` (ends_at > now), including those that
  // start later, by id: what the banner rotation keeps in memory.
  virtual Result<std::vector<AdCampaign>> ServableAdCampaigns(Timestamp now) const = 0;
  // Adds each delta's impressions and clicks to its (campaign, day, slot) totals, in one
  // transaction. Deltas of unknown campaigns are left out (a campaign row is never deleted,
  // but counts may name one from a stale page). kInvalidInput for negative counts or an
  // empty slot; nothing is written then.
  virtual Result<> AddAdCounts(const std::vector<AdCountDelta>& deltas) = 0;
  // The campaign's totals per KST day over all its slots, oldest day first; days without
  // counts are left out. kNotFound for an unknown campaign.
  virtual Result<std::vector<AdDayCounts>> AdCountsByDay(AdCampaignId id) const = 0;
};

// Opens the store at `url` and runs pending migrations before returning.
// "sqlite:/path/to/sinmun.db" (or "sqlite:DIR", a data folder: DIR/sinmun.db) opens the
// embedded SQLite store; "postgres://user@host:port/db"
// (or "postgresql://…", any libpq URI, optionally with pool_size=N) the PostgreSQL store.
// kInvalidInput for any other scheme or a bad pool_size, kUnavailable when the database
// cannot be opened, reached or migrated.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

}  // namespace sinmun::store
