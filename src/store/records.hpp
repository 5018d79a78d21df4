#pragma once
// Plain records that cross the Store interface. No SQL, no behaviour.

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"
#include "store/enum_names.hpp"

namespace sinmun::store {

using SectionId = std::int64_t;
using ReporterId = std::int64_t;
using ArticleId = std::int64_t;
using PhotoId = std::int64_t;

// What an article is (issue #18), which decides its label and where it may be sent:
// 자체기사, 보도자료, 기고, 통신전재, 광고 and 협찬. New articles are kOwn.
enum class ArticleKind { kOwn, kPressRelease, kContribution, kWire, kAdvertisement, kSponsored };
// "own", "press_release", "contribution", "wire", "advertisement", "sponsored": the stored and
// form names.
std::string_view ArticleKindName(ArticleKind kind);
std::optional<ArticleKind> ParseArticleKind(std::string_view name);
// 광고 and 협찬: paid for, labelled as such, and never sent as news (news sitemap, portals).
inline bool IsPaid(ArticleKind kind) {
  return kind == ArticleKind::kAdvertisement || kind == ArticleKind::kSponsored;
}

// Where an article may be sent beyond the site's own pages (issue #18's per-destination
// rules): the portal export (`sinmun export`), the news sitemap and IndexNow's pings.
enum class Destination { kPortalExport, kNewsSitemap, kIndexNow };
// 광고 and 협찬 go to none of them. 보도자료 go to the portal export only when the export
// asks for them (`press_releases`): the portals penalise press releases sent in bulk; a search
// engine hears of them as of any page of the site.
inline bool SentTo(ArticleKind kind, Destination destination, bool press_releases = false) {
  if (IsPaid(kind)) return false;
  return destination != Destination::kPortalExport || kind != ArticleKind::kPressRelease ||
         press_releases;
}

// A desk of the paper: 정치, 경제, … `slug` is the URL name (/section/{slug}).
struct Section {
  SectionId id = 0;
  std::string slug;
  std::string name;
  int position = 0;  // display order, ascending
};

struct NewSection {
  std::string slug;
  std::string name;
  int position = 0;
};

struct Reporter {
  ReporterId id = 0;
  std::string name;
  std::string email;
  std::string bio;
  std::string photo;  // a file in DIR/uploads/ (served at /uploads/<photo>); "" when none
};

struct NewReporter {
  std::string name;
  std::string email;
  std::string bio;
};

// One reporter credited on an article, in byline order.
struct Byline {
  ReporterId id = 0;
  std::string name;
  std::string email;
};

// An article's lead photo as a page shows it: files DIR/uploads/<name>-<width>.<ext>.
struct LeadPhoto {
  std::string name;
  std::string format;       // "jpeg", "png" or "webp"
  std::vector<int> widths;  // ascending
  int width = 0;            // of the largest variant
  int height = 0;
  bool webp = false;  // WebP files name-<width>.webp exist beside them, in the same widths
  std::string caption;
  std::string credit;
};

// A published article as the public site shows it.
struct Article {
  ArticleId id = 0;
  Section section;
  std::string headline;
  std::vector<std::string> subheadlines;  // 0..n sub-headline bullets
  std::string body_markdown;
  std::vector<Byline> bylines;           // at least one for demo and newsroom articles
  Timestamp registered_at = 0;           // first publication (등록)
  std::optional<Timestamp> modified_at;  // last edit after publication (수정), if any
  std::int64_t views = 0;
  std::int64_t recommends = 0;
  std::vector<std::string> tags;
  std::string correction;          // 바로잡습니다 note; empty when none
  std::optional<LeadPhoto> photo;  // shown above the body
  ArticleKind kind = ArticleKind::kOwn;
  std::string video;  // "youtube:<id>" or "navertv:<number>" (render/video_link.hpp); "" for none
  // The further photos after the lead, in order (사진 2, 3, …), each with caption and credit.
  std::vector<LeadPhoto> photos;
  bool gallery = false;  // 포토뉴스: the page shows the lead photo and `photos` as a gallery
};

// An article in a list: what a list item, a ranking row or a feed entry needs.
struct ArticleSummary {
  ArticleId id = 0;
  Section section;
  std::string headline;
  std::string snippet;        // plain text, at most about 150 characters
  std::string reporter_name;  // first byline's name; empty when none
  Timestamp registered_at = 0;
  std::int64_t views = 0;
  ArticleKind kind = ArticleKind::kOwn;
  std::optional<LeadPhoto> photo;  // the lead photo, for a thumbnail
  std::string video;               // as Article::video: lists mark such articles 영상
  int series_episode = 0;          // its episode in a series (연재), 0 when in none
};

// An uploaded photo placed in an article, with its caption and credit: the lead photo of a new
// article, or one of an article's further photos (ArticleContent::photos).
struct PhotoPlacement {
  PhotoId photo_id = 0;
  std::string caption;  // one line; no tab among the further photos (store_text.hpp)
  std::string credit;   // likewise

