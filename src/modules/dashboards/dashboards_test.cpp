#include "modules/dashboards/dashboards.hpp"

#include <gtest/gtest.h>

namespace {

using kernel::FigureUnit;
using kernel::PlaceFigure;

TEST(Shades, PercentagesFallInFifthsAndCountsInGrowingSteps) {
  EXPECT_EQ(dashboards::ShadeOf(0, FigureUnit::kPercent), 0);
  EXPECT_EQ(dashboards::ShadeOf(19.9, FigureUnit::kPercent), 0);
  EXPECT_EQ(dashboards::ShadeOf(20, FigureUnit::kPercent), 1);
  EXPECT_EQ(dashboards::ShadeOf(100, FigureUnit::kPercent), 4);
  EXPECT_EQ(dashboards::ShadeOf(0, FigureUnit::kCount), 0) << "none overdue is a shade of its own";
  EXPECT_EQ(dashboards::ShadeOf(1, FigureUnit::kCount), 1);
  EXPECT_EQ(dashboards::ShadeOf(2, FigureUnit::kCount), 1);
  EXPECT_EQ(dashboards::ShadeOf(5, FigureUnit::kCount), 2);
  EXPECT_EQ(dashboards::ShadeOf(10, FigureUnit::kCount), 3);
  EXPECT_EQ(dashboards::ShadeOf(400, FigureUnit::kCount), 4);
}

TEST(Ranks, NeverRankAMissingOrWithheldFigure) {
  const kernel::PlaceFigures figures{{"A", PlaceFigure{80.0, ""}},
                                     {"B", PlaceFigure{std::nullopt, "No adopted plan"}},
                                     {"C", PlaceFigure{95.0, "", true}},
                                     {"D", PlaceFigure{40.0, ""}}};
  const auto ranks = dashboards::Ranks(figures, true);
  EXPECT_EQ(ranks.size(), 2u);
  EXPECT_EQ(ranks.at("A"), 1);
  EXPECT_EQ(ranks.at("D"), 2);
  EXPECT_FALSE(ranks.contains("B")) << "no figure is not a zero";
  EXPECT_FALSE(ranks.contains("C")) << "a withheld figure is not ranked, or its place would tell it";
}

TEST(Ranks, TiesShareARankAndFewerIsBetterForProblems) {
  const kernel::PlaceFigures overdue{{"A", PlaceFigure{3.0, ""}},
                                     {"B", PlaceFigure{0.0, ""}},
                                     {"C", PlaceFigure{3.0, ""}},
                                     {"D", PlaceFigure{7.0, ""}}};
  const auto ranks = dashboards::Ranks(overdue, false);
  EXPECT_EQ(ranks.at("B"), 1);
  EXPECT_EQ(ranks.at("A"), 2);
  EXPECT_EQ(ranks.at("C"), 2);
  EXPECT_EQ(ranks.at("D"), 4);
  EXPECT_EQ(dashboards::Ranks(overdue, false, {"A", "D"}).at("D"), 2) << "within an oblast's municipalities only";
}

TEST(Summaries, CountWhatHasNoFigureApartFromTheMedian) {
  const kernel::PlaceFigures figures{{"A", PlaceFigure{10.0, ""}},
                                     {"B", PlaceFigure{30.0, ""}},
                                     {"C", PlaceFigure{std::nullopt, "Not monitored"}},
                                     {"D", PlaceFigure{20.0, "", true}},
                                     {"E", PlaceFigure{50.0, ""}},
                                     {"F", PlaceFigure{40.0, ""}}};
  const auto summary = dashboards::Summarise(figures);
  EXPECT_EQ(summary.shown, 4u);
  EXPECT_EQ(summary.without, 2u);
  EXPECT_EQ(summary.suppressed, 1u);
  EXPECT_DOUBLE_EQ(*summary.median, 35.0);
  EXPECT_DOUBLE_EQ(*summary.lowest, 10.0);
  EXPECT_DOUBLE_EQ(*summary.highest, 50.0);
  EXPECT_FALSE(dashboards::Summarise(figures, {"C"}).median) << "nothing to sum up";
}

}  // namespace
