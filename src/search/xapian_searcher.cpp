// The Searcher over Xapian. Folder layout: `current` is a symlink to the live database
// (`db-<n>`); Reindex builds a new one beside it and renames a new symlink over `current`.
// Xapian::WritableDatabase has one writer: the follower, under writer_mutex_. Readers are
// Xapian::Database handles from a pool; a handle is reopened when the follower has committed
// since it was last used, and replaced when `current` points elsewhere.

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
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
constexpr int kBatch = 1000;  // changes read (and followed) at once
// A reindex commits this often: Xapian keeps a sorted map per term of the documents not yet
// committed, and adding to long maps costs more than committing (1,000 articles/s or better
// at 2,000; 330/s at 30,000, measured at 20,000 demo articles).
constexpr int kReindexCommit = 2000;
// Candidates whose stored text one slice of a search checks at most; beyond, the total is
// an estimate and later pages may miss matches.
constexpr std::int64_t kMaxChecked = 3000;
constexpr auto kPoll = std::chrono::milliseconds(200);
// Related articles: the article's most significant terms asked for, and how many matches
// beyond the limit are read (the article itself, articles scheduled for later).
constexpr Xapian::termcount kRelatedTerms = 8;
constexpr Xapian::doccount kRelatedSpare = 4;
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

// The documents of a batch of changes: a document to add or replace, or none to delete.
struct Batch {
  std::vector<std::pair<Xapian::docid, std::optional<Xapian::Document>>> documents;
  std::int64_t last_seq = 0;  // 0: no more changes
};

// Reads the next batch of changes after `seq` and makes their documents.
Result<Batch> ReadBatch(const SearchStore& store, std::int64_t seq, const KoreanAnalyzer& analyzer,
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

// Writes a batch; returns the articles written. Xapian errors throw.
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

// Indexes the store's changes after the database's last sequence until none are left,
// committing every batch and reporting it to `committed` (the follower), which answers false
// to stop after that batch (a server shutting down must not wait for a whole catch-up).
// Returns the number of articles written. Xapian errors throw.
Result<std::int64_t> IndexChanges(Xapian::WritableDatabase& database, const SearchStore& store,
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

// Indexes every change of the store into a new database: one thread reads articles and makes
// documents while this one writes them (the two halves cost about the same), committing every
// kReindexCommit articles but not the last time. Returns the articles written.
Result<std::int64_t> IndexEverything(Xapian::WritableDatabase& database, const SearchStore& store) {
  constexpr size_t kQueued = 4;  // batches made ahead of the writer
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Result<Batch>> queue;  // guarded by mutex; ends with an error or an empty batch
  bool stop = false;                // guarded by mutex: the writer failed
  std::thread reader([&] {
    const KoreanAnalyzer analyzer;
    const Xapian::Stem stemmer("en");
    std::int64_t seq = 0;
    for (;;) {
      Result<Batch> batch = ReadBatch(store, seq, analyzer, stemmer);
      const bool last = !batch || batch->last_seq == 0;
      if (batch) seq = batch->last_seq;
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return stop || queue.size() < kQueued; });
      if (stop) return;
      queue.push_back(std::move(batch));
      changed.notify_all();
      if (last) return;
    }
  });
  Result<std::int64_t> written = 0;
  std::int64_t since_commit = 0;
  try {
    for (;;) {
      Result<Batch> batch;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !queue.empty(); });
        batch = std::move(queue.front());
        queue.pop_front();
        changed.notify_all();
      }
      if (!batch) {
        written = tl::unexpected(batch.error());
        break;
      }
      if (batch->last_seq == 0) break;
      const std::int64_t count = ApplyBatch(database, *batch);
      *written += count;
      since_commit += count;
      if (since_commit >= kReindexCommit) {
        database.commit();
        since_commit = 0;
      }
    }
  } catch (...) {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    reader.join();
    throw;
  }
  reader.join();
  return written;
}

class XapianSearcher final : public Searcher {
 public:
  XapianSearcher(SearchStore store, fs::path folder)
      : store_(store), folder_(std::move(folder)), stemmer_("en") {}
  ~XapianSearcher() override { StopFollowing(); }

  Result<SearchResult> Search(const SearchRequest& request) const override;
  Result<std::vector<store::ArticleId>> Related(store::ArticleId id, int limit,
                                                Timestamp now) const override;
  Result<std::vector<std::string>> SuggestTags(std::string_view headline, std::string_view body,
                                               int limit) const override;
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

