#include "web/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <system_error>

namespace web {

namespace {

using svg_detail::kFontSize;
constexpr double kCharWidth = 7.0;  // average advance of a glyph at kFontSize, for layout estimates only
constexpr int kMinSide = 60;        // below this a chart cannot hold its own labels
constexpr int kMaxSide = 4000;
constexpr int kEmptyChartHeight = 40;
constexpr int kMaxIntervals = 5;   // 6 ticks at most
constexpr double kBarShare = 0.7;  // a bar fills this share of its band; the rest is the gap between bars

enum class ChartKind { kBar, kLine };

int ClampSide(int value, int fallback) {
  if (value <= 0) return fallback;
  return std::clamp(value, kMinSide, kMaxSide);
}

std::size_t CountCodePoints(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u; }));
}

// The shortest text that reads back as `value`, never in exponent form: 72012, 2.5, 0.001.
std::string PlainNumber(double value) {
  if (!std::isfinite(value)) return "";
  std::array<char, 400> buffer{};  // fixed notation of DBL_MAX needs 309 digits
  const auto [end, error] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  if (error != std::errc()) return "";
  std::string text(buffer.data(), end);
  return text == "-0" ? "0" : text;
}

std::string FormatValue(const ChartOptions& options, double value) {
  return options.format_value ? options.format_value(value) : PlainNumber(value);
}

double RoundToTenth(double value) { return std::round(value * 10.0) / 10.0; }

double Pow10(int exponent) { return std::pow(10.0, exponent); }

// k × 10^exponent, dividing by an exact power of ten for negative exponents so that 3 × 0.1 reads as 0.3.
double Scaled(double k, int exponent) { return exponent >= 0 ? k * Pow10(exponent) : k / Pow10(-exponent); }

struct Layout {
  double left;
  double right;
  double top;
  double bottom;            // y of the plot's lower edge
  double band;              // horizontal space of one point
  std::size_t label_every;  // show every n-th x label
};

Layout ComputeLayout(const std::vector<ChartPoint>& points, const std::vector<std::string>& tick_labels, int width,
                     int height) {
  std::size_t longest_tick = 0;
  for (const auto& label : tick_labels) longest_tick = std::max(longest_tick, CountCodePoints(label));
  std::size_t longest_label = 1;
  for (const auto& point : points) longest_label = std::max(longest_label, CountCodePoints(point.label));

  Layout layout{};
  layout.left = std::min(width / 3.0, static_cast<double>(longest_tick) * kCharWidth + 10.0);
  layout.top = kFontSize;  // room for the upper half of the top tick label
  layout.bottom = height - (kFontSize + 12.0);
  layout.right = width - 10.0;
  const double count = static_cast<double>(points.size());
  const double label_width = static_cast<double>(longest_label) * kCharWidth + 8.0;
  layout.band = (layout.right - layout.left) / count;
  if (label_width > layout.band) {
    // Labels are thinned; the last one shown is centred on the last band and may stick out past it.
    const double overhang = std::clamp((label_width - layout.band) / 2.0 + 2.0, 10.0, width / 4.0);
    layout.right = std::max(layout.left + 1.0, width - overhang);
    layout.band = (layout.right - layout.left) / count;
  }
  layout.label_every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(label_width / layout.band)));
  return layout;
}

std::string RenderEmpty(const ChartOptions& options, std::string_view id_prefix, int width) {
  std::string svg =
      svg_detail::OpenSvg(id_prefix, "chart chart-empty", width, kEmptyChartHeight, options.title, options.description);
  svg += "<text x=\"" + svg_detail::FormatCoordinate(width / 2.0) + "\" y=\"24\" text-anchor=\"middle\" " +
         "fill=\"currentColor\">" + EscapeXmlText(options.empty_text) + "</text>";
  svg += "</svg>";
  return svg;
}

