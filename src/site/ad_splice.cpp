#include "site/ad_splice.hpp"

#include <spdlog/spdlog.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <span>

#include "ads/ad_counter.hpp"
#include "ads/click_signer.hpp"
#include "ads/slots.hpp"
#include "core/check.hpp"
#include "http/encoding.hpp"
#include "render/article_view.hpp"
#include "site/breaking_ticker.hpp"
#include "site/comment_part.hpp"
#include "site/comments.hpp"
#include "site/context.hpp"
#include "site/params.hpp"
#include "site/readers.hpp"

namespace sinmun::site {
namespace {

constexpr std::string_view kMarkerOpen = "<!--sinmun-";
constexpr std::string_view kAdMarker = "ad:";
constexpr std::string_view kCommentsMarker = "comments:";
constexpr std::string_view kMarkerClose = "-->";
constexpr std::size_t kMaxHoles = kMaxAdHoles;

// The bytes of every AdPage's kept joined bodies (see AdPage::Joined).
std::atomic<std::size_t> joined_bytes{0};

// What a kept joined body counts against the budget: its gzip form, and its brotli form (made
// later) as large as the gzip one.
std::size_t JoinedSize(const AdPage::Joined& joined) { return 2 * joined.gzip->size(); }

// Where `needle` (two bytes or more) next occurs in `text` from `from`, or npos.
// std::string_view::find stops at every '<' of a page to compare the rest (one memchr and one
// memcmp per tag): finding a 22 KB article page's markers took 3.8 µs that way and 2.6 µs
// with glibc's memmem, which still looks at the bytes one by one (issue #14). Here 16 places
// are tested at once (SSE2) for the needle's first and last bytes, and only a place with both
// is compared whole: in a page few '<' have a '-' ten bytes on, as "<!--sinmun-" has.
std::size_t FindFrom(std::string_view text, std::string_view needle, std::size_t from) {
  SINMUN_CHECK(needle.size() >= 2);
  if (from > text.size()) return std::string_view::npos;
#if defined(__SSE2__)
  const std::size_t last = needle.size() - 1;
  const __m128i first_byte = _mm_set1_epi8(needle.front());
  const __m128i last_byte = _mm_set1_epi8(needle.back());
  for (; from + last + 16 <= text.size(); from += 16) {
    const char* at = text.data() + from;
    const __m128i firsts =
        _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)), first_byte);
    const __m128i lasts =
        _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at + last)), last_byte);
    for (unsigned mask = _mm_movemask_epi8(_mm_and_si128(firsts, lasts)); mask != 0;
         mask &= mask - 1) {
      const int place = __builtin_ctz(mask);
      if (std::memcmp(at + place + 1, needle.data() + 1, last - 1) == 0) {
        return from + static_cast<std::size_t>(place);
      }
    }
  }
#endif
  const void* found =
      ::memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  return found == nullptr ? std::string_view::npos
                          : static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
}

std::string ClickUrl(const ads::ClickSigner& signer, const store::AdCampaign& campaign,
                     std::string_view slot) {
  return "/ad/click/" + std::to_string(campaign.id) + "?slot=" + std::string(slot) +
         "&to=" + http::PercentEncode(campaign.target_url) +
         "&sig=" + signer.Sign(campaign.id, campaign.target_url);
}

// The request's visitor key, for readers whose impressions and clicks count; nullopt for
// bots, HEAD requests and servers without counters. The visitor cookie is never set here:
// the article view sets it, and an ad alone is no reason to give a reader a cookie.
std::optional<std::uint64_t> CountedVisitor(const SiteContext& site, const http::Request& request) {
  if (site.deps.ad_counter == nullptr || request.method != http::Method::kGet ||
      IsBotRequest(site, request)) {
    return std::nullopt;
  }
  return IdentifyVisitor(site, request).key;
}

