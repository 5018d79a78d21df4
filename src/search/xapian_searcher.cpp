// The Searcher over Xapian. Folder layout: `current` is a symlink to the live database
// (`db-<n>`); Reindex builds a new one beside it and renames a new symlink over `current`.
// Xapian::WritableDatabase has one writer: the follower, under writer_mutex_. Readers are
// Xapian::Database handles from a pool; a handle is reopened when the follower has committed
// since it was last used, and replaced when `current` points elsewhere.

#include <spdlog/spdlog.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

#include "search/korean_analyzer.hpp"
#include "search/searcher.hpp"
#include "search/xapian_index.hpp"

namespace sinmun::search {
namespace {

namespace fs = std::filesystem;

constexpr char kCurrent[] = "current";
constexpr int kBatch = 1000;                       // changes read (and followed) at once
// A reindex commits this often: Xapian keeps a sorted map per term of the documents not yet
// committed, and adding to long maps costs more than committing (1,000 articles/s or better
// at 2,000; 330/s at 30,000, measured at 20,000 demo articles).
constexpr int kReindexCommit = 2000;
// Candidates whose stored text a search checks at most; beyond, the total is a lower bound.
constexpr int kMaxChecked = 4000;
constexpr auto kPoll = std::chrono::milliseconds(200);
// How many matches Xapian counts exactly before estimating the total.
constexpr Xapian::doccount kCheckAtLeast = 1000;
// An article is indexed whenever it is published, also for a time still to come: searches
// bound registered_at by `now` themselves, so a scheduled article appears on time.
constexpr Timestamp kEndOfTime = std::numeric_limits<Timestamp>::max();

// The database `current` points to ("db-3"), or "" when there is none.
std::string CurrentTarget(const fs::path& folder) {
  std::error_code error;
  const fs::path target = fs::read_symlink(folder / kCurrent, error);
  return error ? std::string() : target.string();
}

// A new, unused database name in `folder`.
std::string NewDatabaseName(const fs::path& folder) {
  const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  for (int n = 0;; ++n) {
    std::string name = "db-" + std::to_string(stamp) + "-" + std::to_string(n);
    if (!fs::exists(folder / name)) return name;
  }
}

// Points `current` at `target` atomically: a new symlink renamed over the old one.
Result<> SwitchTo(const fs::path& folder, const std::string& target) {
  std::error_code error;
  const fs::path temporary = folder / (std::string(kCurrent) + ".new");
  fs::remove(temporary, error);
  fs::create_symlink(target, temporary, error);
  if (!error) fs::rename(temporary, folder / kCurrent, error);
  if (error) {
    return Fail(ErrorCode::kUnavailable,
                "search: cannot switch " + (folder / kCurrent).string() + ": " + error.message());
  }
  return {};
}

std::int64_t LastSequence(const Xapian::Database& database) {
  const std::string text = database.get_metadata(kLastSeqKey);
  return text.empty() ? 0 : std::stoll(text);
}

// Indexes the store's changes after the database's last sequence until none are left.
// `committed` set: commits every batch and reports it (the follower). Unset: commits every
// `commit_every` articles and leaves the last commit to the caller (a reindex).
// Returns the number of articles written. Xapian errors throw.
Result<std::int64_t> IndexChanges(Xapian::WritableDatabase& database, const store::Store& store,
                                  const KoreanAnalyzer& analyzer, const Xapian::Stem& stemmer,
                                  const std::function<void(std::int64_t)>& committed,
                                  int commit_every = 0) {
  std::int64_t seq = LastSequence(database);
  std::int64_t written = 0;
  for (;;) {
    const Result<std::vector<store::Change>> changes = store.ChangesSince(seq, kBatch);
    if (!changes) return tl::unexpected(changes.error());
    if (changes->empty()) return written;
    std::set<store::ArticleId> seen;
    for (const store::Change& change : *changes) {
      if (!seen.insert(change.article_id).second) continue;
      const Result<store::Article> article = store.PublishedArticle(change.article_id, kEndOfTime);
      if (article) {
        database.replace_document(DocId(article->id),
                                  ArticleDocument(analyzer, stemmer, *article));
        ++written;
        if (commit_every > 0 && written % commit_every == 0) database.commit();
      } else if (article.error().code == ErrorCode::kNotFound) {
        try {
          database.delete_document(DocId(change.article_id));  // unpublished or deleted
        } catch (const Xapian::DocNotFoundError&) {
          // never indexed
        }
      } else {
        return tl::unexpected(article.error());
      }
    }
    seq = changes->back().seq;
    database.set_metadata(kLastSeqKey, std::to_string(seq));
    if (committed) {
      database.commit();
      committed(seq);
    }
  }
}

class XapianSearcher final : public Searcher {
 public:
  XapianSearcher(const store::Store* store, fs::path folder)
      : store_(store), folder_(std::move(folder)), stemmer_("en") {}
  ~XapianSearcher() override { StopFollowing(); }

