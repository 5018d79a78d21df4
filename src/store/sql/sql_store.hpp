#pragma once
// The store's methods written once for both backends: validation, rules, statements (one
// text each, sql/dialect.hpp), row mapping and batching. `Backend` is SqliteStore or PgStore
// (they derive from SqlStore<themselves>) and lends connections:
//   OnReader(work) const            work(db) on a connection for reads
//   OnScanReader(work) const        … for long index scans (sitemaps)
//   OnSnapshot(work) const          … inside one read snapshot
//   OnWriter(work)                  work(db) on the connection for writes, one statement
//   OnWriteTransaction(work)        … inside one write transaction, committed when work
//                                   succeeds and rolled back otherwise
// where `db` is the backend's Connection, for which the backend's namespace offers Query,
// Write, WriteOne, ReadAll, ReadOne, ReadFirst, ReadPage, ReadOptionalInt, ReadCount,
// ReadAffected and ForEachRow (found by argument-dependent lookup). Reading one article whole
// is the backend's own plan:
//   static ReadPublishedArticle(db, id, now), ReadDeskArticle(db, id)   (*/article_reads.cpp)
// The definitions are in sql/*_methods.hpp, all included by sql/sql_store_methods.hpp, which
// each backend's store .cpp includes to instantiate SqlStore<itself> there.
// Internal to store/.

#include <optional>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace sinmun::store {

template <typename Backend>
class SqlStore : public Store {
 public:
  // Catalog (but AllSections, PhotoById, SiteSettings), ArchiveReads, ChangeFeed, BulkLoad,
  // MostViewed and InsertReporter: sql/catalog_methods.hpp
  Result<std::vector<Section>> Sections() const override;
  Result<Section> SectionBySlug(std::string_view slug) const override;
  Result<Reporter> ReporterById(ReporterId id) const override;
  Result<std::vector<Reporter>> Reporters() const override;
  Result<Article> PublishedArticle(ArticleId id, Timestamp now) const override;
  Result<ArticleList> LatestArticles(const ArticleFilter& filter, Page page,
                                     Timestamp now) const override;
  Result<ListPages> ListPageStarts(const ArticleFilter& filter, int page_size,
                                   Timestamp now) const override;
  Result<std::vector<ArticleSummary>> LatestArticlesFrom(const ArticleFilter& filter,
                                                         ArticleKey first, int size,
                                                         Timestamp now) const override;
  Result<Neighbors> NeighborsInSection(ArticleId id, Timestamp now) const override;
  Result<std::int64_t> PositionInSection(ArticleId id, Timestamp now) const override;
  Result<bool> IsUploadPublic(std::string_view file, Timestamp now) const override;
  Result<std::vector<ArticleSummary>> MostViewed(std::optional<SectionId> section,
                                                 std::optional<Timestamp> since, int limit,
                                                 Timestamp now) const override;
  Result<std::vector<ArticleStamp>> ArticleStamps(std::int64_t offset, int limit,
                                                  Timestamp now) const override;
  Result<std::vector<StampBatch>> ArticleStampBatches(int batch_size, Timestamp now) const override;
  Result<std::vector<ArticleSummary>> ArticlesRegisteredBetween(Timestamp from, Timestamp to,
                                                                ArticleKey after, int limit,
                                                                Timestamp now) const override;
  Result<std::int64_t> ChangeSequence() const override;
  Result<std::vector<Change>> ChangesSince(std::int64_t after_seq, int limit) const override;
  Result<SectionId> InsertSection(const NewSection& section) override;
  Result<ReporterId> InsertReporter(const NewReporter& reporter) override;
  Result<std::vector<ArticleId>> InsertArticles(const std::vector<NewArticle>& articles) override;