// Compresses each of `texts` as a piece at `level` and joins them into the page's gzip form,
// which then holds the pieces: `page.pieces` are views into it. The pieces' own strings are
// dropped, so a page keeps its compressed bytes once (issue #14).
void CompressAdPagePieces(AdPage& page, std::span<const std::string_view> texts, int level) {
  page.level = level;
  std::vector<http::DeflatePiece> made;
  made.reserve(texts.size());
  for (const std::string_view text : texts) made.push_back(http::DeflateForJoin(text, level));
  std::vector<http::DeflateView> views;  // once the pieces stopped moving
  views.reserve(made.size());
  for (const http::DeflatePiece& piece : made) views.push_back(piece.View());
  auto gzip = std::make_shared<std::string>();
  http::JoinGzip(views, *gzip);
  const std::string_view joined = *gzip;
  std::size_t at = http::kJoinedHeaderBytes;  // JoinGzip lays the pieces end to end from here
  page.pieces.clear();
  page.pieces.reserve(views.size());
  for (const http::DeflateView& view : views) {
    page.pieces.push_back(view);
    page.pieces.back().deflate = joined.substr(at, view.deflate.size());
    at += view.deflate.size();
  }
  page.unfilled.gzip = std::move(gzip);
  page.bytes = sizeof(AdPage) + page.pieces.capacity() * sizeof(http::DeflateView) +
               page.holes.capacity() * sizeof(AdPage::Hole) +
               page.cuts.capacity() * sizeof(std::size_t);
}

// `plain` cut before each of `cuts` (ascending offsets into it), and after the last: one more
// piece than cuts.
std::vector<std::string_view> CutAt(std::string_view plain, std::span<const std::size_t> cuts) {
  std::vector<std::string_view> texts;
  texts.reserve(cuts.size() + 1);
  std::size_t from = 0;
  for (const std::size_t cut : cuts) {
    texts.push_back(plain.substr(from, cut - from));
    from = cut;
  }
  texts.push_back(plain.substr(from));
  return texts;
}

// The page's texts (as CutAt makes them) in `body`, the plain form of one of its bodies: the
// fillings, `filled[i]` bytes after each cut, are stepped over.
std::vector<std::string_view> TextsOf(std::string_view body, std::span<const std::size_t> cuts,
                                      std::span<const std::uint32_t> filled) {
  std::vector<std::string_view> texts;
  texts.reserve(cuts.size() + 1);
  std::size_t page_at = 0;  // in the plain page
  std::size_t body_at = 0;  // in `body`
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    const std::size_t length = cuts[i] - page_at;
    SINMUN_CHECK(body_at + length + filled[i] <= body.size());
    texts.push_back(body.substr(body_at, length));
    body_at += length + filled[i];
    page_at = cuts[i];
  }
  texts.push_back(body.substr(body_at));
  return texts;
}

// The page's one copy, when it has no pieces (see Joined::page_copy); null otherwise.
const AdPage::Joined* PageCopy(const AdPage& page) {
  const AdPage::Joined* first = page.joined[0].load(std::memory_order_acquire);
  return first != nullptr && first->page_copy ? first : nullptr;
}

// Whether a body joined for `page` now would find a free kept entry and room in the budget:
// a hint for how hard to compress it (the keeping itself is decided by compare-and-swap).
bool MayKeepJoined(const AdPage& page, std::size_t size) {
  if (joined_bytes.load(std::memory_order_relaxed) + size > AdPage::kJoinedBudgetBytes) {
    return false;
  }
  for (const std::atomic<const AdPage::Joined*>& slot : page.joined) {
    if (slot.load(std::memory_order_acquire) == nullptr) return true;
  }
  return false;
}

// Counts `size` more bytes in the joined budget; false (and nothing counted) when it would pass
// the budget.
bool ReserveJoinedBytes(std::size_t size) {
  if (joined_bytes.fetch_add(size, std::memory_order_relaxed) + size > AdPage::kJoinedBudgetBytes) {
    joined_bytes.fetch_sub(size, std::memory_order_relaxed);
    return false;
  }
  return true;
}

// `plain` compressed whole at `level` (one compressor a thread at the best level, the level
// every caller but the tests asks for), when that is smaller than `than`; null otherwise.
std::shared_ptr<std::string> WholeIfSmaller(std::string_view plain, int level,
                                            const std::string& than) {
  thread_local http::GzipCompressor best(http::kBestJoinLevel);
  std::optional<http::GzipCompressor> other;
  if (level != http::kBestJoinLevel) other.emplace(level);
  auto gzip = std::make_shared<std::string>();
  if (!(other ? *other : best).Compress(plain, *gzip) || gzip->size() >= than.size())
    return nullptr;
  return gzip;
}

