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

namespace {

// Between two slices of a writer's work: readers waiting for the lock take it before the
// writer takes it again. (A yield here as well made a flush at nice 10 on busy cores take
// 60 % longer, and readers waited no less: bench/counters_bench.)
void LetReadersIn(std::unique_lock<std::shared_mutex>& lock) {
  lock.unlock();
  lock.lock();
}

}  // namespace

void Rankings::Reset(const std::vector<store::HourlyViews>& buckets, Timestamp now) {
  // Built aside and swapped in: readers go on reading the rankings they had meanwhile. Taken
  // first, so that a writer coming meanwhile adds to the new rankings, after the swap.
  std::lock_guard write(write_mutex_);
  State fresh;
  fresh.current_hour = now / 3600;
  // Sums first, then one insert per article and window: a start-up with millions of
  // buckets does not move each article through the ordered sets bucket by bucket.
  for (const store::HourlyViews& bucket : buckets) {
    Entry* entry = fresh.KeepBucket(bucket);
    if (entry == nullptr) continue;
    for (int w = 0; w < 3; ++w) {
      if (bucket.hour >= fresh.current_hour - kWindowHours[w] + 1) {
        entry->views[w] += bucket.views;
      }
    }
  }
  // Each ordered set is filled in its own order, every insert at its end (constant time with
  // that hint), instead of searched from the root: a fresh server loads the previous one's
  // rankings beside its first readers (issue #14), and a large paper's took seconds.
  std::vector<std::pair<std::int64_t, store::ArticleId>> overall;
  std::vector<std::tuple<store::SectionId, std::int64_t, store::ArticleId>> sectioned;
  overall.reserve(fresh.entries.size());
  sectioned.reserve(fresh.entries.size());
  for (int w = 0; w < 3; ++w) {
    overall.clear();
    sectioned.clear();
    for (const auto& [id, entry] : fresh.entries) {
      if (entry.views[w] == 0) continue;
      overall.emplace_back(entry.views[w], id);
      sectioned.emplace_back(entry.section, entry.views[w], id);
    }
    std::sort(overall.begin(), overall.end(), Order::key_compare());
    for (const auto& ranked : overall) fresh.overall[w].insert(fresh.overall[w].end(), ranked);
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
        order = &fresh.by_section[w][section];
        order_section = section;
      }
      order->insert(order->end(), {views, id});
    }
  }
  {
    std::unique_lock lock(mutex_);
    std::swap(state_, fresh);
  }
  // The old rankings are freed here, with no reader waiting.
}

void Rankings::Add(const std::vector<store::HourlyViews>& added, Timestamp now) {
  std::lock_guard write(write_mutex_);
  AdvanceWriting(now / 3600);
  // Each bucket changes up to 12 ordered-set entries (out and in, overall and its section, in
  // three windows).
  constexpr std::size_t kSlice = kSliceChanges / 12 + 1;
  std::unique_lock lock(mutex_);
  for (std::size_t begin = 0; begin < added.size(); begin += kSlice) {
    if (begin > 0) LetReadersIn(lock);
    const std::size_t end = std::min(added.size(), begin + kSlice);
    for (std::size_t i = begin; i < end; ++i) state_.AddBucket(added[i]);
  }
}

void Rankings::Advance(Timestamp now) {
  {
    // Within the hour, a shared-lock compare.
    std::shared_lock lock(mutex_);
    if (now / 3600 <= state_.current_hour) return;
  }
  std::lock_guard write(write_mutex_);
  AdvanceWriting(now / 3600);
}

void Rankings::AdvanceUnlessWriting(Timestamp now) {
  {
    std::shared_lock lock(mutex_);
    if (now / 3600 <= state_.current_hour) return;
  }
  std::unique_lock write(write_mutex_, std::try_to_lock);
  if (write.owns_lock()) AdvanceWriting(now / 3600);
}