  SearchStore store_;
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

// What a search asks of the headline tier.
enum class HeadlineRule { kAny, kRequire, kReject };

// The order of a slice of matches.
enum class Order {
  kRelevance,  // BM25, then newest
  kNewest,     // registered_at, newest first
  kLatestId,   // highest article id first (ascending docid, see DocId): publication order
               // without reading a value per match, so the matcher stops at a page (an
               // article scheduled ahead of its insertion is placed by its id)
};

// One ranked slice of matches.
struct Slice {
  std::vector<store::ArticleId> ids;
  std::int64_t total = 0;
  bool exact = true;
};

void SetOrder(Xapian::Enquire& enquire, Order order) {
  switch (order) {
    case Order::kRelevance:
      enquire.set_sort_by_relevance_then_value(kSlotTime, true);
      break;
    case Order::kNewest:
      enquire.set_sort_by_value_then_relevance(kSlotTime, true);
      break;
    case Order::kLatestId:
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);  // see DocId
      break;
  }
}

// A slice of an exact query (no checks): Xapian alone.
Slice ExactSlice(Xapian::Database& database, const Xapian::Query& query, Order order, int offset,
                 int limit) {
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  SetOrder(enquire, order);
  const Xapian::MSet matches = enquire.get_mset(
      static_cast<Xapian::doccount>(offset), static_cast<Xapian::doccount>(limit), kCheckAtLeast);
  Slice slice;
  for (Xapian::MSetIterator it = matches.begin(); it != matches.end(); ++it) {
    slice.ids.push_back(ArticleIdOf(*it));
  }
  slice.total = matches.get_matches_estimated();
  slice.exact = matches.get_matches_lower_bound() == matches.get_matches_upper_bound();
  return slice;
}

// A slice of a query whose candidates are checked against their stored text, in rank order,
// until the slice is full, the candidates run out or kMaxChecked were read.
// The total is exact when every candidate was checked, else the candidates' estimate times the
// share that passed.
Slice CheckedSlice(Xapian::Database& database, const Xapian::Query& query, Order order, int offset,
                   int limit, const ParsedQuery& parsed, HeadlineRule rule) {
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  SetOrder(enquire, order);
  const size_t wanted = static_cast<size_t>(offset + limit);
  std::vector<store::ArticleId> passed;
  std::int64_t checked = 0;
  std::int64_t candidates = 0;
  bool exhausted = false;
  Xapian::doccount start = 0;
  // A first window that usually holds the page; else one more run for the rest of what may be
  // checked (each run is a new match, so no more than two).
  Xapian::doccount window = static_cast<Xapian::doccount>(std::max<size_t>(64, 2 * wanted));
  // With nothing wanted (a count), one window is the sample.
  while ((passed.size() < wanted || checked == 0) && checked < kMaxChecked) {
    const Xapian::MSet matches = enquire.get_mset(start, window);
    candidates = matches.get_matches_estimated();
    for (Xapian::MSetIterator it = matches.begin(); it != matches.end(); ++it) {
      ++checked;
      const std::string text = it.get_document().get_data();
      bool pass = PassesChecks(text, parsed.checks);
      if (pass && rule != HeadlineRule::kAny) {
        pass = PassesChecks(text, parsed.headline_checks) == (rule == HeadlineRule::kRequire);
      }
      if (pass) passed.push_back(ArticleIdOf(*it));
    }
    if (matches.size() < window) {
      exhausted = true;
      break;
    }
    start += window;
    window = static_cast<Xapian::doccount>(std::max<std::int64_t>(kMaxChecked - checked, 1));
  }
  Slice slice;
  for (size_t i = static_cast<size_t>(offset); i < passed.size() && i < wanted; ++i) {
    slice.ids.push_back(passed[i]);
  }
  slice.exact = exhausted;
  slice.total = static_cast<std::int64_t>(passed.size());
  if (!exhausted && checked > 0) {
    slice.total = std::max(slice.total, candidates * std::ssize(passed) / checked);
  }
  return slice;
}

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
  const double to =
      static_cast<double>(request.to ? std::min(*request.to, request.now) : request.now);
  const Xapian::Query query(
      Xapian::Query::OP_FILTER, parsed.query,
      Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotTime, Xapian::sortable_serialise(from),
                    Xapian::sortable_serialise(to)));
  const bool checked = !parsed.checks.empty();
  return WithReader([&](Xapian::Database& database) -> Result<SearchResult> {
    const auto slice = [&](const Xapian::Query& q, Order order, int offset, int limit,
                           HeadlineRule rule) {
      return checked ? CheckedSlice(database, q, order, offset, limit, parsed, rule)
                     : ExactSlice(database, q, order, offset, limit);
    };
    SearchResult found = result;
    if (request.sort == SortOrder::kNewest) {
      const Slice all =
          slice(query, Order::kNewest, request.offset, request.limit, HeadlineRule::kAny);
      found.ids = all.ids;
      found.total = all.total;
      found.total_exact = all.exact;
      return found;
    }
    // Relevance: first the articles whose headline holds the query, latest first (a reader
    // who types a word of a story wants its latest report); then the others by BM25.
    const Slice first =
        slice(Xapian::Query(Xapian::Query::OP_FILTER, query, parsed.headline), Order::kLatestId,
              request.offset, request.limit, HeadlineRule::kRequire);
    const int rest_offset =
        static_cast<int>(std::max<std::int64_t>(0, request.offset - first.total));
    const int rest_limit = request.limit - static_cast<int>(first.ids.size());
    // Without checks the headline query is exact and simply excluded; with checks the stored
    // text tells which candidates the first slice took.
    Slice rest;
    if (rest_limit == 0) {
      // Only the count is needed: all matches (counted in cheap id order) less the first.
      const Slice all = checked ? CheckedSlice(database, query, Order::kLatestId, 0, 0, parsed,
                                               HeadlineRule::kAny)
                                : ExactSlice(database, query, Order::kLatestId, 0, 1);
      rest.total = std::max<std::int64_t>(0, all.total - first.total);
      rest.exact = all.exact && first.exact;
    } else if (!checked) {
      rest = ExactSlice(database, Xapian::Query(Xapian::Query::OP_AND_NOT, query, parsed.headline),
                        Order::kRelevance, rest_offset, rest_limit);
    } else {
      rest = CheckedSlice(database, query, Order::kRelevance, rest_offset, rest_limit, parsed,
                          HeadlineRule::kReject);
    }
    found.ids = first.ids;
    found.ids.insert(found.ids.end(), rest.ids.begin(), rest.ids.end());
    found.total = first.total + rest.total;
    found.total_exact = first.exact && rest.exact;
    return found;
  });
}

