#include "modules/indicators/progress.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace {

using indicators::BreakdownValue;
using indicators::ComputeTarget;
using indicators::MeasureProgress;
using indicators::Progress;
using indicators::TargetRule;
using indicators::TotalOf;

constexpr bool kUp = true;
constexpr bool kDown = false;

// ---- Targets -------------------------------------------------------------------------------------------------------

TEST(ComputeTarget, AnAbsoluteTargetIsItsValueWhateverTheBaseline) {
  const TargetRule reach_70{.rule = "value", .value = 70};
  EXPECT_EQ(ComputeTarget(reach_70, std::nullopt).value, 70);
  EXPECT_EQ(ComputeTarget(reach_70, 42).value, 70);
  EXPECT_EQ(ComputeTarget(reach_70, 42).why_none, "");
}

TEST(ComputeTarget, AtLeastAndAtMostAreTheirValue) {
  // EU 2030: at least 95% of Roma have access to tap water (here from a baseline of 78%).
  EXPECT_EQ(ComputeTarget({.rule = "at_least", .value = 95}, 78).value, 95);
  EXPECT_EQ(ComputeTarget({.rule = "at_most", .value = 13}, std::nullopt).value, 13);
}

TEST(ComputeTarget, HalvingTheGapMeetsTheGeneralPopulationHalfWay) {
  // Early-childhood education: Roma 42%, the general population 95%; halve the gap of 53 points → 95 − 26.5.
  const TargetRule halve_the_gap{.rule = "gap", .factor = 0.5, .reference = 95};
  const indicators::TargetValue target = ComputeTarget(halve_the_gap, 42);
  EXPECT_EQ(target.value, 68.5);
  EXPECT_EQ(target.why_none, "");
}

TEST(ComputeTarget, CuttingTheGapByAThirdLeavesTwoThirdsOfIt) {
  // Housing deprivation: Roma 61% (2016), the general population 18%; two thirds of the 43 points remain, closing
  // from above.
  const std::optional<double> housing = ComputeTarget({.rule = "gap", .factor = 2.0 / 3.0, .reference = 18}, 61).value;
  ASSERT_TRUE(housing);
  EXPECT_NEAR(*housing, 46.67, 0.005);
  // Upper-secondary completion, 28% against 84%, closes from below: 37.33 of the 56 points remain.
  const std::optional<double> completion =
      ComputeTarget({.rule = "gap", .factor = 2.0 / 3.0, .reference = 84}, 28).value;
  ASSERT_TRUE(completion);
  EXPECT_NEAR(*completion, 46.67, 0.005);
}

TEST(ComputeTarget, AChangeMultipliesTheBaseline) {
  // Halve the share of Roma who experience discrimination, 26% in 2016; double the share who report it, from 7%.
  EXPECT_EQ(ComputeTarget({.rule = "change", .factor = 0.5}, 26).value, 13);
  EXPECT_EQ(ComputeTarget({.rule = "change", .factor = 2}, 7).value, 14);
}

TEST(ComputeTarget, ARelativeTargetWithoutABaselineHasNoValueAndSaysWhy) {
  const indicators::TargetValue change = ComputeTarget({.rule = "change", .factor = 0.5}, std::nullopt);
  EXPECT_EQ(change.value, std::nullopt);
  EXPECT_EQ(change.why_none, indicators::kNoBaseline);
  const indicators::TargetValue gap = ComputeTarget({.rule = "gap", .factor = 0.5, .reference = 95}, std::nullopt);
  EXPECT_EQ(gap.value, std::nullopt);
  EXPECT_EQ(gap.why_none, indicators::kNoBaseline);
}

TEST(ComputeTarget, AGapWithoutTheGeneralPopulationsValueHasNoValueAndSaysWhy) {
  const indicators::TargetValue target = ComputeTarget({.rule = "gap", .factor = 0.5}, 42);
  EXPECT_EQ(target.value, std::nullopt);
  EXPECT_EQ(target.why_none, indicators::kNoReference);
}

