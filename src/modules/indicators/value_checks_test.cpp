#include "modules/indicators/value_checks.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace {

using indicators::FindOutlier;
using indicators::ParseValue;
using indicators::RangeProblem;

// The value ParseValue reads, or nullopt when it refuses the text; a refusal must carry the message that says what
// to write instead.
std::optional<double> Parsed(std::string_view text) {
  const core::Result<double> result = ParseValue(text);
  if (result) return *result;
  EXPECT_EQ(result.error().kind, core::ErrorKind::kInvalidInput) << text;
  EXPECT_EQ(result.error().message, indicators::kValueNotANumber) << text;
  return std::nullopt;
}

TEST(ParseValue, ReadsADecimalPointOrADecimalComma) {
  EXPECT_EQ(Parsed("12.5"), 12.5);
  EXPECT_EQ(Parsed("12,5"), 12.5);
  EXPECT_EQ(Parsed("0,25"), 0.25);
  EXPECT_EQ(Parsed("42"), 42);
  EXPECT_EQ(Parsed("007"), 7);
  EXPECT_EQ(Parsed("1,234"), 1.234) << "a comma is a decimal comma, never a thousands separator";
}

TEST(ParseValue, ReadsASignAndTrimsSpacesAround) {
  EXPECT_EQ(Parsed("-3"), -3);
  EXPECT_EQ(Parsed("+3"), 3);
  EXPECT_EQ(Parsed("-0,5"), -0.5);
  EXPECT_EQ(Parsed("  68,5 \t"), 68.5);
  EXPECT_EQ(Parsed("\u00A012\u00A0"), 12);
  const std::optional<double> zero = Parsed("-0");
  ASSERT_EQ(zero, 0);
  EXPECT_FALSE(std::signbit(*zero)) << "a negative zero would be shown as -0";
}

TEST(ParseValue, ReadsSpacesBetweenGroupsOfThousands) {
  EXPECT_EQ(Parsed("1 234"), 1234);
  EXPECT_EQ(Parsed("1 234,5"), 1234.5);
  EXPECT_EQ(Parsed("12 345 678"), 12345678);
  EXPECT_EQ(Parsed("-1 234.75"), -1234.75);
  EXPECT_EQ(Parsed("1\u00A0234"), 1234) << "the no-break space of Bulgarian number formats";
  EXPECT_EQ(Parsed("1\u202F234\u202F567"), 1234567) << "the narrow no-break space of newer formats";
}

TEST(ParseValue, RefusesSpacesThatDoNotSeparateGroupsOfThree) {
  EXPECT_EQ(Parsed("12 34"), std::nullopt);
  EXPECT_EQ(Parsed("1 2345"), std::nullopt);
  EXPECT_EQ(Parsed("1234 567"), std::nullopt);
  EXPECT_EQ(Parsed("1  234"), std::nullopt) << "two spaces";
  EXPECT_EQ(Parsed("1 234 "), 1234) << "a space at the end is trimmed, not a separator";
  EXPECT_EQ(Parsed("0,123 4"), std::nullopt) << "no groups after the decimal separator";
  EXPECT_EQ(Parsed("1\t234"), std::nullopt);
  EXPECT_EQ(Parsed("- 3"), std::nullopt);
}

TEST(ParseValue, RefusesWhatIsNotANumber) {
  for (const char* text : {"",        "   ",     "N/A",    "n/a",    "н/д", "-",   "+",   "12%",   "1e3",      "1E3",
                           "1.234,5", "1,234.5", "1.2.3",  "12,",    ",5",  ".5",  "inf", "-inf",  "infinity", "nan",
                           "NaN",     "0x10",    "twelve", "12 лв.", "--3", "+-3", "3-",  "1'234", "١٢"}) {
    EXPECT_EQ(Parsed(text), std::nullopt) << text;
  }
}

TEST(ParseValue, RefusesANumberTooLargeForADouble) {
  EXPECT_EQ(Parsed(std::string(400, '9')), std::nullopt);
  EXPECT_EQ(Parsed(std::string(300, '9')), 1e300) << "large but finite is a number";
}

TEST(RangeProblem, KeepsSharesAndScoresWithin0To100) {
  EXPECT_EQ(RangeProblem("percent", 0), std::nullopt);
  EXPECT_EQ(RangeProblem("percent", 100), std::nullopt);
  EXPECT_EQ(RangeProblem("percent", 42.5), std::nullopt);
  EXPECT_EQ(RangeProblem("percent", 100.1), indicators::kShareOutOfRange);
  EXPECT_EQ(RangeProblem("percent", -0.1), indicators::kShareOutOfRange);
  EXPECT_EQ(RangeProblem("score", 101), indicators::kScoreOutOfRange);
  EXPECT_EQ(RangeProblem("score", -1), indicators::kScoreOutOfRange);
  EXPECT_EQ(RangeProblem("score", 73), std::nullopt);
}

TEST(RangeProblem, KeepsPercentagePointsWithinMinus100To100) {
  EXPECT_EQ(RangeProblem("points", -100), std::nullopt);
  EXPECT_EQ(RangeProblem("points", 100), std::nullopt);
  EXPECT_EQ(RangeProblem("points", -12.5), std::nullopt);
  EXPECT_EQ(RangeProblem("points", 100.5), indicators::kPointsOutOfRange);
  EXPECT_EQ(RangeProblem("points", -101), indicators::kPointsOutOfRange);
}

