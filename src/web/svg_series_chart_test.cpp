#include "web/svg_series_chart.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "support/xml_checks.hpp"

namespace web {
namespace {

using test_support::CountOccurrences;
using test_support::ExpectWellFormedXml;

const double kNone = std::nan("");

// The text between the first `open` and the first `close` after it.
std::string Between(const std::string& text, const std::string& open, const std::string& close) {
  const std::size_t start = text.find(open);
  if (start == std::string::npos) return "";
  const std::size_t end = text.find(close, start + open.size());
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Every match of the regex's first group, in document order.
std::vector<std::string> AllOf(const std::string& text, const std::string& pattern) {
  const std::regex expression(pattern);
  std::vector<std::string> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), expression); it != std::sregex_iterator(); ++it) {
    found.push_back((*it)[1].str());
  }
  return found;
}

std::vector<double> NumbersOf(const std::vector<std::string>& texts) {
  std::vector<double> numbers;
  for (const auto& text : texts) numbers.push_back(std::stod(text));
  return numbers;
}

// The series' lines and points, without the legend's samples.
std::string Plotted(const std::string& svg) {
  const std::size_t start = svg.find("<g class=\"chart-series");
  return start == std::string::npos ? "" : svg.substr(start);
}

// What the plot occupies, read back from what the chart drew: the axis at zero spans it, and it reaches from the
// highest tick's grid line to the lowest (the grid leaves zero to the axis).
struct Plot {
  double left;
  double right;
  double top;
  double bottom;
};

Plot PlotOf(const std::string& svg) {
  static const std::regex kAxis(R"re(<line class="chart-axis" x1="([-0-9.]+)" x2="([-0-9.]+)" y1="([-0-9.]+)")re");
  std::smatch axis;
  EXPECT_TRUE(std::regex_search(svg, axis, kAxis)) << svg;
  if (axis.empty()) return {};
  std::vector<double> ys = NumbersOf(AllOf(Between(svg, "class=\"chart-grid\"", "</g>"), R"re(y1="([-0-9.]+)")re"));
  ys.push_back(std::stod(axis[3].str()));
  return {std::stod(axis[1].str()), std::stod(axis[2].str()), *std::min_element(ys.begin(), ys.end()),
          *std::max_element(ys.begin(), ys.end())};
}

// The tick labels in document order, lowest first, read as plain numbers.
std::vector<double> TickValues(const std::string& svg) {
  return NumbersOf(AllOf(Between(svg, "class=\"chart-ticks\"", "</g>"), R"re(>([-0-9.]+)</text>)re"));
}

SeriesChartOptions Options() {
  SeriesChartOptions options;
  options.title = "Roma children in kindergarten, Sliven";
  options.description = "Share of children aged 4 to 6 enrolled, by source";
  options.id_prefix = "enrolment";
  return options;
}

std::vector<std::string> Periods() { return {"2016", "2021", "2024", "2026Q1"}; }

ChartSeries Official() {
  return {"Official statistic", {41, 48, 55, 61}, LineStyle::kSolid, MarkerShape::kCircle, "series-official"};
}
ChartSeries Civic() {
  return {"Civic monitoring", {35, 42, kNone, 50}, LineStyle::kDashed, MarkerShape::kSquare, "series-civic"};
}
ChartSeries Survey() {
  return {"Survey", {30, kNone, 47, kNone}, LineStyle::kDotted, MarkerShape::kDiamond, "series-survey"};
}

TEST(SvgSeriesChart, AMissingValueBreaksTheLineInTwo) {
  const std::string svg = RenderSeriesChart({"2019", "2020", "2021", "2022", "2023"},
                                            {{"Civic monitoring", {5, 6, kNone, 7, 8}}}, {}, Options());
  EXPECT_EQ(CountOccurrences(svg, "<polyline"), 2u);
  EXPECT_EQ(CountOccurrences(Plotted(svg), "class=\"chart-point\""), 4u) << "no marker where there is no value";
  ExpectWellFormedXml(svg);
}

