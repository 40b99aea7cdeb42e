// A place's indicator panel, the national panel of oblasts × indicators, and the indicators' section on a
// municipality's page.
#include <fmt/format.h>

#include <algorithm>

#include "core/days.hpp"
#include "modules/indicators/indicator_views.hpp"
#include "modules/indicators/indicators_routes.hpp"
#include "modules/indicators/periods.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace indicators {
namespace {

using nlohmann::json;

constexpr std::string_view kPlace = "{place:[A-Z]{2}|[A-Z]{3}|[A-Z]{3}[0-9]{2}}";

// For each indicator with values at the place: the latest value of each source, the place's target with its
// progress; for a municipality, the figures computed from its plans for the current year.
struct PanelRow {
  const Indicator* indicator = nullptr;
  std::vector<const Observation*> latest;  // one per series, the latest period first found last
  std::optional<TargetView> target;
  std::optional<Computed> computed;
};

// `every`: a row for each indicator given, with or without a value (those that measure an objective).
std::vector<PanelRow> PlacePanel(IndicatorsService& service, const std::vector<Indicator>& indicators,
                                 const std::vector<Observation>& values, const std::string& place, const Period& year,
                                 bool every = false) {
  std::vector<PanelRow> rows;
  // The place's targets, and for a municipality its computed figures, each read once for every row.
  std::vector<TargetView> targets = service.TargetsOfPlace(place);
  std::map<std::string, Computed, std::less<>> computed;
  const bool computes =
      PlaceLevelOf(place) == PlaceLevel::kMunicipality &&
      std::ranges::any_of(indicators, [](const Indicator& each) { return !each.computation.empty(); });
  if (computes) computed = service.ComputeAll(place, year);
  for (const Indicator& indicator : indicators) {
    PanelRow row;
    row.indicator = &indicator;
    if (!indicator.computation.empty()) {
      if (!computes || !computed.contains(indicator.computation)) continue;
      row.computed = computed.at(indicator.computation);
      if (!row.computed->value && row.computed->denominator == 0 && !every) continue;
      rows.push_back(std::move(row));
      continue;
    }
    for (const Observation& each : values) {  // oldest first: a later period replaces an earlier one
      if (each.indicator_id != indicator.id || each.breakdown != "total") continue;
      const auto same =
          std::ranges::find_if(row.latest, [&](const Observation* seen) { return seen->series == each.series; });
      if (same == row.latest.end()) {
        row.latest.push_back(&each);
      } else {
        *same = &each;
      }
    }
    for (const TargetView& view : targets) {
      if (view.target.indicator_id == indicator.id && view.target.breakdown == "total") row.target = view;
    }
    if (row.latest.empty() && !row.target && !every) continue;
    rows.push_back(std::move(row));
  }
  return rows;
}

json PanelRowsJson(const web::Reader& reader, IndicatorsService& service, const core::Actor& actor,
                   const std::vector<PanelRow>& rows, const std::string& place, bool& demo) {
  json list = json::array();
  for (const PanelRow& row : rows) {
    const Indicator& indicator = *row.indicator;
    json sources = json::array();
    std::optional<double> official;
    for (const Observation* each : row.latest) {
      json cell = ValueCell(reader, service, actor, indicator, *each);
      cell["source"] = SourceText(reader, *each);
      cell["period"] = each->period;
      cell["url"] = "/indicators/values/" + std::to_string(each->id);
      cell["kind"] = each->source_kind;
      cell["pending"] = each->status == "submitted";
      sources.push_back(std::move(cell));
      if (each->source_kind == "official" || (each->source_kind == "survey" && !official)) official = each->value;
      demo = demo || each->demo;
    }
    json target = nullptr;
    if (row.target) {
      const Progress progress =
          MeasureProgress(indicator.direction == "up", row.target->baseline, row.target->value.value, official);
      const std::string_view why = !row.target->value.why_none.empty() ? row.target->value.why_none : progress.why_none;
      target = {{"rule", RuleText(reader, indicator, row.target->target.rule)},
                {"period", row.target->target.period},
                {"value", row.target->value.value ? ShowValue(reader, indicator, *row.target->value.value) : "—"},
                {"progress", web::ui::Progress(reader, progress.bar, why.empty() ? "not reported" : why)}};
    }
    json computed = nullptr;
    if (row.computed) {
      computed = {
          {"value", row.computed->value ? ShowValue(reader, indicator, *row.computed->value)
                                        : reader.Translate(row.computed->why_none)},
          {"formula", reader.Translate(ComputationFormula(indicator.computation))},
          {"counts",
           indicator.computation == "budget_executed"
               ? reader.Money(row.computed->numerator, "EUR") + " / " + reader.Money(row.computed->denominator, "EUR")
               : reader.Number(row.computed->numerator) + " / " + reader.Number(row.computed->denominator)}};
    }
    list.push_back({{"name", reader.Localised(indicator.name_bg, indicator.name_en)},
                    {"url", "/indicators/" + indicator.code + "?place=" + place},
                    {"sources", sources},
                    {"target", target},
                    {"computed", computed}});
  }
  return list;
}

std::string CurrentYear(IndicatorsService& service) { return core::IsoDay(service.Now()).substr(0, 4); }

http::Response PlacePage(http::Request& request, const web::Site& site, IndicatorsService& service) {
  const std::string place = request.Parameter("place");
  const auto name = service.PlaceName(place);
  if (!name) return site.Fail(request, core::Error::NotFound("No place has this code."));
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  const auto indicators = service.Indicators();
  const auto values = service.Current({{}, {place}, {}, "total", true});
  auto asked = ParsePeriod(request.Query("year").value_or(""));
  const Period year = asked && asked->type == PeriodType::kYear ? *asked : *ParsePeriod(CurrentYear(service));
  bool demo = false;
  const json rows =
      PanelRowsJson(reader, service, actor, PlacePanel(service, indicators, values, place, year), place, demo);
  const json data = {
      {"place", reader.Localised(name->first, name->second)},
      {"code", place},
      {"year", year.code},
      {"intro", reader.Say("Each source's latest value side by side; figures computed from the plans are for {year}.",
                           {{"year", year.code}})},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"none",
       rows.empty() ? web::ui::Empty(reader.Translate("No indicator has a value for this place yet.")) : json(nullptr)},
      {"demo", demo},
      {"place_url", PlaceLevelOf(place) == PlaceLevel::kMunicipality ? "/places/municipalities/" + place
                    : PlaceLevelOf(place) == PlaceLevel::kOblast     ? "/places/oblasts/" + place
                                                                     : ""},
      {"api_url", "/api/v1/indicators/places/" + place}};
  return site.Page(request, reader.Say("Indicators: {place}", {{"place", reader.Localised(name->first, name->second)}}),
                   "indicators/place", data);
}

