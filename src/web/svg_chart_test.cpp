#include "web/svg_chart.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string>
#include <vector>

#include "support/xml_checks.hpp"

namespace web {
namespace {

using test_support::CountOccurrences;
using test_support::ExpectWellFormedXml;

// Heights of the bars in document order.
std::vector<double> BarHeights(const std::string& svg) {
  static const std::regex kBar(R"re(<rect class="chart-bar"[^>]* height="([-0-9.]+)")re");
  std::vector<double> heights;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kBar); it != std::sregex_iterator(); ++it) {
    heights.push_back(std::stod((*it)[1].str()));
  }
  return heights;
}

std::vector<ChartPoint> Population() {
  return {{"2002", 77441}, {"2003", 76920}, {"2004", 76543}, {"2005", 76180}, {"2006", 75620}, {"2007", 75100},
          {"2008", 74500}, {"2009", 73800}, {"2010", 72700}, {"2011", 72012}, {"2012", 71800}, {"2013", 71500},
          {"2014", 71200}, {"2015", 70900}, {"2016", 70600}, {"2017", 70300}};
}

ChartOptions Options() {
  ChartOptions options;
  options.title = "Population of Blagoevgrad";
  options.description = "Permanent population at 31 December, 2002 to 2017";
  options.id_prefix = "population";
  return options;
}

TEST(SvgChart, BarsAreProportionalToTheirValues) {
  const std::string svg = RenderBarChart({{"a", 100}, {"b", 200}, {"c", 50}, {"d", 0}}, Options());
  const std::vector<double> heights = BarHeights(svg);
  ASSERT_EQ(heights.size(), 4u);
  EXPECT_GT(heights[0], 20.0);
  EXPECT_NEAR(heights[1], 2.0 * heights[0], 0.15);
  EXPECT_NEAR(heights[2], heights[0] / 2.0, 0.15);
  EXPECT_EQ(heights[3], 0.0);
}

TEST(SvgChart, TallestBarReachesItsValueOnTheAxis) {
  // 200 on an axis of 0, 50, … 200 (or 250): the bar's top sits on the tick of its value.
  const std::string svg = RenderBarChart({{"a", 200}}, Options());
  EXPECT_NE(svg.find(">200</text>"), std::string::npos) << svg;
}

TEST(SvgChart, TicksAreNiceRoundNumbersFromZeroCoveringTheMaximum) {
  for (int i = 0; i < 80; ++i) {
    const double maximum = 0.0007 * std::pow(1.37, i);  // 0.0007 to about 5e7, never on a round number
    const std::vector<double> ticks = NiceTicks(0.0, maximum);
    ASSERT_GE(ticks.size(), 4u) << maximum;
    ASSERT_LE(ticks.size(), 6u) << maximum;
    EXPECT_EQ(ticks.front(), 0.0);
    EXPECT_GE(ticks.back(), maximum);
    const double step = ticks[1] - ticks[0];
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    const bool nice = std::abs(mantissa - 1) < 1e-6 || std::abs(mantissa - 2) < 1e-6 ||
                      std::abs(mantissa - 2.5) < 1e-6 || std::abs(mantissa - 5) < 1e-6;
    EXPECT_TRUE(nice) << "step " << step << " for maximum " << maximum;
    for (std::size_t i = 1; i < ticks.size(); ++i) EXPECT_NEAR(ticks[i] - ticks[i - 1], step, step * 1e-9);
  }
}

TEST(SvgChart, TicksForThePopulationOfBlagoevgrad) {
  EXPECT_EQ(NiceTicks(0, 77441), (std::vector<double>{0, 20000, 40000, 60000, 80000}));
  EXPECT_EQ(NiceTicks(0, 100), (std::vector<double>{0, 20, 40, 60, 80, 100}));
  EXPECT_EQ(NiceTicks(0, 0.3), (std::vector<double>{0, 0.1, 0.2, 0.3}));
  EXPECT_EQ(NiceTicks(0, 0), (std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1}));
}

