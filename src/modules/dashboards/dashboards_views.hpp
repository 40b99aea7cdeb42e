#pragma once
// What the dashboards' pages share: a figure as people read it, the legend of a shaded map, the map itself.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kernel/place_measures.hpp"
#include "modules/dashboards/dashboards_service.hpp"
#include "modules/places/places_views.hpp"
#include "web/reader.hpp"

namespace dashboards {

// "42%", "63", "3"; for a figure not shown, why ("No adopted plan", "Too few assessments to show").
std::string FigureText(const web::Reader& reader, const kernel::PlaceMeasure& measure,
                       const kernel::PlaceFigure& figure);
// The figure as a file holds it: "42.5", "" for none.
std::string FigureValue(const kernel::PlaceFigure& figure);
// "Лом (Монтана)": a municipality's name with its oblast's, since two municipalities may share a name.
std::string PlaceName(const web::Reader& reader, const places::Municipality& municipality,
                      const std::map<std::string, places::Oblast, std::less<>>& oblasts);

// Template data of a shaded map of the country ("") or an oblast, with its legend and its measure's method:
// {map_svg, legend: [{key_svg, text}], method, source, demo}.
nlohmann::json ShadedMapData(const web::Reader& reader, places::PlaceViews& views, const std::string& oblast_code,
                             const kernel::PlaceMeasure& measure, const kernel::PlaceFigures& figures,
                             const std::vector<places::Municipality>& municipalities, const std::string& id_prefix);

// The choice of measure, for a GET form: [{code, title, selected}].
nlohmann::json MeasureChoices(const web::Reader& reader, const std::vector<kernel::PlaceMeasure>& measures,
                              const std::string& selected);

std::string ScorecardPath(const std::string& code);

}  // namespace dashboards