TEST(ComputeTarget, ARuleWithoutItsValueOrFactorIsIncomplete) {
  for (const TargetRule& rule :
       {TargetRule{.rule = "value"}, TargetRule{.rule = "at_least"}, TargetRule{.rule = "at_most"},
        TargetRule{.rule = "change"}, TargetRule{.rule = "gap", .reference = 95},
        TargetRule{.rule = "change", .value = 0.5} /* the factor in the wrong field */,
        TargetRule{.rule = "triple", .value = 3, .factor = 3}}) {
    const indicators::TargetValue target = ComputeTarget(rule, 42);
    EXPECT_EQ(target.value, std::nullopt) << rule.rule;
    EXPECT_EQ(target.why_none, indicators::kRuleIncomplete) << rule.rule;
  }
}

// ---- Progress ------------------------------------------------------------------------------------------------------

TEST(MeasureProgress, MeasuresTheWayFromTheBaselineToATargetAbove) {
  // Early-childhood education: 42% (2016) → target 68.5%, 53% in 2024: 11 of the 26.5 points.
  const Progress progress = MeasureProgress(kUp, 42, 68.5, 53);
  ASSERT_TRUE(progress.percent);
  EXPECT_NEAR(*progress.percent, 41.5, 0.05);
  EXPECT_EQ(progress.bar, progress.percent);
  EXPECT_FALSE(progress.achieved);
  EXPECT_EQ(progress.why_none, "");
  EXPECT_EQ(MeasureProgress(kUp, 42, 68.5, 55.25).percent, 50);
}

TEST(MeasureProgress, MeasuresTheWayFromTheBaselineToATargetBelow) {
  // Housing deprivation: 61% (2016) → target 46.67%, 47% in 2024: nearly there, not yet reached.
  const double housing_target = 18 + (61 - 18) * 2.0 / 3.0;
  const Progress progress = MeasureProgress(kDown, 61, housing_target, 47);
  ASSERT_TRUE(progress.percent);
  EXPECT_NEAR(*progress.percent, 97.7, 0.05);
  EXPECT_EQ(progress.bar, progress.percent);
  EXPECT_FALSE(progress.achieved);
  // Discrimination experienced: 26% → target 13%, reached at 13% and below.
  EXPECT_TRUE(MeasureProgress(kDown, 26, 13, 13).achieved);
  EXPECT_EQ(MeasureProgress(kDown, 26, 13, 13).percent, 100);
  EXPECT_TRUE(MeasureProgress(kDown, 26, 13, 12).achieved);
  EXPECT_FALSE(MeasureProgress(kDown, 26, 13, 14).achieved);
}

TEST(MeasureProgress, AtLeast95PercentIsAchievedAt95AndAbove) {
  const double target = *ComputeTarget({.rule = "at_least", .value = 95}, 78).value;
  EXPECT_FALSE(MeasureProgress(kUp, 78, target, 94.9).achieved);
  EXPECT_EQ(MeasureProgress(kUp, 78, target, 86.5).percent, 50);
  const Progress reached = MeasureProgress(kUp, 78, target, 95);
  EXPECT_TRUE(reached.achieved);
  EXPECT_EQ(reached.percent, 100);
  EXPECT_EQ(reached.bar, 100);
}

TEST(MeasureProgress, BeyondTheTargetGoesAbove100AndFillsTheBar) {
  const Progress up = MeasureProgress(kUp, 42, 68.5, 75);
  ASSERT_TRUE(up.percent);
  EXPECT_NEAR(*up.percent, 124.5, 0.05);
  EXPECT_EQ(up.bar, 100);
  EXPECT_TRUE(up.achieved);
  const Progress down = MeasureProgress(kDown, 26, 13, 0);
  EXPECT_EQ(down.percent, 200);
  EXPECT_EQ(down.bar, 100);
  EXPECT_TRUE(down.achieved);
}

TEST(MeasureProgress, MovingAwayFromTheTargetIsBelowZeroWithAnEmptyBar) {
  // Discrimination experienced: 26% (2016) → target 13%, 31% in 2024.
  const Progress down = MeasureProgress(kDown, 26, 13, 31);
  ASSERT_TRUE(down.percent);
  EXPECT_NEAR(*down.percent, -38.5, 0.05);
  EXPECT_EQ(down.bar, 0);
  EXPECT_FALSE(down.achieved);
  const Progress up = MeasureProgress(kUp, 42, 68.5, 36.7);
  ASSERT_TRUE(up.percent);
  EXPECT_NEAR(*up.percent, -20, 1e-9);
  EXPECT_EQ(up.bar, 0);
  EXPECT_FALSE(up.achieved);
}

