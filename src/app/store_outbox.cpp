#include "app/store_outbox.hpp"

namespace sinmun::app {

Result<std::vector<mail::QueuedMail>> StoreOutbox::Due(Timestamp now, int limit) {
  Result<std::vector<store::OutboxMail>> due = store_->DueMails(now, limit);
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

}  // namespace sinmun::app