  bool operator==(const PhotoPlacement&) const = default;
};
using NewArticlePhoto = PhotoPlacement;

struct NewArticle {
  SectionId section_id = 0;
  std::string headline;
  std::vector<std::string> subheadlines;
  std::string body_markdown;
  std::vector<ReporterId> reporter_ids;  // byline order
  Timestamp registered_at = 0;           // publication time; the article is public from then on
  std::optional<Timestamp> modified_at;
  std::int64_t views = 0;  // a starting view count (demo content, imports)
  std::int64_t recommends = 0;
  ArticleKind kind = ArticleKind::kOwn;
  std::optional<NewArticlePhoto> photo;  // REQUIRES: a photo id the store has
  std::string video;                     // as Article::video; "" for none
  std::vector<PhotoPlacement> photos;    // as Article::photos; REQUIRES: ids the store has
  bool gallery = false;                  // as Article::gallery
};

// Which published articles a list shows. Unset fields do not filter.
struct ArticleFilter {
  std::optional<SectionId> section_id;
  std::optional<ReporterId> reporter_id;
  bool video_only = false;    // only articles with a video (영상뉴스)
  bool gallery_only = false;  // only 포토뉴스 galleries
};

// 1-based page number and page size. Callers validate number >= 1 and 1 <= size <= 100.
struct Page {
  std::int64_t number = 1;
  int size = 20;
};

// One page of a list (newest first, unless the list says otherwise) and how many items the
// whole list holds, for pagination; read in one snapshot, so that the two agree.
template <typename T>
struct ItemPage {
  std::vector<T> items;
  std::int64_t total = 0;
};

using ArticleList = ItemPage<ArticleSummary>;

// A position in the (registered_at, id) order of articles, for keyset pagination: a call
// given `after` continues with the articles strictly after it. {t, 0} starts at time t.
struct ArticleKey {
  Timestamp registered_at = 0;
  ArticleId id = 0;

  // The first key of any newest-first list as of `now`: every article published by then
  // comes at or after it.
  static ArticleKey Newest(Timestamp now) {
    return {.registered_at = now, .id = std::numeric_limits<ArticleId>::max()};
  }
};

// Where each page of a list begins (keyset pagination): starts[n - 1] is the key of page n's
// first article, newest first; total counts every article of the list.
struct ListPages {
  std::vector<ArticleKey> starts;
  std::int64_t total = 0;
};

// When an article was published and last changed: what a sitemap entry needs.
struct ArticleStamp {
  ArticleId id = 0;
  Timestamp registered_at = 0;
  std::optional<Timestamp> modified_at;
};

// A run of `count` consecutive published articles in (registered_at, id) order and the
// latest registered_at or modified_at among them: one sitemap file's lastmod.
struct StampBatch {
  std::int64_t count = 0;
  Timestamp last_modified = 0;
};

// One entry of the change log: article `article_id` was written in change number `seq`.
// A follower re-reads the article to learn what it now is (published, changed or gone).
struct Change {
  std::int64_t seq = 0;
  ArticleId article_id = 0;
};

// An article named by a link: its id and headline (related articles, neighbours).
struct ArticleHeadline {
  ArticleId id = 0;
  std::string headline;
};

// The articles most like `article_id`, best first, as the search index found them.
struct RelatedList {
  ArticleId article_id = 0;
  std::vector<ArticleId> related;
};

// Neighbours of an article in its section, ordered by (registered_at, id): ids and headlines,
// what the article page's links need.
struct Neighbors {
  std::optional<ArticleId> previous;  // the next older article (이전 기사)
  std::optional<ArticleId> next;      // the next newer article (다음 기사)
  std::string previous_headline;      // "" when there is no previous article
  std::string next_headline;
};

// ---- Accounts, sessions and audit (issue #3) ----

using UserId = std::int64_t;

// What a newsroom account may do. Stored by name ("reporter", …), so that roles can be added
// without renumbering. kAdManager (issue #7) runs the sponsor banners and nothing else;
// kOmbudsman (고충처리인, issue #18) handles readers' correction requests and nothing else.
enum class Role { kReporter, kEditor, kAdmin, kAdManager, kOmbudsman };

inline constexpr EnumNames<Role, 5> kRoleNames{{
    {Role::kReporter, "reporter"},
    {Role::kEditor, "editor"},
    {Role::kAdmin, "admin"},
    {Role::kAdManager, "ad_manager"},
    {Role::kOmbudsman, "ombudsman"},
}};
inline std::string_view RoleName(Role role) { return NameOf(kRoleNames, role); }
inline std::optional<Role> ParseRole(std::string_view name) { return ValueOf(kRoleNames, name); }

// A newsroom account. E-mail addresses are unique regardless of letter case.
struct User {
  UserId id = 0;
  std::string email;
  std::string name;
  Role role = Role::kReporter;
  std::optional<ReporterId> reporter_id;  // the byline this account writes as, if any
  bool active = true;                     // an inactive account cannot log in
  Timestamp created_at = 0;
};

struct NewUser {
  std::string email;
  std::string name;
  Role role = Role::kReporter;
  std::optional<ReporterId> reporter_id;
  std::string password_hash;  // argon2id string from the newsroom; the store never sees passwords
  Timestamp created_at = 0;
};

// An account with its password hash: for logging in only.
struct UserCredentials {
  User user;
  std::string password_hash;
};

// A logged-in browser. The store keeps only a hash of the token the cookie carries, so that a
// copy of the database does not hand out live sessions.
struct Session {
  std::string token_hash;  // hex digest of the cookie's token
  UserId user_id = 0;
  std::string csrf_token;  // every state-changing form must send it back
  Timestamp created_at = 0;
  Timestamp last_seen_at = 0;  // idle expiry counts from here
};

struct SessionUser {
  Session session;
  User user;
};

// Failed logins counted under one key ("account:<email>" or "address:<ip>").
struct LoginThrottle {
  std::string key;
  int failures = 0;            // consecutive failures since the last success
  Timestamp locked_until = 0;  // no login is tried under this key before then
};

// One line of the audit log: who did what to what, when and from where.
struct AuditEntry {
  std::int64_t id = 0;
  Timestamp at = 0;
  std::optional<UserId> user_id;  // none for a failed login of an unknown account
  std::string actor;              // the user's e-mail, or what was typed at the login form
  std::string action;             // "login", "login_failed", "logout", "publish", …
  std::string target;             // what was acted on: "user:3", "article:17", …
  std::string detail;             // free text for people
  std::string remote_address;
};

using AuditPage = ItemPage<AuditEntry>;

// A section as the administration sees it: hidden sections are left out of Sections() (and
// so of the public section bar) but their pages and articles stay reachable.
struct SectionAdmin {
  Section section;
  bool hidden = false;
};

// Site settings the administration can change, as key/value text. Keys are chosen by the
// caller ("paper.name", "language", …); unknown keys are kept as they are.
using Settings = std::vector<std::pair<std::string, std::string>>;

}  // namespace sinmun::store

