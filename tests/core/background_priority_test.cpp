#include "core/background_priority.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

namespace sinmun {
namespace {

int NiceOfThisThread() { return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())); }

// A background thread runs below the threads that answer readers, and only that thread does.
TEST(BackgroundPriorityTest, LowersOnlyTheCallingThread) {
  const int before = NiceOfThisThread();
  int background = before;
  std::thread worker([&] {
    LowerThisThreadsPriority();
    background = NiceOfThisThread();
  });
  worker.join();
  EXPECT_EQ(background, std::min(before + kBackgroundNiceStep, 19));
  ASSERT_LT(before, 19) << "the test cannot see a change at the lowest priority";
  EXPECT_EQ(NiceOfThisThread(), before);
}

}  // namespace
}  // namespace sinmun