TEST(SvgSeriesChart, ALoneValueIsAMarkerWithoutALine) {
  const std::string between_gaps =
      RenderSeriesChart({"2016", "2021", "2024"}, {{"Survey", {kNone, 47, kNone}}}, {}, Options());
  EXPECT_EQ(CountOccurrences(between_gaps, "<polyline"), 0u);
  EXPECT_EQ(CountOccurrences(Plotted(between_gaps), "class=\"chart-point\""), 1u);

  const std::string one_period = RenderSeriesChart({"2024"}, {{"Survey", {47}}}, {}, Options());
  EXPECT_EQ(CountOccurrences(one_period, "<polyline"), 0u);
  EXPECT_EQ(CountOccurrences(Plotted(one_period), "class=\"chart-point\""), 1u);
  EXPECT_NE(one_period.find(">2024</text>"), std::string::npos);
  ExpectWellFormedXml(one_period);
}

TEST(SvgSeriesChart, EachSeriesIsALineOfItsOwnStyleWithMarkersOfItsOwnShape) {
  const std::string svg = RenderSeriesChart(Periods(), {Official(), Civic(), Survey()}, {}, Options());
  const std::string official = Between(svg, "<g class=\"chart-series series-official\">", "</g></g>");
  const std::string civic = Between(svg, "<g class=\"chart-series series-civic\">", "</g></g>");
  const std::string survey = Between(svg, "<g class=\"chart-series series-survey\">", "</g></g>");
  EXPECT_EQ(CountOccurrences(official, "<polyline"), 1u);
  EXPECT_EQ(CountOccurrences(official, "stroke-dasharray"), 0u);
  EXPECT_EQ(CountOccurrences(official, "<circle class=\"chart-point\""), 4u);
  EXPECT_EQ(CountOccurrences(civic, "<polyline"), 1u) << "2016–2021 only; 2026Q1 stands alone";
  EXPECT_EQ(CountOccurrences(civic, "stroke-dasharray=\"7 4\""), 1u);
  EXPECT_EQ(CountOccurrences(civic, "<rect class=\"chart-point\""), 3u);
  EXPECT_EQ(CountOccurrences(survey, "<polyline"), 0u);
  EXPECT_EQ(CountOccurrences(survey, "<polygon class=\"chart-point\""), 2u);
}

TEST(SvgSeriesChart, EachPointIsTitledWithItsSeriesPeriodAndValue) {
  SeriesChartOptions options = Options();
  options.format_value = [](double value) { return std::to_string(static_cast<int>(value)) + " %"; };
  const std::string svg = RenderSeriesChart(Periods(), {Official(), Civic()}, {}, options);
  EXPECT_NE(svg.find("<title>Official statistic — 2021: 48 %</title></circle>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>Civic monitoring — 2026Q1: 50 %</title></rect>"), std::string::npos);
  EXPECT_EQ(CountOccurrences(svg, "<title>Civic monitoring — 2024"), 0u);
}

