#pragma once
// A server-rendered SVG chart of several series over the same periods: an indicator's values at one place as an
// official statistic, a community organisation's monitoring and a survey give them. Series are told apart without
// colour (print, colour blindness): each has a line style and a marker shape, and a legend above the plot shows a
// sample of both beside its name. Like the one-series charts (svg_chart.hpp): inline SVG with no script and no style
// attributes (CSP-safe), presentation attributes with currentColor, and classes the stylesheet may colour.

#include <optional>
#include <string>
#include <vector>

#include "web/svg_chart.hpp"

namespace web {

enum class LineStyle { kSolid, kDashed, kDotted };
enum class MarkerShape { kCircle, kSquare, kDiamond, kTriangle };

struct ChartSeries {
  std::string name;  // shown in the legend and in each point's <title>
  // One per label. A missing value (NaN, or any non-finite value, or none as `values` is short) breaks the line
  // there and has no marker; values past the last label are ignored.
  std::vector<double> values;
  LineStyle line = LineStyle::kSolid;
  MarkerShape marker = MarkerShape::kCircle;
  // Added to the series' <g> and to its legend entry, e.g. "series-official", for the stylesheet's colour (`color`:
  // lines, markers and the legend's name are drawn in currentColor).
  std::string css_class = "";
};

// A horizontal line across the plot, such as a target: thin and dashed, with its label inside the plot.
struct ReferenceLine {
  double value;
  std::string label;
};

// The y axis's range at least; values and reference lines outside it widen it.
struct YRange {
  double low;
  double high;
};

struct SeriesChartOptions : ChartOptions {
  // The y axis covers at least this range: {0, 100} for a share in percent, so that 30 % does not fill the plot.
  std::optional<YRange> y_range;
};

// `labels` are the periods, in order ("2016", "2021", "2026Q1"), placed at equal distances; crowded labels are
// thinned. The y axis covers every value and every reference line (NiceTicks). `options.height` is the plot's with
// its axes; the legend adds a row above it for each line of names. Without any finite value (or without labels),
// the chart is `options.empty_text`.
std::string RenderSeriesChart(const std::vector<std::string>& labels, const std::vector<ChartSeries>& series,
                              const std::vector<ReferenceLine>& references, const SeriesChartOptions& options);

}  // namespace web
