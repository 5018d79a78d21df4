#pragma once
// The PostgreSQL Store, for a paper served by several nodes: the same contracts as SqliteStore
// (store.hpp), over libpq.
//
// Thread safety: all methods may be called concurrently. Each call borrows a connection from a
// bounded pool (Pool) and returns it when done; statements are prepared once per connection.
// Durability: a write returns success only after PostgreSQL has committed it (with the
// server's synchronous_commit, on by default).
// Writes that SQLite serializes through its single writer are serialized here by row locks:
// every write that appends to the change log locks the change counter, and the desk locks the
// article it checks (FOR UPDATE) before it writes, so that two nodes cannot interleave.
// Outages: while the server is unreachable every call fails with kUnavailable; once it is back
// the pool opens fresh connections, without a restart of sinmun.
// Lifetime: the store must outlive every call into it; destroying it closes all connections.

#include <memory>
#include <string>

#include "store/store.hpp"

namespace sinmun::store::postgres {

class Pool;

class PgStore final : public Store {
 public:
  static constexpr int kDefaultPoolSize = 8;

  // Connects to `url` ("postgres://user@host:port/db?…", any libpq URI or connection string),
  // applies pending migrations and returns the store. The URL may carry pool_size=N (1..256,
  // default kDefaultPoolSize), which is sinmun's and is not passed to libpq.
  // kInvalidInput for a bad pool_size; kUnavailable when the server cannot be reached or a
  // migration fails.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& url);

  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;
  ~PgStore() override;

  Result<std::vector<Section>> Sections() const override;
  Result<Section> SectionBySlug(std::string_view slug) const override;
  Result<Reporter> ReporterById(ReporterId id) const override;
  Result<std::vector<Reporter>> Reporters() const override;
  Result<Article> PublishedArticle(ArticleId id, Timestamp now) const override;
  Result<ArticleList> LatestArticles(const ArticleFilter& filter, Page page,
                                     Timestamp now) const override;
  Result<Neighbors> NeighborsInSection(ArticleId id, Timestamp now) const override;
  Result<std::int64_t> PositionInSection(ArticleId id, Timestamp now) const override;
  Result<std::vector<ArticleSummary>> MostViewed(std::optional<SectionId> section,
                                                 std::optional<Timestamp> since, int limit,
                                                 Timestamp now) const override;
  Result<std::vector<ArticleStamp>> ArticleStamps(std::int64_t offset, int limit,
                                                  Timestamp now) const override;
  Result<std::vector<StampBatch>> ArticleStampBatches(int batch_size, Timestamp now) const override;
  Result<std::vector<ArticleSummary>> ArticlesRegisteredBetween(Timestamp from, Timestamp to,
                                                                ArticleKey after, int limit,
                                                                Timestamp now) const override;
  Result<SectionId> InsertSection(const NewSection& section) override;
  Result<ReporterId> InsertReporter(const NewReporter& reporter) override;
  Result<std::vector<ArticleId>> InsertArticles(const std::vector<NewArticle>& articles) override;
  Result<std::int64_t> ChangeSequence() const override;
  Result<std::vector<Change>> ChangesSince(std::int64_t after_seq, int limit) const override;

  // ---- Readers: views, recommends, e-mail outbox (issue #4): postgres_readers.cpp ----
  Result<std::vector<HourlyViews>> AddViews(std::int64_t hour,
                                            const std::vector<ViewDelta>& deltas) override;
  Result<std::vector<HourlyViews>> HourlyViewsSince(std::int64_t from_hour) const override;
  Result<std::vector<ArticleSummary>> SummariesByIds(const std::vector<ArticleId>& ids,
                                                     Timestamp now) const override;
  Result<RecommendResult> Recommend(ArticleId id, std::string_view visitor, Timestamp now) override;
  Result<std::vector<RankedSummary>> MostRecommended(Timestamp since, int limit,
                                                     Timestamp now) const override;
  Result<std::vector<RankedSummary>> MostEmailed(Timestamp since, int limit,
                                                 Timestamp now) const override;
  Result<MailRequestCounts> MailRequestsSince(std::string_view client,
                                              std::string_view sender_email,
                                              Timestamp since) const override;
  Result<std::int64_t> EnqueueMail(const NewMailRequest& request) override;
  Result<std::vector<OutboxMail>> ClaimDueMails(Timestamp now, int limit,
                                                Timestamp lease_until) override;

