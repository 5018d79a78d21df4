#pragma once
// Publishes scheduled articles when their minute comes (issue #3). A background thread asks
// the store every few seconds for scheduled articles whose publish_at has passed and
// publishes them, each registered at its scheduled minute; after a restart that missed a
// schedule, the first tick publishes it. Each publication is written to the audit log with
// the actor "scheduler".
//
// Thread safety: Tick() may be called from any thread (the store serialises the writes);
// Start() and Stop() from the owning thread. Lifetime: the store and clock outlive it.

#include <chrono>
#include <concepts>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/audit_trail.hpp"
#include "store/desk.hpp"

namespace sinmun::newsroom {

// The store roles the scheduler uses; made from any one object that serves them both.
struct SchedulerStore {
  template <typename S>
  requires std::derived_from<S, store::Desk> && std::derived_from<S, store::AuditTrail>
  SchedulerStore(S& store)  // NOLINT(google-explicit-constructor): one store, two roles
      : desk(store), audit(store) {}
  store::Desk& desk;
  store::AuditTrail& audit;
};

class Scheduler {
 public:
  Scheduler(SchedulerStore store, const Clock& clock,
            std::chrono::milliseconds interval = std::chrono::seconds(5));
  ~Scheduler();  // stops the thread
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Publishes every scheduled article due at the clock's now; returns their ids.
  Result<std::vector<store::ArticleId>> Tick();

  // Runs Tick() at once and then every `interval` on a thread until Stop(). Failures are
  // logged and retried at the next tick.
  void Start();
  void Stop();

 private:
  void Run();

  SchedulerStore store_;
  const Clock& clock_;
  const std::chrono::milliseconds interval_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace sinmun::newsroom