// Keeps `made` among `page`'s bodies, in the first free entry, unless another response took it
// meanwhile or the budget is spent; true when kept (`made` is then released). The brotli form,
// made later, is counted as the gzip form's size from the start.
bool KeepJoined(const AdPage& page, std::unique_ptr<AdPage::Joined>& made) {
  const std::size_t size = JoinedSize(*made);
  if (!ReserveJoinedBytes(size)) return false;
  for (std::atomic<const AdPage::Joined*>& slot : page.joined) {
    const AdPage::Joined* expected = nullptr;
    if (slot.compare_exchange_strong(expected, made.get(), std::memory_order_acq_rel)) {
      made.release();
      return true;
    }
  }
  joined_bytes.fetch_sub(size, std::memory_order_relaxed);
  return false;
}

// Keeps on `again` (a page asked for again whose banners rotate, not yet seen by another thread)
// the choice of `copy`, the body its page without pieces answered with, from `plain`, that
// body inflated: compressed whole at the best level, as every body kept on a page asked for
// again is (GzipOfJoined), but here, off the request path, from bytes already inflated, so that
// the readers of that choice get shared bytes rather than a join (issue #14).
void KeepCopyChoice(const AdPage& again, const AdPage::Joined& copy, std::string_view plain) {
  if (!MayKeepJoined(again, JoinedSize(copy))) return;
  auto kept = std::make_unique<AdPage::Joined>(copy);  // its choice, tag, fillings and brotli form
  kept->page_copy = false;
  if (auto smaller = WholeIfSmaller(plain, http::kBestJoinLevel, *copy.gzip)) {
    kept->gzip = std::move(smaller);
  }
  KeepJoined(again, kept);
}

// What the brotli form of a page's one copy (Joined::page_copy) is counted as, once a br client
// takes it: its gzip form's size, as JoinedSize counts a kept body's, in the joined budget.
std::size_t CopyBrotliSize(const AdPage::Joined& copy) { return copy.gzip->size(); }

// Whether the brotli form of `page`'s one copy `copy` may be made for a client, counting it in
// the joined budget the first time (the page cache counted the copy's gzip form only, when the
// page went in: a form made later must be counted somewhere). False when the budget is spent:
// the client gets gzip, as for a choice not kept.
bool MayMakeCopyBrotli(const AdPage& page, const AdPage::Joined& copy) {
  if (page.copy_brotli_counted.load(std::memory_order_acquire)) return true;
  const std::size_t size = CopyBrotliSize(copy);
  if (!ReserveJoinedBytes(size)) return false;
  if (page.copy_brotli_counted.exchange(true, std::memory_order_acq_rel)) {
    joined_bytes.fetch_sub(size, std::memory_order_relaxed);  // another response counted it
  }
  return true;
}

// The gzip form of a joined body: `parts` laid end to end. Pieces compressed apart share no
// history, so their join is about 40 % larger than the page compressed whole (a 31 KB article
// page with its comment block: 8,731 bytes joined, 6,279 whole, docs/BENCHMARKS.md). A body
// that will be kept on a page asked for again is served to every later reader of that choice,
// so it is inflated and compressed whole, once (about a third of a millisecond for an article
// page); a page's first answer, uncached pages and choices not kept stay joined.
void GzipOfJoined(const AdPage& page, std::span<const http::DeflateView> parts, std::string& gzip) {
  http::JoinGzip(parts, gzip);
  if (!page.asked_again || !MayKeepJoined(page, 2 * gzip.size())) return;
  thread_local std::string plain;
  if (!http::Gunzip(gzip, plain)) return;
  if (auto smaller = WholeIfSmaller(plain, http::kBestJoinLevel, gzip)) gzip = std::move(*smaller);
}

}  // namespace

std::int64_t CommentedArticle(const AdPage& page) {
  const auto hole = std::ranges::find_if(page.holes, [](const AdPage::Hole& hole) {
    return hole.filling == AdPage::Filling::kCommentCount ||
           hole.filling == AdPage::Filling::kCommentBlock;
  });
  return hole == page.holes.end() ? 0 : hole->article;
}