std::string RenderChart(const std::vector<ChartPoint>& points, const ChartOptions& options, ChartKind kind) {
  using svg_detail::FormatCoordinate;
  const std::string id_prefix = svg_detail::SafeIdPrefix(options.id_prefix, "chart");
  const int width = ClampSide(options.width, 640);
  const int height = ClampSide(options.height, 280);

  bool any_value = false;
  double min_value = 0.0;
  double max_value = 0.0;
  for (const auto& point : points) {
    if (!std::isfinite(point.value)) continue;
    min_value = any_value ? std::min(min_value, point.value) : point.value;
    max_value = any_value ? std::max(max_value, point.value) : point.value;
    any_value = true;
  }
  if (!any_value) return RenderEmpty(options, id_prefix, width);

  const std::vector<double> ticks = NiceTicks(min_value, max_value);
  std::vector<std::string> tick_labels;
  for (double tick : ticks) tick_labels.push_back(FormatValue(options, tick));
  const Layout layout = ComputeLayout(points, tick_labels, width, height);

  const double axis_low = ticks.front();
  const double axis_high = ticks.back();
  auto y_of = [&](double value) {
    return layout.bottom - (value - axis_low) / (axis_high - axis_low) * (layout.bottom - layout.top);
  };
  auto x_centre = [&](std::size_t i) { return layout.left + (static_cast<double>(i) + 0.5) * layout.band; };

  std::string svg = svg_detail::OpenSvg(id_prefix, kind == ChartKind::kBar ? "chart chart-bars" : "chart chart-lines",
                                        width, height, options.title, options.description);

  svg += "<g class=\"chart-grid\" stroke=\"currentColor\" stroke-opacity=\"0.2\" stroke-width=\"1\">";
  for (double tick : ticks) {
    if (tick == 0.0) continue;  // the axis line below draws zero
    const std::string y = FormatCoordinate(y_of(tick));
    svg += "<line x1=\"" + FormatCoordinate(layout.left) + "\" x2=\"" + FormatCoordinate(layout.right) + "\" y1=\"" +
           y + "\" y2=\"" + y + "\"/>";
  }
  svg += "</g>";

  svg += "<g class=\"chart-ticks\" fill=\"currentColor\" text-anchor=\"end\">";
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    svg += "<text x=\"" + FormatCoordinate(layout.left - 6.0) + "\" y=\"" + FormatCoordinate(y_of(ticks[i]) + 4.0) +
           "\">" + EscapeXmlText(tick_labels[i]) + "</text>";
  }
  svg += "</g>";

  svg += "<g class=\"chart-labels\" fill=\"currentColor\" text-anchor=\"middle\">";
  const std::size_t last = points.size() - 1;
  for (std::size_t i = 0; i < points.size(); ++i) {
    // Counted back from the last label, which is usually the latest year and the one a reader looks for.
    if ((last - i) % layout.label_every != 0) continue;
    svg += "<text x=\"" + FormatCoordinate(x_centre(i)) + "\" y=\"" + FormatCoordinate(layout.bottom + 16.0) + "\">" +
           EscapeXmlText(points[i].label) + "</text>";
  }
  svg += "</g>";

  const std::string baseline = FormatCoordinate(y_of(0.0));
  if (kind == ChartKind::kBar) {
    svg += "<g class=\"chart-series\" fill=\"currentColor\" fill-opacity=\"0.75\">";
    const std::string bar_width = FormatCoordinate(layout.band * kBarShare);
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (!std::isfinite(points[i].value)) continue;
      // Both ends are rounded first and the height taken from them, so the bar meets the axis exactly.
      const double end = RoundToTenth(y_of(points[i].value));
      const double base = RoundToTenth(y_of(0.0));
      svg += "<rect class=\"chart-bar\" x=\"" +
             FormatCoordinate(layout.left + (static_cast<double>(i) + (1.0 - kBarShare) / 2.0) * layout.band) +
             "\" y=\"" + FormatCoordinate(std::min(end, base)) + "\" width=\"" + bar_width + "\" height=\"" +
             FormatCoordinate(std::abs(end - base)) + "\"><title>" + EscapeXmlText(points[i].label) + ": " +
             EscapeXmlText(FormatValue(options, points[i].value)) + "</title></rect>";
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
      run += FormatCoordinate(x_centre(i)) + "," + FormatCoordinate(y_of(points[i].value));
      ++run_length;
    }
    flush();
    svg += "</g><g class=\"chart-points\" fill=\"currentColor\">";
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (!std::isfinite(points[i].value)) continue;
      svg += "<circle class=\"chart-point\" cx=\"" + FormatCoordinate(x_centre(i)) + "\" cy=\"" +
             FormatCoordinate(y_of(points[i].value)) + "\" r=\"3\"><title>" + EscapeXmlText(points[i].label) + ": " +
             EscapeXmlText(FormatValue(options, points[i].value)) + "</title></circle>";
    }
    svg += "</g>";
  }

  svg += "<line class=\"chart-axis\" x1=\"" + FormatCoordinate(layout.left) + "\" x2=\"" +
         FormatCoordinate(layout.right) + "\" y1=\"" + baseline + "\" y2=\"" + baseline +
         "\" stroke=\"currentColor\" stroke-width=\"1\"/>";
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

}  // namespace web