TEST(SvgSeriesChart, TheLegendNamesEachSeriesInOrderWithASampleOfItsLineAndMarker) {
  ChartSeries register_series{"Municipal register", {1, 2, 3, 4}, LineStyle::kSolid, MarkerShape::kTriangle, ""};
  const std::string svg = RenderSeriesChart(Periods(), {Official(), Civic(), Survey(), register_series}, {}, Options());
  const std::string legend = Between(svg, "<g class=\"chart-legend\">", "<g class=\"chart-grid\"");
  EXPECT_EQ(AllOf(legend, R"re(<text[^>]*>([^<]*)</text>)re"),
            (std::vector<std::string>{"Official statistic", "Civic monitoring", "Survey", "Municipal register"}));
  EXPECT_EQ(AllOf(legend, R"re(<g class="chart-legend-entry ?([^"]*)">)re"),
            (std::vector<std::string>{"series-official", "series-civic", "series-survey", ""}));
  // Each entry's sample line, in order: solid (no dashes), dashed, dotted, solid.
  EXPECT_EQ(AllOf(legend, R"re(<line [^>]*stroke-linejoin="round"( stroke-dasharray="[0-9 ]+")?)re"),
            (std::vector<std::string>{"", " stroke-dasharray=\"7 4\"", " stroke-dasharray=\"1 4\"", ""}));
  EXPECT_EQ(AllOf(legend, R"re(<(circle|rect|polygon) class="chart-point")re"),
            (std::vector<std::string>{"circle", "rect", "polygon", "polygon"}));
  EXPECT_EQ(CountOccurrences(legend, "<title>"), 0u) << "the samples are not points";
  EXPECT_LT(svg.find("chart-legend"), svg.find("chart-series")) << "the legend comes first, above the plot";
  const Plot plot = PlotOf(svg);
  for (double y : NumbersOf(AllOf(legend, R"re(<text x="[-0-9.]+" y="([-0-9.]+)")re"))) EXPECT_LT(y, plot.top - 6);
}

TEST(SvgSeriesChart, TheLegendWrapsWhenTheNamesDoNotFitTheWidth) {
  const std::vector<ChartSeries> series = {Official(), Civic(), Survey()};
  const std::string wide = RenderSeriesChart(Periods(), series, {}, Options());
  SeriesChartOptions narrow_options = Options();
  narrow_options.width = 360;
  const std::string narrow = RenderSeriesChart(Periods(), series, {}, narrow_options);

  auto rows = [](const std::string& svg) {
    std::vector<std::string> ys = AllOf(Between(svg, "class=\"chart-legend\"", "<g class=\"chart-grid\""),
                                        R"re(<text x="[-0-9.]+" y="([-0-9.]+)")re");
    std::sort(ys.begin(), ys.end());
    return static_cast<std::size_t>(std::unique(ys.begin(), ys.end()) - ys.begin());
  };
  EXPECT_EQ(rows(wide), 1u);
  EXPECT_GE(rows(narrow), 2u);
  EXPECT_NE(wide.find("viewBox=\"0 0 640 306\""), std::string::npos) << "one row of 20 and a gap above the plot";
  // Every name ends inside the viewBox, at the layout's estimate of 7 units a character.
  const std::string legend = Between(narrow, "class=\"chart-legend\"", "<g class=\"chart-grid\"");
  static const std::regex kName(R"re(<text x="([-0-9.]+)"[^>]*>([^<]*)</text>)re");
  for (auto it = std::sregex_iterator(legend.begin(), legend.end(), kName); it != std::sregex_iterator(); ++it) {
    EXPECT_LE(std::stod((*it)[1].str()) + 7.0 * static_cast<double>((*it)[2].length()), 360.0) << (*it)[2];
  }
}

TEST(SvgSeriesChart, ANameTooLongForAWholeRowIsShortenedAndTitledInFull) {
  SeriesChartOptions options = Options();
  options.width = 200;
  const std::string name = "Мониторинг на Центъра за междуетнически диалог и толерантност „Амалипе“";
  const std::string svg = RenderSeriesChart(Periods(), {{name, {1, 2, 3, 4}}}, {}, options);
  const std::string legend = Between(svg, "class=\"chart-legend\"", "<g class=\"chart-grid\"");
  EXPECT_NE(legend.find("<title>" + name + "</title>"), std::string::npos);
  EXPECT_NE(legend.find("…</text>"), std::string::npos);
  EXPECT_NE(legend.find(">Мониторинг"), std::string::npos) << "cut between characters, never inside one";
  ExpectWellFormedXml(svg);
}

TEST(SvgSeriesChart, AReferenceLineIsDrawnAcrossThePlotWithItsLabelInside) {
  SeriesChartOptions options = Options();
  const std::string svg = RenderSeriesChart(Periods(), {Official()}, {{75, "National target 2030"}}, options);
  const Plot plot = PlotOf(svg);
  const std::string reference = Between(svg, "<g class=\"chart-reference\">", "</g>");
  ASSERT_FALSE(reference.empty()) << svg;
  EXPECT_NE(reference.find("<title>National target 2030: 75</title>"), std::string::npos);
  EXPECT_NE(reference.find("stroke-dasharray"), std::string::npos);
  EXPECT_NE(reference.find("stroke-width=\"1\""), std::string::npos) << "thinner than the series' lines";

  static const std::regex kLine(R"re(<line x1="([-0-9.]+)" x2="([-0-9.]+)" y1="([-0-9.]+)" y2="([-0-9.]+)")re");
  std::smatch line;
  ASSERT_TRUE(std::regex_search(reference, line, kLine));
  EXPECT_EQ(std::stod(line[1].str()), plot.left);
  EXPECT_EQ(std::stod(line[2].str()), plot.right);
  EXPECT_EQ(line[3].str(), line[4].str()) << "horizontal";
  const double y = std::stod(line[3].str());
  EXPECT_GT(y, plot.top);
  EXPECT_LT(y, plot.bottom);

  static const std::regex kLabel(
      R"re(<text x="([-0-9.]+)" y="([-0-9.]+)" text-anchor="end"[^>]*>National target 2030</text>)re");
  std::smatch label;
  ASSERT_TRUE(std::regex_search(reference, label, kLabel)) << reference;
  const double label_x = std::stod(label[1].str());
  const double label_y = std::stod(label[2].str());
  EXPECT_LE(label_x, plot.right);
  EXPECT_GE(label_x - 7.0 * 20, plot.left) << "its start, at the layout's estimate of 7 units a character";
  EXPECT_GE(label_y - 12.0, plot.top) << "the label's top inside the plot";
  EXPECT_LE(label_y, plot.bottom);
}

TEST(SvgSeriesChart, AReferenceLineAtTheTopOfTheAxisHasItsLabelBelowIt) {
  const std::string svg = RenderSeriesChart(Periods(), {Official()}, {{100, "Everyone"}}, Options());
  const Plot plot = PlotOf(svg);
  const double label_y =
      NumbersOf(AllOf(svg, R"re(<text x="[-0-9.]+" y="([-0-9.]+)" text-anchor="end"[^>]*>Everyone<)re")).at(0);
  EXPECT_GE(label_y - 12.0, plot.top);
}

TEST(SvgSeriesChart, TheAxisCoversEveryValueAndEveryReferenceLine) {
  const std::string svg = RenderSeriesChart(Periods(), {Official(), {"Survey", {-3, 12, kNone, 85}}},
                                            {{120, "Target"}, {kNone, "Not a number"}}, Options());
  const std::vector<double> ticks = TickValues(svg);
  ASSERT_GE(ticks.size(), 4u);
  EXPECT_LE(ticks.front(), -3);
  EXPECT_GE(ticks.back(), 120);
  EXPECT_EQ(svg.find("Not a number"), std::string::npos);

  // Every point, line and reference lies between the highest tick and the lowest.
  const Plot plot = PlotOf(svg);
  const std::string drawn = Between(svg, "class=\"chart-reference\"", "</svg>");
  std::vector<double> ys = NumbersOf(AllOf(drawn, R"re( (?:cy|y1)="([-0-9.]+)")re"));
  for (const std::string& points : AllOf(drawn, R"re(<polyline class="chart-line" points="([^"]*)")re")) {
    for (double y : NumbersOf(AllOf(points, R"re(,([-0-9.]+))re"))) ys.push_back(y);
  }
  EXPECT_GE(ys.size(), 8u + 2u + 1u) << "points, polyline vertices, the reference line";
  for (double y : ys) {
    EXPECT_GE(y, plot.top);
    EXPECT_LE(y, plot.bottom);
  }
}

TEST(SvgSeriesChart, AShareAxisCanBeFixedFromZeroToAHundred) {
  const std::vector<ChartSeries> low_shares = {{"Survey", {20, 25, 30, 35}}};
  EXPECT_EQ(TickValues(RenderSeriesChart(Periods(), low_shares, {}, Options())).back(), 40);
  SeriesChartOptions share = Options();
  share.y_range = YRange{0, 100};
  EXPECT_EQ(TickValues(RenderSeriesChart(Periods(), low_shares, {}, share)),
            (std::vector<double>{0, 20, 40, 60, 80, 100}));
  // A value outside the range widens it rather than leaving the plot.
  EXPECT_GE(TickValues(RenderSeriesChart(Periods(), {{"Survey", {20, 104, 30, 35}}}, {}, share)).back(), 104);
}

TEST(SvgSeriesChart, CrowdedPeriodsAreThinnedAndTheLatestIsKept) {
  std::vector<std::string> labels;
  std::vector<double> values;
  for (int year = 2000; year < 2026; ++year) {
    for (int quarter = 1; quarter <= 4; ++quarter) {
      labels.push_back(std::to_string(year) + "Q" + std::to_string(quarter));
      values.push_back(year - 2000 + quarter / 4.0);
    }
  }
  SeriesChartOptions options = Options();
  options.width = 360;
  const std::string svg = RenderSeriesChart(labels, {{"Monitoring", values}}, {}, options);
  const std::size_t shown = CountOccurrences(Between(svg, "class=\"chart-labels\"", "</g>"), "<text");
  EXPECT_GE(shown, 3u);
  EXPECT_LE(shown, 8u);
  EXPECT_NE(svg.find(">2025Q4</text>"), std::string::npos);
  EXPECT_EQ(CountOccurrences(Plotted(svg), "class=\"chart-point\""), labels.size()) << "every point stays";
}

TEST(SvgSeriesChart, ValuesBeyondTheLabelsAreIgnoredAndMissingOnesAreGaps) {
  const std::string svg =
      RenderSeriesChart({"2016", "2021", "2024"}, {{"Long", {1, 2, 3, 4, 5}}, {"Short", {1}}}, {}, Options());
  EXPECT_EQ(CountOccurrences(svg, "<title>Long — "), 3u);
  EXPECT_EQ(CountOccurrences(svg, "<title>Short — "), 1u);
  EXPECT_LE(TickValues(svg).back(), 4) << "5 has no period";
}

TEST(SvgSeriesChart, EscapesEveryTextItShows) {
  SeriesChartOptions options = Options();
  options.title = "<script>alert('x')</script>";
  options.description = "Tom & \"Jerry\"";
  options.format_value = [](double value) { return "<" + std::to_string(static_cast<int>(value)) + ">"; };
  const std::string svg = RenderSeriesChart(
      {"<i>2021</i>"},
      {{"Roma & <Sinti> \"civic\"", {5}, LineStyle::kSolid, MarkerShape::kCircle, "series-x\" onclick=\"alert(1)"}},
      {{3, "Target <b> & \"goal\""}}, options);
  EXPECT_NE(svg.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("Tom &amp; &quot;Jerry&quot;"), std::string::npos);
  EXPECT_NE(svg.find(">Roma &amp; &lt;Sinti&gt; &quot;civic&quot;</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title>Roma &amp; &lt;Sinti&gt; &quot;civic&quot; — &lt;i&gt;2021&lt;/i&gt;: &lt;5&gt;</title>"),
            std::string::npos);
  EXPECT_NE(svg.find(">Target &lt;b&gt; &amp; &quot;goal&quot;</text>"), std::string::npos);
  EXPECT_NE(svg.find("class=\"chart-series series-x&quot; onclick=&quot;alert(1)\""), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<i>"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_EQ(svg.find(" onclick=\""), std::string::npos);
  ExpectWellFormedXml(svg);
}

TEST(SvgSeriesChart, EveryIdStartsWithTheIdPrefix) {
  SeriesChartOptions options = Options();
  const std::string svg = RenderSeriesChart(Periods(), {Official(), Civic()}, {{75, "Target"}}, options);
  const std::vector<std::string> ids = AllOf(svg, R"re( id="([^"]*)")re");
  EXPECT_EQ(ids, (std::vector<std::string>{"enrolment-title", "enrolment-desc"}));
  EXPECT_NE(svg.find("aria-labelledby=\"enrolment-title\""), std::string::npos);
  EXPECT_NE(svg.find("aria-describedby=\"enrolment-desc\""), std::string::npos);

  options.id_prefix = "\"><script>2";  // reduced to what an id may hold
  const std::string other = RenderSeriesChart(Periods(), {Official()}, {}, options);
  EXPECT_NE(other.find("id=\"script2-title\""), std::string::npos);
  EXPECT_EQ(other.find("<script"), std::string::npos);
}

TEST(SvgSeriesChart, IsAccessibleResponsiveAndSafeUnderAStrictContentSecurityPolicy) {
  const std::string svg = RenderSeriesChart(Periods(), {Official(), Civic(), Survey()}, {{75, "Target"}}, Options());
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("width=\"100%\""), std::string::npos);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"enrolment-title\">Roma children in kindergarten, Sliven</title>"), std::string::npos);
  EXPECT_EQ(svg.find("style"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_FALSE(std::regex_search(svg, std::regex(R"re(\son[a-z]+=)re"))) << "no event handler attributes";
  ExpectWellFormedXml(svg);
}

TEST(SvgSeriesChart, WithoutAnyValueSaysTheEmptyText) {
  SeriesChartOptions options = Options();
  options.empty_text = "Няма данни & <нищо>";
  const std::vector<std::pair<std::vector<std::string>, std::vector<ChartSeries>>> cases = {
      {Periods(), {}},
      {Periods(), {{"Survey", {kNone, kNone, INFINITY, kNone}}, {"Official", {}}}},
      {{}, {{"No periods", {1, 2, 3}}}},
  };
  for (const auto& [labels, series] : cases) {
    const std::string svg = RenderSeriesChart(labels, series, {{75, "Target"}}, options);
    EXPECT_NE(svg.find(">Няма данни &amp; &lt;нищо&gt;</text>"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("chart-series"), std::string::npos);
    EXPECT_EQ(svg.find("chart-legend"), std::string::npos);
    EXPECT_EQ(svg.find("Target"), std::string::npos);
    EXPECT_NE(svg.find("<title id=\"enrolment-title\">"), std::string::npos);
    ExpectWellFormedXml(svg);
  }
}

TEST(SvgSeriesChart, OutputIsDeterministic) {
  const std::vector<ChartSeries> series = {Official(), Civic(), Survey()};
  EXPECT_EQ(RenderSeriesChart(Periods(), series, {{75, "Target"}}, Options()),
            RenderSeriesChart(Periods(), series, {{75, "Target"}}, Options()));
}

TEST(SvgSeriesChart, ExtremeInputStaysWellFormed) {
  SeriesChartOptions options = Options();
  options.width = -5;
  options.height = 1000000;
  options.y_range = YRange{kNone, INFINITY};
  ExpectWellFormedXml(RenderSeriesChart({"a", "b", "c"}, {{"x", {1e308, -1e308, INFINITY}}}, {{-1e308, "r"}}, options));
  ExpectWellFormedXml(RenderSeriesChart({"a", "b"}, {{"", {1e-300, 5e-324}}}, {}, options));
  options.width = 60;
  std::vector<ChartSeries> many(40, ChartSeries{"A name of some length", {1, 2}});
  ExpectWellFormedXml(RenderSeriesChart({"a", "b"}, many, {}, options));
  ExpectWellFormedXml(RenderSeriesChart(std::vector<std::string>(400, "2026Q1"), {{"x", std::vector<double>(400, 1.0)}},
                                        {}, Options()));
}

}  // namespace
}  // namespace web
