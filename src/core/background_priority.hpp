#pragma once
// Background threads (the view and impression counters' flushes, the search follower and its
// related lists) give way to the threads that answer readers: on a saturated server their
// work, which no reader waits for, otherwise took a core's share from the I/O threads in
// bursts and showed as the requests' slowest percentile (issue #14). Not the page
// recompressor's thread as a whole: it takes the page cache's locks, which the I/O threads wait
// for; only its compression runs at idle priority (IdleScheduling).

namespace sinmun {

// How far a background thread's nice value is raised above its own (at most to 19).
inline constexpr int kBackgroundNiceStep = 10;

// Lowers the calling thread's scheduling priority by kBackgroundNiceStep. Best effort: a
// system that refuses leaves the thread as it was. The price: a write that waits for the
// store's writer while a flush holds it waits longer on a saturated server.
void LowerThisThreadsPriority();

// While alive, the calling thread runs under SCHED_IDLE: only on a core no other thread wants.
// For work that is worth only the CPU readers leave idle (compressing cached pages again at
// the best level). Hold no lock another thread waits for meanwhile: a waiter would wait until
// the scheduler finds nothing else to run. Best effort, like LowerThisThreadsPriority.
class IdleScheduling {
 public:
  IdleScheduling();
  ~IdleScheduling();
  IdleScheduling(const IdleScheduling&) = delete;
  IdleScheduling& operator=(const IdleScheduling&) = delete;

 private:
  int policy_ = -1;  // the thread's policy before, restored; -1 when it could not be changed
};

}  // namespace sinmun
