#include "site/page_recompressor.hpp"

#include "core/background_priority.hpp"
#include "site/ad_splice.hpp"

namespace sinmun::site {

PageRecompressor::PageRecompressor(PageCache* cache) : cache_(cache) {
  thread_ = std::thread([this] { Run(); });
}

PageRecompressor::~PageRecompressor() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_one();
  thread_.join();
}

void PageRecompressor::Ask(std::string_view key,
                           const std::shared_ptr<const PageCache::Page>& page) {
  if (!page || !page->ads || page->ads->level >= http::kBestJoinLevel) return;
  if (page->ads->recompress_asked.exchange(true, std::memory_order_relaxed)) return;
  {
    const std::lock_guard lock(mutex_);
    if (queue_.size() >= kMaxQueued) return;
    queue_.emplace_back(std::string(key), page);
  }
  wake_.notify_one();
}

void PageRecompressor::Run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    auto [key, weak] = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    // A page the cache dropped meanwhile (evicted, stale) is not compressed for nothing.
    if (const std::shared_ptr<const PageCache::Page> page = weak.lock()) {
      auto again = std::make_shared<PageCache::Page>();
      again->status = page->status;
      again->content_type = page->content_type;
      {
        // The best level makes an article page about 7 % smaller for five times the CPU of the
        // fast one: worth a core readers leave idle, not one they wait for. On a saturated
        // server it waits (the page serves in its fast form); the cache's lock, below, is taken
        // at normal priority (issue #14).
        const IdleScheduling idle;
        again->ads = RecompressedAdPage(*page->ads, http::kBestJoinLevel);
      }
      again->body = again->ads->unfilled;
      cache_->Replace(key, page.get(), std::move(again));
    }
    lock.lock();
  }
}

}  // namespace sinmun::site
