#include "modules/indicators/progress.hpp"

#include <algorithm>

#include "modules/indicators/indicators.hpp"

namespace indicators {
namespace {

TargetValue NoTarget(std::string_view why) { return {.value = std::nullopt, .why_none = why}; }

// The sum of one dimension's categories (female + male), or nullopt when a category of it is not given: a part of the
// total is not the total. A category given twice counts once, by its first value.
std::optional<double> SumOfDimension(std::string_view dimension, const std::vector<BreakdownValue>& values) {
  double sum = 0;
  for (const Breakdown& category : kBreakdowns) {
    if (category.dimension != dimension) continue;
    const auto given = std::ranges::find(values, category.code, &BreakdownValue::breakdown);
    if (given == values.end()) return std::nullopt;
    sum += given->value;
  }
  return sum;
}

}  // namespace

TargetValue ComputeTarget(const TargetRule& rule, std::optional<double> baseline) {
  if (rule.rule == "value" || rule.rule == "at_least" || rule.rule == "at_most") {
    if (!rule.value) return NoTarget(kRuleIncomplete);
    return {.value = rule.value, .why_none = {}};
  }
  if (rule.rule == "change") {
    if (!rule.factor) return NoTarget(kRuleIncomplete);
    if (!baseline) return NoTarget(kNoBaseline);
    return {.value = *baseline * *rule.factor, .why_none = {}};
  }
  if (rule.rule == "gap") {
    if (!rule.factor) return NoTarget(kRuleIncomplete);
    if (!rule.reference) return NoTarget(kNoReference);
    if (!baseline) return NoTarget(kNoBaseline);
    return {.value = *rule.reference + (*baseline - *rule.reference) * *rule.factor, .why_none = {}};
  }
  return NoTarget(kRuleIncomplete);  // a rule this version does not know says nothing it could compute
}

Progress MeasureProgress(bool up, std::optional<double> baseline, std::optional<double> target,
                         std::optional<double> current) {
  Progress progress;
  if (!target) {
    progress.why_none = kNoTarget;
    return progress;
  }
  if (!current) {
    progress.why_none = kNoCurrentValue;
    return progress;
  }
  progress.achieved = up ? *current >= *target : *current <= *target;
  if (!baseline) {
    progress.why_none = kNoBaselineValue;
    return progress;
  }
  // A target the baseline already meets leaves no way to go, and the formula would divide by 0 or count a step in the
  // better direction as a step away: the target is either held (100) or lost (0).
  const bool way_to_go = up ? *target > *baseline : *target < *baseline;
  const double percent =
      way_to_go ? (*current - *baseline) / (*target - *baseline) * 100 : (progress.achieved ? 100.0 : 0.0);
  progress.percent = percent;
  progress.bar = std::clamp(percent, 0.0, 100.0);
  return progress;
}

Total TotalOf(std::string_view unit, const std::vector<BreakdownValue>& values) {
  // A total somebody gave is what they counted; a sum of parts never replaces it.
  const auto given = std::ranges::find(values, "total", &BreakdownValue::breakdown);
  if (given != values.end()) return {.value = given->value, .summed = false, .why_none = {}};
  if (values.empty()) return {.value = std::nullopt, .summed = false, .why_none = kNoCurrentValue};
  if (unit == "percent" || unit == "points")
    return {.value = std::nullopt, .summed = false, .why_none = kSharesDoNotAdd};
  if (unit != "people" && unit != "count") return {.value = std::nullopt, .summed = false, .why_none = kValuesDoNotAdd};

  std::optional<double> total;  // the first complete dimension's sum, in the order of kDimensions: sex, then age
  for (const std::string_view dimension : kDimensions) {
    const std::optional<double> sum = SumOfDimension(dimension, values);
    if (!sum) continue;
    if (total && *sum != *total) {
      return {.value = std::nullopt, .summed = false, .why_none = kBreakdownsDisagree};
    }
    total = sum;
  }
  if (!total) return {.value = std::nullopt, .summed = false, .why_none = kPartialBreakdown};
  return {.value = total, .summed = true, .why_none = {}};
}

}  // namespace indicators
