#pragma once
// What the SVG charts and maps share: XML escaping and the opening <svg> element with its accessible name; and what
// the charts share: the layout of a plot over categories with its axes, and the chart without data.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace web {

// XML text and attribute escaping (& < > " '), which also replaces invalid UTF-8 by U+FFFD and drops characters
// XML 1.0 forbids (control characters), so any user-entered text yields well-formed SVG.
std::string EscapeXmlText(std::string_view utf8);

// Helpers of the SVG renderers (svg_chart.cpp, svg_series_chart.cpp, svg_map.cpp); not for other callers.
namespace svg_detail {

// Set on every <svg>; the renderers lay out labels with it.
inline constexpr int kFontSize = 12;
inline constexpr double kCharWidth = 7.0;  // average advance of a glyph at kFontSize, for layout estimates only

// `requested` reduced to characters valid in an XML id (ASCII letters, digits, '-', '_'), starting with a letter;
// `fallback` when nothing is left.
std::string SafeIdPrefix(std::string_view requested, std::string_view fallback);

// A coordinate rounded to one decimal, without a trailing ".0": 12.25 → "12.3", -3 → "-3". Locale-independent.
std::string FormatCoordinate(double value);

// `<svg …>` with viewBox, width="100%", role="img", and the <title>/<desc> that name and describe it.
std::string OpenSvg(std::string_view id_prefix, std::string_view css_class, int width, int height,
                    std::string_view title, std::string_view description);

// A chart's side in viewBox units: `fallback` when not positive, otherwise kept between what can hold the chart's
// labels and a sane maximum.
int ClampSide(int value, int fallback);

// Characters (code points) in well-formed UTF-8: the unit of the layout's width estimates.
std::size_t CountCodePoints(std::string_view utf8);

// The shortest text that reads back as `value`, never in exponent form: 72012, 2.5, 0.001.
std::string PlainNumber(double value);

// `value` as the caller's `format_value` writes it, or as a PlainNumber when there is no formatter.
std::string FormatValue(const std::function<std::string(double)>& format_value, double value);

// A chart without data: its accessible name and description, and `empty_text` instead of the plot.
std::string RenderEmptyChart(std::string_view id_prefix, int width, std::string_view title,
                             std::string_view description, std::string_view empty_text);

// The plot of a chart over categories (years, periods): one band of equal width for each x label, and a y axis
// from `axis_low` to `axis_high` (the first and last tick).
struct PlotArea {
  double left;
  double right;
  double top;               // y of the plot's upper edge
  double bottom;            // y of the plot's lower edge
  double band;              // horizontal space of one category
  std::size_t label_every;  // show every n-th x label
  double axis_low;
  double axis_high;

  double YOf(double value) const;
  double XCentre(std::size_t index) const;
};

// Lays out a plot in a `width` × `height` viewBox, its upper edge at `top` (what is above it holds the upper half
// of the top tick label, and whatever else the chart draws there), with room for the tick labels on the left and the
// x labels below. When the x labels do not fit side by side, only every `label_every`-th is shown. `x_labels` and
// `ticks` are not empty.
PlotArea LayOutPlot(const std::vector<std::string>& x_labels, const std::vector<double>& ticks,
                    const std::vector<std::string>& tick_labels, double top, int width, int height);

// The horizontal grid lines and labels of the y axis, then the x labels (thinned, counted back from the last).
std::string RenderPlotAxes(const PlotArea& plot, const std::vector<double>& ticks,
                           const std::vector<std::string>& tick_labels, const std::vector<std::string>& x_labels);

// The x axis: a line across the plot at zero.
std::string RenderZeroLine(const PlotArea& plot);

}  // namespace svg_detail

}  // namespace web
