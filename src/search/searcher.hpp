#pragma once
// Full-text search over published articles: Korean-aware (see korean_analyzer.hpp), kept up
// to date by following the store's change sequence. The index is a follower: it lives in its
// own folder (DATA/search/), can be deleted at any time and is rebuilt from the store.
//
// Query syntax: words (all must match), "a phrase", -excluded, headline:word (or
// headline:"a phrase"). A Hangul run matches as written with or without the spaces of the text
// and without its particles: 4차산업혁명, 4차 산업혁명 and 산업혁명을 all find "4차 산업혁명",
// while 대전시의회 does not find 대전시 and 의회 apart. Unbalanced quotes and stray operators are
// read as plain words; a query is cut at kMaxQueryChars characters.
//
// Ranking (kRelevance): articles whose headline holds every word of the query come first,
// newest first (among headline matches a reader wants the latest report of the story); then
// the others by BM25 (the headline counting more than the body), then the newest.
// Only articles public at `now` (registered_at <= now) are found.
//
// Thread safety: Search, Related and Status may run concurrently on any number of threads,
// alongside the follower thread and a Reindex into the same folder (from this or another
// process): readers never see an error from a switch, only the old or the new index.

#include <concepts>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/catalog.hpp"
#include "store/change_feed.hpp"
#include "store/records.hpp"
#include "store/related_lists.hpp"

namespace sinmun::search {

inline constexpr size_t kMaxQueryChars = 200;

enum class SortOrder { kRelevance, kNewest };

struct SearchRequest {
  std::string query;
  std::optional<store::SectionId> section;
  std::optional<store::ReporterId> reporter;
  std::optional<Timestamp> from;  // registered_at >= from
  std::optional<Timestamp> to;    // registered_at <= to
  SortOrder sort = SortOrder::kRelevance;
  int offset = 0;
  int limit = 10;  // REQUIRES: 1..100
  Timestamp now = 0;
};

struct SearchResult {
  std::vector<store::ArticleId> ids;  // best first, at most request.limit
  std::int64_t total = 0;             // matches, exact when total_exact
  bool total_exact = true;
  // What to highlight in headlines and snippets: the query's stems and words as typed (without
  // the excluded ones), lowercased. Pass to Highlight().
  std::vector<std::string> highlight;
  bool empty_query = false;  // nothing searchable in the query (empty, only punctuation)
};

struct IndexStatus {
  std::int64_t indexed_sequence = 0;  // the last change sequence number in the index
  std::int64_t store_sequence = 0;    // the store's, as last seen by the follower
  bool caught_up() const { return indexed_sequence >= store_sequence; }
};

// The read side of the index: what the site asks.
class Searcher {
 public:
  virtual ~Searcher() = default;

  // kInvalidInput for a bad request (limit out of range); kUnavailable when the index cannot
  // be read. An unparsable query is never an error (see above).
  virtual Result<SearchResult> Search(const SearchRequest& request) const = 0;
  // Up to `limit` published articles most like `id` (never `id` itself); empty when the
  // article is not indexed. The site does not ask this per page: the follower keeps every
  // article's list in the store (RelatedLists), computed the same way.
  virtual Result<std::vector<store::ArticleId>> Related(store::ArticleId id, int limit,
                                                        Timestamp now) const = 0;
  virtual IndexStatus Status() const = 0;
  // Suggested keyword tags for a text being written (the newsroom's article form): the words
  // of `headline` and `body` that best tell it apart from the archive, best first, at most
  // `limit`, each once. A word is a Korean stem of two characters or more (particles removed:
  // "산업혁명을" gives "산업혁명") or a Latin word of two letters or more, lowercased as
  // written; numbers are never suggested. Score: occurrences (a headline occurrence counts 3)
  // times the word's rarity in the index (the inverse document frequency of its rarest
  // bigram, or of the word for Latin), so words every article has ("밝혔다") sink. With an
  // empty index the order is by occurrences. kUnavailable when the index cannot be read.
  virtual Result<std::vector<std::string>> SuggestTags(std::string_view headline,
                                                       std::string_view body, int limit) const = 0;
};

// The write side: the follower of the store's change sequence that keeps the index up to
// date. app/ starts and stops it; the site never sees it.
class IndexFollower {
 public:
  virtual ~IndexFollower() = default;

  // Indexes every change after the index's last sequence, in batches, and returns when it has
  // seen the store's current sequence. Called by the follower thread; for tests and tools.
  virtual Result<> CatchUp() = 0;
  // Starts the follower: catches up, then polls the store every `poll` (200 ms by default).
  // Idempotent. Errors are logged by the follower, which retries at the next poll.
  virtual void StartFollowing() = 0;
  // Stops and joins the follower; idempotent; also done by the destructor.
  virtual void StopFollowing() = 0;
};

// One index folder, both sides over the same databases: hand the Searcher to readers and keep
// the IndexFollower where the process starts and stops its threads.
class SearchIndex : public Searcher, public IndexFollower {};

// The store roles the index uses: it reads the catalog and the change feed, and keeps each
// article's related list (store/related_lists.hpp); made from any one object that serves them.
struct SearchStore {
  template <typename S>
  requires std::derived_from<S, store::Catalog> && std::derived_from<S, store::ChangeFeed> &&
      std::derived_from<S, store::RelatedLists>
      SearchStore(S* store)  // NOLINT(google-explicit-constructor): one store, three roles
      : catalog(store), changes(store), related(store) {}
  template <typename S>
  requires std::derived_from<S, store::Catalog> && std::derived_from<S, store::ChangeFeed> &&
      std::derived_from<S, store::RelatedLists>
      SearchStore(S& store)  // NOLINT(google-explicit-constructor)
      : catalog(&store), changes(&store), related(&store) {}
  const store::Catalog* catalog;
  const store::ChangeFeed* changes;
  store::RelatedLists* related;
};

// Opens (or creates) the index in `folder` over `store`. The follower is not started.
// REQUIRES: store outlives the index. kUnavailable when the folder cannot be used.
Result<std::unique_ptr<SearchIndex>> OpenSearchIndex(SearchStore store,
                                                     const std::filesystem::path& folder);

// Rebuilds the index of `store` from scratch in a new database inside `folder`, computes every
// article's related list against it and writes them to the store, then switches
// `folder`'s current index to it atomically (a symlink renamed over the old one). Searchers on
// the folder, in this or another process, move to the new index at their next request or poll.
// Older databases but the one just replaced are removed. Returns the articles indexed.
Result<std::int64_t> Reindex(SearchStore store, const std::filesystem::path& folder);

// A text cut into parts for display: `marked` parts are occurrences of highlight words
// (case-insensitive for ASCII; spaces in the text between a word's characters are allowed,
// so 4차산업혁명 marks "4차 산업혁명").
struct TextPart {
  std::string text;
  bool marked = false;
};
std::vector<TextPart> Highlight(std::string_view text, const std::vector<std::string>& words);
// About `max_chars` characters of plain `text` around its first highlighted word (the start
// when none), cut on character boundaries, with "…" where text was cut, then highlighted.
std::vector<TextPart> Snippet(std::string_view text, const std::vector<std::string>& words,
                              size_t max_chars);

}  // namespace sinmun::search
