#include "site/comment_part.hpp"

#include <atomic>
#include <mutex>

#include "site/ad_splice.hpp"

namespace sinmun::site {

const CommentPart& CommentPart::Spliced() const {
  std::call_once(spliced_once_, [this] {
    auto spliced = std::make_unique<CommentPart>();
    spliced->version = version;
    spliced->count = SplicedBytes(count.html);
    spliced->block = SplicedBytes(block.html);
    spliced_ = std::move(spliced);
  });
  return *spliced_;
}

std::size_t CommentPart::Bytes() const { return 2 * (count.html.size() + block.html.size()); }

CommentParts::CommentParts(std::chrono::milliseconds max_age, std::size_t max_bytes)
    : max_age_ns_(std::chrono::duration_cast<std::chrono::nanoseconds>(max_age).count()),
      max_bytes_(max_bytes) {}

std::uint64_t CommentParts::NextVersion() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

std::int64_t CommentParts::NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool CommentParts::Fresh(const Entry& entry, std::int64_t now_ns) const {
  return entry.part != nullptr && !entry.stale && now_ns - entry.made_ns < max_age_ns_;
}

std::shared_ptr<const CommentPart> CommentParts::Get(store::ArticleId article, const Make& make,
                                                     bool read) {
  if (max_age_ns_ <= 0) return make();
  const std::int64_t now_ns = NowNs();
  {
    const std::shared_lock lock(mutex_);
    const auto found = entries_.find(article);
    if (found != entries_.end() && Fresh(found->second, now_ns)) {
      if (read) MarkRead(found->second);
      return found->second.part;
    }
  }
  std::uint64_t generation = 0;
  {
    const std::unique_lock lock(mutex_);
    Entry& entry = entries_[article];
    if (Fresh(entry, now_ns)) {
      if (read) MarkRead(entry);
      return entry.part;
    }
    // Another request is making it as of the latest Forget: the previous part meanwhile.
    if (entry.part != nullptr && entry.making == entry.generation + 1) return entry.part;
    generation = entry.generation;
    entry.making = generation + 1;
  }
  std::shared_ptr<const CommentPart> made = make();
  const std::unique_lock lock(mutex_);
  Entry& entry = entries_[article];
  if (entry.making == generation + 1) entry.making = 0;
  if (made == nullptr) {
    if (entry.part == nullptr && entry.making == 0) entries_.erase(article);
    return nullptr;
  }
  if (entry.generation == generation) {
    KeepLocked(article, entry, made);
    TrimLocked();
  }
  return made;
}

void CommentParts::Forget(store::ArticleId article) {
  const std::unique_lock lock(mutex_);
  const auto found = entries_.find(article);
  if (found == entries_.end()) return;
  ++found->second.generation;
  found->second.stale = true;
}

void CommentParts::DropUnread(store::ArticleId article) {
  const std::unique_lock lock(mutex_);
  const auto found = entries_.find(article);
  if (found == entries_.end()) return;
  Entry& entry = found->second;
  if (entry.part == nullptr || entry.making != 0 || entry.read.load(std::memory_order_relaxed)) {
    return;
  }
  bytes_ -= entry.part->Bytes();
  order_.erase(entry.position);
  entries_.erase(found);
}

std::size_t CommentParts::bytes() const {
  const std::shared_lock lock(mutex_);
  return bytes_;
}

void CommentParts::KeepLocked(store::ArticleId article, Entry& entry,
                              std::shared_ptr<const CommentPart> part) {
  if (entry.part != nullptr) {
    bytes_ -= entry.part->Bytes();
    order_.erase(entry.position);
  }
  bytes_ += part->Bytes();
  entry.part = std::move(part);
  entry.made_ns = NowNs();
  entry.stale = false;
  entry.position = order_.insert(order_.end(), article);
}

void CommentParts::MarkRead(Entry& entry) {
  // Checked first, so that a part every request reads is not written by each of them (its
  // cache line stays shared between the cores).
  if (!entry.read.load(std::memory_order_relaxed)) {
    entry.read.store(true, std::memory_order_relaxed);
  }
}

void CommentParts::TrimLocked() {
  // A part being made again stays (its maker will keep the new one): passed over, not dropped.
  // A part read since it was made or last spared is spared once more, as the newest; each part
  // is spared at most once a trim, so a trim ends even when every part was read.
  auto oldest = order_.begin();
  std::size_t spares = order_.size();
  while (bytes_ > max_bytes_ && oldest != order_.end()) {
    const auto found = entries_.find(*oldest);
    if (found->second.making != 0) {
      ++oldest;
      continue;
    }
    if (spares > 0 && found->second.read.exchange(false, std::memory_order_relaxed)) {
      --spares;
      const auto next = std::next(oldest);
      order_.splice(order_.end(), order_, oldest);  // `position` stays valid
      oldest = next;
      continue;
    }
    bytes_ -= found->second.part->Bytes();
    oldest = order_.erase(oldest);
    entries_.erase(found);
  }
}

}  // namespace sinmun::site
