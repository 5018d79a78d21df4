#pragma once
// IndexNow (issue #18): the queue of pings telling search engines (Naver Search Advisor, Bing,
// …) that an article's page changed. The queue follows the change log from a position of its
// own, kept in the store, so that a publication, an update of a published article and an
// unpublication each become one ping per endpoint however many nodes follow it; the senders
// on those nodes claim due pings as the mail outbox's senders claim mail (ClaimDueIndexNow).
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

// One article to announce to one endpoint.
struct IndexNowPing {
  std::int64_t id = 0;
  std::string endpoint;  // "https://searchadvisor.naver.com/indexnow"
  ArticleId article_id = 0;
  int attempts = 0;  // failed attempts so far
};

class IndexNowQueue {
 public:
  virtual ~IndexNowQueue() = default;

  // Reads at most `limit` changes after the queue's position and, in the same transaction,
  // queues one ping per endpoint (due at `now`) for each that a search engine should hear of:
  // a publication (a scheduled article's included, when it goes live), an unpublication, an
  // update or a correction of a published article, of a type that goes to IndexNow
  // (SentTo(kind, Destination::kIndexNow)). Then moves the position past them. The
  // first call only sets the position at the present, and without endpoints the changes are
  // passed over: a paper that upgrades, restores or configures IndexNow later does not
  // announce its past. Returns how many changes were read (0: caught up, or just started).
  virtual Result<int> QueueIndexNowChanges(const std::vector<std::string>& endpoints, int limit,
                                           Timestamp now) = 0;

  // The pending pings due at `now` (oldest first, at most `limit`), claimed until `lease_until`
  // in the same statement as ClaimDueMails does, so that senders on several nodes do not
  // send the same ones. MarkIndexNow* settles them; a sender that dies first leaves them due
  // again at lease_until.
  virtual Result<std::vector<IndexNowPing>> ClaimDueIndexNow(Timestamp now, int limit,
                                                             Timestamp lease_until) = 0;

  // Outcomes, for a batch of pings sent together: delivered (final), a temporary failure
  // (attempts + 1, due again at `next_attempt_at`) or refused for good (final, with the
  // endpoint's answer).
  virtual Result<> MarkIndexNowSent(const std::vector<std::int64_t>& ids, Timestamp at) = 0;
  virtual Result<> MarkIndexNowRetry(const std::vector<std::int64_t>& ids,
                                     Timestamp next_attempt_at, std::string_view error) = 0;
  virtual Result<> MarkIndexNowRejected(const std::vector<std::int64_t>& ids,
                                        std::string_view error) = 0;

  // Pings still pending (due now or waiting for a retry).
  virtual Result<std::int64_t> PendingIndexNowCount() const = 0;
};

}  // namespace sinmun::store
