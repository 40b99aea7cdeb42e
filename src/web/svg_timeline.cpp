#include "web/svg_timeline.hpp"

#include <algorithm>
#include <chrono>

#include "core/days.hpp"

namespace web {
namespace {

using svg_detail::FormatCoordinate;

struct Span {
  const TimelineBar* bar;
  core::Day from;
  core::Day to;  // the last day, included
};

core::Day FirstOfMonth(int year, unsigned month) {
  return core::Day{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{1}};
}

// The ticks: the first day of every year, or of every quarter when the timeline spans less than three years.
std::vector<core::Day> Ticks(core::Day from, core::Day to) {
  const std::chrono::year_month_day first{from};
  const bool by_year = core::DaysBetween(from, to) > 3 * 366;
  const unsigned step = by_year ? 12 : 3;
  int year = static_cast<int>(first.year());
  unsigned month = by_year ? 1 : (static_cast<unsigned>(first.month()) - 1) / 3 * 3 + 1;
  std::vector<core::Day> ticks;
  for (core::Day tick = FirstOfMonth(year, month); tick <= to; tick = FirstOfMonth(year, month)) {
    if (tick >= from) ticks.push_back(tick);
    month += step;
    if (month > 12) month -= 12, ++year;
  }
  return ticks;
}

}  // namespace

std::string RenderTimeline(const std::vector<TimelineBar>& bars, const TimelineOptions& options) {
  const std::string id_prefix = svg_detail::SafeIdPrefix(options.id_prefix, "timeline");
  const int width = svg_detail::ClampSide(options.width, 720);
  std::vector<Span> spans;
  for (const TimelineBar& bar : bars) {
    const auto from = core::DayOf(bar.starts_on);
    const auto to = core::DayOf(bar.ends_on);
    if (from && to && *from <= *to) spans.push_back({&bar, *from, *to});
  }
  if (spans.empty()) {
    return svg_detail::RenderEmptyChart(id_prefix, width, options.title, options.description, options.empty_text);
  }
  core::Day first = spans.front().from, last = spans.front().to;
  for (const Span& span : spans) first = std::min(first, span.from), last = std::max(last, span.to);
  const std::chrono::year_month_day first_day{first};
  first = FirstOfMonth(static_cast<int>(first_day.year()), static_cast<unsigned>(first_day.month()));
  const double days = std::max(1, core::DaysBetween(first, last) + 1);
  const auto x_of = [&](core::Day day) { return core::DaysBetween(first, day) / days * (width - 1); };

  constexpr int kAxis = 20;  // the tick labels
  constexpr int kRow = 36;   // a label line and a bar under it
  constexpr int kBar = 12;
  const int height = kAxis + static_cast<int>(spans.size()) * kRow + 16;  // today's label below the bars
  std::string svg =
      svg_detail::OpenSvg(id_prefix, "chart chart-timeline", width, height, options.title, options.description);
  // The ticks' lines and labels; a label that would not fit before the next is left out.
  double label_ends = -1000;
  for (const core::Day tick : Ticks(first, last)) {
    const double x = x_of(tick);
    svg += "<line class=\"chart-grid\" x1=\"" + FormatCoordinate(x) + "\" x2=\"" + FormatCoordinate(x) + "\" y1=\"" +
           std::to_string(kAxis - 6) + "\" y2=\"" + std::to_string(height) +
           "\" stroke=\"currentColor\" stroke-opacity=\"0.15\"/>";
    const std::string iso = core::IsoOf(tick);
    const std::string label = options.format_month ? options.format_month(iso) : iso.substr(0, 7);
    const double label_width = static_cast<double>(svg_detail::CountCodePoints(label)) * svg_detail::kCharWidth;
    if (x > label_ends + 8 && x + label_width <= width) {
      svg += "<text x=\"" + FormatCoordinate(x + 2) + "\" y=\"" + std::to_string(svg_detail::kFontSize) +
             "\" fill=\"currentColor\" fill-opacity=\"0.7\">" + EscapeXmlText(label) + "</text>";
      label_ends = x + label_width;
    }
  }
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const Span& span = spans[i];
    const double top = kAxis + static_cast<double>(i) * kRow;
    const double left = x_of(span.from);
    const double right = std::max(left + 2, x_of(span.to + std::chrono::days{1}));
    const double done = (right - left) * std::clamp(span.bar->progress, 0, 100) / 100.0;
    const std::string hover = options.format_bar
                                  ? options.format_bar(*span.bar)
                                  : span.bar->label + ": " + span.bar->starts_on + " – " + span.bar->ends_on + ", " +
                                        std::to_string(span.bar->progress) + "%";
    svg += "<g><title>" + EscapeXmlText(hover) + "</title>";
    svg += "<text x=\"" + FormatCoordinate(std::min(left, width * 0.5)) + "\" y=\"" +
           FormatCoordinate(top + svg_detail::kFontSize) + "\" fill=\"currentColor\">" +
           EscapeXmlText(span.bar->label) + "</text>";
    const double bar_top = top + svg_detail::kFontSize + 6;
    svg += "<rect class=\"chart-track\" x=\"" + FormatCoordinate(left) + "\" y=\"" + FormatCoordinate(bar_top) +
           "\" width=\"" + FormatCoordinate(right - left) + "\" height=\"" + std::to_string(kBar) +
           "\" fill=\"currentColor\" fill-opacity=\"0.2\"/>";
    if (done > 0) {
      svg += "<rect class=\"chart-bar\" x=\"" + FormatCoordinate(left) + "\" y=\"" + FormatCoordinate(bar_top) +
             "\" width=\"" + FormatCoordinate(done) + "\" height=\"" + std::to_string(kBar) +
             "\" fill=\"currentColor\" fill-opacity=\"0.75\"/>";
    }
    svg += "</g>";
  }
  if (const auto today = core::DayOf(options.today); today && *today >= first && *today <= last) {
    const double x = x_of(*today);
    svg += "<line class=\"chart-today\" x1=\"" + FormatCoordinate(x) + "\" x2=\"" + FormatCoordinate(x) + "\" y1=\"" +
           std::to_string(kAxis - 4) + "\" y2=\"" + std::to_string(height) +
           "\" stroke=\"currentColor\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>";
    if (!options.today_label.empty()) {
      const double label_width =
          static_cast<double>(svg_detail::CountCodePoints(options.today_label)) * svg_detail::kCharWidth;
      const bool before = x + label_width + 4 > width;
      svg += "<text x=\"" + FormatCoordinate(before ? x - 4 : x + 4) + "\" y=\"" + std::to_string(height - 3) +
             "\" fill=\"currentColor\" font-weight=\"bold\"" + (before ? " text-anchor=\"end\"" : "") + ">" +
             EscapeXmlText(options.today_label) + "</text>";
    }
  }
  svg += "</svg>";
  return svg;
}

}  // namespace web
