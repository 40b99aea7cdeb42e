#include "web/svg_series_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "web/svg_common.hpp"

namespace web {

namespace {

using svg_detail::FormatCoordinate;
using svg_detail::kCharWidth;
using svg_detail::kFontSize;

// The legend: rows of entries, each a sample of the series' line with its marker, then its name.
constexpr double kLegendRowHeight = 20.0;
constexpr double kLegendSampleWidth = 28.0;
constexpr double kLegendSampleGap = 6.0;  // between the sample and the name
constexpr double kLegendEntryGap = 18.0;  // between one entry's name and the next entry's sample
constexpr double kLegendBottomGap = 6.0;  // between the last row and the top tick label
constexpr double kMarkerRadius = 4.0;     // circle; the other shapes are sized to about the same area
constexpr double kReferenceLabelGap = 5.0;

double ValueAt(const ChartSeries& series, std::size_t index) {
  return index < series.values.size() ? series.values[index] : std::nan("");
}

// The first `count` code points of `utf8`.
std::string_view FirstCodePoints(std::string_view utf8, std::size_t count) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0u) == 0x80u) continue;  // a continuation byte
    if (seen == count) return utf8.substr(0, i);
    ++seen;
  }
  return utf8;
}

// The stroke of a series' line, on its polylines and its legend sample. Dots are round caps on dashes of length 1.
std::string LineAttributes(LineStyle style) {
  std::string attributes = " fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linejoin=\"round\"";
  switch (style) {
    case LineStyle::kSolid:
      break;
    case LineStyle::kDashed:
      attributes += " stroke-dasharray=\"7 4\"";
      break;
    case LineStyle::kDotted:
      attributes += " stroke-dasharray=\"1 4\" stroke-linecap=\"round\"";
      break;
  }
  return attributes;
}

// A marker centred on (x, y), with a hover title when `title` is not empty.
std::string MarkerElement(MarkerShape shape, double x, double y, std::string_view title) {
  auto point = [](double px, double py) { return FormatCoordinate(px) + "," + FormatCoordinate(py); };
  std::string element;
  std::string name;
  switch (shape) {
    case MarkerShape::kCircle:
      name = "circle";
      element = "<circle class=\"chart-point\" cx=\"" + FormatCoordinate(x) + "\" cy=\"" + FormatCoordinate(y) +
                "\" r=\"" + FormatCoordinate(kMarkerRadius) + "\"";
      break;
    case MarkerShape::kSquare: {
      const double half = kMarkerRadius * 0.9;
      name = "rect";
      element = "<rect class=\"chart-point\" x=\"" + FormatCoordinate(x - half) + "\" y=\"" +
                FormatCoordinate(y - half) + "\" width=\"" + FormatCoordinate(2 * half) + "\" height=\"" +
                FormatCoordinate(2 * half) + "\"";
      break;
    }
    case MarkerShape::kDiamond: {
      const double half = kMarkerRadius * 1.25;
      name = "polygon";
      element = "<polygon class=\"chart-point\" points=\"" + point(x, y - half) + " " + point(x + half, y) + " " +
                point(x, y + half) + " " + point(x - half, y) + "\"";
      break;
    }
    case MarkerShape::kTriangle: {
      // Pointing up, its centroid on (x, y).
      const double half_base = kMarkerRadius * 1.3;
      const double height = kMarkerRadius * 2.2;
      name = "polygon";
      element = "<polygon class=\"chart-point\" points=\"" + point(x, y - height * 2 / 3) + " " +
                point(x + half_base, y + height / 3) + " " + point(x - half_base, y + height / 3) + "\"";
      break;
    }
  }
  if (title.empty()) return element + "/>";
  return element + "><title>" + EscapeXmlText(title) + "</title></" + name + ">";
}

struct LegendEntry {
  std::string name;  // shortened with "…" when it would not fit a row by itself
  bool shortened;
  double x;  // left end of the sample
  std::size_t row;
};

struct Legend {
  std::vector<LegendEntry> entries;  // one per series, in their order
  std::size_t rows;
};