std::shared_ptr<const AdPage> CutAtAdMarkers(std::string_view html, const ads::LiveSet* live,
                                             int level, std::string* plain_out) {
  const std::size_t first = FindFrom(html, kMarkerOpen, 0);
  if (first == std::string::npos) return nullptr;
  auto page = std::make_shared<AdPage>();
  std::string plain;
  plain.reserve(html.size());
  std::vector<std::size_t> cuts;
  std::size_t at = 0;
  while (at < html.size()) {
    const std::size_t open = at == 0 ? first : FindFrom(html, kMarkerOpen, at);
    const std::size_t close =
        open == std::string::npos ? open : FindFrom(html, kMarkerClose, open + kMarkerOpen.size());
    if (close == std::string::npos) {
      plain.append(html, at, std::string::npos);
      break;
    }
    plain.append(html, at, open - at);
    std::string_view inside =
        html.substr(open + kMarkerOpen.size(), close - open - kMarkerOpen.size());
    if (inside.starts_with(kCommentsMarker)) {
      // ARTICLE:count or ARTICLE:block, then :REGISTERED or nothing: always a hole, filled
      // per response.
      inside.remove_prefix(kCommentsMarker.size());
      const std::size_t colon = inside.find(':');
      const Result<std::int64_t> article = ParseId(inside.substr(0, colon));
      std::string_view which =
          colon == std::string_view::npos ? std::string_view() : inside.substr(colon + 1);
      std::optional<std::int64_t> registered_at;
      if (const std::size_t last = which.find(':'); last != std::string_view::npos) {
        if (const Result<std::int64_t> at = ParseId(which.substr(last + 1))) registered_at = *at;
        which = which.substr(0, last);
      }
      if (article && (which == "count" || which == "block") && page->holes.size() < kMaxHoles) {
        cuts.push_back(plain.size());
        page->holes.push_back({.filling = which == "count" ? AdPage::Filling::kCommentCount
                                                           : AdPage::Filling::kCommentBlock,
                               .article = *article,
                               .registered_at = registered_at});
      }
    } else if (inside.starts_with(kAdMarker)) {
      inside.remove_prefix(kAdMarker.size());
      const std::size_t colon = inside.find(':');
      if (inside.substr(0, colon) == "breaking") {
        if (page->holes.size() < kMaxHoles) {
          cuts.push_back(plain.size());
          page->holes.push_back({.filling = AdPage::Filling::kBreaking});
        }
        at = close + kMarkerClose.size();
        continue;
      }
      const std::optional<std::size_t> slot = ads::SlotIndex(inside.substr(0, colon));
      const std::string_view section =
          colon == std::string_view::npos ? std::string_view() : inside.substr(colon + 1);
      // A slot no campaign may fill stays out: fewer pieces, each compressed with more context.
      if (slot && live != nullptr && live->MayFill(*slot, section) &&
          page->holes.size() < kMaxHoles) {
        cuts.push_back(plain.size());
        page->holes.push_back({.slot = *slot, .section = std::string(section)});
        if (live->Rotates(*slot, section)) page->rotates = true;
      }
    } else {
      plain.append(html, open, close + kMarkerClose.size() - open);  // not ours: kept
    }
    at = close + kMarkerClose.size();
  }
  // The tag names the plain page, which is not kept: taken now.
  page->unfilled.etag = http::StrongEtag(plain);
  page->cuts = std::move(cuts);
  if (level == kPiecesLater && !page->holes.empty()) {
    // The first answer, compressed whole, becomes the page's copy (ServeWithAds).
    SINMUN_CHECK(plain_out != nullptr);
    page->level = kPiecesLater;
    page->bytes = sizeof(AdPage) + page->holes.capacity() * sizeof(AdPage::Hole) +
                  page->cuts.capacity() * sizeof(std::size_t);
    *plain_out = std::move(plain);
    return page;
  }
  // A page without holes is served as `unfilled` alone: it gets its one piece now.
  const std::vector<std::string_view> texts = CutAt(plain, page->cuts);
  CompressAdPagePieces(*page, texts, level == kPiecesLater ? http::kFastJoinLevel : level);
  page->unfilled.brotli = std::make_shared<const http::BrotliForm>();
  return page;
}

