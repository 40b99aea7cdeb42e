#pragma once
// One progress function for every indicator, target and page (docs/methodology.md): how far a value has come from its
// baseline towards its target, and what a target rule relative to a baseline comes to. Pure rules, no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace indicators {

// A target as its rule says it, stored as the rule and computed when read:
// - "value":    reach `value`                                        (an absolute target)
// - "at_least": reach at least `value`    (e.g. at least 95%)        (direction up)
// - "at_most":  come down to at most `value`                         (direction down)
// - "change":   baseline × `factor`        (halve: 0.5, cut by a third: 2/3, double: 2)
// - "gap":      reference + (baseline − reference) × `factor`, the gap to `reference` (the general population's
//               value) changed by `factor` (halve the gap: 0.5; cut the gap by a third: 2/3)
struct TargetRule {
  std::string rule = "value";
  // Initialised, so that a rule written with designated initialisers ({.rule = "change", .factor = 0.5}) passes
  // -Wmissing-field-initializers.
  std::optional<double> value = std::nullopt;
  std::optional<double> factor = std::nullopt;
  std::optional<double> reference = std::nullopt;
  bool operator==(const TargetRule&) const = default;
};

inline constexpr std::string_view kTargetRules[] = {"value", "at_least", "at_most", "change", "gap"};

// The target value a rule comes to for a baseline, or why there is none (a msgid below).
struct TargetValue {
  std::optional<double> value;
  std::string_view why_none;  // empty when there is a value
};
TargetValue ComputeTarget(const TargetRule& rule, std::optional<double> baseline);

inline constexpr std::string_view kNoBaseline = "No baseline: the target is relative to a value nobody has given.";
inline constexpr std::string_view kNoReference = "No value for the general population to measure the gap against.";
inline constexpr std::string_view kRuleIncomplete = "The target's rule lacks its value or factor.";
inline constexpr std::string_view kNoCurrentValue = "No value for the period yet.";
inline constexpr std::string_view kNoBaselineValue = "No baseline value to measure progress from.";
inline constexpr std::string_view kNoTarget = "No target has been set, so there is no progress to measure.";

// How far `current` has come from `baseline` towards `target` for an indicator whose better direction is `up`
// (true) or down. `percent` is (current − baseline) / (target − baseline) × 100, not clamped: below 0 means it moved
// away from the target, above 100 beyond it; `bar` is the same clamped to 0–100 for a progress bar. `achieved` says
// whether current is at or beyond the target in the better direction. A baseline equal to the target, or already
// beyond it in the better direction (at least 95% from a baseline of 97%), gives 100 when the target is achieved and
// 0 otherwise: there is no way to go. No baseline, no target or no current value: no percent, and `why_none` (a msgid)
// says which; `achieved` is still known from a target and a current value without a baseline.
struct Progress {
  std::optional<double> percent;
  std::optional<double> bar;
  bool achieved = false;
  std::string_view why_none;
};
Progress MeasureProgress(bool up, std::optional<double> baseline, std::optional<double> target,
                         std::optional<double> current);

// One value of a cell by its breakdown ("total", "female", "age_18_24" …).
struct BreakdownValue {
  std::string breakdown;
  double value = 0;
};

// The total of a cell: the value given for "total" when there is one (never replaced by a sum); otherwise, for a unit
// whose values add up (a count of people or of things), the sum over one dimension's categories when all of them are
// given (female and male; every age band); otherwise nothing, and `why_none` (a msgid) says why. A share is never
// summed. When both dimensions are complete the sum by sex is taken, unless the sum by age differs: then no total.
// No values at all: no total, kNoCurrentValue.
struct Total {
  std::optional<double> value;
  bool summed = false;  // the sum of a complete breakdown, not a value anyone gave
  std::string_view why_none;
};
Total TotalOf(std::string_view unit, const std::vector<BreakdownValue>& values);

inline constexpr std::string_view kPartialBreakdown =
    "The breakdown covers only part of the total, so no total is shown.";
inline constexpr std::string_view kSharesDoNotAdd = "Shares of parts do not add up to a share of the whole.";
inline constexpr std::string_view kValuesDoNotAdd =
    "Values of the parts (years, scores, other numbers) do not add up to a value of the whole.";
inline constexpr std::string_view kBreakdownsDisagree =
    "The breakdowns by sex and by age add up to different totals, so no total is shown.";

}  // namespace indicators
