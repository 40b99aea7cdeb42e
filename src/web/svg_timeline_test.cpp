#include "web/svg_timeline.hpp"

#include <gtest/gtest.h>

namespace web {
namespace {

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

TimelineOptions Options(std::string today = "", int width = 720, std::string empty_text = "No data") {
  TimelineOptions options;
  options.title = "Activities";
  options.today = std::move(today);
  options.today_label = "today";
  options.width = width;
  options.empty_text = std::move(empty_text);
  return options;
}

TEST(Timeline, DrawsABarForEachActivityWithItsDonePartAndTodaysLine) {
  const std::string svg = RenderTimeline({{"Training of mediators", "2027-01-01", "2027-06-30", 50},
                                          {"Summer school", "2027-07-01", "2027-08-31", 0},
                                          {"Parents' club", "2027-03-01", "2027-12-31", 100}},
                                         Options("2027-05-01"));
  EXPECT_EQ(Count(svg, "class=\"chart-track\""), 3u);
  EXPECT_EQ(Count(svg, "class=\"chart-bar\""), 2u) << "nothing done, nothing filled";
  EXPECT_EQ(Count(svg, "class=\"chart-today\""), 1u);
  EXPECT_NE(svg.find(">today</text>"), std::string::npos);
  EXPECT_NE(svg.find("Parents&#39; club"), std::string::npos);
  // Under three years, the quarters are marked: January, April, July and October of 2027.
  EXPECT_NE(svg.find(">2027-01</text>"), std::string::npos);
  EXPECT_NE(svg.find(">2027-10</text>"), std::string::npos);
}

TEST(Timeline, HalfDoneFillsHalfOfTheBar) {
  const std::string svg = RenderTimeline({{"A", "2027-01-01", "2027-12-31", 50}}, Options("", 731));
  // 365 days over 730 units: the bar spans all of them and half is filled.
  EXPECT_NE(svg.find("class=\"chart-track\" x=\"0\" y=\"38\" width=\"730\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("class=\"chart-bar\" x=\"0\" y=\"38\" width=\"365\""), std::string::npos) << svg;
}

TEST(Timeline, MarksYearsOverLongSpansAndLeavesTodayOutWhenItFallsOutside) {
  const std::string svg = RenderTimeline({{"Programme", "2026-03-01", "2030-12-31", 10}}, Options("2031-05-01"));
  EXPECT_NE(svg.find(">2027-01</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">2027-04</text>"), std::string::npos);
  EXPECT_EQ(svg.find("chart-today"), std::string::npos);
}

TEST(Timeline, WithoutADatedActivitySaysSo) {
  const std::string svg = RenderTimeline({{"No days", "", "", 0}, {"Backwards", "2027-05-01", "2027-01-01", 0}},
                                         Options("", 720, "No activity has its days yet."));
  EXPECT_NE(svg.find("No activity has its days yet."), std::string::npos);
  EXPECT_EQ(svg.find("chart-track"), std::string::npos);
}

}  // namespace
}  // namespace web
