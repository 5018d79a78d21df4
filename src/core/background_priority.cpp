#include "core/background_priority.hpp"

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace sinmun {

void LowerThisThreadsPriority() {
  // On Linux a thread's nice value is its own: PRIO_PROCESS with the thread's id. Relative to
  // the thread's own, so that a server started under `nice` keeps its background threads below
  // its I/O threads too.
  const id_t thread = static_cast<id_t>(gettid());
  errno = 0;
  const int nice = getpriority(PRIO_PROCESS, thread);
  if (nice == -1 && errno != 0) return;
  (void)setpriority(PRIO_PROCESS, thread, std::min(nice + kBackgroundNiceStep, 19));
}

IdleScheduling::IdleScheduling() {
  sched_param param{};
  int policy = 0;
  if (pthread_getschedparam(pthread_self(), &policy, &param) != 0) return;
  const sched_param idle{};
  if (pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle) == 0) policy_ = policy;
}

IdleScheduling::~IdleScheduling() {
  if (policy_ < 0) return;
  const sched_param param{};
  (void)pthread_setschedparam(pthread_self(), policy_, &param);
}

}  // namespace sinmun
