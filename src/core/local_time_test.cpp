#include "core/local_time.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/days.hpp"

namespace {

// 2026-12-06T03:46:00Z and other instants, in Unix seconds.
constexpr std::int64_t kWinterMorning = 1796528760;  // 2026-12-06 03:46 UTC
constexpr std::int64_t kNewYearsEve = 1798759800;    // 2026-12-31 23:30 UTC
constexpr std::int64_t kSummerNoon = 1783080000;     // 2026-07-03 12:00 UTC
constexpr std::int64_t kSpringForward = 1774746000;  // 2026-03-29 01:00 UTC: Sofia's clocks go from 03:00 to 04:00

TEST(LocalTime, ShowsSofiasClockInWinterAndSummer) {
  ASSERT_EQ(core::LocalTimeZone(), "Europe/Sofia");
  EXPECT_EQ(core::LocalOffsetSeconds(kWinterMorning), 7200);
  EXPECT_EQ(core::LocalOffsetSeconds(kSummerNoon), 10800);
  EXPECT_EQ(core::LocalMinute(kWinterMorning), "2026-12-06 05:46");
  EXPECT_EQ(core::LocalMinute(kSummerNoon), "2026-07-03 15:00");
  EXPECT_EQ(core::LocalMinute(kSpringForward - 1), "2026-03-29 02:59");
  EXPECT_EQ(core::LocalMinute(kSpringForward), "2026-03-29 04:00");
}

TEST(LocalTime, TodayIsSofiasDayNotUtcs) {
  EXPECT_EQ(core::IsoUtc(kNewYearsEve), "2026-12-31T23:30:00Z");
  EXPECT_EQ(core::IsoDay(kNewYearsEve), "2027-01-01");
  EXPECT_EQ(core::IsoDay(kWinterMorning), "2026-12-06");
}

TEST(LocalTime, AnotherZoneCanBeChosenAndATypoIsRefused) {
  EXPECT_THROW(core::SetLocalTimeZone("Europe/Sofa"), std::invalid_argument);
  EXPECT_EQ(core::LocalTimeZone(), "Europe/Sofia") << "a refused name changes nothing";
  core::SetLocalTimeZone("Europe/Brussels");
  EXPECT_EQ(core::IsoDay(kNewYearsEve), "2027-01-01");
  EXPECT_EQ(core::LocalMinute(kWinterMorning), "2026-12-06 04:46");
  core::SetLocalTimeZone("UTC");
  EXPECT_EQ(core::IsoDay(kNewYearsEve), "2026-12-31");
  core::SetLocalTimeZone(core::kDefaultTimeZone);
}

TEST(LocalTime, DatesWithoutATimeNeverMove) {
  // A deadline is a date: read and written as it is, whatever the zone.
  core::SetLocalTimeZone("Pacific/Kiritimati");  // UTC+14
  EXPECT_EQ(core::IsoOf(*core::DayOf("2027-01-05")), "2027-01-05");
  core::SetLocalTimeZone("Pacific/Pago_Pago");  // UTC-11
  EXPECT_EQ(core::IsoOf(*core::DayOf("2027-01-05")), "2027-01-05");
  core::SetLocalTimeZone(core::kDefaultTimeZone);
}

}  // namespace