std::shared_ptr<const AdPage> RecompressedAdPage(const AdPage& page, int level) {
  auto again = std::make_shared<AdPage>();
  again->unfilled.etag = page.unfilled.etag;
  again->holes = page.holes;
  again->cuts = page.cuts;
  again->asked_again = true;
  again->rotates = page.rotates;
  std::string inflated;
  const AdPage::Joined* copy = PageCopy(page);
  if (copy != nullptr && page.rotates) {
    // Banners that rotate: pieces, so that each response's choice is a join (the page's texts,
    // as CutAt would cut the plain page, read in place from the inflated copy), and the first
    // answer's choice kept beside them. Made as one copy, a choice not kept would be inflated
    // and compressed per response: a cached article with three campaigns in each of two slots
    // cost 0.09-0.10 ms of CPU a response against 0.017 (issue #14).
    SINMUN_CHECK(http::Gunzip(*copy->gzip, inflated));
    CompressAdPagePieces(*again, TextsOf(inflated, page.cuts, copy->filled), level);
    again->unfilled.brotli = std::make_shared<const http::BrotliForm>();
    KeepCopyChoice(*again, *copy, inflated);
    return again;
  }
  if (copy != nullptr) {
    // No pieces: the first answer, compressed whole again at `level`, stays the page's one
    // copy, and no pieces are made. Pieces beside it held a second compressed copy of the page
    // (7.5 KB at level 6 for an article page, as large as the copy: pieces share no history)
    // that only a choice other than the kept ones needs, and such a choice is made from the
    // copy inflated, as on a page seen once (issue #14). It was compressed here: it reads, or
    // the page was broken when it was made.
    SINMUN_CHECK(http::Gunzip(*copy->gzip, inflated));
    again->level = level;
    again->bytes = page.bytes;
    auto best = std::make_unique<AdPage::Joined>(*copy);  // its choice, tag, fillings, brotli
    if (auto smaller = WholeIfSmaller(inflated, level, *copy->gzip))
      best->gzip = std::move(smaller);
    // A brotli form made and counted for the old copy is shared: count it for this page too
    // (the old page gives its count back when it goes).
    if (page.copy_brotli_counted.load(std::memory_order_acquire)) {
      joined_bytes.fetch_add(CopyBrotliSize(*best), std::memory_order_relaxed);
      again->copy_brotli_counted.store(true, std::memory_order_relaxed);
    }
    again->joined[0].store(best.release(), std::memory_order_relaxed);
    // The other choices kept on the old page (made per response since), sharing their bytes.
    for (std::size_t i = 1; i < page.joined.size(); ++i) {
      const AdPage::Joined* entry = page.joined[i].load(std::memory_order_acquire);
      if (entry == nullptr) break;
      auto kept = std::make_unique<AdPage::Joined>(*entry);
      if (!KeepJoined(*again, kept)) break;
    }
    return again;
  }
  // The page's own join: it reads, or the page was broken when it was made.
  SINMUN_CHECK(http::Gunzip(*page.unfilled.gzip, inflated));
  CompressAdPagePieces(*again, CutAt(inflated, again->cuts), level);
  again->unfilled.brotli = page.unfilled.brotli;  // made from the same plain bytes, if made
  return again;
}

std::size_t KeptJoinedBytes() { return joined_bytes.load(std::memory_order_relaxed); }

ads::BannerBytes SplicedBytes(std::string html) {
  ads::BannerBytes bytes;
  bytes.html = std::move(html);
  http::DeflatePiece piece = http::DeflateForJoin(bytes.html);
  bytes.deflate = std::move(piece.deflate);
  bytes.crc32 = piece.crc32;
  bytes.crc_op = piece.crc_op;
  return bytes;
}

AdPage::~AdPage() {
  for (std::atomic<const Joined*>& slot : joined) {
    const Joined* entry = slot.load();
    if (entry == nullptr) continue;
    if (!entry->page_copy) joined_bytes.fetch_sub(JoinedSize(*entry), std::memory_order_relaxed);
    if (entry->page_copy && copy_brotli_counted.load(std::memory_order_relaxed)) {
      joined_bytes.fetch_sub(CopyBrotliSize(*entry), std::memory_order_relaxed);
    }
    delete entry;
  }
}

std::size_t AdPage::HeldBytes() const {
  const Joined* copy = PageCopy(*this);
  return bytes + (copy != nullptr ? copy->gzip->size() : 0);
}

