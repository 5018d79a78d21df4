#pragma once
// The mail outbox over the Store: mail/ knows no store, so app/ adapts one to the other.

#include "mail/outbox_sender.hpp"
#include "store/mail_outbox.hpp"

namespace sinmun::app {

class StoreOutbox final : public mail::Outbox {
 public:
  // REQUIRES: store outlives this object.
  explicit StoreOutbox(store::MailOutbox* store) : store_(store) {}

  Result<std::vector<mail::QueuedMail>> Due(Timestamp now, int limit) override;
  Result<> MarkSent(std::int64_t id, Timestamp at) override;
  Result<> MarkRetry(std::int64_t id, Timestamp next_attempt_at, std::string_view error) override;
  Result<> MarkRejected(std::int64_t id, std::string_view error) override;
  // Every pending row, due now or waiting for a retry.
  Result<std::int64_t> Depth() override;

 private:
  store::MailOutbox* store_;
};

}  // namespace sinmun::app
