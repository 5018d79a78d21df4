#pragma once
// Private to site/: compresses cached pages again at the best level, off the request path
// (issue #14). A page miss is kept cut at its holes but without pieces (kPiecesLater,
// site/ad_splice.hpp): its first answer, compressed whole at http::kFastJoinLevel, is its one
// copy. Most archive pages that crawlers ask for are asked for once, and compressing them
// harder, or into pieces, would only delay the answer. A page asked for again is worth the
// best level: its first hit hands it here, and one thread inflates the copy, compresses it
// whole at http::kBestJoinLevel as the page's one copy (the first answer's choice, what its
// next readers mostly ask for; no pieces beside it, but for a page whose banners rotate, which
// gets pieces to join each response's choice: AdPage::rotates) and puts the page in the cache in
// place of the first form (PageCache::Replace), unless the entry changed meanwhile. It compresses
// at idle priority (IdleScheduling), so a saturated server spends its cores on answers. The queue
// is bounded: a page that finds it full stays in its first form, which serves just as well. Thread
// safety: Ask from any thread.

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "site/page_cache.hpp"

namespace sinmun::site {

class PageRecompressor {
 public:
  static constexpr std::size_t kMaxQueued = 256;

  // REQUIRES: cache outlives this.
  explicit PageRecompressor(PageCache* cache);
  ~PageRecompressor();  // drops what is queued and joins the thread
  PageRecompressor(const PageRecompressor&) = delete;
  PageRecompressor& operator=(const PageRecompressor&) = delete;

  // Queues `page`, found under `key`, once: a page at the best level already,
  // or that was asked for before, is left alone.
  void Ask(std::string_view key, const std::shared_ptr<const PageCache::Page>& page);

 private:
  void Run();

  PageCache* cache_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::pair<std::string, std::weak_ptr<const PageCache::Page>>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sinmun::site
