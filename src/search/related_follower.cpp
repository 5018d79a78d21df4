// RelateChanges (related_follower.hpp): the related lists follow the index, batch by batch.

#include "search/related_follower.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <string>

#include "search/index_generations.hpp"

namespace sinmun::search {
namespace {

// Changes read at once: about 1-3 ms of related query each, so a shutdown waits a second or
// less for the batch in progress.
constexpr int kRelateBatch = 250;
// Lists are kept for every indexed article, scheduled ones included; the page reads only
// the related articles public at its `now`.
constexpr Timestamp kEndOfTime = std::numeric_limits<Timestamp>::max();

std::int64_t RelatedSequence(const Xapian::Database& database) {
  const std::string text = database.get_metadata(kRelatedSeqKey);
  return text.empty() ? 0 : std::stoll(text);
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

}  // namespace sinmun::search