// The years of the national panel: from and to as asked (at most 20 years), or the ten years up to this one.
std::pair<int, int> PanelYears(const http::Request& request, IndicatorsService& service) {
  const int now = std::stoi(CurrentYear(service));
  const auto year = [&](std::string_view name, int fallback) {
    const auto text = request.Query(name);
    const auto period = text ? ParsePeriod(*text) : std::nullopt;
    return period && period->type == PeriodType::kYear ? period->year : fallback;
  };
  int to = year("to", now);
  int from = year("from", to - 9);
  if (from > to) std::swap(from, to);
  from = std::max(from, to - 19);
  return {from, to};
}

http::Response NationalPage(http::Request& request, const web::Site& site, IndicatorsService& service) {
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  const auto [from, to] = PanelYears(request, service);
  const NationalPanel panel = service.National(actor, from, to);
  PlaceNames names(reader, service);
  json columns = json::array();
  for (const Indicator& indicator : panel.indicators) {
    columns.push_back({{"name", reader.Localised(indicator.name_bg, indicator.name_en)},
                       {"url", "/indicators/" + indicator.code},
                       {"unit", reader.Translate(UnitTitle(indicator.unit))}});
  }
  json rows = json::array();
  bool demo = false;
  for (const std::string& oblast : panel.oblasts) {
    json cells = json::array();
    for (const Indicator& indicator : panel.indicators) {
      const auto found = panel.cells.find({oblast, indicator.id});
      json cell = {{"empty", true}};
      if (found != panel.cells.end()) {
        // The latest year with a value in the range.
        for (std::size_t y = found->second.values.size(); y-- > 0;) {
          if (!found->second.values[y]) continue;
          const bool suppressed = found->second.suppressed[y];
          cell = {{"empty", false},
                  {"value", suppressed ? reader.Translate("suppressed")
                                       : ShowValue(reader, indicator, *found->second.values[y])},
                  {"suppressed", suppressed},
                  {"year", panel.years[y]},
                  {"url", "/indicators/" + indicator.code + "?place=" + oblast}};
          break;
        }
        demo = demo || found->second.demo;
      }
      cells.push_back(std::move(cell));
    }
    rows.push_back({{"oblast", names.Of(oblast)}, {"url", "/indicators/places/" + oblast}, {"cells", cells}});
  }
  const json data = {
      {"from", from},
      {"to", to},
      {"columns", columns},
      {"rows", rows},
      {"has_columns", !columns.empty()},
      {"none", columns.empty() ? web::ui::Empty(reader.Translate("No oblast has an indicator value in these years."))
                               : json(nullptr)},
      {"demo", demo},
      {"api_url", fmt::format("/api/v1/indicators/national?from={}&to={}", from, to)}};
  return site.Page(request, reader.Translate("Indicators by oblast"), "indicators/national", data);
}

