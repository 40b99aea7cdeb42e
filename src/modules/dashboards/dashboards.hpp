#pragma once
// The dashboards' rules, apart from any page: how a figure becomes a shade on the map, how municipalities are ranked,
// and how a set of figures is summed up (docs/methodology.md, "Dashboards").

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/place_measures.hpp"

namespace dashboards {

// One step of a map's legend: from `from` up to, not including, `to` (nullopt: and above).
struct Step {
  double from = 0;
  std::optional<double> to;
};

// Fixed steps, so that a shade means the same on every map and every day: fifths of 0–100 for percentages and
// scores; 0, 1–2, 3–5, 6–10, 11 and more for counts.
const std::vector<Step>& StepsOf(kernel::FigureUnit unit);
// The step (an index into StepsOf, and into web::kShades) a value falls in.
int ShadeOf(double value, kernel::FigureUnit unit);

// Whether a figure may be shown and ranked: it has a value, and is not withheld.
inline bool Shown(const kernel::PlaceFigure& figure) { return figure.value.has_value() && !figure.suppressed; }

// Ranks among `codes` (all when empty): 1 for the best by `higher_is_better`; equal values share a rank and the next
// rank skips (1, 2, 2, 4). A municipality without a shown figure has no rank: never ranked as if it were 0.
std::map<std::string, int, std::less<>> Ranks(const kernel::PlaceFigures& figures, bool higher_is_better,
                                              const std::vector<std::string>& codes = {});

struct Summary {
  std::size_t shown = 0;       // with a figure
  std::size_t without = 0;     // with an entry but no figure to show (withheld or none)
  std::size_t suppressed = 0;  // of those, withheld
  std::optional<double> median, lowest, highest;
};
// Over `codes` (all when empty).
Summary Summarise(const kernel::PlaceFigures& figures, const std::vector<std::string>& codes = {});

}  // namespace dashboards
