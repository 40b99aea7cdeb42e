#pragma once
// Server-rendered SVG charts of one numeric series (e.g. population of a municipality by year).
// The output is inline SVG for an HTML page: no script, no style attributes (CSP-safe), presentation attributes
// that look right unstyled (currentColor) and classes the stylesheet may override. A data table beside the chart
// carries the same numbers for screen readers and print.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "web/svg_common.hpp"

namespace web {

struct ChartPoint {
  std::string label;  // shown under the x axis, e.g. "2011"
  double value;       // a non-finite value (NaN) is a missing observation: no bar, a gap in the line
};

struct ChartOptions {
  std::string title;                   // <title>, the accessible name
  std::string description;             // <desc>, the accessible description; may be empty
  std::string id_prefix = "chart";     // ids inside the SVG start with it; give each chart on a page its own
  std::string empty_text = "No data";  // shown instead of a chart when no point has a value
  int width = 640;                     // viewBox units; the SVG itself scales to its container (width="100%")
  int height = 280;
  // Turns a value into text for tick labels and hover titles, e.g. "72 012" in Bulgarian. Locale-aware formatting
  // belongs to the caller; when empty, values are written plainly ("72012", "2.5").
  std::function<std::string(double)> format_value;
};

std::string RenderBarChart(const std::vector<ChartPoint>& points, const ChartOptions& options);
// Shares out of 100 as horizontal bars, one a row, each under its label (which may be long) with a faint track to 100
// behind it and its value beside it; a point without a value says options.empty_text in place of its bar. The height
// follows from the rows (options.height is not used).
std::string RenderShareBars(const std::vector<ChartPoint>& points, const ChartOptions& options);
std::string RenderLineChart(const std::vector<ChartPoint>& points, const ChartOptions& options);

// The y axis: ticks from `ticks.front()` to `ticks.back()`, evenly spaced by 1, 2, 2.5 or 5 × 10^n, 4 to 6 of them,
// including 0 and covering every value. Exposed for tests and for callers that draw their own axes.
std::vector<double> NiceTicks(double min_value, double max_value);

}  // namespace web
