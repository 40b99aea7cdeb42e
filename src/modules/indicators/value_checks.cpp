#include "modules/indicators/value_checks.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <limits>
#include <numeric>

#include "core/text.hpp"

namespace indicators {
namespace {

// The spaces people and spreadsheets put between groups of thousands: the space, the no-break space (U+00A0, as
// Bulgarian number formats write) and the narrow no-break space (U+202F, as French and newer CLDR formats write).
constexpr std::string_view kGroupSeparators[] = {" ", "\u00A0", "\u202F"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The length of the group separator `text` starts with, or 0.
std::size_t GroupSeparatorAt(std::string_view text) {
  for (const std::string_view separator : kGroupSeparators) {
    if (text.starts_with(separator)) return separator.size();
  }
  return 0;
}

// Moves the digits `text` starts with to `out`; returns how many there were.
std::size_t TakeDigits(std::string_view& text, std::string& out) {
  std::size_t count = 0;
  while (count < text.size() && IsDigit(text[count])) ++count;
  out.append(text.substr(0, count));
  text.remove_prefix(count);
  return count;
}

// `text` as a plain decimal number for std::from_chars ("-1234.5"), or nullopt when it is not written as
// [+|-]digits[,|.digits], the digits before the separator in groups of three when spaces separate them.
std::optional<std::string> PlainDecimal(std::string_view text) {
  std::string plain;
  if (text.starts_with('+') || text.starts_with('-')) {
    if (text[0] == '-') plain += '-';
    text.remove_prefix(1);
  }
  const std::size_t leading = TakeDigits(text, plain);
  if (leading == 0) return std::nullopt;
  // "1 234 567": a first group of one to three digits, then groups of exactly three.
  for (std::size_t separator = GroupSeparatorAt(text); separator > 0; separator = GroupSeparatorAt(text)) {
    if (leading > 3) return std::nullopt;
    text.remove_prefix(separator);
    if (TakeDigits(text, plain) != 3) return std::nullopt;
  }
  if (text.starts_with('.') || text.starts_with(',')) {
    plain += '.';
    text.remove_prefix(1);
    if (TakeDigits(text, plain) == 0) return std::nullopt;
  }
  if (!text.empty()) return std::nullopt;
  return plain;
}

double MedianOf(std::vector<double> values) {
  std::ranges::sort(values);
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

}  // namespace

core::Result<double> ParseValue(std::string_view text) {
  const auto not_a_number = [] { return core::Error::InvalidInput(std::string(kValueNotANumber)); };
  const std::optional<std::string> plain = PlainDecimal(core::TrimSpaces(text));
  if (!plain) return not_a_number();
  double value = 0;
  const auto [end, error] = std::from_chars(plain->data(), plain->data() + plain->size(), value);
  // Digits beyond what a double holds are out of range rather than infinite; refuse them either way.
  if (error != std::errc{} || end != plain->data() + plain->size() || !std::isfinite(value)) return not_a_number();
  return value == 0 ? 0.0 : value;  // "-0" is 0, not a negative zero that prints as "-0"
}

std::optional<std::string_view> RangeProblem(std::string_view unit, double value) {
  if (!std::isfinite(value)) return kValueNotANumber;
  if (unit == "percent" && (value < 0 || value > 100)) return kShareOutOfRange;
  if (unit == "score" && (value < 0 || value > 100)) return kScoreOutOfRange;
  if (unit == "points" && (value < -100 || value > 100)) return kPointsOutOfRange;
  if (unit == "people" || unit == "count") {
    if (value < 0) return kCountNegative;
    if (value != std::floor(value)) return kCountNotWhole;
  }
  return std::nullopt;
}

// Iglewicz, B. and Hoaglin, D. C. (1993), How to Detect and Handle Outliers, ASQC Quality Press: the modified
// z-score M = 0.6745 (x − median) / MAD, and an outlier when |M| > 3.5. The median and the median absolute deviation
// are not pulled by the outlier itself, as a mean and a standard deviation of a short series are.
std::optional<Outlier> FindOutlier(const std::vector<double>& series, double value) {
  constexpr std::size_t kMinimumEarlierValues = 4;
  constexpr double kMadToDeviation = 0.6745;       // 1 / 1.4826: MAD × 1.4826 estimates a normal distribution's σ
  constexpr double kMeanAdToDeviation = 1.253314;  // √(π/2): so does the mean absolute deviation × 1.2533
  constexpr double kThreshold = 3.5;

  std::vector<double> earlier;  // a value that is not finite has no place in a median (and breaks sorting)
  std::ranges::copy_if(series, std::back_inserter(earlier), [](double each) { return std::isfinite(each); });
  if (earlier.size() < kMinimumEarlierValues || std::isnan(value)) return std::nullopt;

  const double median = MedianOf(earlier);
  std::vector<double> deviations;
  deviations.reserve(earlier.size());
  for (const double each : earlier) deviations.push_back(std::abs(each - median));
  const double mean_deviation = std::accumulate(deviations.begin(), deviations.end(), 0.0) / deviations.size();
  const double mad = MedianOf(std::move(deviations));

  double score = 0;
  if (mad > 0) {
    score = kMadToDeviation * (value - median) / mad;
  } else if (mean_deviation > 0) {
    // More than half the earlier values are the median itself (small counts: 2, 2, 2, 3, 3): the MAD is 0 though the
    // series varies, so the spread is read from the mean absolute deviation instead, as IBM's statistics products do
    // ("Modified z score", IBM Cognos Analytics documentation). Otherwise a 3 after 2, 2, 2, 3, 3 would be flagged.
    score = (value - median) / (kMeanAdToDeviation * mean_deviation);
  } else if (value != median) {
    // Every earlier value is the same: any other value stands out, by as much as one can say.
    score = std::copysign(std::numeric_limits<double>::infinity(), value - median);
  }
  if (!(std::abs(score) > kThreshold)) return std::nullopt;
  return Outlier{.score = score, .median = median, .values = earlier.size()};
}

}  // namespace indicators