http::Response ServeWithAds(const SiteContext& site, const http::Request& request,
                            const AdPage& page, const std::string& content_type,
                            std::string_view plain, std::shared_ptr<const AdPage>* successor) {
  if (page.holes.empty()) return http::Prepared(page.unfilled, content_type);
  // A page without pieces has no body until its first answer, made from `plain`.
  const bool first_answer =
      page.pieces.empty() && page.joined[0].load(std::memory_order_acquire) == nullptr;
  SINMUN_CHECK(!first_answer || plain.data() != nullptr);
  std::shared_ptr<const ads::LiveSet> live;
  std::shared_ptr<const ads::LiveBanner> ticker;
  std::shared_ptr<const CommentPart> comments;  // every comment hole of a page is one article's
  const Timestamp now = site.deps.clock->Now();
  std::array<const ads::LiveBanner*, kMaxHoles> chosen{};  // banners and the ticker
  std::array<const ads::BannerBytes*, kMaxHoles> fill{};   // null: left empty
  bool any = false;
  for (std::size_t i = 0; i < page.holes.size(); ++i) {
    const AdPage::Hole& hole = page.holes[i];
    switch (hole.filling) {
      case AdPage::Filling::kBanner:
        if (site.rotation == nullptr) break;
        if (!live) live = site.rotation->Current();
        if (live) chosen[i] = live->Pick(hole.slot, hole.section, now, ads::Rotation::Random());
        break;
      case AdPage::Filling::kBreaking:
        if (site.breaking == nullptr) break;
        if (!ticker) ticker = site.breaking->Current();
        chosen[i] = ticker.get();
        break;
      case AdPage::Filling::kCommentCount:
      case AdPage::Filling::kCommentBlock:
        if (!comments) {
          comments = ArticleCommentPart(site, hole.article, hole.registered_at, !first_answer);
        }
        if (comments) {
          // Their deflate forms only for a page joined from its pieces: a page without pieces
          // is compressed whole, and most parts never need them (issue #14).
          const CommentPart& part = page.pieces.empty() ? *comments : comments->Spliced();
          fill[i] = hole.filling == AdPage::Filling::kCommentCount ? &part.count : &part.block;
        }
        break;
    }
    if (chosen[i]) fill[i] = &chosen[i]->bytes;
    if (fill[i] != nullptr && fill[i]->html.empty()) fill[i] = nullptr;
    any = any || fill[i] != nullptr;
  }
  if (!any && !page.pieces.empty()) return http::Prepared(page.unfilled, content_type);

  // Impressions are counted once the response is built: their dedup slots load meanwhile.
  const std::optional<std::uint64_t> visitor = CountedVisitor(site, request);
  std::array<ads::AdCounter::Shown, kMaxHoles> shown;
  std::size_t shown_count = 0;
  if (visitor) {
    for (std::size_t i = 0; i < page.holes.size(); ++i) {
      if (chosen[i] && page.holes[i].filling == AdPage::Filling::kBanner) {
        shown[shown_count++] = {chosen[i]->campaign, page.holes[i].slot};
      }
    }
    site.deps.ad_counter->PrefetchImpressions(std::span(shown.data(), shown_count), *visitor);
  }

  // The page's tag, the set's sequence, the campaigns shown and the comment part name this
  // representation.
  AdPage::Joined choice;
  choice.sequence = live ? live->sequence() : 0;
  for (std::size_t i = 0; i < page.holes.size(); ++i) {
    choice.campaigns[i] = chosen[i] ? chosen[i]->campaign : 0;
  }
  choice.comments = comments ? comments->version : 0;
  // Every hole left empty on a page without pieces: the unfilled page, kept among the bodies
  // (under a sequence no set has) and named by the page's own tag, as `unfilled` would be.
  if (!any) {
    choice = AdPage::Joined{};
    choice.sequence = -1;
  }
  auto etag_of = [&] {
    if (!any) return page.unfilled.etag;
    std::string etag = page.unfilled.etag.substr(0, page.unfilled.etag.size() - 1);
    etag += '-';
    etag += std::to_string(choice.sequence);
    for (std::size_t i = 0; i < page.holes.size(); ++i) {
      etag += '.';
      etag += std::to_string(choice.campaigns[i]);
    }
    if (choice.comments != 0) {
      etag += "-c";
      etag += std::to_string(choice.comments);
    }
    etag += '"';
    return etag;
  };

  http::Response response;
  response.content_type = content_type;
  const AdPage::Joined* joined = nullptr;
  for (const std::atomic<const AdPage::Joined*>& slot : page.joined) {
    const AdPage::Joined* entry = slot.load(std::memory_order_acquire);
    if (entry == nullptr) break;
    if (entry->sequence == choice.sequence && entry->campaigns == choice.campaigns &&
        entry->comments == choice.comments) {
      joined = entry;
      break;
    }
  }
  std::unique_ptr<AdPage::Joined> made;
  if (joined == nullptr && page.pieces.empty()) {
    // No pieces: the page's texts, from `plain` or from its copy inflated (60-66 us for a
    // 22.9 KB article page, loaded), and the fillings interleaved, compressed whole at the fast
    // level as a miss is (issue #14).
    made = std::make_unique<AdPage::Joined>(choice);
    thread_local std::string inflated;
    std::vector<std::string_view> texts;
    if (first_answer) {
      texts = CutAt(plain, page.cuts);
    } else {
      const AdPage::Joined* copy = PageCopy(page);
      SINMUN_CHECK(copy != nullptr && http::Gunzip(*copy->gzip, inflated));
      texts = TextsOf(inflated, page.cuts, copy->filled);
    }
    thread_local std::string body;
    body.clear();
    for (std::size_t i = 0; i < page.holes.size(); ++i) {
      body += texts[i];
      if (fill[i]) {
        body += fill[i]->html;
        made->filled[i] = static_cast<std::uint32_t>(fill[i]->html.size());
      }
    }
    body += texts.back();
    thread_local http::GzipCompressor fast(http::kFastJoinLevel);
    auto gzip = std::make_shared<std::string>();
    SINMUN_CHECK(fast.Compress(body, *gzip));
    made->gzip = std::move(gzip);
    made->etag = etag_of();
    made->brotli = std::make_shared<const http::BrotliForm>();
    made->page_copy = first_answer;
    joined = made.get();
  } else if (joined == nullptr) {
    // Pieces and fillings interleaved: piece 0, filling 0, piece 1, … piece n.
    std::array<http::DeflateView, 2 * kMaxHoles + 1> parts{};
    std::size_t count = 0;
    for (std::size_t i = 0; i < page.holes.size(); ++i) {
      parts[count++] = page.pieces[i];
      if (fill[i]) {
        parts[count++] = {fill[i]->deflate, fill[i]->crc32, fill[i]->html.size(), fill[i]->crc_op};
      }
    }
    parts[count++] = page.pieces.back();
    auto gzip = std::make_shared<std::string>();
    GzipOfJoined(page, std::span(parts.data(), count), *gzip);
    made = std::make_unique<AdPage::Joined>(choice);
    made->gzip = std::move(gzip);
    made->etag = etag_of();
    made->brotli = std::make_shared<const http::BrotliForm>();
    joined = made.get();
  }
  bool kept = made == nullptr;   // found among the page's kept bodies
  const AdPage* holder = &page;  // the page whose kept bodies `joined` is among
  const AdPage::Joined* copy = made && !made->page_copy ? PageCopy(page) : nullptr;
  if (made && made->page_copy) {
    // No other thread sees the page yet (REQUIRES of `plain`): entry 0 is free.
    page.joined[0].store(made.release(), std::memory_order_release);
    kept = true;
  } else if (successor != nullptr && copy != nullptr && made->sequence == copy->sequence &&
             made->campaigns == copy->campaigns && made->comments != copy->comments) {
    // The same banners with another comment part: the part the copy was made with is gone (the
    // parts keep one an article, the newest), so the copy will not be asked for again. The new
    // body becomes the copy of a page put in place of this one (its other kept bodies name the
    // old part too), rather than a second body beside a dead copy (issue #14).
    auto next = std::make_shared<AdPage>();
    next->unfilled.etag = page.unfilled.etag;
    next->holes = page.holes;
    next->cuts = page.cuts;
    next->bytes = page.bytes;
    next->level = kPiecesLater;  // compressed at the fast level: the recompressor's again
    next->asked_again = page.asked_again;
    made->page_copy = true;
    next->joined[0].store(made.release(), std::memory_order_release);
    holder = next.get();
    kept = true;
    *successor = std::move(next);
  } else if (made) {
    kept = KeepJoined(page, made);
  }
  // The server sends the form the client takes: the gzip form, or its bytes inflated. A br
  // client gets a kept choice's brotli form, which the server makes from the inflated gzip form
  // on the first such request (http::BrotliForm::OfGzip); a choice not kept is not worth a
  // brotli compression per response, so such clients get gzip or identity.
  response.body.gzip = joined->gzip;
  response.body.etag = joined->etag;
  // The page's one copy counts its brotli form in the joined budget once a br client takes it
  // (MayMakeCopyBrotli); a client that does not take br makes none.
  if (kept && (!joined->page_copy || holder->copy_brotli_counted.load(std::memory_order_acquire) ||
               !http::AcceptsBrotli(request.Header("accept-encoding")) ||
               MayMakeCopyBrotli(*holder, *joined))) {
    response.body.brotli = joined->brotli;
  }
  if (visitor) {
    site.deps.ad_counter->CountImpressions(std::span(shown.data(), shown_count), *visitor);
  }
  return response;
}

