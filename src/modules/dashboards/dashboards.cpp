#include "modules/dashboards/dashboards.hpp"

#include <algorithm>

namespace dashboards {

const std::vector<Step>& StepsOf(kernel::FigureUnit unit) {
  static const std::vector<Step> kFifths{{0, 20}, {20, 40}, {40, 60}, {60, 80}, {80, std::nullopt}};
  static const std::vector<Step> kCounts{{0, 1}, {1, 3}, {3, 6}, {6, 11}, {11, std::nullopt}};
  return unit == kernel::FigureUnit::kCount ? kCounts : kFifths;
}

int ShadeOf(double value, kernel::FigureUnit unit) {
  const std::vector<Step>& steps = StepsOf(unit);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!steps[i].to || value < *steps[i].to) return static_cast<int>(i);
  }
  return static_cast<int>(steps.size()) - 1;
}

namespace {

template <typename Visit>
void ForEach(const kernel::PlaceFigures& figures, const std::vector<std::string>& codes, Visit visit) {
  if (codes.empty()) {
    for (const auto& [code, figure] : figures) visit(code, figure);
    return;
  }
  for (const std::string& code : codes) {
    if (const auto found = figures.find(code); found != figures.end()) visit(code, found->second);
  }
}

}  // namespace

std::map<std::string, int, std::less<>> Ranks(const kernel::PlaceFigures& figures, bool higher_is_better,
                                              const std::vector<std::string>& codes) {
  std::vector<std::pair<double, std::string>> shown;
  ForEach(figures, codes, [&](const std::string& code, const kernel::PlaceFigure& figure) {
    if (Shown(figure)) shown.emplace_back(*figure.value, code);
  });
  std::stable_sort(shown.begin(), shown.end(), [higher_is_better](const auto& a, const auto& b) {
    return higher_is_better ? a.first > b.first : a.first < b.first;
  });
  std::map<std::string, int, std::less<>> ranks;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const bool tie = i > 0 && shown[i].first == shown[i - 1].first;
    ranks[shown[i].second] = tie ? ranks[shown[i - 1].second] : static_cast<int>(i) + 1;
  }
  return ranks;
}

Summary Summarise(const kernel::PlaceFigures& figures, const std::vector<std::string>& codes) {
  Summary summary;
  std::vector<double> values;
  ForEach(figures, codes, [&](const std::string&, const kernel::PlaceFigure& figure) {
    if (Shown(figure)) {
      values.push_back(*figure.value);
    } else {
      ++summary.without;
      if (figure.suppressed) ++summary.suppressed;
    }
  });
  summary.shown = values.size();
  if (values.empty()) return summary;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  summary.median = values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  summary.lowest = values.front();
  summary.highest = values.back();
  return summary;
}

}  // namespace dashboards