  // ReaderActivity: sql/reader_methods.hpp
  Result<std::vector<HourlyViews>> AddViews(std::int64_t hour,
                                            const std::vector<ViewDelta>& deltas) override;
  Result<std::vector<HourlyViews>> HourlyViewsSince(std::int64_t from_hour) const override;
  Result<> AddSlotViews(const std::vector<SlotViews>& views) override;  // traffic_methods.hpp
  Result<> DropSlotViewsBefore(std::int64_t slot) override;             // traffic_methods.hpp
  Result<RecommendResult> Recommend(ArticleId id, std::string_view visitor, Timestamp now) override;
  // TrafficReads: sql/traffic_methods.hpp
  Result<std::vector<SlotViews>> SlotViewsSince(std::int64_t from_slot) const override;
  Result<std::vector<HourTotal>> ViewsByHour(std::int64_t from_hour,
                                             const TrafficFilter& filter) const override;
  Result<std::vector<ArticleTraffic>> TopArticles(std::int64_t from_hour, std::int64_t current_hour,
                                                  const TrafficFilter& filter,
                                                  int limit) const override;
  Result<std::vector<ArticleTraffic>> ArticlesTraffic(const std::vector<ArticleId>& ids,
                                                      std::int64_t from_hour,
                                                      std::int64_t current_hour) const override;
  Result<std::int64_t> BylineCount(ReporterId reporter) const override;
  Result<std::vector<ArticleId>> ReporterArticlesAmong(
      ReporterId reporter, const std::vector<ArticleId>& ids) const override;
  // Rankings: sql/reader_methods.hpp
  Result<std::vector<ArticleSummary>> SummariesByIds(const std::vector<ArticleId>& ids,
                                                     Timestamp now) const override;
  Result<std::vector<RankedSummary>> MostRecommended(Timestamp since, int limit,
                                                     Timestamp now) const override;
  Result<std::vector<RankedSummary>> MostEmailed(Timestamp since, int limit,
                                                 Timestamp now) const override;
  Result<std::vector<RankedSummary>> MostCommented(Timestamp since, int limit,
                                                   Timestamp now) const override;
  // MailOutbox: sql/reader_methods.hpp
  Result<MailRequestCounts> MailRequestsSince(std::string_view client,
                                              std::string_view sender_email,
                                              Timestamp since) const override;
  Result<std::int64_t> EnqueueMail(const NewMailRequest& request, MailCaps caps) override;
  Result<std::int64_t> EnqueueNotice(const NewNoticeMail& notice) override;
  Result<std::vector<OutboxMail>> ClaimDueMails(Timestamp now, int limit,
                                                Timestamp lease_until) override;
  Result<> MarkMailSent(std::int64_t id, Timestamp at) override;
  Result<> MarkMailRetry(std::int64_t id, Timestamp next_attempt_at,
                         std::string_view error) override;
  Result<> MarkMailRejected(std::int64_t id, std::string_view error) override;
  Result<std::int64_t> PendingMailCount() const override;

  // Accounts, AuditTrail, Masthead (but InsertReporter), AllSections and SiteSettings:
  // sql/account_methods.hpp
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
  Result<Timestamp> ReserveLoginAttempt(std::span<const ThrottledKey> keys, Timestamp now,
                                        LockSeconds lock_seconds) override;
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
  Result<std::string> PutSiteSettingIfUnset(std::string_view key, std::string_view value) override;

  // AdBook: sql/ad_methods.hpp
  Result<AdCampaignId> InsertAdCampaign(const AdCampaign& campaign) override;
  Result<> UpdateAdCampaign(const AdCampaign& campaign) override;
  Result<> SetAdCampaignActive(AdCampaignId id, bool active, Timestamp at) override;
  Result<AdCampaign> AdCampaignById(AdCampaignId id) const override;
  Result<std::vector<AdCampaign>> AdCampaigns() const override;
  Result<std::vector<AdCampaign>> ServableAdCampaigns(Timestamp now) const override;
  Result<> AddAdCounts(const std::vector<AdCountDelta>& deltas) override;
  Result<std::vector<AdDayCounts>> AdCountsByDay(AdCampaignId id) const override;

  // Desk and PhotoById: sql/desk_methods.hpp
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
  Result<std::vector<std::pair<ArticleKind, std::int64_t>>> PublishedKinds(
      Timestamp from, Timestamp to) const override;
  Result<Photo> PhotoById(PhotoId id) const override;