void Rankings::AdvanceWriting(std::int64_t hour) {
  // Only writers change state_, and this one holds write_mutex_: it reads state_ without the
  // lock, and takes it to change it.
  const std::int64_t old_hour = state_.current_hour;
  if (hour <= old_hour) return;
  // The buckets leaving each window: those in [old start, new start). Their articles' sums
  // go down a slice at a time; the windows end at the new hour once all of them are out.
  struct Leaving {
    const std::vector<std::pair<store::ArticleId, std::int64_t>>* bucket;
    int window;
  };
  std::vector<Leaving> leaving;
  for (int w = 0; w < 3; ++w) {
    const std::int64_t old_start = old_hour - kWindowHours[w] + 1;
    const std::int64_t new_start = hour - kWindowHours[w] + 1;
    for (auto it = state_.buckets.lower_bound(old_start);
         it != state_.buckets.end() && it->first < new_start; ++it) {
      leaving.push_back({&it->second, w});
    }
  }
  // Each change is 4 ordered-set entries (out and in, overall and its section).
  constexpr std::size_t kSlice = kSliceChanges / 4;
  std::size_t done = 0;
  std::unique_lock lock(mutex_);
  for (const Leaving& out : leaving) {
    for (const auto& [id, views] : *out.bucket) {
      if (++done % kSlice == 0) LetReadersIn(lock);
      auto entry = state_.entries.find(id);
      if (entry != state_.entries.end()) state_.Change(id, entry->second, out.window, -views);
    }
  }
  state_.current_hour = hour;
  // Articles with no views left in any window take no memory. Only a bucket leaving the
  // 30-day window, which holds the other two, can take an article's last views.
  const std::int64_t oldest = hour - kWindowHours[2] + 1;
  for (auto it = state_.buckets.begin(); it != state_.buckets.end() && it->first < oldest;) {
    for (const auto& [id, views] : it->second) {
      auto entry = state_.entries.find(id);
      if (entry != state_.entries.end() && entry->second.views[2] == 0) {
        state_.entries.erase(entry);
      }
    }
    it = state_.buckets.erase(it);
    LetReadersIn(lock);
  }
}

Rankings::Entry* Rankings::State::KeepBucket(const store::HourlyViews& bucket) {
  if (bucket.views <= 0 || bucket.hour > current_hour ||
      bucket.hour < current_hour - kWindowHours[2] + 1) {
    return nullptr;
  }
  buckets[bucket.hour].emplace_back(bucket.article_id, bucket.views);
  Entry& entry = entries[bucket.article_id];
  entry.section = bucket.section_id;
  return &entry;
}

void Rankings::State::AddBucket(const store::HourlyViews& bucket) {
  Entry* entry = KeepBucket(bucket);
  if (entry == nullptr) return;
  for (int w = 0; w < 3; ++w) {
    if (bucket.hour >= current_hour - kWindowHours[w] + 1) {
      Change(bucket.article_id, *entry, w, bucket.views);
    }
  }
}

void Rankings::State::Change(store::ArticleId id, Entry& entry, int window, std::int64_t delta) {
  Order& section = by_section[window][entry.section];
  std::int64_t& views = entry.views[window];
  if (views > 0) {
    overall[window].erase({views, id});
    section.erase({views, id});
  }
  views += delta;
  if (views > 0) {
    overall[window].emplace(views, id);
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
  const Order* order = &state_.overall[w];
  if (section) {
    auto it = state_.by_section[w].find(*section);
    if (it == state_.by_section[w].end()) return top;
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
  const auto hour = state_.buckets.find(state_.current_hour);
  if (hour == state_.buckets.end()) return top;
  // Each flush of the hour added a bucket per article it counted: sum them per article.
  std::unordered_map<store::ArticleId, std::int64_t> sums;
  for (const auto& [id, views] : hour->second) {
    if (section) {
      const auto entry = state_.entries.find(id);
      if (entry == state_.entries.end() || entry->second.section != *section) continue;
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