TEST(SvgChart, NegativeValuesGetAnAxisBelowZero) {
  const std::vector<double> ticks = NiceTicks(-3, 7);
  EXPECT_LE(ticks.front(), -3);
  EXPECT_GE(ticks.back(), 7);
  EXPECT_NE(std::find(ticks.begin(), ticks.end(), 0.0), ticks.end());
}

TEST(SvgChart, TickLabelsComeFromTheCallersFormatter) {
  ChartOptions options = Options();
  options.format_value = [](double value) {
    std::string digits = std::to_string(static_cast<long long>(value));
    if (digits.size() > 3) digits.insert(digits.size() - 3, " ");
    return digits;
  };
  const std::string svg = RenderBarChart(Population(), options);
  EXPECT_NE(svg.find(">80 000</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title>2011: 72 012</title>"), std::string::npos);
}

TEST(SvgChart, EachBarHasAHoverTitleWithLabelAndValue) {
  const std::string svg = RenderBarChart(Population(), Options());
  EXPECT_EQ(CountOccurrences(svg, "class=\"chart-bar\""), 16u);
  EXPECT_NE(svg.find("<title>2011: 72012</title></rect>"), std::string::npos);
}

TEST(SvgChart, IsAccessibleResponsiveAndSafeUnderAStrictContentSecurityPolicy) {
  const std::string svg = RenderBarChart(Population(), Options());
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("viewBox=\"0 0 640 280\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"100%\""), std::string::npos);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-labelledby=\"population-title\""), std::string::npos);
  EXPECT_NE(svg.find("aria-describedby=\"population-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"population-title\">Population of Blagoevgrad</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"population-desc\">"), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("height=\"280\""), std::string::npos) << "no fixed pixel size";
  ExpectWellFormedXml(svg);
}