http::Response FillAdSlots(const SiteContext& site, const http::Request& request,
                           http::Response response) {
  if (response.status != 200 || !response.body.bytes ||
      !response.content_type.starts_with("text/html")) {
    return response;
  }
  std::shared_ptr<const ads::LiveSet> live;
  if (site.rotation != nullptr) live = site.rotation->Current();
  // Answered once: compressed whole.
  std::string plain;
  const std::shared_ptr<const AdPage> page =
      CutAtAdMarkers(*response.body.bytes, live.get(), kPiecesLater, &plain);
  if (!page) return response;
  http::Response filled = ServeWithAds(site, request, *page, response.content_type, plain);
  filled.cache_control = response.cache_control;
  filled.headers = std::move(response.headers);
  return filled;
}

http::Response AdClick(const SiteContext& site, const http::Request& request) {
  const Result<std::int64_t> campaign = ParseId(request.PathParam("campaign"));
  const std::optional<std::string> to = request.Query("to");
  const std::optional<std::string> slot_name = request.Query("slot");
  const std::optional<std::string> sig = request.Query("sig");
  const std::optional<std::size_t> slot = slot_name ? ads::SlotIndex(*slot_name) : std::nullopt;
  if (!campaign || !to || !sig || !slot || site.deps.ad_signer == nullptr ||
      !site.deps.ad_signer->Verify(*campaign, *to, *sig)) {
    http::Response refused = ErrorResponse(site, 400, ViewModeOf(request));
    refused.cache_control = "no-store";
    return refused;
  }
  if (const std::optional<std::uint64_t> visitor = CountedVisitor(site, request)) {
    site.deps.ad_counter->CountClick(*campaign, *slot, *visitor);
  }
  http::Response response = http::Redirect(*to, 302);
  response.cache_control = "no-store";
  response.headers.emplace_back("X-Robots-Tag", "noindex, nofollow");
  return response;
}

