#pragma once
// Private to search/.
// The SearchIndex over Xapian, one class whose jobs live in their own files:
// - index_generations.cpp: the folder, its databases and `current` symlink, Reindex;
// - change_follower.cpp: the follower of the store's change sequence (the one writer);
// - xapian_query.cpp: Search;
// - related_terms.cpp: related articles and suggested tags;
// - xapian_searcher.cpp: opening it.
// Xapian::WritableDatabase has one writer: the follower, under writer_mutex_. Readers are
// Xapian::Database handles from a pool; a handle is reopened when the follower has committed
// since it was last used, and replaced when `current` points elsewhere.

#include <xapian.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "search/index_generations.hpp"
#include "search/korean_analyzer.hpp"
#include "search/searcher.hpp"

namespace sinmun::search {

class XapianSearcher final : public SearchIndex {
 public:
  XapianSearcher(SearchStore store, std::filesystem::path folder)
      : store_(store), folder_(std::move(folder)), stemmer_("en") {}
  ~XapianSearcher() override { StopFollowing(); }

  // The queries (xapian_query.cpp).
  Result<SearchResult> Search(const SearchRequest& request) const override;
  // Related articles and suggested tags (related_terms.cpp).
  Result<std::vector<store::ArticleId>> Related(store::ArticleId id, int limit,
                                                Timestamp now) const override;
  Result<std::vector<std::string>> SuggestTags(std::string_view headline, std::string_view body,
                                               int limit) const override;
  IndexStatus Status() const override {
    return IndexStatus{indexed_seq_.load(), store_seq_.load()};
  }
  // The follower (change_follower.cpp).
  Result<> CatchUp() override;
  void StartFollowing() override;
  void StopFollowing() override;

  // Reads the sequence of the current database; for OpenSearchIndex (xapian_searcher.cpp).
  Result<> Prime();

 private:
  struct Reader {
    Xapian::Database database;
    std::string target;
    std::uint64_t generation = 0;
  };

  // Runs `read(database)` on a pooled reader that is up to date, retrying once on a fresh
  // handle when the database moved under it. Xapian errors become kUnavailable.
  template <typename Read>
  auto WithReader(Read read) const -> decltype(read(std::declval<Xapian::Database&>()));

  SearchStore store_;
  const std::filesystem::path folder_;
  const KoreanAnalyzer analyzer_;
  const Xapian::Stem stemmer_;

  std::atomic<std::int64_t> indexed_seq_{0};
  std::atomic<std::int64_t> store_seq_{0};
  std::atomic<std::uint64_t> generation_{0};  // +1 after every commit of the follower

  std::mutex writer_mutex_;
  std::optional<Xapian::WritableDatabase> writer_;  // guarded by writer_mutex_
  std::string writer_target_;                       // guarded by writer_mutex_

  mutable std::mutex readers_mutex_;
  mutable std::vector<std::unique_ptr<Reader>> idle_readers_;  // guarded by readers_mutex_

  std::mutex follow_mutex_;
  std::condition_variable follow_wake_;
  bool stopping_ = false;  // guarded by follow_mutex_
  // Set by StopFollowing before it waits: a catch-up in progress ends after its batch.
  std::atomic<bool> stop_requested_{false};
  std::thread follower_;
};

template <typename Read>
auto XapianSearcher::WithReader(Read read) const
    -> decltype(read(std::declval<Xapian::Database&>())) {
  std::unique_ptr<Reader> reader;
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
  }
  for (int attempt = 0;; ++attempt) {
    try {
      const std::string target = CurrentTarget(folder_);
      const std::uint64_t generation = generation_.load();
      if (reader == nullptr || reader->target != target || attempt > 0) {
        reader = std::make_unique<Reader>(
            Reader{Xapian::Database((folder_ / target).string()), target, generation});
      } else if (reader->generation != generation) {
        reader->database.reopen();
        reader->generation = generation;
      }
      auto result = read(reader->database);
      std::lock_guard lock(readers_mutex_);
      idle_readers_.push_back(std::move(reader));
      return result;
    } catch (const Xapian::Error& error) {
      // A reindex may have removed the database under an old handle: try a fresh one once.
      reader.reset();
      if (attempt > 0) return Fail(ErrorCode::kUnavailable, "search: " + error.get_description());
    }
  }
}

}  // namespace sinmun::search