// ---- Readers: views, recommends, e-mail outbox (issue #4) ----
namespace sinmun::store {

// Views of one article counted in memory since the last flush.
struct ViewDelta {
  ArticleId article_id = 0;
  std::int64_t views = 0;
};

// The referrer classes a view is counted under (view_slots.referrer), in the order the
// newsroom shows them.
inline constexpr std::array<std::string_view, 7> kReferrerNames{
    "naver", "daum", "google", "kakao", "social", "direct", "other"};

// Counted views of the whole site in one 5-minute slot (unix seconds / 300) from one referrer
// class (kReferrerNames), on phones or not.
struct SlotViews {
  std::int64_t slot = 0;
  std::string referrer;
  bool mobile = false;
  std::int64_t views = 0;
};

// Views of one article in one hour (hour = unix seconds / 3600, UTC), with its section so that
// per-section rankings need no second lookup.
struct HourlyViews {
  ArticleId article_id = 0;
  SectionId section_id = 0;
  std::int64_t hour = 0;
  std::int64_t views = 0;
};

// What a recommend did: `counted` is false when this visitor had recommended it already.
struct RecommendResult {
  bool counted = false;
  std::int64_t recommends = 0;  // the article's total after this call
};

// A published article with a count (recommends or e-mails) over some period.
struct RankedSummary {
  ArticleSummary article;
  std::int64_t count = 0;
};

// "E-mail this article" as submitted: one request, 1..5 recipients, each with its own
// ready-to-send RFC 5322 message.
struct NewMailRequest {
  ArticleId article_id = 0;
  std::string client;        // hash of the visitor key: per-client rate limit, never an address
  std::string sender_email;  // lower-cased: per-sender rate limit
  Timestamp created_at = 0;
  struct Recipient {
    std::string address;
    std::string message;  // the whole message, headers and body, CRLF line ends
  };
  std::vector<Recipient> recipients;
};

// A mail from the paper to a reader about their correction request or tip (issue #18): one
// recipient, no hourly cap, never counted as an article e-mailed. Exactly one of
// correction_id and tip_id is set.
struct NewNoticeMail {
  std::optional<std::int64_t> correction_id;
  std::optional<std::int64_t> tip_id;
  std::string recipient;
  std::string message;  // the whole message, headers and body, CRLF line ends
  Timestamp created_at = 0;
};

enum class MailStatus { kPending, kSent, kRejected };

// One outbox row: one message to one recipient.
struct OutboxMail {
  std::int64_t id = 0;
  std::string recipient;
  std::string message;
  MailStatus status = MailStatus::kPending;
  int attempts = 0;  // delivery attempts that failed so far
  Timestamp next_attempt_at = 0;
  std::string last_error;  // the last SMTP or connection error, "" when none
};

}  // namespace sinmun::store