  // ---- Ads: slots, campaigns, impressions (issue #7): postgres_ads.cpp ----
  Result<AdCampaignId> InsertAdCampaign(const AdCampaign& campaign) override;
  Result<> UpdateAdCampaign(const AdCampaign& campaign) override;
  Result<> SetAdCampaignActive(AdCampaignId id, bool active, Timestamp at) override;
  Result<AdCampaign> AdCampaignById(AdCampaignId id) const override;
  Result<std::vector<AdCampaign>> AdCampaigns() const override;
  Result<std::vector<AdCampaign>> ServableAdCampaigns(Timestamp now) const override;
  Result<> AddAdCounts(const std::vector<AdCountDelta>& deltas) override;
  Result<std::vector<AdDayCounts>> AdCountsByDay(AdCampaignId id) const override;
  Result<> MarkMailSent(std::int64_t id, Timestamp at) override;
  Result<> MarkMailRetry(std::int64_t id, Timestamp next_attempt_at,
                         std::string_view error) override;
  Result<> MarkMailRejected(std::int64_t id, std::string_view error) override;

  // ---- Accounts, sessions and audit (issue #3): postgres_accounts.cpp ----
  Result<UserId> InsertUser(const NewUser& user) override;
  Result<User> UserById(UserId id) const override;
  Result<UserCredentials> CredentialsByEmail(std::string_view email) const override;
  Result<std::vector<User>> Users() const override;
  Result<> UpdateUser(const User& user) override;
  Result<> ChangePassword(UserId id, std::string_view password_hash,
                          const std::optional<Session>& replacement) override;
  Result<> InsertSession(const Session& session) override;
  Result<SessionUser> SessionByTokenHash(std::string_view token_hash) const override;
  Result<> TouchSession(std::string_view token_hash, Timestamp last_seen_at) override;
  Result<> DeleteSession(std::string_view token_hash) override;
  Result<std::int64_t> DeleteSessionsIdleSince(Timestamp before) override;
  Result<LoginThrottle> LoginThrottleFor(std::string_view key) const override;
  Result<> PutLoginThrottle(const LoginThrottle& throttle) override;
  Result<> ClearLoginThrottle(std::string_view key) override;
  Result<std::int64_t> AppendAudit(const AuditEntry& entry) override;
  Result<AuditPage> AuditLog(Page page) const override;
  Result<std::vector<SectionAdmin>> AllSections() const override;
  Result<SectionId> CreateSection(const NewSection& section, bool hidden) override;
  Result<> UpdateSection(const SectionAdmin& section) override;
  Result<> ReorderSections(const std::vector<SectionId>& order) override;
  Result<> UpdateReporter(const Reporter& reporter) override;
  Result<> SetReporterPhoto(ReporterId id, std::string_view photo) override;
  Result<Settings> SiteSettings() const override;
  Result<> PutSiteSettings(const Settings& settings) override;

  // ---- Desk: drafts, workflow, revisions, photos (issue #3): postgres_desk.cpp ----
  Result<ArticleId> CreateDraft(const ArticleContent& content, UserId by, Timestamp at) override;
  Result<RevisionNumber> SaveArticle(ArticleId id, const ArticleContent& content,
                                     RevisionNumber base_revision, UserId by,
                                     Timestamp at) override;
  Result<DeskArticle> DeskArticleById(ArticleId id) const override;
  Result<std::vector<DeskSummary>> DeskArticles(const DeskQuery& query) const override;
  Result<> SubmitArticle(ArticleId id, Timestamp at) override;
  Result<> PublishArticle(ArticleId id, Timestamp at) override;
  Result<> ScheduleArticle(ArticleId id, Timestamp publish_at, Timestamp at) override;
  Result<> UnpublishArticle(ArticleId id, Timestamp at) override;
  Result<> DeleteDraft(ArticleId id, Timestamp at) override;
  Result<std::vector<ArticleId>> PublishDue(Timestamp now) override;
  Result<std::vector<RevisionInfo>> Revisions(ArticleId id) const override;
  Result<Revision> RevisionOf(ArticleId id, RevisionNumber number) const override;
  Result<PhotoId> InsertPhoto(const Photo& photo) override;
  Result<Photo> PhotoById(PhotoId id) const override;

 private:
  explicit PgStore(std::unique_ptr<Pool> pool);
  // MostRecommended and MostEmailed: `sql` binds $1 now, $2 since, $3 limit.
  Result<std::vector<RankedSummary>> RankedSince(const char* sql, Timestamp since, int limit,
                                                 Timestamp now) const;

  // The pool is used by const methods too: lending a connection is not a change of the store.
  Pool& pool() const { return *pool_; }

  std::unique_ptr<Pool> pool_;
};

}  // namespace sinmun::store::postgres
