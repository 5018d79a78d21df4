#include "mail/outbox_sender.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace sinmun::mail {

OutboxSender::OutboxSender(Outbox* outbox, std::unique_ptr<MailTransport> transport,
                           const Clock* clock, OutboxSenderOptions options)
    : outbox_(outbox),
      transport_(std::move(transport)),
      clock_(clock),
      options_(std::move(options)) {}

OutboxSender::~OutboxSender() { Stop(); }

Result<int> OutboxSender::SendDue() {
  Result<std::vector<QueuedMail>> due = outbox_->Due(clock_->Now(), 100);
  if (!due) return tl::unexpected(due.error());
  int sent = 0;
  for (const QueuedMail& mail : *due) {
    const DeliveryResult result = transport_->Send(options_.from, mail.recipient, mail.message);
    const Timestamp now = clock_->Now();
    Result<> recorded;
    switch (result.delivery) {
      case Delivery::kSent:
        recorded = outbox_->MarkSent(mail.id, now);
        ++sent;
        ++sent_;
        break;
      case Delivery::kRejected:
        spdlog::warn("mail: {} rejected: {}", mail.id, result.detail);
        recorded = outbox_->MarkRejected(mail.id, result.detail);
        ++rejected_;
        break;
      case Delivery::kTemporaryFailure: {
        const auto wait =
            std::min<std::int64_t>(options_.max_retry.count(), options_.first_retry.count()
                                                                   << std::min(mail.attempts, 20));
        recorded = outbox_->MarkRetry(mail.id, now + wait, result.detail);
        ++temporary_failures_;
        break;
      }
    }
    if (!recorded) return tl::unexpected(recorded.error());
  }
  return sent;
}

void OutboxSender::Start() {
  std::lock_guard lock(mutex_);
  if (worker_.joinable()) return;
  stopping_ = false;
  worker_ = std::thread([this] { Loop(); });
}

void OutboxSender::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (!worker_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void OutboxSender::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    // This thread is the one that handles a failure: log it and try again next round.
    if (Result<int> sent = SendDue(); !sent) {
      spdlog::error("mail: outbox pass failed: {}", sent.error().detail);
    }
    lock.lock();
    wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_; });
  }
}

}  // namespace sinmun::mail
