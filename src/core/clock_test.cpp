#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace {

TEST(FixedClock, StandsStillUntilATestSetsOrAdvancesIt) {
  core::FixedClock clock(1795251600);  // 2026-11-21 09:00 UTC
  const core::Clock& asked = clock;
  EXPECT_EQ(asked.Now(), 1795251600);
  EXPECT_EQ(asked.Now(), 1795251600);
  clock.Advance(std::chrono::hours(2));
  EXPECT_EQ(asked.Now(), 1795251600 + 7200);
  clock.Set(0);
  EXPECT_EQ(asked.Now(), 0);
}

TEST(SystemClock, TellsUnixSecondsOfToday) {
  const core::SystemClock clock;
  EXPECT_GT(clock.Now(), 1735689600) << "after 2025-01-01";
  EXPECT_LT(clock.Now(), 4102444800) << "before 2100-01-01";
}

}  // namespace