json NationalJson(const NationalPanel& panel) {
  json indicators = json::array();
  for (const Indicator& indicator : panel.indicators) indicators.push_back(indicator.code);
  json cells = json::array();
  for (const auto& [key, cell] : panel.cells) {
    const auto indicator = std::ranges::find(panel.indicators, key.second, &Indicator::id);
    if (indicator == panel.indicators.end()) continue;
    json values = json::object();
    for (std::size_t y = 0; y < panel.years.size(); ++y) {
      if (!cell.values[y]) continue;
      values[panel.years[y]] = cell.suppressed[y] ? json("suppressed") : json(*cell.values[y]);
    }
    cells.push_back({{"oblast", key.first}, {"indicator", indicator->code}, {"values", values}, {"demo", cell.demo}});
  }
  return {{"years", panel.years}, {"oblasts", panel.oblasts}, {"indicators", indicators}, {"cells", cells}};
}

}  // namespace

void AddIndicatorPanels(kernel::Routes& routes, const web::Site& site, IndicatorsService& service) {
  routes.Get("/indicators/national", core::Access::Anyone(),
             [&site, &service](http::Request& request) { return NationalPage(request, site, service); });
  routes.Get("/api/v1/indicators/national", core::Access::Anyone(), [&service](http::Request& request) {
    const auto [from, to] = PanelYears(request, service);
    return web::Site::Json(NationalJson(service.National(kernel::ActorOf(request), from, to)));
  });
  routes.Get("/indicators/places/" + std::string(kPlace), core::Access::Anyone(),
             [&site, &service](http::Request& request) { return PlacePage(request, site, service); });
  routes.Get("/api/v1/indicators/places/" + std::string(kPlace), core::Access::Anyone(),
             [&site, &service](http::Request& request) {
               const std::string place = request.Parameter("place");
               if (!service.PlaceName(place))
                 return site.Fail(request, core::Error::NotFound("No place has this code."));
               const core::Actor actor = kernel::ActorOf(request);
               std::map<std::int64_t, Indicator> indicators;
               for (Indicator& indicator : service.Indicators()) indicators.emplace(indicator.id, std::move(indicator));
               json values = json::array();
               for (const Observation& each : service.Current({{}, {place}, {}, "", true})) {
                 const Indicator& indicator = indicators.at(each.indicator_id);
                 const bool suppressed = service.Suppressed(actor, indicator, each);
                 values.push_back({{"indicator", indicator.code},
                                   {"period", each.period},
                                   {"breakdown", each.breakdown},
                                   {"source_kind", each.source_kind},
                                   {"series", each.series},
                                   {"value", suppressed ? json(nullptr) : json(each.value)},
                                   {"suppressed", suppressed},
                                   {"status", each.status},
                                   {"demo", each.demo}});
               }
               return web::Site::Json({{"place", place}, {"values", values}});
             });
}

kernel::ItemSectionSource IndicatorsOfTheItem(const web::Site& site, IndicatorsService& service) {
  return [&site, &service](const http::Request& request, std::int64_t item_id) -> std::optional<std::string> {
    const std::vector<Indicator> indicators = service.IndicatorsOfItem(item_id);
    const std::string place = service.PlaceOfItem(item_id);
    if (indicators.empty() || place.empty()) return std::nullopt;
    std::vector<std::int64_t> ids;
    for (const Indicator& indicator : indicators) ids.push_back(indicator.id);
    const auto values = service.Current({ids, {place}, {}, "total", true});
    const auto year = ParsePeriod(CurrentYear(service));
    const auto rows = PlacePanel(service, indicators, values, place, *year, true);
    const web::Reader reader = site.ReaderOf(request);
    bool demo = false;
    const json data = {{"rows", PanelRowsJson(reader, service, kernel::ActorOf(request), rows, place, demo)},
                       {"demo", demo}};
    return site.RenderBody(request, "indicators/item_section", data);
  };
}

