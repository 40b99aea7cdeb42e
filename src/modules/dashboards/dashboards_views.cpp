#include "modules/dashboards/dashboards_views.hpp"

#include <fmt/format.h>

#include <cmath>

#include "modules/dashboards/dashboards.hpp"
#include "web/svg_map.hpp"

namespace dashboards {

using nlohmann::json;

std::string ScorecardPath(const std::string& code) { return "/scorecards/" + code; }

std::string FigureText(const web::Reader& reader, const kernel::PlaceMeasure& measure,
                       const kernel::PlaceFigure& figure) {
  if (!Shown(figure)) return reader.Translate(figure.why_none.empty() ? "No figure" : figure.why_none);
  // A share with its sign; a score (of 100) and a count as whole numbers.
  if (measure.unit == kernel::FigureUnit::kPercent) return web::Reader::Percent(*figure.value);
  return reader.Number(std::llround(*figure.value));
}

std::string FigureValue(const kernel::PlaceFigure& figure) {
  return Shown(figure) ? fmt::format("{:.1f}", *figure.value) : "";
}

std::string PlaceName(const web::Reader& reader, const places::Municipality& municipality,
                      const std::map<std::string, places::Oblast, std::less<>>& oblasts) {
  const std::string& name = reader.Localised(municipality.name_bg, municipality.name_en);
  const auto oblast = oblasts.find(municipality.oblast_code);
  if (oblast == oblasts.end()) return name;
  return name + " (" + reader.Localised(oblast->second.name_bg, oblast->second.name_en) + ")";
}

namespace {

std::string StepText(const web::Reader& reader, kernel::FigureUnit unit, const Step& step) {
  const auto number = [&](double value) { return reader.Number(std::llround(value)); };
  if (unit == kernel::FigureUnit::kCount) {
    if (!step.to) return reader.Say("{from} or more", {{"from", number(step.from)}});
    if (*step.to - step.from <= 1) return number(step.from);
    return number(step.from) + "–" + number(*step.to - 1);
  }
  const std::string to = step.to ? number(*step.to) : "100";
  return number(step.from) + "–" + to + (unit == kernel::FigureUnit::kPercent ? "%" : "");
}

}  // namespace

json ShadedMapData(const web::Reader& reader, places::PlaceViews& views, const std::string& oblast_code,
                   const kernel::PlaceMeasure& measure, const kernel::PlaceFigures& figures,
                   const std::vector<places::Municipality>& municipalities, const std::string& id_prefix) {
  const auto projected = views.ProjectedPlanMap(oblast_code);
  std::map<std::string, web::ShadedArea, std::less<>> areas;
  bool demo = false;
  for (const places::Municipality& municipality : municipalities) {
    if (!oblast_code.empty() && municipality.oblast_code != oblast_code) continue;
    const std::string& name = reader.Localised(municipality.name_bg, municipality.name_en);
    const auto found = figures.find(municipality.code);
    const kernel::PlaceFigure none{std::nullopt, "No adopted plan"};
    const kernel::PlaceFigure& figure = found == figures.end() ? none : found->second;
    demo = demo || (found != figures.end() && figure.demo);
    std::string label = name + ": " + FigureText(reader, measure, figure);
    if (figure.demo) label += " (" + reader.Translate("demo data") + ")";
    areas.emplace(municipality.code, web::ShadedArea{ScorecardPath(municipality.code), std::move(label),
                                                     Shown(figure) ? ShadeOf(*figure.value, measure.unit) : -1});
  }
  const std::string title = reader.Translate(measure.title);
  json legend = json::array();
  const std::vector<Step>& steps = StepsOf(measure.unit);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    legend.push_back({{"key_svg", web::RenderShadeKey(static_cast<int>(i), id_prefix + "-key")},
                      {"text", StepText(reader, measure.unit, steps[i])}});
  }
  legend.push_back({{"key_svg", web::RenderShadeKey(-1, id_prefix + "-key")}, {"text", reader.Translate("No figure")}});
  const std::string description = reader.Translate(measure.method);
  return {{"map_svg", projected->areas.empty()
                          ? std::string()
                          : web::RenderShadedMap(*projected, areas, {title, description, 400, id_prefix})},
          {"legend", legend},
          {"title", title},
          {"method", description},
          {"source", reader.Translate(measure.source)},
          {"lower_is_better", !measure.higher_is_better},
          {"demo", demo}};
}

json MeasureChoices(const web::Reader& reader, const std::vector<kernel::PlaceMeasure>& measures,
                    const std::string& selected) {
  json choices = json::array();
  for (const kernel::PlaceMeasure& measure : measures) {
    choices.push_back(
        {{"code", measure.code}, {"title", reader.Translate(measure.title)}, {"selected", measure.code == selected}});
  }
  return choices;
}

}  // namespace dashboards
