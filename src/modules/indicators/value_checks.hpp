#pragma once
// What a value typed for an indicator must be, and what makes it worth a second look. Pure rules, no I/O.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace indicators {

// A value as people type it: "12.5", "12,5", "1 234", "1 234,5", "-3", "+3"; spaces (also U+00A0 and U+202F) as
// thousands separators. "N/A", "н/д", "-", "", "12%", "1e3", "1.234,5" (both separators) and anything else are refused
// with a message (a msgid below) that says what to do instead.
core::Result<double> ParseValue(std::string_view text);

inline constexpr std::string_view kValueNotANumber =
    "Write a number. If there is no figure, leave the value out and say why in the note.";

// What a value of a unit may be: a share or a score 0–100, percentage points −100–100, a count of people or of
// things a whole number not below 0, years and other numbers anything finite. The problem as a msgid, or nullopt.
std::optional<std::string_view> RangeProblem(std::string_view unit, double value);

inline constexpr std::string_view kShareOutOfRange = "A share is between 0 and 100.";
inline constexpr std::string_view kScoreOutOfRange = "A score is between 0 and 100.";
inline constexpr std::string_view kPointsOutOfRange = "A difference in percentage points is between -100 and 100.";
inline constexpr std::string_view kCountNegative = "A count cannot be below 0.";
inline constexpr std::string_view kCountNotWhole = "A count is a whole number.";

// A value far from the place's own earlier values for the same indicator: stored, but flagged for review.
struct Outlier {
  double score = 0;        // the modified z-score, 0.6745 × (value − median) / MAD
  double median = 0;       // of the earlier values
  std::size_t values = 0;  // how many earlier values it was compared with
};

// The modified z-score (Iglewicz and Hoaglin) of `value` against `series`, when its absolute value is above 3.5;
// nullopt when it is not, or when there are fewer than 4 earlier (finite) values. When the median absolute deviation
// is 0 but the earlier values differ (2, 2, 2, 3, 3), the spread is 1.253314 × their mean absolute deviation from the
// median instead; when all earlier values are equal, any different value is an outlier with an infinite score.
std::optional<Outlier> FindOutlier(const std::vector<double>& series, double value);

}  // namespace indicators
