#pragma once
// The embedded Store: one SQLite file in WAL mode.
//
// Thread safety: all methods may be called concurrently. Writes go through one connection
// under a mutex (SQLite allows one writer at a time anyway); reads borrow a connection from a
// pool that grows to the number of threads reading at once, so WAL readers run in parallel
// and never wait for the writer.
// Durability: synchronous=FULL; a write returns success only after its commit is synced.
// Lifetime: the store must outlive every call into it; destroying it closes all connections.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "store/store.hpp"

namespace sinmun::store::sqlite {

class Connection;

class SqliteStore final : public Store {
 public:
  // Opens or creates the database file at `path` and applies pending migrations.
  // kUnavailable with a readable detail when the folder is missing or not writable, the file
  // is not a database, or a migration fails.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;
  ~SqliteStore() override;

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

  // ---- Readers: views, recommends, e-mail outbox (issue #4) ----
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
  Result<> MarkMailSent(std::int64_t id, Timestamp at) override;
  Result<> MarkMailRetry(std::int64_t id, Timestamp next_attempt_at,
                         std::string_view error) override;
  Result<> MarkMailRejected(std::int64_t id, std::string_view error) override;

  // ---- Accounts, sessions and audit (issue #3): sqlite_accounts.cpp ----
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

  // ---- Desk: drafts, workflow, revisions, photos (issue #3): sqlite_desk.cpp ----
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

  // ---- Several nodes (issue #8): sqlite_readers.cpp, beside the outbox ----
  Result<std::vector<OutboxMail>> ClaimDueMails(Timestamp now, int limit,
                                                Timestamp lease_until) override;
  // ---- Ads: slots, campaigns, impressions (issue #7): sqlite_ads.cpp ----
  Result<AdCampaignId> InsertAdCampaign(const AdCampaign& campaign) override;
  Result<> UpdateAdCampaign(const AdCampaign& campaign) override;
  Result<> SetAdCampaignActive(AdCampaignId id, bool active, Timestamp at) override;
  Result<AdCampaign> AdCampaignById(AdCampaignId id) const override;
  Result<std::vector<AdCampaign>> AdCampaigns() const override;
  Result<std::vector<AdCampaign>> ServableAdCampaigns(Timestamp now) const override;
  Result<> AddAdCounts(const std::vector<AdCountDelta>& deltas) override;
  Result<std::vector<AdDayCounts>> AdCountsByDay(AdCampaignId id) const override;

 private:
  class ReaderLease;

  SqliteStore(std::string path, std::unique_ptr<Connection> writer);

  // A reader connection for the caller's exclusive use until the lease is destroyed.
  // `scan`: a connection for long index scans (Connection::Role::kScanReader).
  Result<ReaderLease> AcquireReader(bool scan = false) const;
  // Calls read(Connection&) with a pooled reader connection and returns what it returns
  // (a Result), or the error of acquiring the connection. Defined in the .cpp, its only user.
  template <typename Read>
  auto WithReader(Read read) const -> std::invoke_result_t<Read, Connection&>;
  template <typename Read>
  auto WithScanReader(Read read) const -> std::invoke_result_t<Read, Connection&>;
  void ReleaseReader(std::unique_ptr<Connection> reader) const;
  // MostRecommended and MostEmailed: `sql` binds ?1 now, ?2 since, ?3 limit.
  Result<std::vector<RankedSummary>> RankedSince(const char* sql, Timestamp since, int limit,
                                                 Timestamp now) const;

  // For methods defined in other sqlite_*.cpp files, which cannot see ReaderLease: calls
  // read(Connection&) with a pooled reader connection and returns its Result.
  template <typename Read>
  auto WithPooledReader(Read read) const -> std::invoke_result_t<Read, Connection&> {
    std::optional<std::invoke_result_t<Read, Connection&>> result;
    const Result<> leased = ReadWith([&](Connection& connection) -> Result<> {
      result.emplace(read(connection));
      return {};
    });
    if (!leased) return tl::unexpected(leased.error());
    return std::move(*result);
  }
  Result<> ReadWith(const std::function<Result<>(Connection&)>& read) const;

  const std::string path_;

  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;  // guarded by writer_mutex_

  mutable std::mutex readers_mutex_;
  mutable std::vector<std::unique_ptr<Connection>> idle_readers_;  // guarded by readers_mutex_
  // kScanReader connections, for sitemaps' long index scans; guarded by readers_mutex_.
  mutable std::vector<std::unique_ptr<Connection>> idle_scan_readers_;
};

}  // namespace sinmun::store::sqlite