TEST(SvgChart, EscapesEveryTextItShows) {
  ChartOptions options;
  options.title = "<script>alert('x')</script>";
  options.description = "Tom & \"Jerry\"";
  options.format_value = [](double) { return std::string("<b>"); };
  const std::string svg = RenderBarChart({{"<i>2011</i>", 1}}, options);
  EXPECT_NE(svg.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("Tom &amp; &quot;Jerry&quot;"), std::string::npos);
  EXPECT_NE(svg.find("&lt;i&gt;2011&lt;/i&gt;: &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<i>"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  ExpectWellFormedXml(svg);
}

TEST(SvgChart, EscapingKeepsCyrillicAndDropsWhatXmlForbids) {
  EXPECT_EQ(EscapeXmlText("Благоевград"), "Благоевград");
  EXPECT_EQ(EscapeXmlText("a\x01"
                          "b\tc"),
            "ab\tc");
  EXPECT_EQ(EscapeXmlText("bad \xC3( byte"), "bad \xEF\xBF\xBD( byte");
  EXPECT_EQ(EscapeXmlText("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD") << "a UTF-16 surrogate";
  EXPECT_EQ(EscapeXmlText("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD") << "an overlong '/'";
}

TEST(SvgChart, EmptySeriesSaysTheEmptyText) {
  ChartOptions options = Options();
  options.empty_text = "Няма данни & <нищо>";
  for (const auto& points : {std::vector<ChartPoint>{}, std::vector<ChartPoint>{{"2011", std::nan("")}}}) {
    const std::string svg = RenderBarChart(points, options);
    EXPECT_NE(svg.find(">Няма данни &amp; &lt;нищо&gt;</text>"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("chart-bar\""), std::string::npos);
    EXPECT_NE(svg.find("<title id=\"population-title\">"), std::string::npos);
    EXPECT_LT(svg.size(), 600u);
    ExpectWellFormedXml(svg);
  }
}

TEST(SvgChart, MissingValuesLeaveAGapInsteadOfAZeroBar) {
  const std::string bars = RenderBarChart({{"2001", 5}, {"2002", std::nan("")}, {"2003", 7}}, Options());
  EXPECT_EQ(CountOccurrences(bars, "class=\"chart-bar\""), 2u);
  const std::string line =
      RenderLineChart({{"2001", 5}, {"2002", 6}, {"2003", std::nan("")}, {"2004", 7}, {"2005", 8}}, Options());
  EXPECT_EQ(CountOccurrences(line, "<polyline"), 2u);
  EXPECT_EQ(CountOccurrences(line, "class=\"chart-point\""), 4u);
  ExpectWellFormedXml(line);
}

TEST(SvgChart, TwoChartsOnOnePageDoNotShareIds) {
  ChartOptions first = Options();
  ChartOptions second = Options();
  first.id_prefix = "population";
  second.id_prefix = "\"><script>2";  // reduced to what an id may hold
  const std::string a = RenderBarChart(Population(), first);
  const std::string b = RenderBarChart(Population(), second);
  EXPECT_NE(a.find("id=\"population-title\""), std::string::npos);
  EXPECT_NE(b.find("id=\"script2-title\""), std::string::npos);
  EXPECT_EQ(b.find("<script"), std::string::npos);
}

TEST(SvgChart, CrowdedLabelsAreThinnedAndTheLatestIsKept) {
  std::vector<ChartPoint> points;
  for (int year = 1900; year < 2000; ++year) points.push_back({std::to_string(year), static_cast<double>(year)});
  ChartOptions options = Options();
  options.width = 320;
  const std::string svg = RenderLineChart(points, options);
  const std::size_t labels = CountOccurrences(svg.substr(svg.find("chart-labels")), "<text");
  EXPECT_GE(labels, 3u);
  EXPECT_LE(labels, 10u);
  EXPECT_NE(svg.find(">1999</text>"), std::string::npos);
  EXPECT_EQ(CountOccurrences(svg, "class=\"chart-point\""), 100u) << "every point stays, only labels thin out";
}

TEST(SvgChart, OutputIsDeterministic) {
  EXPECT_EQ(RenderBarChart(Population(), Options()), RenderBarChart(Population(), Options()));
  EXPECT_EQ(RenderLineChart(Population(), Options()), RenderLineChart(Population(), Options()));
}

TEST(SvgChart, ExtremeInputStaysWellFormed) {
  ChartOptions options = Options();
  options.width = -5;
  options.height = 1000000;
  ExpectWellFormedXml(RenderBarChart({{"a", 1e308}, {"b", -1e308}, {"c", INFINITY}}, options));
  ExpectWellFormedXml(RenderLineChart({{"a", 1e-300}, {"b", 5e-324}}, options));
  std::vector<ChartPoint> many(5000, ChartPoint{"x", 1.0});
  ExpectWellFormedXml(RenderBarChart(many, Options()));
}

}  // namespace
}  // namespace web

namespace {

TEST(ShareBars, DrawEachShareAgainstATrackTo100AndSayWhenThereIsNone) {
  web::ChartOptions options;
  options.title = "Lom: figures out of 100";
  options.description = "Each bar is one figure.";
  options.id_prefix = "card";
  options.width = 360;
  options.empty_text = "No figure";
  options.format_value = [](double value) { return std::to_string(static_cast<int>(value)) + "%"; };
  const std::string svg = web::RenderShareBars(
      {{"Activities completed", 50.0}, {"Coverage <of> objectives", std::nan("")}, {"Over the top", 140.0}}, options);
  EXPECT_NE(svg.find("<title id=\"card-title\">Lom: figures out of 100</title>"), std::string::npos);
  EXPECT_NE(svg.find("Coverage &lt;of&gt; objectives"), std::string::npos) << "labels are escaped";
  EXPECT_NE(svg.find(">No figure</text>"), std::string::npos) << "no figure is said, not drawn as 0";
  // The track reaches 80 % of the width (288); half of it is 144; a share above 100 stops at the track's end.
  EXPECT_NE(svg.find("class=\"chart-bar\" x=\"0\" y=\"17\" width=\"144\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("width=\"288\" height=\"12\" fill=\"currentColor\" fill-opacity=\"0.75\""), std::string::npos);
  EXPECT_NE(svg.find(">50%</text>"), std::string::npos);
  EXPECT_EQ(svg.find("NaN"), std::string::npos);
}

}  // namespace
