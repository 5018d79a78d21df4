#pragma once
// "E-mail this article" and the notices to correction requesters and tipsters: requests, the
// rate limits of the first, and the outbox the sender drains
// (several nodes may drain one outbox: see ClaimDueMails).
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class MailOutbox {
 public:
  virtual ~MailOutbox() = default;

  // How many mail requests `client` and `sender_email` made at or after `since`.
  struct MailRequestCounts {
    std::int64_t by_client = 0;
    std::int64_t by_sender = 0;
  };

  virtual Result<MailRequestCounts> MailRequestsSince(std::string_view client,
                                                      std::string_view sender_email,
                                                      Timestamp since) const = 0;

  // Hourly caps on requests that no reader can spread their way around: about one article,
  // and on the whole site. Held by the store, so they hold across every node sharing it.
  struct MailCaps {
    std::int64_t per_article_per_hour = std::numeric_limits<std::int64_t>::max();
    std::int64_t site_per_hour = std::numeric_limits<std::int64_t>::max();
  };

  // Writes the request and one pending outbox row per recipient (due at created_at) in one
  // transaction; durable when it returns. kInvalidInput without recipients, kNotFound for an
  // unknown article, kConflict (nothing written) when the requests about its article or on
  // the site made in the hour before created_at have reached `caps`: the count and the
  // write are one step for every writer, so concurrent requests on several nodes cannot
  // pass a cap together. Returns the request id.
  virtual Result<std::int64_t> EnqueueMail(const NewMailRequest& request, MailCaps caps) = 0;

  // Writes one pending outbox row about a correction case or a tip (due at created_at) with
  // its request, in one transaction; durable when it returns. kInvalidInput unless exactly
  // one of the two is set and there is a recipient, kNotFound for an unknown case or tip.
  // Returns the request id.
  virtual Result<std::int64_t> EnqueueNotice(const NewNoticeMail& notice) = 0;

  // The pending rows due at `now` (oldest first, at most `limit`) whose next_attempt_at moves to
  // `lease_until` in the same statement, so a sender on another node asking at the same moment does
  // not get them too. The claimed rows are returned with next_attempt_at = lease_until; MarkMail*
  // settles them, and a sender that dies first leaves them due again at lease_until. limit <= 0
  // claims none.
  virtual Result<std::vector<OutboxMail>> ClaimDueMails(Timestamp now, int limit,
                                                        Timestamp lease_until) = 0;

  // Delivery outcomes: sent (final), a temporary failure (attempts + 1, due again at
  // `next_attempt_at`) or a permanent rejection (final, with the server's answer).
  virtual Result<> MarkMailSent(std::int64_t id, Timestamp at) = 0;

  virtual Result<> MarkMailRetry(std::int64_t id, Timestamp next_attempt_at,
                                 std::string_view error) = 0;

  virtual Result<> MarkMailRejected(std::int64_t id, std::string_view error) = 0;

  // How many rows are still pending (due now or waiting for a retry): the outbox's depth.
  virtual Result<std::int64_t> PendingMailCount() const = 0;
};

}  // namespace sinmun::store
