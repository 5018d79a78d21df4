#pragma once
// Background threads (the view and impression counters' flushes, the search follower and its
// related lists) give way to the threads that answer readers: on a saturated server their
// work, which no reader waits for, otherwise took a core's share from the I/O threads in
// bursts and showed as the requests' slowest percentile (issue #14). Not the page
// recompressor: it takes the page cache's locks, which the I/O threads wait for.

namespace sinmun {

// How far a background thread's nice value is raised above its own (at most to 19).
inline constexpr int kBackgroundNiceStep = 10;

// Lowers the calling thread's scheduling priority by kBackgroundNiceStep. Best effort: a
// system that refuses leaves the thread as it was. The price: a write that waits for the
// store's writer while a flush holds it waits longer on a saturated server.
void LowerThisThreadsPriority();

}  // namespace sinmun