// Entries side by side from `left` to `right`, wrapping to a new row when the next does not fit.
Legend LayOutLegend(const std::vector<ChartSeries>& series, double left, double right) {
  const double name_room = std::max(kCharWidth, right - left - kLegendSampleWidth - kLegendSampleGap);
  const auto max_characters = static_cast<std::size_t>(name_room / kCharWidth);
  Legend legend{{}, series.empty() ? 0u : 1u};
  double x = left;
  for (const auto& one : series) {
    LegendEntry entry{one.name, false, 0.0, 0};
    if (svg_detail::CountCodePoints(entry.name) > max_characters) {
      entry.name = std::string(FirstCodePoints(one.name, max_characters - 1)) + "…";
      entry.shortened = true;
    }
    const double entry_width = kLegendSampleWidth + kLegendSampleGap +
                               static_cast<double>(svg_detail::CountCodePoints(entry.name)) * kCharWidth;
    if (x > left && x + entry_width > right) {
      ++legend.rows;
      x = left;
    }
    entry.x = x;
    entry.row = legend.rows - 1;
    legend.entries.push_back(std::move(entry));
    x += entry_width + kLegendEntryGap;
  }
  return legend;
}

std::string ClassOf(std::string_view base, std::string_view extra) {
  std::string classes(base);
  if (!extra.empty()) classes += " " + EscapeXmlText(extra);
  return classes;
}

std::string RenderLegend(const Legend& legend, const std::vector<ChartSeries>& series) {
  std::string svg = "<g class=\"chart-legend\">";
  for (std::size_t i = 0; i < series.size(); ++i) {
    const LegendEntry& entry = legend.entries[i];
    const double y = static_cast<double>(entry.row) * kLegendRowHeight + kLegendRowHeight / 2.0 + 2.0;
    const std::string line_y = FormatCoordinate(y);
    svg += "<g class=\"" + ClassOf("chart-legend-entry", series[i].css_class) + "\">";
    if (entry.shortened) svg += "<title>" + EscapeXmlText(series[i].name) + "</title>";
    svg += "<line x1=\"" + FormatCoordinate(entry.x) + "\" x2=\"" + FormatCoordinate(entry.x + kLegendSampleWidth) +
           "\" y1=\"" + line_y + "\" y2=\"" + line_y + "\"" + LineAttributes(series[i].line) + "/>";
    svg += "<g fill=\"currentColor\">" + MarkerElement(series[i].marker, entry.x + kLegendSampleWidth / 2.0, y, "") +
           "</g>";
    svg += "<text x=\"" + FormatCoordinate(entry.x + kLegendSampleWidth + kLegendSampleGap) + "\" y=\"" +
           FormatCoordinate(y + 4.0) + "\" fill=\"currentColor\">" + EscapeXmlText(entry.name) + "</text>";
    svg += "</g>";
  }
  svg += "</g>";
  return svg;
}

std::string RenderReferences(const svg_detail::PlotArea& plot, const std::vector<ReferenceLine>& references,
                             const SeriesChartOptions& options) {
  std::string svg;
  for (const auto& reference : references) {
    if (!std::isfinite(reference.value)) continue;
    const double y = plot.YOf(reference.value);
    const std::string line_y = FormatCoordinate(y);
    // Above the line, unless that would leave the plot.
    const bool above = y - kReferenceLabelGap - kFontSize >= plot.top;
    const double label_y = above ? y - kReferenceLabelGap : y + kReferenceLabelGap + kFontSize - 2.0;
    svg += "<g class=\"chart-reference\"><title>" + EscapeXmlText(reference.label) + ": " +
           EscapeXmlText(svg_detail::FormatValue(options.format_value, reference.value)) + "</title>";
    svg += "<line x1=\"" + FormatCoordinate(plot.left) + "\" x2=\"" + FormatCoordinate(plot.right) + "\" y1=\"" +
           line_y + "\" y2=\"" + line_y +
           "\" stroke=\"currentColor\" stroke-width=\"1\" stroke-opacity=\"0.7\" stroke-dasharray=\"6 3\"/>";
    svg += "<text x=\"" + FormatCoordinate(plot.right - 4.0) + "\" y=\"" + FormatCoordinate(label_y) +
           "\" text-anchor=\"end\" fill=\"currentColor\">" + EscapeXmlText(reference.label) + "</text>";
    svg += "</g>";
  }
  return svg;
}

