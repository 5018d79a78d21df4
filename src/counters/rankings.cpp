#include "counters/rankings.hpp"

#include <algorithm>
#include <mutex>
#include <tuple>
#include <utility>
#include <vector>

namespace sinmun::counters {

std::optional<Window> ParseWindow(std::string_view name) {
  if (name == "24h") return Window::k24Hours;
  if (name == "7d") return Window::k7Days;
  if (name == "30d") return Window::k30Days;
  return std::nullopt;
}

const char* WindowName(Window window) {
  switch (window) {
    case Window::k24Hours:
      return "24h";
    case Window::k7Days:
      return "7d";
    case Window::k30Days:
      return "30d";
  }
  return "24h";
}

void Rankings::Reset(const std::vector<store::HourlyViews>& buckets, Timestamp now) {
  std::unique_lock lock(mutex_);
  current_hour_ = now / 3600;
  entries_.clear();
  buckets_.clear();
  for (auto& order : overall_) order.clear();
  for (auto& sections : by_section_) sections.clear();
  // Sums first, then one insert per article and window: a start-up with millions of
  // buckets does not move each article through the ordered sets bucket by bucket.
  for (const store::HourlyViews& bucket : buckets) {
    Entry* entry = KeepBucket(bucket);
    if (entry == nullptr) continue;
    for (int w = 0; w < 3; ++w) {
      if (bucket.hour >= current_hour_ - kWindowHours[w] + 1) entry->views[w] += bucket.views;
    }
  }
  // Each ordered set is filled in its own order, every insert at its end (constant time with
  // that hint), instead of searched from the root: a fresh server loads the previous one's
  // rankings beside its first readers (issue #14), and a large paper's took seconds.
  std::vector<std::pair<std::int64_t, store::ArticleId>> overall;
  std::vector<std::tuple<store::SectionId, std::int64_t, store::ArticleId>> sectioned;
  overall.reserve(entries_.size());
  sectioned.reserve(entries_.size());
  for (int w = 0; w < 3; ++w) {
    overall.clear();
    sectioned.clear();
    for (const auto& [id, entry] : entries_) {
      if (entry.views[w] == 0) continue;
      overall.emplace_back(entry.views[w], id);
      sectioned.emplace_back(entry.section, entry.views[w], id);
    }
    std::sort(overall.begin(), overall.end(), Order::key_compare());
    for (const auto& ranked : overall) overall_[w].insert(overall_[w].end(), ranked);
    // By section, then in each section's order.
    std::sort(sectioned.begin(), sectioned.end(), [](const auto& a, const auto& b) {
      if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
      return Order::key_compare()(std::pair{std::get<1>(a), std::get<2>(a)},
                                  std::pair{std::get<1>(b), std::get<2>(b)});
    });
    Order* order = nullptr;
    store::SectionId order_section = 0;
    for (const auto& [section, views, id] : sectioned) {
      if (order == nullptr || section != order_section) {
        order = &by_section_[w][section];
        order_section = section;
      }
      order->insert(order->end(), {views, id});
    }
  }
}

void Rankings::Add(const std::vector<store::HourlyViews>& added, Timestamp now) {
  std::unique_lock lock(mutex_);
  AdvanceLocked(now / 3600);
  for (const store::HourlyViews& bucket : added) AddLocked(bucket);
}

void Rankings::Advance(Timestamp now) {
  {
    // Every read slides the windows first; within the hour that is a shared-lock compare.
    std::shared_lock lock(mutex_);
    if (now / 3600 <= current_hour_) return;
  }
  std::unique_lock lock(mutex_);
  AdvanceLocked(now / 3600);
}

void Rankings::AdvanceLocked(std::int64_t hour) {
  if (hour <= current_hour_) return;
  for (int w = 0; w < 3; ++w) {
    // Buckets in [old start, new start) leave window w.
    const std::int64_t old_start = current_hour_ - kWindowHours[w] + 1;
    const std::int64_t new_start = hour - kWindowHours[w] + 1;
    for (auto it = buckets_.lower_bound(old_start); it != buckets_.end() && it->first < new_start;
         ++it) {
      for (const auto& [id, views] : it->second) {
        auto entry = entries_.find(id);
        if (entry != entries_.end()) Change(id, entry->second, w, -views);
      }
    }
  }
  current_hour_ = hour;
  const std::int64_t oldest = hour - kWindowHours[2] + 1;
  buckets_.erase(buckets_.begin(), buckets_.lower_bound(oldest));
  // Articles with no views left in any window take no memory.
  for (auto it = entries_.begin(); it != entries_.end();) {
    const auto& v = it->second.views;
    it = v[0] == 0 && v[1] == 0 && v[2] == 0 ? entries_.erase(it) : std::next(it);
  }
}

Rankings::Entry* Rankings::KeepBucket(const store::HourlyViews& bucket) {
  if (bucket.views <= 0 || bucket.hour > current_hour_ ||
      bucket.hour < current_hour_ - kWindowHours[2] + 1) {
    return nullptr;
  }
  buckets_[bucket.hour].emplace_back(bucket.article_id, bucket.views);
  Entry& entry = entries_[bucket.article_id];
  entry.section = bucket.section_id;
  return &entry;
}

void Rankings::AddLocked(const store::HourlyViews& bucket) {
  Entry* entry = KeepBucket(bucket);
  if (entry == nullptr) return;
  for (int w = 0; w < 3; ++w) {
    if (bucket.hour >= current_hour_ - kWindowHours[w] + 1) {
      Change(bucket.article_id, *entry, w, bucket.views);
    }
  }
}

void Rankings::Change(store::ArticleId id, Entry& entry, int window, std::int64_t delta) {
  Order& section = by_section_[window][entry.section];
  std::int64_t& views = entry.views[window];
  if (views > 0) {
    overall_[window].erase({views, id});
    section.erase({views, id});
  }
  views += delta;
  if (views > 0) {
    overall_[window].emplace(views, id);
    section.emplace(views, id);
  } else {
    views = 0;
  }
}

std::vector<RankedView> Rankings::Top(Window window, std::optional<store::SectionId> section,
                                      int limit) const {
  std::vector<RankedView> top;
  if (limit <= 0) return top;
  std::shared_lock lock(mutex_);
  const int w = static_cast<int>(window);
  const Order* order = &overall_[w];
  if (section) {
    auto it = by_section_[w].find(*section);
    if (it == by_section_[w].end()) return top;
    order = &it->second;
  }
  top.reserve(std::min(static_cast<size_t>(limit), order->size()));
  for (auto it = order->begin(); it != order->end() && top.size() < static_cast<size_t>(limit);
       ++it) {
    top.push_back(RankedView{it->second, it->first});
  }
  return top;
}

}  // namespace sinmun::counters

namespace sinmun::counters {

std::vector<RankedView> Rankings::TopOfHour(std::optional<store::SectionId> section,
                                            int limit) const {
  std::vector<RankedView> top;
  if (limit <= 0) return top;
  std::shared_lock lock(mutex_);
  const auto hour = buckets_.find(current_hour_);
  if (hour == buckets_.end()) return top;
  // Each flush of the hour added a bucket per article it counted: sum them per article.
  std::unordered_map<store::ArticleId, std::int64_t> sums;
  for (const auto& [id, views] : hour->second) {
    if (section) {
      const auto entry = entries_.find(id);
      if (entry == entries_.end() || entry->second.section != *section) continue;
    }
    sums[id] += views;
  }
  lock.unlock();
  top.reserve(sums.size());
  for (const auto& [id, views] : sums) top.push_back(RankedView{id, views});
  const auto first = [](const RankedView& a, const RankedView& b) {
    return a.views != b.views ? a.views > b.views : a.id > b.id;
  };
  const auto end = top.begin() + std::min<std::ptrdiff_t>(limit, std::ssize(top));
  std::partial_sort(top.begin(), end, top.end(), first);
  top.erase(end, top.end());
  return top;
}

}  // namespace sinmun::counters
