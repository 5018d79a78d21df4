// The follower: the index's one writer, which reads the store's change sequence after the
// last number it indexed and applies it batch by batch, so it catches up after a crash or a
// restart and follows a reindex to its new database.

#include "search/change_follower.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <functional>
#include <limits>
#include <set>

#include "core/background_priority.hpp"
#include "search/related_follower.hpp"
#include "search/xapian_index.hpp"
#include "search/xapian_searcher.hpp"

namespace sinmun::search {
namespace {

constexpr int kBatch = 1000;  // changes read (and followed) at once
constexpr auto kPoll = std::chrono::milliseconds(200);
// An article is indexed whenever it is published, also for a time still to come: searches
// bound registered_at by `now` themselves, so a scheduled article appears on time.
constexpr Timestamp kEndOfTime = std::numeric_limits<Timestamp>::max();

// Indexes the store's changes after the database's last sequence until none are left,
// committing every batch and reporting it to `committed` (the follower), which answers false
// to stop after that batch (a server shutting down must not wait for a whole catch-up).
// Returns the number of articles written. Xapian errors throw.
Result<std::int64_t> IndexChanges(Xapian::WritableDatabase& database, SearchStore store,
                                  const KoreanAnalyzer& analyzer, const Xapian::Stem& stemmer,
                                  const std::function<bool(std::int64_t)>& committed) {
  std::int64_t seq = LastSequence(database);
  std::int64_t written = 0;
  for (;;) {
    Result<Batch> batch = ReadBatch(store, seq, analyzer, stemmer);
    if (!batch) return tl::unexpected(batch.error());
    if (batch->last_seq == 0) return written;
    written += ApplyBatch(database, *batch);
    seq = batch->last_seq;
    database.commit();
    if (!committed(seq)) return written;
  }
}

}  // namespace

Result<Batch> ReadBatch(SearchStore store, std::int64_t seq, const KoreanAnalyzer& analyzer,
                        const Xapian::Stem& stemmer) {
  const Result<std::vector<store::Change>> changes = store.changes->ChangesSince(seq, kBatch);
  if (!changes) return tl::unexpected(changes.error());
  Batch batch;
  if (changes->empty()) return batch;
  std::set<store::ArticleId> seen;
  for (const store::Change& change : *changes) {
    if (!seen.insert(change.article_id).second) continue;
    const Result<store::Article> article =
        store.catalog->PublishedArticle(change.article_id, kEndOfTime);
    if (article) {
      batch.documents.emplace_back(DocId(article->id),
                                   ArticleDocument(analyzer, stemmer, *article));
    } else if (article.error().code == ErrorCode::kNotFound) {
      batch.documents.emplace_back(DocId(change.article_id), std::nullopt);  // unpublished
    } else {
      return tl::unexpected(article.error());
    }
  }
  batch.last_seq = changes->back().seq;
  return batch;
}

std::int64_t ApplyBatch(Xapian::WritableDatabase& database, const Batch& batch) {
  std::int64_t written = 0;
  for (const auto& [docid, document] : batch.documents) {
    if (document) {
      database.replace_document(docid, *document);
      ++written;
      continue;
    }
    try {
      database.delete_document(docid);
    } catch (const Xapian::DocNotFoundError&) {
      // never indexed
    }
  }
  database.set_metadata(kLastSeqKey, std::to_string(batch.last_seq));
  return written;
}

Result<> XapianSearcher::CatchUp() {
  std::lock_guard lock(writer_mutex_);
  if (const Result<std::int64_t> seq = store_.changes->ChangeSequence(); seq) store_seq_ = *seq;
  try {
    const std::string target = CurrentTarget(folder_);
    if (target.empty()) return Fail(ErrorCode::kUnavailable, "search: no current index");
    if (!writer_ || writer_target_ != target) {
      // A reindex switched databases: follow it. Its new database has its own last_seq.
      writer_.reset();
      writer_.emplace((folder_ / target).string(), Xapian::DB_CREATE_OR_OPEN);
      writer_target_ = target;
      indexed_seq_ = LastSequence(*writer_);
      ++generation_;
    }
    const Result<std::int64_t> written =
        IndexChanges(*writer_, store_, analyzer_, stemmer_, [&](std::int64_t seq) {
          indexed_seq_ = seq;
          ++generation_;
          return !stop_requested_.load();
        });
    if (!written) return tl::unexpected(written.error());
    if (indexed_seq_.load() > store_seq_.load()) store_seq_ = indexed_seq_.load();
    // The related lists after the whole catch-up, not per batch: a new index's first lists
    // are then made against every article, not the part indexed so far.
    const Result<std::int64_t> related =
        RelateChanges(*writer_, store_, [&] { return !stop_requested_.load(); });
    if (!related) return tl::unexpected(related.error());
    return {};
  } catch (const Xapian::Error& error) {
    writer_.reset();  // reopen at the next attempt
    return Fail(ErrorCode::kUnavailable, "search: " + error.get_description());
  }
}

void XapianSearcher::StartFollowing() {
  std::lock_guard lock(follow_mutex_);
  if (follower_.joinable()) return;
  stopping_ = false;
  stop_requested_ = false;
  follower_ = std::thread([this] {
    LowerThisThreadsPriority();
    std::unique_lock lock(follow_mutex_);
    while (!stopping_) {
      lock.unlock();
      if (Result<> done = CatchUp(); !done) spdlog::warn("search index: {}", done.error().detail);
      lock.lock();
      follow_wake_.wait_for(lock, kPoll, [this] { return stopping_; });
    }
  });
}

void XapianSearcher::StopFollowing() {
  {
    std::lock_guard lock(follow_mutex_);
    stopping_ = true;
    stop_requested_ = true;
  }
  follow_wake_.notify_all();
  if (follower_.joinable()) follower_.join();
}

}  // namespace sinmun::search
