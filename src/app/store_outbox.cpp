#include "app/store_outbox.hpp"

namespace sinmun::app {

namespace {

// How long a claimed message is this sender's before another may take it: far longer than
// one SMTP delivery with its timeouts, short enough that a node that dies mid-send delays
// its messages by minutes only.
constexpr Timestamp kSendingLease = 600;

}  // namespace

Result<std::vector<mail::QueuedMail>> StoreOutbox::Due(Timestamp now, int limit) {
  // Claimed, not just read: with several nodes each runs a sender over the same outbox.
  Result<std::vector<store::OutboxMail>> due =
      store_->ClaimDueMails(now, limit, now + kSendingLease);
  if (!due) return tl::unexpected(due.error());
  std::vector<mail::QueuedMail> mails;
  for (store::OutboxMail& row : *due) {
    mails.push_back({row.id, std::move(row.recipient), std::move(row.message), row.attempts});
  }
  return mails;
}

Result<> StoreOutbox::MarkSent(std::int64_t id, Timestamp at) {
  return store_->MarkMailSent(id, at);
}

Result<> StoreOutbox::MarkRetry(std::int64_t id, Timestamp next_attempt_at,
                                std::string_view error) {
  return store_->MarkMailRetry(id, next_attempt_at, error);
}

Result<> StoreOutbox::MarkRejected(std::int64_t id, std::string_view error) {
  return store_->MarkMailRejected(id, error);
}

Result<std::int64_t> StoreOutbox::Depth() { return store_->PendingMailCount(); }

}  // namespace sinmun::app
