// libFuzzer target for what people type into an indicator's form and what exchange files carry: the period
// (indicators::ParsePeriod) and the value (indicators::ParseValue). Whatever the bytes, neither crashes nor reads out
// of bounds; a period read is a real one whose canonical code reads back as the same period, and a value read is a
// finite number. Each line of the input is also a value of a series, and the last one is checked against the others
// for an outlier (indicators::FindOutlier), whose score must then be beyond 3.5 from at least 4 values.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target indicator_values_fuzz -j2
//   build/fuzz/indicator_values_fuzz -max_total_time=300 fuzz/corpus/indicator_values

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

#include "modules/indicators/periods.hpp"
#include "modules/indicators/value_checks.hpp"

namespace {

void CheckPeriod(std::string_view text) {
  const std::optional<indicators::Period> period = indicators::ParsePeriod(text);
  if (!period) return;
  if (indicators::ParsePeriod(period->code) != period) std::abort();
  if (period->year < 1900 || period->year > 2100) std::abort();
  if (period->start.size() != 10 || period->end.size() != 10 || period->start > period->end) std::abort();
  if (!indicators::Contains(period.value(), period.value())) std::abort();
}

std::optional<double> CheckValue(std::string_view text) {
  const core::Result<double> value = indicators::ParseValue(text);
  if (!value) {
    if (value.error().message != indicators::kValueNotANumber) std::abort();
    return std::nullopt;
  }
  if (!std::isfinite(*value)) std::abort();
  for (const std::string_view unit : {"percent", "points", "people", "count", "years", "score", "number"}) {
    (void)indicators::RangeProblem(unit, *value);
  }
  return *value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckPeriod(text);
  CheckValue(text);

  std::vector<double> series;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    CheckPeriod(line);
    if (const std::optional<double> value = CheckValue(line)) series.push_back(*value);
    start = end + 1;
  }
  if (series.empty()) return 0;
  const double latest = series.back();
  series.pop_back();
  if (const std::optional<indicators::Outlier> outlier = indicators::FindOutlier(series, latest)) {
    if (!(std::abs(outlier->score) > 3.5) || outlier->values < 4 || outlier->values > series.size()) std::abort();
  }
  return 0;
}
