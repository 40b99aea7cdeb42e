#include "modules/indicators/periods.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace indicators {

// How a failing test shows a period, instead of its bytes.
void PrintTo(const Period& period, std::ostream* out) {
  *out << period.code << " (" << period.start << " to " << period.end << ", part " << period.part << ")";
}

}  // namespace indicators

namespace {

using indicators::Contains;
using indicators::ParsePeriod;
using indicators::Period;
using indicators::PeriodType;

// The period `text` names; a failure of the test, and an empty period, when it names none.
Period Parsed(std::string_view text) {
  const std::optional<Period> period = ParsePeriod(text);
  if (!period) ADD_FAILURE() << "refused: " << text;
  return period.value_or(Period{});
}

TEST(ParsePeriod, ReadsAYearWithItsFirstAndLastDay) {
  EXPECT_EQ(ParsePeriod("2026"), (Period{.code = "2026",
                                         .type = PeriodType::kYear,
                                         .year = 2026,
                                         .part = 0,
                                         .start = "2026-01-01",
                                         .end = "2026-12-31"}));
}

TEST(ParsePeriod, ReadsHalvesAndQuarters) {
  EXPECT_EQ(ParsePeriod("2026S1"), (Period{.code = "2026S1",
                                           .type = PeriodType::kHalf,
                                           .year = 2026,
                                           .part = 1,
                                           .start = "2026-01-01",
                                           .end = "2026-06-30"}));
  EXPECT_EQ(Parsed("2026S2").start, "2026-07-01");
  EXPECT_EQ(Parsed("2026S2").end, "2026-12-31");
  EXPECT_EQ(ParsePeriod("2026Q3"), (Period{.code = "2026Q3",
                                           .type = PeriodType::kQuarter,
                                           .year = 2026,
                                           .part = 3,
                                           .start = "2026-07-01",
                                           .end = "2026-09-30"}));
  EXPECT_EQ(Parsed("2026Q1").end, "2026-03-31");
  EXPECT_EQ(Parsed("2026Q2").end, "2026-06-30");
  EXPECT_EQ(Parsed("2026Q4").start, "2026-10-01");
  EXPECT_EQ(Parsed("2026Q4").end, "2026-12-31");
}

TEST(ParsePeriod, ReadsMonthsAsDhis2WritesThemAndAsPeopleTypeThem) {
  const Period march{.code = "202603",
                     .type = PeriodType::kMonth,
                     .year = 2026,
                     .part = 3,
                     .start = "2026-03-01",
                     .end = "2026-03-31"};
  EXPECT_EQ(ParsePeriod("202603"), march);
  EXPECT_EQ(ParsePeriod("2026-03"), march) << "written back in the canonical form";
  EXPECT_EQ(Parsed("202604").end, "2026-04-30");
  EXPECT_EQ(Parsed("202612").end, "2026-12-31");
}

TEST(ParsePeriod, EndsFebruaryOnTheLeapDayOfLeapYearsOnly) {
  EXPECT_EQ(Parsed("202602").end, "2026-02-28");
  EXPECT_EQ(Parsed("202802").end, "2028-02-29");
  EXPECT_EQ(Parsed("2000-02").end, "2000-02-29") << "divisible by 400: a leap year";
  EXPECT_EQ(Parsed("1900-02").end, "1900-02-28") << "divisible by 100 but not 400: not a leap year";
  EXPECT_EQ(Parsed("2100-02").end, "2100-02-28");
}

TEST(ParsePeriod, AcceptsLowerCaseLettersAndSpacesAroundAndWritesTheCanonicalCode) {
  EXPECT_EQ(Parsed("2026q3").code, "2026Q3");
  EXPECT_EQ(Parsed("2026s2").code, "2026S2");
  EXPECT_EQ(Parsed("  2026Q1\t").code, "2026Q1");
  EXPECT_EQ(Parsed("\u00A02026-01\u00A0").code, "202601") << "no-break spaces a spreadsheet leaves behind";
}

TEST(ParsePeriod, RefusesPartsThatAreNotInAYear) {
  EXPECT_EQ(ParsePeriod("2026Q5"), std::nullopt);
  EXPECT_EQ(ParsePeriod("2026Q0"), std::nullopt);
  EXPECT_EQ(ParsePeriod("2026S3"), std::nullopt);
  EXPECT_EQ(ParsePeriod("2026S0"), std::nullopt);
  EXPECT_EQ(ParsePeriod("2026-13"), std::nullopt);
  EXPECT_EQ(ParsePeriod("202613"), std::nullopt);
  EXPECT_EQ(ParsePeriod("2026-00"), std::nullopt);
  EXPECT_EQ(ParsePeriod("202600"), std::nullopt);
}

TEST(ParsePeriod, RefusesOtherShapes) {
  EXPECT_EQ(ParsePeriod(""), std::nullopt);
  EXPECT_EQ(ParsePeriod("   "), std::nullopt);
  EXPECT_EQ(ParsePeriod("26"), std::nullopt);
  EXPECT_EQ(ParsePeriod("20261"), std::nullopt) << "a month has two digits";
  EXPECT_EQ(ParsePeriod("2026-3"), std::nullopt);
  EXPECT_EQ(ParsePeriod("2026 Q1"), std::nullopt);
  EXPECT_EQ(ParsePeriod("2026Q12"), std::nullopt);
  EXPECT_EQ(ParsePeriod("2026W10"), std::nullopt) << "weeks are not reporting periods here";
  EXPECT_EQ(ParsePeriod("2026-03-01"), std::nullopt) << "a day is not a period";
  EXPECT_EQ(ParsePeriod("+2026"), std::nullopt);
  EXPECT_EQ(ParsePeriod("２０２６"), std::nullopt) << "full-width digits";
}

TEST(ParsePeriod, ReadsYearsFrom1900To2100Only) {
  EXPECT_EQ(Parsed("1900").start, "1900-01-01");
  EXPECT_EQ(Parsed("2100Q4").end, "2100-12-31");
  EXPECT_EQ(ParsePeriod("1899"), std::nullopt);
  EXPECT_EQ(ParsePeriod("2101"), std::nullopt);
  EXPECT_EQ(ParsePeriod("0000"), std::nullopt);
  EXPECT_EQ(ParsePeriod("9999S1"), std::nullopt);
}

TEST(ParsePeriod, ReadsItsOwnCodeBackAsTheSamePeriod) {
  for (const char* text : {"2026", "2026s1", "2026q4", "2026-11", "202401"}) {
    const std::optional<Period> period = ParsePeriod(text);
    ASSERT_TRUE(period) << text;
    EXPECT_EQ(ParsePeriod(period->code), period) << text;
  }
}

TEST(Contains, AYearHoldsItsHalvesQuartersAndMonthsAndItself) {
  const Period year = Parsed("2026");
  EXPECT_TRUE(Contains(year, year));
  EXPECT_TRUE(Contains(year, Parsed("2026S2")));
  EXPECT_TRUE(Contains(year, Parsed("2026Q1")));
  EXPECT_TRUE(Contains(year, Parsed("202612")));
  EXPECT_FALSE(Contains(year, Parsed("2027Q1")));
  EXPECT_FALSE(Contains(year, Parsed("202512")));
}

TEST(Contains, APartHoldsTheSmallerPartsWithinItAndNothingLarger) {
  const Period second_half = Parsed("2026S2");
  EXPECT_TRUE(Contains(second_half, Parsed("2026Q3")));
  EXPECT_TRUE(Contains(second_half, Parsed("202607")));
  EXPECT_FALSE(Contains(second_half, Parsed("2026Q2")));
  EXPECT_FALSE(Contains(second_half, Parsed("2026")));
  const Period third_quarter = Parsed("2026Q3");
  EXPECT_TRUE(Contains(third_quarter, Parsed("202609")));
  EXPECT_FALSE(Contains(third_quarter, Parsed("202610")));
  EXPECT_FALSE(Contains(third_quarter, second_half));
  EXPECT_FALSE(Contains(Parsed("202607"), third_quarter));
}

}  // namespace