kernel::GapSectionSource UnmeasuredObjectives(const web::Site& site, IndicatorsService& service) {
  return [&site, &service](const http::Request& request, std::string_view scope) -> std::optional<std::string> {
    const web::Reader reader = site.ReaderOf(request);
    json rows = json::array();
    for (const IndicatorsStore::Unmeasured& objective : service.UnmeasuredObjectives(scope)) {
      rows.push_back({{"code", objective.code},
                      {"title", reader.Localised(objective.title, objective.title_en)},
                      {"document", reader.Localised(objective.document_title, objective.document_title_en)},
                      {"url", "/policies/items/" + std::to_string(objective.id)},
                      {"demo", objective.demo}});
    }
    const json data = {{"rows", rows}, {"count", rows.size()}, {"has_rows", !rows.empty()}};
    return site.RenderBody(request, "indicators/gap_section", data);
  };
}

namespace {

// A municipality's indicators as its page and its scorecard show them: the rows' template data, the current year,
// whether demo data is among them; nothing when no indicator has a value or a target there.
struct PlaceRows {
  json rows;
  std::string year;
  bool demo = false;
};
std::optional<PlaceRows> PlaceRowsOf(const http::Request& request, const web::Reader& reader,
                                     IndicatorsService& service, const std::string& place) {
  const auto values = service.Current({{}, {place}, {}, "total", true});
  const auto indicators = service.Indicators();
  const auto year = ParsePeriod(CurrentYear(service));
  const auto rows = PlacePanel(service, indicators, values, place, *year);
  if (rows.empty()) return std::nullopt;
  PlaceRows shown;
  shown.rows = PanelRowsJson(reader, service, kernel::ActorOf(request), rows, place, shown.demo);
  shown.year = year->code;
  return shown;
}

// The section on a municipality's page: its indicators' latest values and progress, or nothing without a value.
std::optional<std::string> IndicatorsSection(const http::Request& request, const web::Site& site,
                                             IndicatorsService& service, const std::string& place) {
  const web::Reader reader = site.ReaderOf(request);
  const auto shown = PlaceRowsOf(request, reader, service, place);
  if (!shown) return std::nullopt;
  const json data = {{"rows", shown->rows},
                     {"demo", shown->demo},
                     {"year", shown->year},
                     {"panel_url", "/indicators/places/" + place}};
  return site.RenderBody(request, "indicators/place_section", data);
}

}  // namespace

kernel::ScorecardSource ProgressAgainstTargets(const web::Site& site, IndicatorsService& service) {
  return [&site, &service](const http::Request& request,
                           std::string_view municipality) -> std::optional<kernel::ScorecardPart> {
    const std::string place(municipality);
    const web::Reader reader = site.ReaderOf(request);
    const auto shown = PlaceRowsOf(request, reader, service, place);
    if (!shown) return std::nullopt;
    const json& list = shown->rows;
    kernel::ScorecardPart part{reader.Translate("Progress against targets"), "", {}, shown->demo};
    part.table.push_back({reader.Translate("Indicator"), reader.Translate("Values"), reader.Translate("Target"),
                          reader.Translate("Progress to target")});
    for (const json& row : list) {
      std::string shown;
      for (const json& source : row["sources"]) {
        if (!shown.empty()) shown += "; ";
        shown += source["value"].get<std::string>() + " (" + source["period"].get<std::string>() + ", " +
                 source["source"].get<std::string>() + ")";
      }
      if (!row["computed"].is_null()) shown = row["computed"]["value"].get<std::string>();
      const json& target = row["target"];
      part.table.push_back(
          {row["name"].get<std::string>(), shown,
           target.is_null() ? "" : target["rule"].get<std::string>() + " " + target["value"].get<std::string>(),
           target.is_null() ? "" : target["progress"]["text"].get<std::string>()});
    }
    part.html = site.RenderBody(request, "indicators/scorecard_targets",
                                {{"rows", list}, {"year", shown->year}, {"panel_url", "/indicators/places/" + place}});
    return part;
  };
}

kernel::PlaceSectionSource IndicatorsOfThePlace(const web::Site& site, IndicatorsService& service) {
  return [&site, &service](const http::Request& request, std::string_view municipality) {
    return IndicatorsSection(request, site, service, std::string(municipality));
  };
}

}  // namespace indicators
