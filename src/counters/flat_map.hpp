#pragma once
// A small open-addressing hash map from non-zero 64-bit keys to integers, for the view
// counter's hot path: one allocation, linear probing, no node per entry.
// Thread safety: none; the view counter guards each instance with its shard's mutex.

#include <cstdint>
#include <vector>

namespace sinmun::counters {

template <typename Value>
class FlatMap {
 public:
  struct Slot {
    std::uint64_t key = 0;  // 0: empty
    Value value{};
  };

  explicit FlatMap(std::size_t capacity = 256) : slots_(RoundUp(capacity)) {}

  // The value for `key`, inserted as Value{} when absent. REQUIRES: key != 0.
  Value& operator[](std::uint64_t key) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Slot* slot = Find(slots_, key);
    if (slot->key == 0) {
      slot->key = key;
      ++size_;
    }
    return slot->value;
  }

  std::size_t size() const { return size_; }
  const std::vector<Slot>& slots() const { return slots_; }

  // Keeps only the entries for which keep(key, value) is true.
  template <typename Keep>
  void Retain(Keep keep) {
    std::vector<Slot> old(RoundUp(size_ * 2 + 16));
    old.swap(slots_);
    size_ = 0;
    for (const Slot& slot : old) {
      if (slot.key != 0 && keep(slot.key, slot.value)) {
        Slot* to = Find(slots_, slot.key);
        *to = slot;
        ++size_;
      }
    }
  }

  void Clear() {
    slots_.assign(256, Slot{});
    size_ = 0;
  }

 private:
  static std::size_t RoundUp(std::size_t n) {
    std::size_t p = 16;
    while (p < n) p <<= 1;
    return p;
  }
  static std::uint64_t Mix(std::uint64_t x) {  // splitmix64's finalizer
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }
  static Slot* Find(std::vector<Slot>& slots, std::uint64_t key) {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
      if (slots[i].key == key || slots[i].key == 0) return &slots[i];
    }
  }
  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& slot : old) {
      if (slot.key != 0) *Find(slots_, slot.key) = slot;
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace sinmun::counters