ads::Rotation::MakeBanner BannerMaker(const SiteContext* site) {
  return [site](const store::AdCampaign& campaign, const ads::SlotSpec& slot) {
    nlohmann::json view = {{"slot", std::string(slot.name)},
                           {"width", slot.width},
                           {"height", slot.height},
                           {"title", campaign.title},
                           {"advertiser", campaign.advertiser},
                           {"click_url", ClickUrl(*site->deps.ad_signer, campaign, slot.name)},
                           {"image", nullptr}};
    if (campaign.photo_id) {
      if (Result<store::Photo> photo = site->deps.store.catalog->PhotoById(*campaign.photo_id)) {
        // The narrowest variant at least twice the slot's width (sharp on dense screens),
        // else the widest.
        int chosen = photo->widths.empty() ? 0 : photo->widths.back();
        for (const int width : photo->widths) {
          if (width >= slot.width * 2) {
            chosen = width;
            break;
          }
        }
        if (chosen > 0)
          view["image"] = {{"src", render::PhotoUrl(photo->name, photo->format, chosen)}};
      }
    }
    Result<std::string> html = site->deps.renderer->Render("partials/ad_banner", view);
    if (!html) {
      spdlog::error("site: banner of campaign {}: {}", campaign.id, html.error().detail);
      return ads::BannerBytes{};  // an empty banner: the slot shows nothing
    }
    return SplicedBytes(std::move(*html));
  };
}

}  // namespace sinmun::site
