#pragma once
// Private to site/: sponsor banners spliced into pages (issue #7).
//
// Templates place a slot with the marker <!--sinmun-ad:SLOT:SECTION--> (SECTION: the page's
// section slug, or empty). A rendered page is cut at its markers once, when it enters the
// page cache, and no plain bytes are kept of it (the plain bytes of an article page were three
// times its compressed ones, issue #14). A miss keeps where each hole sits (kPiecesLater) and
// its first answer, compressed whole, as its one copy (AdPage::Joined); a page asked for again
// gets that copy compressed again whole at the best level (RecompressedAdPage), still its one
// copy. A response whose choice of fillings is kept shares its bytes; another choice is made
// from the copy inflated, its fillings swapped, compressed whole. Without a recompressor (no
// page cache) a page gets pieces, compressed apart as raw deflate streams and laid end to end
// as the page's gzip form, and every response asks the rotation for a banner per slot and lays
// pieces and banners end to end — memcpy and CRC arithmetic, no render and no compression on
// the request path (but for the few bodies a page keeps: see AdPage::Joined). A page whose slots
// all stay empty is served as its prepared marker-free gzip form, shared bytes as before. A client
// that does not take gzip gets the body inflated by the server, per response; a br client gets a
// kept body's brotli form, made once from the inflated bytes (http::BrotliForm::OfGzip).
// Impressions are counted for GET requests of readers (not bots), once per visitor per slot per
// minute.
//
// The article page's comment parts (issue #16) are holes too, placed with
// <!--sinmun-comments:ARTICLE:count:REGISTERED--> and
// <!--sinmun-comments:ARTICLE:block:REGISTERED--> (REGISTERED: the article's registered_at, which
// may be left out with its colon) and filled from site/comment_part.hpp's CommentPart of that
// article, so that a comment changes the part and not the cached page.

#include <array>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ads/rotation.hpp"
#include "http/gzip_splice.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

namespace sinmun::site {

struct SiteContext;

inline constexpr std::size_t kMaxAdHoles = 16;

struct AdPage {
  AdPage() = default;
  AdPage(const AdPage&) = delete;
  AdPage& operator=(const AdPage&) = delete;
  ~AdPage();

  // kBreaking: the breaking-news ticker's hole (<!--sinmun-ad:breaking:-->, issue #18), cut on
  // every page whether or not a ticker is up, filled from site/breaking_ticker.hpp and never
  // counted as an impression.
  enum class Filling { kBanner, kBreaking, kCommentCount, kCommentBlock };
  struct Hole {
    Filling filling = Filling::kBanner;
    std::size_t slot = 0;      // kBanner: index into ads::kSlots
    std::string section;       // kBanner
    std::int64_t article = 0;  // kCommentCount, kCommentBlock: whose comments
    // kCommentCount, kCommentBlock: the article's registered_at, which its comment part needs
    // (whether comments are closed yet, when BEST begins): a part made again for a cached
    // page, after its old one expired or was pushed out, reads no article for it (issue #14).
    std::optional<std::int64_t> registered_at;
  };
  // The page without markers (every slot empty), kept in its gzip form only: the pieces laid
  // end to end under one gzip header and trailer; null without pieces (kPiecesLater). `bytes`
  // is null (the server inflates the gzip form for a client that does not take it); the ETag
  // is the hash of the plain page, taken when it was cut.
  http::PreparedBody unfilled;
  // holes.size() + 1 pieces, views into *unfilled.gzip, each a raw deflate stream of its own
  // (made at `level`, libdeflate) that a join may lay beside any other; none at kPiecesLater.
  std::vector<http::DeflateView> pieces;
  std::vector<Hole> holes;
  // Where each hole sits in the plain page (offsets, ascending): what cuts a kept body's plain
  // bytes, once inflated, back into the page's texts when there are no pieces.
  std::vector<std::size_t> cuts;
  std::size_t bytes = 0;  // memory held beyond `unfilled` (the records above), for the cache
  // Of `pieces` (libdeflate); without pieces, of the one copy's compression: kPiecesLater for
  // a miss's (http::kFastJoinLevel), the recompressor's level once it made the copy again.
  int level = http::kBestJoinLevel;
  mutable std::atomic<bool> recompress_asked{false};  // see RecompressedAdPage
  // Whether the brotli form of the page's one copy (Joined::page_copy) is counted in
  // kJoinedBudgetBytes: from the first br client that asks for it (the page cache counts the
  // copy's gzip form alone, as the page went in).
  mutable std::atomic<bool> copy_brotli_counted{false};
  // Made by RecompressedAdPage: a cached page asked for again, whose kept joined bodies are
  // compressed whole (see Joined) when it has pieces.
  bool asked_again = false;
  // A banner slot of the page has several campaigns (ads::LiveSet::Rotates), so its responses
  // choose among several bodies: once asked for again it keeps pieces, which join any choice
  // for a copy and CRC arithmetic, rather than one copy that a choice not kept inflates and
  // compresses again per response (see RecompressedAdPage).
  bool rotates = false;