TEST(MeasureProgress, ABaselineEqualToTheTargetIsHeldOrLost) {
  const Progress held = MeasureProgress(kUp, 95, 95, 96);
  EXPECT_EQ(held.percent, 100);
  EXPECT_EQ(held.bar, 100);
  EXPECT_TRUE(held.achieved);
  EXPECT_EQ(MeasureProgress(kUp, 95, 95, 95).percent, 100);
  const Progress lost = MeasureProgress(kUp, 95, 95, 94);
  EXPECT_EQ(lost.percent, 0);
  EXPECT_EQ(lost.bar, 0);
  EXPECT_FALSE(lost.achieved);
  EXPECT_EQ(MeasureProgress(kDown, 13, 13, 12).percent, 100);
  EXPECT_EQ(MeasureProgress(kDown, 13, 13, 14).percent, 0);
}

TEST(MeasureProgress, ABaselineAlreadyBeyondTheTargetIsHeldOrLostNotAStepAway) {
  // At least 95% with tap water where 97% already had it: 98% is an improvement, not "moving away".
  const Progress held = MeasureProgress(kUp, 97, 95, 98);
  EXPECT_EQ(held.percent, 100);
  EXPECT_TRUE(held.achieved);
  const Progress still_held = MeasureProgress(kUp, 97, 95, 96);
  EXPECT_EQ(still_held.percent, 100);
  const Progress lost = MeasureProgress(kUp, 97, 95, 90);
  EXPECT_EQ(lost.percent, 0);
  EXPECT_FALSE(lost.achieved);
  // At most 5% without tap water where 3% lack it: held at 5% and below, lost at 6%.
  EXPECT_EQ(MeasureProgress(kDown, 3, 5, 4).percent, 100);
  EXPECT_EQ(MeasureProgress(kDown, 3, 5, 5).percent, 100);
  const Progress lost_down = MeasureProgress(kDown, 3, 5, 6);
  EXPECT_EQ(lost_down.percent, 0);
  EXPECT_EQ(lost_down.bar, 0);
  EXPECT_FALSE(lost_down.achieved);
}

TEST(MeasureProgress, WithoutATargetThereIsNoProgressAndItSaysSo) {
  const Progress progress = MeasureProgress(kUp, 42, std::nullopt, 55);
  EXPECT_EQ(progress.percent, std::nullopt);
  EXPECT_EQ(progress.bar, std::nullopt);
  EXPECT_FALSE(progress.achieved);
  EXPECT_EQ(progress.why_none, indicators::kNoTarget);
}

TEST(MeasureProgress, WithoutACurrentValueThereIsNoProgressAndItSaysSo) {
  const Progress progress = MeasureProgress(kUp, 42, 68.5, std::nullopt);
  EXPECT_EQ(progress.percent, std::nullopt);
  EXPECT_EQ(progress.bar, std::nullopt);
  EXPECT_FALSE(progress.achieved);
  EXPECT_EQ(progress.why_none, indicators::kNoCurrentValue);
}

TEST(MeasureProgress, WithoutABaselineThereIsNoPercentButReachingTheTargetStillCounts) {
  const Progress short_of_it = MeasureProgress(kUp, std::nullopt, 95, 80);
  EXPECT_EQ(short_of_it.percent, std::nullopt);
  EXPECT_EQ(short_of_it.bar, std::nullopt);
  EXPECT_FALSE(short_of_it.achieved);
  EXPECT_EQ(short_of_it.why_none, indicators::kNoBaselineValue);
  const Progress reached = MeasureProgress(kUp, std::nullopt, 95, 96);
  EXPECT_EQ(reached.percent, std::nullopt);
  EXPECT_TRUE(reached.achieved);
}

// ---- Totals --------------------------------------------------------------------------------------------------------

TEST(TotalOf, TakesTheTotalAsGiven) {
  const indicators::Total total = TotalOf("people", {{"total", 120}});
  EXPECT_EQ(total.value, 120);
  EXPECT_FALSE(total.summed);
  EXPECT_EQ(total.why_none, "");
}

