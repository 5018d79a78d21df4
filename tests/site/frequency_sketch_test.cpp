#include "site/frequency_sketch.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace sinmun::site {
namespace {

std::uint64_t HashOf(const std::string& key) { return std::hash<std::string>()(key); }

TEST(FrequencySketchTest, CountsWhatItIsAskedForAndForgetsSlowly) {
  FrequencySketch sketch(1000);  // halved after 10,000 counted requests
  for (int i = 0; i < 100; ++i) sketch.Record(HashOf("/article/hot"));
  for (int i = 0; i < 3; ++i) sketch.Record(HashOf("/article/warm"));
  EXPECT_GE(sketch.Frequency(HashOf("/article/hot")), 100);
  EXPECT_GE(sketch.Frequency(HashOf("/article/warm")), 3);
  EXPECT_LT(sketch.Frequency(HashOf("/article/warm")), 100);

  // A crawl of 12,000 addresses asked once each: one halving.
  for (int i = 0; i < 12'000; ++i) sketch.Record(HashOf("/archive/" + std::to_string(i)));
  const int hot = sketch.Frequency(HashOf("/article/hot"));
  EXPECT_GE(hot, 50);
  EXPECT_LE(hot, 60) << "collisions add a little at most";
  EXPECT_GT(hot, sketch.Frequency(HashOf("/archive/11999")));
}

TEST(FrequencySketchTest, StopsAtItsMaximum) {
  FrequencySketch sketch(1000);
  for (int i = 0; i < 1000; ++i) sketch.Record(HashOf("/"));
  EXPECT_EQ(sketch.Frequency(HashOf("/")), FrequencySketch::kMaxFrequency);
}

}  // namespace
}  // namespace sinmun::site
