// RelateChanges (related_follower.hpp): the related lists follow the index, batch by batch.

#include "search/related_follower.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "search/index_generations.hpp"
#include "search/related_scorer.hpp"

namespace sinmun::search {
namespace {

// Changes read at once: about 1-3 ms of related query each, so a shutdown waits a second or
// less for the batch in progress.
constexpr int kRelateBatch = 250;
// Lists are kept for every indexed article, scheduled ones included; the page reads only
// the related articles public at its `now`.
constexpr Timestamp kEndOfTime = std::numeric_limits<Timestamp>::max();

// Changes read at once when listing every changed article.
constexpr int kListBatch = 5000;

std::int64_t RelatedSequence(const Xapian::Database& database) {
  const std::string text = database.get_metadata(kRelatedSeqKey);
  return text.empty() ? 0 : std::stoll(text);
}

// Every article changed up to `last_seq`, each once, ascending.
Result<std::vector<store::ArticleId>> ChangedArticles(SearchStore store, std::int64_t last_seq) {
  std::vector<store::ArticleId> ids;
  std::int64_t seq = 0;
  while (seq < last_seq) {
    const Result<std::vector<store::Change>> changes = store.changes->ChangesSince(seq, kListBatch);
    if (!changes) return tl::unexpected(changes.error());
    if (changes->empty()) break;
    for (const store::Change& change : *changes) {
      if (change.seq > last_seq) break;
      if (change.article_id != 0) ids.push_back(change.article_id);
    }
    seq = changes->back().seq;
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

Result<std::int64_t> RelateChanges(Xapian::WritableDatabase& database, SearchStore store,
                                   const std::function<bool()>& keep_going) {
  std::int64_t seq = RelatedSequence(database);
  const std::int64_t indexed = LastSequence(database);
  const bool refresh_relatives = seq > 0;
  std::int64_t written = 0;
  while (seq < indexed) {
    const Result<std::vector<store::Change>> changes =
        store.changes->ChangesSince(seq, kRelateBatch);
    if (!changes) return tl::unexpected(changes.error());
    std::set<store::ArticleId> changed;
    std::int64_t last = seq;
    for (const store::Change& change : *changes) {
      if (change.seq > indexed) break;
      last = change.seq;
      if (change.article_id != 0) changed.insert(change.article_id);
    }
    if (last == seq) break;  // the index is ahead of what the store lists: nothing to do
    std::vector<store::RelatedList> lists;
    std::set<store::ArticleId> relatives;
    for (const store::ArticleId id : changed) {
      lists.push_back({id, RelatedIn(database, id, kRelatedKept, kEndOfTime)});
      if (refresh_relatives)
        relatives.insert(lists.back().related.begin(), lists.back().related.end());
    }
    for (const store::ArticleId id : relatives) {
      if (!changed.contains(id))
        lists.push_back({id, RelatedIn(database, id, kRelatedKept, kEndOfTime)});
    }
    if (Result<> put = store.related->PutRelated(lists); !put) return tl::unexpected(put.error());
    written += std::ssize(lists);
    seq = last;
    database.set_metadata(kRelatedSeqKey, std::to_string(seq));
    database.commit();
    if (!keep_going()) break;
  }
  return written;
}

Result<std::int64_t> RelateAll(const std::filesystem::path& path, SearchStore store, int threads) {
  const auto start = std::chrono::steady_clock::now();
  const Xapian::Database database(path.string());
  const std::int64_t indexed = LastSequence(database);
  const TermFrequencies frequencies = TermFrequencies::ReadAll(database);
  const DocumentLengths lengths = DocumentLengths::ReadAll(database);
  const Result<std::vector<store::ArticleId>> ids = ChangedArticles(store, indexed);
  if (!ids) return tl::unexpected(ids.error());
  spdlog::info("search: making the related lists of {} articles on {} threads ({} terms)",
               ids->size(), threads, frequencies.size());

  // Each thread takes the next kRelateBatch articles, makes their lists with its own reader
  // and writes them; the first failure stops the others after their batch.
  std::atomic<std::size_t> next{0};
  std::atomic<std::int64_t> written{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  Result<> error;                // guarded by mutex: the first store error
  std::exception_ptr exception;  // guarded by mutex: the first Xapian error
  const auto work = [&] {
    try {
      const Xapian::Database reader(path.string());
      std::optional<RelatedScorer> scorer;
      if (lengths.span() > 0) scorer.emplace(reader, lengths);
      while (!failed) {
        const std::size_t begin = next.fetch_add(kRelateBatch);
        if (begin >= ids->size()) return;
        const std::size_t end = std::min(ids->size(), begin + kRelateBatch);
        std::vector<store::RelatedList> lists;
        lists.reserve(end - begin);
        for (std::size_t i = begin; i < end; ++i) {
          const store::ArticleId id = (*ids)[i];
          lists.push_back(
              {id, scorer ? RelatedByPostings(reader, *scorer, id, kRelatedKept, frequencies)
                          : RelatedIn(reader, id, kRelatedKept, kEndOfTime, &frequencies)});
        }
        if (Result<> put = store.related->PutRelated(lists); !put) {
          std::lock_guard lock(mutex);
          if (error) error = put;
          failed = true;
          return;
        }
        const std::int64_t done = written += std::ssize(lists);
        if (done / 100000 != (done - std::ssize(lists)) / 100000) {
          spdlog::info("search: related lists {} of {}", done, ids->size());
        }
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!exception) exception = std::current_exception();
      failed = true;
    }
  };
  std::vector<std::thread> workers;
  for (int i = 1; i < std::max(1, threads); ++i) workers.emplace_back(work);
  work();
  for (std::thread& worker : workers) worker.join();
  if (exception) std::rethrow_exception(exception);
  if (!error) return tl::unexpected(error.error());

  Xapian::WritableDatabase writer(path.string(), Xapian::DB_OPEN);
  writer.set_metadata(kRelatedSeqKey, std::to_string(indexed));
  writer.commit();
  spdlog::info("search: {} related lists in {:.1f} s", written.load(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return written.load();
}

}  // namespace sinmun::search