std::string RenderSeries(const svg_detail::PlotArea& plot, const std::vector<std::string>& labels,
                         const ChartSeries& series, const SeriesChartOptions& options) {
  std::string svg = "<g class=\"" + ClassOf("chart-series", series.css_class) + "\">";
  const std::string line_attributes = LineAttributes(series.line);
  std::string run;  // points of the current run of values; a missing value breaks the line
  std::size_t run_length = 0;
  auto flush = [&] {
    if (run_length >= 2) svg += "<polyline class=\"chart-line\" points=\"" + run + "\"" + line_attributes + "/>";
    run.clear();
    run_length = 0;
  };
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double value = ValueAt(series, i);
    if (!std::isfinite(value)) {
      flush();
      continue;
    }
    if (!run.empty()) run += ' ';
    run += FormatCoordinate(plot.XCentre(i)) + "," + FormatCoordinate(plot.YOf(value));
    ++run_length;
  }
  flush();

  svg += "<g class=\"chart-points\" fill=\"currentColor\">";
  const std::string name_prefix = series.name.empty() ? "" : series.name + " — ";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double value = ValueAt(series, i);
    if (!std::isfinite(value)) continue;
    svg += MarkerElement(series.marker, plot.XCentre(i), plot.YOf(value),
                         name_prefix + labels[i] + ": " + svg_detail::FormatValue(options.format_value, value));
  }
  svg += "</g></g>";
  return svg;
}

}  // namespace

std::string RenderSeriesChart(const std::vector<std::string>& labels, const std::vector<ChartSeries>& series,
                              const std::vector<ReferenceLine>& references, const SeriesChartOptions& options) {
  const std::string id_prefix = svg_detail::SafeIdPrefix(options.id_prefix, "chart");
  const int width = svg_detail::ClampSide(options.width, 640);
  const int plot_height = svg_detail::ClampSide(options.height, 280);

  bool any_value = false;
  double min_value = 0.0;
  double max_value = 0.0;
  auto cover = [&](double value) {
    if (!std::isfinite(value)) return;
    min_value = std::min(min_value, value);
    max_value = std::max(max_value, value);
  };
  for (const auto& one : series) {
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const double value = ValueAt(one, i);
      if (std::isfinite(value)) any_value = true;
      cover(value);
    }
  }
  if (!any_value) {
    return svg_detail::RenderEmptyChart(id_prefix, width, options.title, options.description, options.empty_text);
  }
  for (const auto& reference : references) cover(reference.value);
  if (options.y_range) {
    cover(options.y_range->low);
    cover(options.y_range->high);
  }

  // The axis starts at zero (NiceTicks includes it), so starting the extremes at zero loses nothing.
  const std::vector<double> ticks = NiceTicks(min_value, max_value);
  std::vector<std::string> tick_labels;
  for (double tick : ticks) tick_labels.push_back(svg_detail::FormatValue(options.format_value, tick));

  // The legend is aligned with the plot's left edge, which the tick labels decide, and pushes the plot down.
  const double plot_left = svg_detail::LayOutPlot(labels, ticks, tick_labels, 0.0, width, plot_height).left;
  const Legend legend = LayOutLegend(series, plot_left, width - 10.0);
  const double legend_height = static_cast<double>(legend.rows) * kLegendRowHeight + kLegendBottomGap;
  const int height = plot_height + static_cast<int>(std::ceil(legend_height));
  const svg_detail::PlotArea plot =
      svg_detail::LayOutPlot(labels, ticks, tick_labels, legend_height + kFontSize, width, height);

  std::string svg =
      svg_detail::OpenSvg(id_prefix, "chart chart-multiline", width, height, options.title, options.description);
  svg += RenderLegend(legend, series);
  svg += svg_detail::RenderPlotAxes(plot, ticks, tick_labels, labels);
  svg += RenderReferences(plot, references, options);
  for (const auto& one : series) svg += RenderSeries(plot, labels, one, options);
  svg += svg_detail::RenderZeroLine(plot);
  svg += "</svg>";
  return svg;
}

}  // namespace web