// Terms that describe an article's content: chain bigrams and words, not prefixed fields, and
// only those some other article has too (a term of this article alone finds nothing related,
// yet it is what the expand set ranks first).
class ContentTerms final : public Xapian::ExpandDecider {
 public:
  explicit ContentTerms(const Xapian::Database& database) : database_(database) {}
  bool operator()(const std::string& term) const override {
    if (term.empty() || database_.get_termfreq(term) < 2) return false;
    if (term[0] == 'W') return term.size() > 4;  // skip very short words (numbers, "a")
    return !(term[0] >= 'A' && term[0] <= 'Z');
  }

 private:
  const Xapian::Database& database_;
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
    const ContentTerms decider(database);
    const Xapian::ESet terms = enquire.get_eset(kRelatedTerms, relevant, &decider);
    if (terms.empty()) return ids;
    // A plain OR of weighted terms lets Xapian skip documents that cannot reach the top
    // (max-weight pruning); a value range on publication time made it read every posting of
    // every term, 3 ms an article page at 100,000 articles. Articles not public at `now` are
    // dropped below instead.
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
    // A few more than asked: the article itself is usually the best match, and some may be
    // scheduled for later.
    const Xapian::MSet matches =
        enquire.get_mset(0, static_cast<Xapian::doccount>(limit) + kRelatedSpare);
    const std::string not_after = Xapian::sortable_serialise(static_cast<double>(now));
    for (Xapian::MSetIterator it = matches.begin(); it != matches.end(); ++it) {
      if (*it == DocId(id) || std::ssize(ids) >= limit) continue;
      if (it.get_document().get_value(kSlotTime) > not_after) continue;
      ids.push_back(ArticleIdOf(*it));
    }
    return ids;
  });
}