  Result<SearchResult> Search(const SearchRequest& request) const override;
  Result<std::vector<store::ArticleId>> Related(store::ArticleId id, int limit,
                                                Timestamp now) const override;
  IndexStatus Status() const override {
    return IndexStatus{indexed_seq_.load(), store_seq_.load()};
  }
  Result<> CatchUp() override;
  void StartFollowing() override;
  void StopFollowing() override;

  // Reads the sequence of the current database; for Open.
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

  const store::Store* store_;
  const fs::path folder_;
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

// Accepts the candidates whose stored text passes the query's checks, up to kMaxChecked.
class Checker final : public Xapian::MatchDecider {
 public:
  explicit Checker(const std::vector<Check>& checks) : checks_(checks) {}
  bool operator()(const Xapian::Document& document) const override {
    if (++checked_ > kMaxChecked) return false;
    return PassesChecks(document.get_data(), checks_);
  }
  bool capped() const { return checked_ > kMaxChecked; }

 private:
  const std::vector<Check>& checks_;
  mutable int checked_ = 0;
};

Result<SearchResult> XapianSearcher::Search(const SearchRequest& request) const {
  if (request.limit < 1 || request.limit > 100 || request.offset < 0) {
    return Fail(ErrorCode::kInvalidInput, "search: bad page");
  }
  const ParsedQuery parsed = ParseQuery(analyzer_, stemmer_, request);
  SearchResult result;
  result.highlight = parsed.highlight;
  if (parsed.empty) {
    result.empty_query = true;
    return result;
  }
  const double from = request.from ? static_cast<double>(*request.from) : 0.0;
  const double to = static_cast<double>(request.to ? std::min(*request.to, request.now)
                                                   : request.now);
  const Xapian::Query query(
      Xapian::Query::OP_FILTER, parsed.query,
      Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotTime, Xapian::sortable_serialise(from),
                    Xapian::sortable_serialise(to)));
  return WithReader([&](Xapian::Database& database) -> Result<SearchResult> {
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    if (request.sort == SortOrder::kNewest) {
      enquire.set_sort_by_value_then_relevance(kSlotTime, true);
    } else {
      enquire.set_sort_by_relevance_then_value(kSlotTime, true);
    }
    const Checker checker(parsed.checks);
    const Xapian::MSet matches =
        enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                         static_cast<Xapian::doccount>(request.limit), kCheckAtLeast, nullptr,
                         parsed.checks.empty() ? nullptr : &checker);
    SearchResult found = result;
    for (Xapian::MSetIterator it = matches.begin(); it != matches.end(); ++it) {
      found.ids.push_back(static_cast<store::ArticleId>(*it));
    }
    found.total = matches.get_matches_estimated();
    found.total_exact = matches.get_matches_lower_bound() == matches.get_matches_upper_bound();
    if (checker.capped()) {
      found.total = std::max<std::int64_t>(matches.get_matches_lower_bound(),
                                           request.offset + std::ssize(found.ids));
      found.total_exact = false;
    }
    return found;
  });
}

// Terms that describe an article's content: chain bigrams and words, not prefixed fields.
class ContentTerms final : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.empty()) return false;
    if (term[0] == 'W') return term.size() > 4;  // skip very short words (numbers, "a")
    return !(term[0] >= 'A' && term[0] <= 'Z');
  }
};