  // CommentBook: sql/comment_methods.hpp
  Result<CommentId> PostComment(const NewComment& comment) override;
  Result<CommentActivity> CommentActivityOf(std::string_view client, ArticleId article,
                                            std::string_view body, Timestamp short_since,
                                            Timestamp long_since,
                                            std::int64_t count_up_to) const override;
  Result<CommentPage> ArticleComments(ArticleId article, CommentSort sort,
                                      Page page) const override;
  Result<std::vector<Comment>> BestComments(ArticleId article, std::int64_t min_score,
                                            int count) const override;
  Result<std::int64_t> CommentCount(ArticleId article) const override;
  Result<std::vector<std::pair<ArticleId, std::int64_t>>> CommentCounts(
      const std::vector<ArticleId>& ids) const override;
  Result<Comment> CommentById(CommentId id) const override;
  Result<> EditComment(CommentId id, std::string_view body, Timestamp at) override;
  Result<Comment> SetCommentState(CommentId id, CommentState state) override;
  Result<CommentVoteResult> VoteComment(CommentId id, std::string_view visitor, bool up,
                                        Timestamp at) override;
  Result<CommentReportResult> ReportComment(CommentId id, std::string_view visitor,
                                            ReportReason reason, int hide_after,
                                            Timestamp at) override;
  Result<ModerationPage> CommentsForModeration(const CommentQuery& query) const override;
  Result<CommentSetting> CommentSettingOf(ArticleId article) const override;
  Result<> PutCommentSetting(ArticleId article, std::optional<CommentSetting> setting) override;

  // CommentBans: sql/comment_ban_methods.hpp
  Result<CommentBanId> PutCommentBan(const NewCommentBan& ban) override;
  Result<CommentBan> LiftCommentBan(CommentBanId id, std::optional<std::int64_t> by,
                                    Timestamp at) override;
  Result<CommentBanPage> CommentBansList(bool current_only, Timestamp now,
                                         Page page) const override;
  Result<std::optional<CommentBan>> BanInForce(const BanSubject& subject,
                                               Timestamp now) const override;

  // RelatedLists: sql/related_methods.hpp
  Result<> PutRelated(const std::vector<RelatedList>& lists) override;
  Result<std::vector<ArticleHeadline>> RelatedHeadlines(ArticleId id, int limit,
                                                        Timestamp now) const override;
  // ImportBook: sql/import_methods.hpp
  Result<Imported> ImportReporter(const ImportedReporter& reporter) override;
  Result<Imported> ImportSection(const ImportedSection& section) override;
  Result<std::vector<Imported>> ImportArticles(const std::vector<ImportedArticle>& articles,
                                               Timestamp at) override;
  Result<> PutLegacyPaths(const std::vector<LegacyPath>& paths) override;
  Result<LegacyTarget> LegacyPathTarget(std::string_view path) const override;
  Result<std::optional<ImportedRecord>> ImportedRecordOf(const SourceKey& key) const override;
  Result<> RecordImport(const SourceKey& key, std::int64_t id,
                        std::string_view fingerprint) override;

  // StaticPages: sql/page_methods.hpp
  Result<std::int64_t> SaveStaticPage(const StaticPage& page) override;
  Result<StaticPage> StaticPageAt(std::string_view path, Timestamp now) const override;
  Result<std::vector<StaticPage>> StaticPageVersions(std::string_view path) const override;
  Result<std::vector<StaticPage>> StaticPagesAt(Timestamp now) const override;

  // CorrectionDesk: sql/correction_methods.hpp
  Result<CorrectionId> FileCorrection(const NewCorrection& request) override;
  Result<CorrectionCase> CorrectionById(CorrectionId id) const override;
  Result<CorrectionCase> CorrectionByToken(std::string_view status_token) const override;
  Result<std::vector<EvidenceFile>> CorrectionFiles(CorrectionId id) const override;
  Result<CasePage> CorrectionCases(const CaseQuery& query) const override;
  Result<std::vector<CorrectionCase>> OpenCorrections() const override;
  Result<> AssignCorrection(CorrectionId id, std::optional<UserId> user) override;
  Result<CorrectionCase> MoveCorrection(CorrectionId id, const CaseMove& move) override;
  Result<std::vector<PublishedCorrection>> PublishedCorrections(std::optional<ArticleId> article,
                                                                Page page) const override;