  // A body (its gzip form only) already joined for one choice of banners and comment part. A page
  // has few likely choices (a slot's live campaigns, the article's current comments), so the first
  // kJoined are kept once made and later responses with the same choice share their bytes like
  // a page without banners: no copy, no CRC arithmetic. Entries are published once and never
  // replaced (the page is cut again when the campaigns change); further choices (an article
  // whose comments changed more than kJoined times while its page stayed cached) are joined
  // per response, as are all choices once the kept bodies of every page reach
  // kJoinedBudgetBytes (they sit beside the page cache's own budget). On a page asked for
  // again (asked_again) a body to be kept is compressed whole, once (its join inflated and
  // compressed again), rather than joined from the pieces: pieces compressed apart share no
  // history, and their join of an article page with its comment block was about 40 % larger
  // (issue #16).
  struct Joined {
    std::int64_t sequence = 0;                          // of the LiveSet chosen from
    std::array<std::int64_t, kMaxAdHoles> campaigns{};  // per hole; 0 left empty
    std::uint64_t comments = 0;                         // CommentPart::version; 0 for none
    std::shared_ptr<const std::string> gzip;            // the body; kept in no other form
    std::string etag;
    // Per hole, the bytes of its filling in this body (0: left empty), so that its plain form
    // can be cut back into the page's texts (AdPage::cuts).
    std::array<std::uint32_t, kMaxAdHoles> filled{};
    // The first answer of a page without pieces: the page's one copy, always kept (entry 0),
    // counted in the page cache's budget (HeldBytes), not in kJoinedBudgetBytes; compressed
    // again at the best level when the page is asked for again (RecompressedAdPage).
    bool page_copy = false;
    // Made on the first request from a br client, from the inflated gzip form; the budget
    // counts it as the gzip form's size from the start.
    std::shared_ptr<const http::BrotliForm> brotli;
  };
  static constexpr std::size_t kJoined = 4;
  static constexpr std::size_t kJoinedBudgetBytes = std::size_t{32} << 20;
  mutable std::array<std::atomic<const Joined*>, kJoined> joined{};