Result<std::vector<store::ArticleId>> XapianSearcher::Related(store::ArticleId id, int limit,
                                                              Timestamp now) const {
  return WithReader([&](Xapian::Database& database) -> Result<std::vector<store::ArticleId>> {
    std::vector<store::ArticleId> ids;
    if (limit <= 0) return ids;
    Xapian::RSet relevant;
    try {
      (void)database.get_document(DocId(id));
    } catch (const Xapian::DocNotFoundError&) {
      return ids;  // not indexed (or no longer published)
    }
    relevant.add_document(DocId(id));
    Xapian::Enquire enquire(database);
    const ContentTerms decider;
    const Xapian::ESet terms = enquire.get_eset(30, relevant, &decider);
    if (terms.empty()) return ids;
    Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_VALUE_LE, kSlotTime,
                                        Xapian::sortable_serialise(static_cast<double>(now))));
    enquire.set_query(query);
    // One more than asked: the article itself is usually the best match.
    const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(limit) + 1);
    for (Xapian::MSetIterator it = matches.begin(); it != matches.end(); ++it) {
      if (*it != DocId(id) && std::ssize(ids) < limit) ids.push_back(static_cast<store::ArticleId>(*it));
    }
    return ids;
  });
}

Result<> XapianSearcher::Prime() {
  return WithReader([&](Xapian::Database& database) -> Result<> {
    indexed_seq_ = LastSequence(database);
    return {};
  });
}

Result<> XapianSearcher::CatchUp() {
  std::lock_guard lock(writer_mutex_);
  if (const Result<std::int64_t> seq = store_->ChangeSequence(); seq) store_seq_ = *seq;
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
        IndexChanges(*writer_, *store_, analyzer_, stemmer_, [&](std::int64_t seq) {
          indexed_seq_ = seq;
          ++generation_;
        });
    if (!written) return tl::unexpected(written.error());
    if (indexed_seq_.load() > store_seq_.load()) store_seq_ = indexed_seq_.load();
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
  follower_ = std::thread([this] {
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
  }
  follow_wake_.notify_all();
  if (follower_.joinable()) follower_.join();
}

// Creates the folder and a first, empty database when there is none.
Result<> PrepareFolder(const fs::path& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    return Fail(ErrorCode::kUnavailable,
                "search: cannot create " + folder.string() + ": " + error.message());
  }
  if (!CurrentTarget(folder).empty() && fs::is_directory(folder / kCurrent)) return {};
  const std::string name = NewDatabaseName(folder);
  try {
    Xapian::WritableDatabase database((folder / name).string(), Xapian::DB_CREATE_OR_OPEN);
    database.commit();
  } catch (const Xapian::Error& e) {
    return Fail(ErrorCode::kUnavailable, "search: " + e.get_description());
  }
  return SwitchTo(folder, name);
}

}  // namespace

Result<std::unique_ptr<Searcher>> OpenSearcher(const store::Store* store,
                                               const std::filesystem::path& folder) {
  if (Result<> ready = PrepareFolder(folder); !ready) return tl::unexpected(ready.error());
  auto searcher = std::make_unique<XapianSearcher>(store, folder);
  if (Result<> primed = searcher->Prime(); !primed) return tl::unexpected(primed.error());
  return searcher;
}

Result<std::int64_t> Reindex(const store::Store& store, const std::filesystem::path& folder) {
  if (Result<> ready = PrepareFolder(folder); !ready) return tl::unexpected(ready.error());
  const std::string previous = CurrentTarget(folder);
  const std::string name = NewDatabaseName(folder);
  const KoreanAnalyzer analyzer;
  const Xapian::Stem stemmer("en");
  // Built without fsync in a scratch database, then compacted (full B-tree blocks, about a
  // third smaller) into the database that goes live; the scratch one is removed.
  const fs::path scratch = folder / ("build-" + name);
  Result<std::int64_t> written = 0;
  try {
    {
      Xapian::WritableDatabase database(scratch.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
      written = IndexChanges(database, store, analyzer, stemmer, nullptr, kReindexCommit);
      if (written) database.commit();
    }
    if (written) {
      Xapian::Database built(scratch.string());
      built.compact((folder / name).string(), Xapian::DBCOMPACT_NO_RENUMBER);
    }
  } catch (const Xapian::Error& error) {
    written = Fail(ErrorCode::kUnavailable, "search: " + error.get_description());
  }
  std::error_code ignored;
  fs::remove_all(scratch, ignored);
  if (!written) {
    fs::remove_all(folder / name, ignored);
    return written;
  }
  if (Result<> switched = SwitchTo(folder, name); !switched) {
    return tl::unexpected(switched.error());
  }
  // Keep the database just replaced: searchers may still be reading it until their next
  // request. Anything older has had a whole reindex to move on.
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, ignored)) {
    const std::string file = entry.path().filename().string();
    if (file.starts_with("db-") && file != name && file != previous) {
      fs::remove_all(entry.path(), ignored);
    }
  }
  return written;
}

}  // namespace sinmun::search