  // TipBox: sql/tip_methods.hpp
  Result<TipId> FileTip(const NewTip& tip) override;
  Result<Tip> TipById(TipId id) const override;
  Result<Tip> TipByToken(std::string_view status_token) const override;
  Result<std::vector<EvidenceFile>> TipFiles(TipId id) const override;
  Result<TipPage> Tips(const TipQuery& query) const override;
  Result<std::vector<TipEvent>> TipEvents(TipId id) const override;
  Result<> AssignTip(TipId id, std::optional<UserId> user, UserId by, Timestamp at) override;
  Result<Tip> MoveTip(TipId id, TipState to, UserId by, Timestamp at) override;
  Result<> ReplyToTip(TipId id, std::string_view reply, UserId by, Timestamp at) override;
  Result<> AddTipNote(TipId id, std::string_view note, UserId by, Timestamp at) override;
  Result<> LinkTipDraft(TipId id, ArticleId draft, UserId by, Timestamp at) override;

  // BreakingNews: sql/breaking_methods.hpp
  Result<std::int64_t> SetBreaking(const BreakingItem& item) override;
  Result<> ClearBreaking(Timestamp at) override;
  Result<std::optional<BreakingItem>> BreakingAt(Timestamp now) const override;
  Result<std::vector<BreakingItem>> RecentBreaking(int limit) const override;

  // IndexNowQueue: sql/index_now_methods.hpp
  Result<int> QueueIndexNowChanges(const std::vector<std::string>& endpoints, int limit,
                                   Timestamp now) override;
  Result<std::vector<IndexNowPing>> ClaimDueIndexNow(Timestamp now, int limit,
                                                     Timestamp lease_until) override;
  Result<> MarkIndexNowSent(const std::vector<std::int64_t>& ids, Timestamp at) override;
  Result<> MarkIndexNowRetry(const std::vector<std::int64_t>& ids, Timestamp next_attempt_at,
                             std::string_view error) override;
  Result<> MarkIndexNowRejected(const std::vector<std::int64_t>& ids,
                                std::string_view error) override;
  Result<std::int64_t> PendingIndexNowCount() const override;

  // SeriesBook: sql/series_methods.hpp
  Result<SeriesId> CreateSeries(const Series& series) override;
  Result<> UpdateSeries(const Series& series) override;
  Result<std::vector<Series>> AllSeries() const override;
  Result<Series> SeriesById(SeriesId id) const override;
  Result<> SetArticleSeries(ArticleId article, std::optional<SeriesPlace> place,
                            Timestamp at) override;
  Result<std::optional<SeriesPlace>> SeriesPlaceOf(ArticleId article) const override;
  Result<std::optional<ArticleSeries>> ArticleSeriesAt(ArticleId article,
                                                       Timestamp now) const override;
  Result<std::vector<SeriesEpisode>> SeriesEpisodes(SeriesId series, Timestamp now) const override;

  // PhotoLibrary: sql/photo_library_methods.hpp
  Result<PhotoPage> SearchPhotos(const PhotoSearch& search) const override;
  Result<LibraryPhoto> LibraryPhotoById(PhotoId id, const PhotoScope& scope) const override;

 protected:
  // A store owns its connections: it is not copied.
  SqlStore() = default;
  SqlStore(const SqlStore&) = delete;
  SqlStore& operator=(const SqlStore&) = delete;

  const Backend& backend() const { return static_cast<const Backend&>(*this); }
  Backend& backend() { return static_cast<Backend&>(*this); }
};

// The two backends; each instantiates SqlStore once, in its store .cpp.
namespace sqlite {
class SqliteStore;
}
namespace postgres {
class PgStore;
}
extern template class SqlStore<sqlite::SqliteStore>;
extern template class SqlStore<postgres::PgStore>;

}  // namespace sinmun::store