  // What the page holds for the page cache's budget: `bytes`, and a page without pieces' first
  // answer (its one copy, Joined::page_copy), its gzip form. The copy's brotli form, made when
  // a br client first asks, is counted then in kJoinedBudgetBytes (copy_brotli_counted), as its
  // gzip form's size; the other kept bodies are counted there too.
  std::size_t HeldBytes() const;
};

// The article whose CommentPart fills `page`'s comment holes; 0 when it has none.
std::int64_t CommentedArticle(const AdPage& page);

// The page cut at its comment markers, at its breaking-news marker and at those of its banner
// markers that a campaign of `live` may fill (see LiveSet::MayFill; none when `live` is null);
// null when it has no marker. Every marker is
// taken out of the page. A page kept must be cut again when the campaigns change: the page
// cache is dropped when the change sequence moves, which campaign writes move.
// `level`: the pieces' deflate level (libdeflate), or kPiecesLater (what a miss uses): no piece
// is made, `*plain` (REQUIRES: not null then) gets the page without markers, and the page's
// first answer (ServeWithAds given those bytes) is compressed whole at http::kFastJoinLevel
// and kept as the page's one copy. A miss is answered with one compression of the page, not
// one of each piece, an inflate to find each piece's last block and a join: pieces compressed
// apart cost 160-174 us and 9,429 bytes for a 22.9 KB article page, the page whole 69-112 us
// and 7,249 bytes (issue #14). RecompressedAdPage makes the pieces off the request path.
inline constexpr int kPiecesLater = 0;
std::shared_ptr<const AdPage> CutAtAdMarkers(std::string_view html, const ads::LiveSet* live,
                                             int level = http::kBestJoinLevel,
                                             std::string* plain = nullptr);

// `page` compressed again at `level`, with the same ETag, holes and brotli forms (made from the
// same plain bytes, so they stay valid), marked asked_again. A page with pieces gets its pieces
// made again from its gzip form inflated (its kept joined bodies are then compressed whole). A
// page without pieces stays without: its one copy, the first answer, is compressed again whole
// at `level` and stays its one copy (its next readers mostly make that choice, and get shared
// bytes), and its other kept bodies are shared. Pieces beside the copy would be a second copy
// of the page, about as large, that only another choice needs, and that choice is made from
// the copy inflated (issue #14).
std::shared_ptr<const AdPage> RecompressedAdPage(const AdPage& page, int level);

// What every AdPage's kept joined bodies (not a page's one copy) count against
// AdPage::kJoinedBudgetBytes now, with the brotli forms of the copies that br clients took.
std::size_t KeptJoinedBytes();

// `html` with the deflate form and CRC that splicing it into a page needs.
ads::BannerBytes SplicedBytes(std::string html);

// The response for `page`, with a banner chosen for each slot and the current comment part in
// each comment hole (status 200), or `page.unfilled` with every hole left empty. Its body has
// a gzip form and no plain bytes (the server inflates it for a client that does not take
// gzip). A page without pieces: a choice not kept is made from a kept body inflated, its
// fillings swapped, compressed whole at http::kFastJoinLevel. `plain`: the page's plain bytes
// from CutAtAdMarkers, given for the first answer of a page without pieces (REQUIRES: then, and
// only then; before any other thread sees the page), whose body becomes the page's one copy.
// `successor` (for a cached page, with its key at hand): set when the response made a body with
// the copy's banners and another comment part (the copy's part is gone: its readers get the new
// one), to a page like `page` with that body as its one copy and no other, for the caller to
// put in the cache in place of `page` (PageCache::Replace); left alone otherwise.
http::Response ServeWithAds(const SiteContext& site, const http::Request& request,
                            const AdPage& page, const std::string& content_type,
                            std::string_view plain = {},
                            std::shared_ptr<const AdPage>* successor = nullptr);

// For responses rendered per request (uncached pages): cuts and fills `response` when it is a
// 200 HTML page with markers; anything else is returned as it is.
http::Response FillAdSlots(const SiteContext& site, const http::Request& request,
                           http::Response response);

// GET /ad/click/{campaign}?slot=…&to=…&sig=…: 302 to `to` when sig signs (campaign, to) and
// slot is known, counting the click; else the 400 page and no redirect.
http::Response AdClick(const SiteContext& site, const http::Request& request);

// What a banner of a campaign in a slot looks like: templates/partials/ad_banner, labelled
// 광고, its link through the signed click address with rel="sponsored noopener". For
// ads::Rotation. REQUIRES: site outlives the returned function; site->deps.ad_signer is set.
ads::Rotation::MakeBanner BannerMaker(const SiteContext* site);

}  // namespace sinmun::site
