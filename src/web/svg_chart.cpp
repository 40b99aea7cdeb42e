#include "web/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace web {

namespace {

using svg_detail::FormatValue;
constexpr int kMaxIntervals = 5;   // 6 ticks at most
constexpr double kBarShare = 0.7;  // a bar fills this share of its band; the rest is the gap between bars

enum class ChartKind { kBar, kLine };

double RoundToTenth(double value) { return std::round(value * 10.0) / 10.0; }

double Pow10(int exponent) { return std::pow(10.0, exponent); }

// k × 10^exponent, dividing by an exact power of ten for negative exponents so that 3 × 0.1 reads as 0.3.
double Scaled(double k, int exponent) { return exponent >= 0 ? k * Pow10(exponent) : k / Pow10(-exponent); }

std::string RenderChart(const std::vector<ChartPoint>& points, const ChartOptions& options, ChartKind kind) {
  using svg_detail::FormatCoordinate;
  const std::string id_prefix = svg_detail::SafeIdPrefix(options.id_prefix, "chart");
  const int width = svg_detail::ClampSide(options.width, 640);
  const int height = svg_detail::ClampSide(options.height, 280);

  bool any_value = false;
  double min_value = 0.0;
  double max_value = 0.0;
  for (const auto& point : points) {
    if (!std::isfinite(point.value)) continue;
    min_value = any_value ? std::min(min_value, point.value) : point.value;
    max_value = any_value ? std::max(max_value, point.value) : point.value;
    any_value = true;
  }
  if (!any_value) {
    return svg_detail::RenderEmptyChart(id_prefix, width, options.title, options.description, options.empty_text);
  }

  const std::vector<double> ticks = NiceTicks(min_value, max_value);
  std::vector<std::string> tick_labels;
  for (double tick : ticks) tick_labels.push_back(FormatValue(options.format_value, tick));
  std::vector<std::string> labels;
  for (const auto& point : points) labels.push_back(point.label);
  // Room above the plot for the upper half of the top tick label.
  const svg_detail::PlotArea plot =
      svg_detail::LayOutPlot(labels, ticks, tick_labels, svg_detail::kFontSize, width, height);

  std::string svg = svg_detail::OpenSvg(id_prefix, kind == ChartKind::kBar ? "chart chart-bars" : "chart chart-lines",
                                        width, height, options.title, options.description);
  svg += svg_detail::RenderPlotAxes(plot, ticks, tick_labels, labels);

  if (kind == ChartKind::kBar) {
    svg += "<g class=\"chart-series\" fill=\"currentColor\" fill-opacity=\"0.75\">";
    const std::string bar_width = FormatCoordinate(plot.band * kBarShare);
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (!std::isfinite(points[i].value)) continue;
      // Both ends are rounded first and the height taken from them, so the bar meets the axis exactly.
      const double end = RoundToTenth(plot.YOf(points[i].value));
      const double base = RoundToTenth(plot.YOf(0.0));
      svg += "<rect class=\"chart-bar\" x=\"" +
             FormatCoordinate(plot.left + (static_cast<double>(i) + (1.0 - kBarShare) / 2.0) * plot.band) + "\" y=\"" +
             FormatCoordinate(std::min(end, base)) + "\" width=\"" + bar_width + "\" height=\"" +
             FormatCoordinate(std::abs(end - base)) + "\"><title>" + EscapeXmlText(points[i].label) + ": " +
             EscapeXmlText(FormatValue(options.format_value, points[i].value)) + "</title></rect>";
    }
    svg += "</g>";
  } else {
    svg +=
        "<g class=\"chart-series\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" "
        "stroke-linejoin=\"round\">";
    std::string run;  // points of the current run of values; a missing value breaks the line
    std::size_t run_length = 0;
    auto flush = [&] {
      if (run_length >= 2) svg += "<polyline class=\"chart-line\" points=\"" + run + "\"/>";
      run.clear();
      run_length = 0;
    };
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (!std::isfinite(points[i].value)) {
        flush();
        continue;
      }
      if (!run.empty()) run += ' ';
      run += FormatCoordinate(plot.XCentre(i)) + "," + FormatCoordinate(plot.YOf(points[i].value));
      ++run_length;
    }
    flush();
    svg += "</g><g class=\"chart-points\" fill=\"currentColor\">";
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (!std::isfinite(points[i].value)) continue;
      svg += "<circle class=\"chart-point\" cx=\"" + FormatCoordinate(plot.XCentre(i)) + "\" cy=\"" +
             FormatCoordinate(plot.YOf(points[i].value)) + "\" r=\"3\"><title>" + EscapeXmlText(points[i].label) +
             ": " + EscapeXmlText(FormatValue(options.format_value, points[i].value)) + "</title></circle>";
    }
    svg += "</g>";
  }

  svg += svg_detail::RenderZeroLine(plot);
  svg += "</svg>";
  return svg;
}

}  // namespace

