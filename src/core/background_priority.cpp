#include "core/background_priority.hpp"

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

}  // namespace sinmun