Result<std::vector<std::string>> XapianSearcher::SuggestTags(std::string_view headline,
                                                             std::string_view body,
                                                             int limit) const {
  struct Candidate {
    double occurrences = 0;
    std::vector<std::string> terms;  // the index terms whose rarest tells the word's rarity
  };
  std::map<std::string, Candidate> candidates;
  const auto add = [&](std::string_view text, double weight) {
    for (const Unit& unit : analyzer_.Analyze(text)) {
      if (unit.kind == UnitKind::kNumber || unit.stem.size() < 2) continue;
      Candidate& candidate = candidates[unit.stem];
      if (candidate.terms.empty()) {
        if (unit.kind == UnitKind::kLatin) {
          candidate.terms.push_back("W" + stemmer_(unit.stem));
        } else {
          Unit alone = unit;
          alone.joins_previous = false;
          for (const auto& chain : Chains({alone})) {
            for (const ChainTerm& term : chain) candidate.terms.push_back(term.bigram);
          }
        }
      }
      candidate.occurrences += weight;
    }
  };
  add(headline, 3.0);
  add(body, 1.0);
  std::erase_if(candidates, [](const auto& entry) { return entry.second.terms.empty(); });
  if (limit <= 0 || candidates.empty()) return std::vector<std::string>{};
  return WithReader([&](Xapian::Database& database) -> Result<std::vector<std::string>> {
    const double documents = database.get_doccount();
    std::vector<std::pair<double, std::string>> scored;
    for (const auto& [word, candidate] : candidates) {
      Xapian::doccount rarest = std::numeric_limits<Xapian::doccount>::max();
      for (const std::string& term : candidate.terms) {
        rarest = std::min(rarest, database.get_termfreq(term));
      }
      const double rarity = std::log((documents + 1.0) / (rarest + 1.0)) + 1.0;
      scored.emplace_back(-candidate.occurrences * rarity, word);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> tags;
    for (const auto& [score, word] : scored) {
      if (std::ssize(tags) == limit) break;
      tags.push_back(word);
    }
    return tags;
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

// Flushes every file of `folder` to disk.
Result<> SyncFiles(const fs::path& folder) {
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!synced) {
      return Fail(ErrorCode::kUnavailable, "search: cannot sync " + entry.path().string());
    }
  }
  if (error) return Fail(ErrorCode::kUnavailable, "search: cannot list " + folder.string());
  return {};
}

// Creates the folder and a first, empty database when there is none.
Result<> PrepareFolder(const fs::path& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    return Fail(ErrorCode::kUnavailable,
                "search: cannot create " + folder.string() + ": " + error.message());
  }
  const std::string previous = CurrentTarget(folder);
  std::string stale;  // a database of another format, removed once `current` has moved on
  if (!previous.empty() && fs::is_directory(folder / kCurrent)) {
    try {
      if (Xapian::Database((folder / kCurrent).string()).get_metadata(kFormatKey) == kIndexFormat)
        return {};
    } catch (const Xapian::Error& e) {
      return Fail(ErrorCode::kUnavailable, "search: " + e.get_description());
    }
    spdlog::warn("search: the index in {} was built by another version; building it again",
                 folder.string());
    stale = previous;
  }
  const std::string name = NewDatabaseName(folder);
  try {
    Xapian::WritableDatabase database((folder / name).string(), Xapian::DB_CREATE_OR_OPEN);
    database.set_metadata(kFormatKey, kIndexFormat);
    database.commit();
  } catch (const Xapian::Error& e) {
    return Fail(ErrorCode::kUnavailable, "search: " + e.get_description());
  }
  if (Result<> switched = SwitchTo(folder, name); !switched) return switched;
  if (!stale.empty()) {
    std::error_code ignored;
    fs::remove_all(folder / stale, ignored);
  }
  return {};
}

}  // namespace

Result<std::unique_ptr<Searcher>> OpenSearcher(SearchStore store,
                                               const std::filesystem::path& folder) {
  if (Result<> ready = PrepareFolder(folder); !ready) return tl::unexpected(ready.error());
  auto searcher = std::make_unique<XapianSearcher>(store, folder);
  if (Result<> primed = searcher->Prime(); !primed) return tl::unexpected(primed.error());
  return searcher;
}

Result<std::int64_t> Reindex(SearchStore store, const std::filesystem::path& folder) {
  if (Result<> ready = PrepareFolder(folder); !ready) return tl::unexpected(ready.error());
  const std::string previous = CurrentTarget(folder);
  const std::string name = NewDatabaseName(folder);
  // Built without fsync in a scratch database, then compacted (full B-tree blocks: smaller,
  // fewer pages to read) into the database that goes live, which is synced before the switch;
  // the scratch one is removed.
  const fs::path scratch = folder / ("build-" + name);
  Result<std::int64_t> written = 0;
  try {
    {
      Xapian::WritableDatabase database(scratch.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
      written = IndexEverything(database, store);
      database.set_metadata(kFormatKey, kIndexFormat);
      if (written) database.commit();
    }
    if (written) {
      Xapian::Database built(scratch.string());
      built.compact((folder / name).string(), Xapian::DBCOMPACT_NO_RENUMBER);
      if (Result<> synced = SyncFiles(folder / name); !synced) {
        written = tl::unexpected(synced.error());
      }
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
  // request. Anything older has had a whole reindex to move on; a scratch database left here
  // is from a reindex that died.
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, ignored)) {
    const std::string file = entry.path().filename().string();
    if ((file.starts_with("db-") || file.starts_with("build-")) && file != name &&
        file != previous) {
      fs::remove_all(entry.path(), ignored);
    }
  }
  return written;
}

}  // namespace sinmun::search