TEST(RangeProblem, WantsCountsWholeAndNotBelowZero) {
  for (const char* unit : {"people", "count"}) {
    EXPECT_EQ(RangeProblem(unit, 0), std::nullopt) << unit;
    EXPECT_EQ(RangeProblem(unit, 125000), std::nullopt) << unit;
    EXPECT_EQ(RangeProblem(unit, -1), indicators::kCountNegative) << unit;
    EXPECT_EQ(RangeProblem(unit, 2.5), indicators::kCountNotWhole) << unit;
    EXPECT_EQ(RangeProblem(unit, -2.5), indicators::kCountNegative) << unit << ": the sign first";
  }
}

TEST(RangeProblem, LetsYearsAndOtherNumbersBeAnythingFinite) {
  EXPECT_EQ(RangeProblem("years", 71.3), std::nullopt);
  EXPECT_EQ(RangeProblem("years", -2), std::nullopt) << "a gap in life expectancy may be negative";
  EXPECT_EQ(RangeProblem("number", -1e9), std::nullopt);
  EXPECT_EQ(RangeProblem("number", 1e12), std::nullopt);
  EXPECT_EQ(RangeProblem("number", std::numeric_limits<double>::infinity()), indicators::kValueNotANumber);
  EXPECT_EQ(RangeProblem("years", std::nan("")), indicators::kValueNotANumber);
  EXPECT_EQ(RangeProblem("percent", std::nan("")), indicators::kValueNotANumber);
}

TEST(FindOutlier, FlagsAValueFarFromThePlacesEarlierValues) {
  // Earlier shares of children in pre-school: median 41, absolute deviations 2, 1, 0, 1, 2 → MAD 1.
  const std::vector<double> earlier = {39, 40, 41, 42, 43};
  const std::optional<indicators::Outlier> outlier = FindOutlier(earlier, 48);
  ASSERT_TRUE(outlier);
  EXPECT_NEAR(outlier->score, 0.6745 * 7, 1e-9);
  EXPECT_EQ(outlier->median, 41);
  EXPECT_EQ(outlier->values, 5u);
  const std::optional<indicators::Outlier> fall = FindOutlier(earlier, 4.1);
  ASSERT_TRUE(fall) << "a decimal point slipped: 4.1 for 41";
  EXPECT_LT(fall->score, -3.5);
}

TEST(FindOutlier, FlagsOnlyAboveThreeAndAHalf) {
  const std::vector<double> earlier = {39, 40, 41, 42, 43};
  // 0.6745 × 5 / 1 = 3.37: not flagged; 0.6745 × 5.2 = 3.51: flagged.
  EXPECT_EQ(FindOutlier(earlier, 46), std::nullopt);
  EXPECT_EQ(FindOutlier(earlier, 36), std::nullopt);
  EXPECT_TRUE(FindOutlier(earlier, 46.2));
  EXPECT_TRUE(FindOutlier(earlier, 35.8));
  EXPECT_EQ(FindOutlier(earlier, 41), std::nullopt);
}

TEST(FindOutlier, TakesTheMedianOfAnEvenNumberOfValuesAsTheMeanOfTheMiddleTwo) {
  // Median 25, absolute deviations 15, 5, 5, 15 → MAD 10.
  const std::optional<indicators::Outlier> outlier = FindOutlier({10, 20, 30, 40}, 80);
  ASSERT_TRUE(outlier);
  EXPECT_EQ(outlier->median, 25);
  EXPECT_NEAR(outlier->score, 0.6745 * 55 / 10, 1e-9);
}

TEST(FindOutlier, IsNotPulledByAnEarlierOutlier) {
  // A mean and a standard deviation would be dragged up by the 400 and pass the 300; the median and MAD are not.
  EXPECT_TRUE(FindOutlier({40, 41, 42, 43, 400}, 300));
}

TEST(FindOutlier, NeedsAtLeastFourEarlierValues) {
  EXPECT_EQ(FindOutlier({40, 41, 42}, 1000), std::nullopt);
  EXPECT_EQ(FindOutlier({}, 1000), std::nullopt);
  EXPECT_TRUE(FindOutlier({40, 41, 42, 43}, 1000));
  const double nan = std::nan("");
  EXPECT_EQ(FindOutlier({40, 41, 42, nan}, 1000), std::nullopt) << "what is not a number does not count";
}

TEST(FindOutlier, AfterEqualValuesFlagsAnyOtherValueWithAnInfiniteScore) {
  const std::vector<double> earlier = {3, 3, 3, 3};
  EXPECT_EQ(FindOutlier(earlier, 3), std::nullopt);
  const std::optional<indicators::Outlier> up = FindOutlier(earlier, 4);
  ASSERT_TRUE(up);
  EXPECT_EQ(up->score, std::numeric_limits<double>::infinity());
  EXPECT_EQ(up->median, 3);
  const std::optional<indicators::Outlier> down = FindOutlier(earlier, 2.5);
  ASSERT_TRUE(down);
  EXPECT_EQ(down->score, -std::numeric_limits<double>::infinity());
}

TEST(FindOutlier, ReadsTheSpreadFromTheMeanDeviationWhenMostEarlierValuesAreTheMedian) {
  // Health mediators in post: 2, 2, 2, 3, 3. The MAD is 0, yet a third mediator is no surprise.
  const std::vector<double> earlier = {2, 2, 2, 3, 3};
  EXPECT_EQ(FindOutlier(earlier, 3), std::nullopt);
  EXPECT_EQ(FindOutlier(earlier, 2), std::nullopt);
  // Mean absolute deviation from the median 2: 0.4; 20 mediators: 18 / (1.253314 × 0.4) = 35.9.
  const std::optional<indicators::Outlier> outlier = FindOutlier(earlier, 20);
  ASSERT_TRUE(outlier);
  EXPECT_NEAR(outlier->score, 18 / (1.253314 * 0.4), 1e-6);
  EXPECT_EQ(outlier->median, 2);
}

}  // namespace
