#include "newsroom/scheduler.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace sinmun::newsroom {

Scheduler::Scheduler(SchedulerStore store, const Clock& clock, std::chrono::milliseconds interval)
    : store_(store), clock_(clock), interval_(interval) {}

Scheduler::~Scheduler() { Stop(); }

Result<std::vector<store::ArticleId>> Scheduler::Tick() {
  const Timestamp now = clock_.Now();
  Result<std::vector<store::ArticleId>> published = store_.desk.PublishDue(now);
  if (!published) return published;
  for (const store::ArticleId id : *published) {
    const Result<std::int64_t> audited =
        store_.audit.AppendAudit(store::AuditEntry{.id = 0,
                                                   .at = now,
                                                   .user_id = std::nullopt,
                                                   .actor = "scheduler",
                                                   .action = "publish",
                                                   .target = fmt::format("article:{}", id),
                                                   .detail = "scheduled",
                                                   .remote_address = ""});
    // The article is published either way; a lost audit line is worth a log line, not a retry.
    if (!audited) spdlog::error("scheduler: audit of article {}: {}", id, audited.error().detail);
    spdlog::info("scheduler: published article {}", id);
  }
  return published;
}

void Scheduler::Start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    if (Result<std::vector<store::ArticleId>> done = Tick(); !done) {
      spdlog::error("scheduler: {}", done.error().detail);
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace sinmun::newsroom