TEST(TotalOf, NeverReplacesAGivenTotalByASum) {
  // Three women and four men were counted, and ten people in all (three did not say): the total is ten.
  const indicators::Total total = TotalOf("people", {{"female", 3}, {"male", 4}, {"total", 10}});
  EXPECT_EQ(total.value, 10);
  EXPECT_FALSE(total.summed);
}

TEST(TotalOf, SumsACompleteBreakdownOfPeopleOrThings) {
  const indicators::Total by_sex = TotalOf("people", {{"female", 61}, {"male", 59}});
  EXPECT_EQ(by_sex.value, 120);
  EXPECT_TRUE(by_sex.summed);
  EXPECT_EQ(by_sex.why_none, "");
  const indicators::Total by_age =
      TotalOf("count", {{"age_0_17", 4}, {"age_18_24", 3}, {"age_25_54", 2}, {"age_55_64", 1}, {"age_65_plus", 0}});
  EXPECT_EQ(by_age.value, 10);
  EXPECT_TRUE(by_age.summed);
}

TEST(TotalOf, ShowsNoTotalForABreakdownThatCoversOnlyPartOfIt) {
  const indicators::Total women_only = TotalOf("people", {{"female", 61}});
  EXPECT_EQ(women_only.value, std::nullopt);
  EXPECT_EQ(women_only.why_none, indicators::kPartialBreakdown);
  // Four of five age bands and one sex: neither dimension is whole.
  const indicators::Total four_bands =
      TotalOf("people", {{"male", 50}, {"age_0_17", 40}, {"age_18_24", 30}, {"age_25_54", 20}, {"age_55_64", 10}});
  EXPECT_EQ(four_bands.value, std::nullopt);
  EXPECT_EQ(four_bands.why_none, indicators::kPartialBreakdown);
}

// Six women and four men, and the same people by age, the oldest band holding `aged_65_plus`.
std::vector<BreakdownValue> TenBySexAndAge(double aged_65_plus) {
  return {{"female", 6},
          {"male", 4},
          {"age_0_17", 5},
          {"age_18_24", 2},
          {"age_25_54", 1},
          {"age_55_64", 1},
          {"age_65_plus", aged_65_plus}};
}

TEST(TotalOf, TakesEitherCompleteBreakdownWhenBothAgree) {
  const indicators::Total total = TotalOf("people", TenBySexAndAge(1));
  EXPECT_EQ(total.value, 10);
  EXPECT_TRUE(total.summed);
}

TEST(TotalOf, ShowsNoTotalWhenTheCompleteBreakdownsDisagree) {
  const indicators::Total total = TotalOf("people", TenBySexAndAge(2));
  EXPECT_EQ(total.value, std::nullopt);
  EXPECT_EQ(total.why_none, indicators::kBreakdownsDisagree);
}

TEST(TotalOf, NeverSumsShares) {
  // 40% of women and 50% of men in work is not 90% of everyone in work.
  for (const char* unit : {"percent", "points"}) {
    const indicators::Total total = TotalOf(unit, {{"female", 40}, {"male", 50}});
    EXPECT_EQ(total.value, std::nullopt) << unit;
    EXPECT_FALSE(total.summed) << unit;
    EXPECT_EQ(total.why_none, indicators::kSharesDoNotAdd) << unit;
  }
  EXPECT_EQ(TotalOf("percent", {{"female", 40}, {"male", 50}, {"total", 45}}).value, 45) << "a given share stands";
}

TEST(TotalOf, NeverSumsYearsScoresOrOtherNumbers) {
  for (const char* unit : {"years", "score", "number"}) {
    const indicators::Total total = TotalOf(unit, {{"female", 72}, {"male", 66}});
    EXPECT_EQ(total.value, std::nullopt) << unit;
    EXPECT_EQ(total.why_none, indicators::kValuesDoNotAdd) << unit;
  }
}

TEST(TotalOf, ShowsNoTotalWithoutValues) {
  const indicators::Total total = TotalOf("people", {});
  EXPECT_EQ(total.value, std::nullopt);
  EXPECT_EQ(total.why_none, indicators::kNoCurrentValue);
}

}  // namespace