std::vector<double> NiceTicks(double min_value, double max_value) {
  if (!std::isfinite(min_value)) min_value = 0.0;
  if (!std::isfinite(max_value)) max_value = 0.0;
  if (min_value > max_value) std::swap(min_value, max_value);
  double low = std::min(0.0, min_value);
  double high = std::max(0.0, max_value);
  if (!(high - low > 1e-200)) high = low + 1.0;  // all zero (or vanishingly small): a unit axis

  // The smallest step of 1, 2, 2.5 or 5 × 10^n that needs at most kMaxIntervals intervals. Steps grow by at most
  // ×2, so the step below needed more than kMaxIntervals, hence at least 3 intervals (4 ticks) remain.
  constexpr std::array<int, 4> kMantissaTenths = {10, 20, 25, 50};
  const double rough = high / kMaxIntervals - low / kMaxIntervals;  // no overflow near ±DBL_MAX
  int exponent = static_cast<int>(std::floor(std::log10(rough)));
  for (int attempt = 0; attempt < 4; ++attempt, ++exponent) {
    for (int mantissa : kMantissaTenths) {
      const double step = Scaled(mantissa, exponent - 1);
      if (!std::isfinite(step) || step <= 0.0) continue;
      if (step < rough * (1.0 - 1e-12)) continue;
      // The slack absorbs rounding in the division: 0.3 / 0.1 must count as 3 intervals, not 4.
      const double first = std::floor(low / step + 1e-9);
      const double last = std::ceil(high / step - 1e-9);
      if (last - first > kMaxIntervals) continue;
      // first <= 0 <= last, so both lie within ±kMaxIntervals and convert to int safely.
      std::vector<double> ticks;
      for (int i = static_cast<int>(first); i <= static_cast<int>(last); ++i) {
        ticks.push_back(Scaled(static_cast<double>(i) * mantissa, exponent - 1));
      }
      return ticks;
    }
  }
  return {low, high};  // not reached for finite input; a safe answer all the same
}

std::string RenderBarChart(const std::vector<ChartPoint>& points, const ChartOptions& options) {
  return RenderChart(points, options, ChartKind::kBar);
}

std::string RenderLineChart(const std::vector<ChartPoint>& points, const ChartOptions& options) {
  return RenderChart(points, options, ChartKind::kLine);
}

std::string RenderShareBars(const std::vector<ChartPoint>& points, const ChartOptions& options) {
  using svg_detail::FormatCoordinate;
  const std::string id_prefix = svg_detail::SafeIdPrefix(options.id_prefix, "chart");
  const int width = svg_detail::ClampSide(options.width, 640);
  constexpr int kRow = 34;  // a label line and a bar under it
  constexpr int kBar = 12;
  const double track = width * 0.8;  // 100 reaches here; the value is written after the bar
  const int height = std::max<int>(kRow, static_cast<int>(points.size()) * kRow + 4);
  std::string svg =
      svg_detail::OpenSvg(id_prefix, "chart chart-share-bars", width, height, options.title, options.description);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const ChartPoint& point = points[i];
    const double top = static_cast<double>(i) * kRow;
    svg += "<text x=\"0\" y=\"" + FormatCoordinate(top + svg_detail::kFontSize) + "\" fill=\"currentColor\">" +
           EscapeXmlText(point.label) + "</text>";
    const double bar_top = top + svg_detail::kFontSize + 5;
    svg += "<rect class=\"chart-track\" x=\"0\" y=\"" + FormatCoordinate(bar_top) + "\" width=\"" +
           FormatCoordinate(track) + "\" height=\"" + std::to_string(kBar) +
           "\" fill=\"currentColor\" fill-opacity=\"0.1\"/>";
    const double text_y = bar_top + kBar - 1;
    if (!std::isfinite(point.value)) {
      svg += "<text x=\"4\" y=\"" + FormatCoordinate(text_y) + "\" fill=\"currentColor\" font-style=\"italic\">" +
             EscapeXmlText(options.empty_text) + "</text>";
      continue;
    }
    const double share = std::clamp(point.value, 0.0, 100.0) / 100.0;
    svg += "<rect class=\"chart-bar\" x=\"0\" y=\"" + FormatCoordinate(bar_top) + "\" width=\"" +
           FormatCoordinate(RoundToTenth(track * share)) + "\" height=\"" + std::to_string(kBar) +
           "\" fill=\"currentColor\" fill-opacity=\"0.75\"/>";
    svg += "<text x=\"" + FormatCoordinate(RoundToTenth(track * share) + 6) + "\" y=\"" + FormatCoordinate(text_y) +
           "\" fill=\"currentColor\">" + EscapeXmlText(FormatValue(options.format_value, point.value)) + "</text>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace web
