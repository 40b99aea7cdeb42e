#pragma once
// Figures that every municipality has, or lacks, which other modules provide and the dashboards draw without knowing
// the modules: the home page's map colours municipalities by one of them, the oblast and national overviews compare
// and rank by them, a municipality's scorecard leads with them. The policies module provides plan coverage,
// activities completed and budget executed; the monitoring module the community score, open discrepancies and
// overdue measures; a later module adds its own by declaring it.

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kernel {

// One municipality's figure.
struct PlaceFigure {
  std::optional<double> value;  // nullopt: no figure; `why_none` says why
  std::string why_none;         // msgid: "No adopted plan", "Fewer than 5 assessments: not shown"
  bool suppressed = false;      // a figure exists but is withheld to protect the few people behind it
  bool demo = false;            // from invented demonstration data
};
using PlaceFigures = std::map<std::string, PlaceFigure, std::less<>>;  // by municipality code

// A measure's figures in one priority area of the national strategy, for comparing municipalities area by area.
struct ByArea {
  std::string code;  // the area's code: "education"
  std::string name_bg;
  std::string name_en;
  PlaceFigures figures;
};

enum class FigureUnit {
  kPercent,  // 0–100, shown "42 %"
  kScore,    // 0–100 points, shown "42"
  kCount,    // a whole number, shown "3"
};

struct PlaceMeasure {
  std::string code;    // "overdue-measures": its name in addresses (/?measure=…) and files
  std::string title;   // msgid: "Overdue measures"
  std::string method;  // msgid: how it is counted, stated beside every map and ranking that uses it
  std::string source;  // msgid: where the figures come from ("The municipalities' adopted action plans")
  FigureUnit unit = FigureUnit::kPercent;
  bool higher_is_better = true;
  // Every municipality's figure. Called when the data changed since the last call (pages are kept under the data
  // version), so one pass over all municipalities, not one query each, is the expected cost.
  std::function<PlaceFigures()> figures;
  // The same figure area by area, when it has a meaning there (activities completed in education); may be empty.
  std::function<std::vector<ByArea>()> by_area = {};
};

class PlaceMeasures {
 public:
  // Throws std::logic_error when a measure of this code is declared already: a wiring mistake, found at start.
  void Add(PlaceMeasure measure) {
    if (Find(measure.code)) throw std::logic_error("the place measure " + measure.code + " is declared twice");
    measures_.push_back(std::move(measure));
  }
  const std::vector<PlaceMeasure>& all() const { return measures_; }
  const PlaceMeasure* Find(std::string_view code) const {
    for (const PlaceMeasure& measure : measures_) {
      if (measure.code == code) return &measure;
    }
    return nullptr;
  }

 private:
  std::vector<PlaceMeasure> measures_;  // in the order declared: the order of the map's choices
};

}  // namespace kernel
