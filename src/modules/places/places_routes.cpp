#include "modules/places/places_routes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "modules/places/places_views.hpp"
#include "web/svg_chart.hpp"
#include "web/ui.hpp"

namespace places {
namespace {

using nlohmann::json;

const std::string kMunicipalityCode = "{code:" + std::string(kMunicipalityCodePattern) + "}";
constexpr std::string_view kOblastCode = "{code:[A-Z]{3}}";
constexpr std::string_view kCountryCode = "{code:[A-Z]{2}}";
constexpr std::string_view kRegionCode = "{code:[A-Z]{2}[0-9A-Z]{3}}";
constexpr std::int64_t kRegionPage = 200;
constexpr std::int64_t kSettlementHitsShown = 20;

// The name in the reader's language first, the other beside it when it differs (a Belgian municipality has one).
json Names(const web::Reader& reader, const std::string& name_bg, const std::string& name_en) {
  const bool english = reader.english();
  return {{"name", english ? name_en : name_bg},
          {"other_name", name_bg == name_en ? ""
                         : english          ? name_bg
                                            : name_en},
          {"other_lang", english ? "bg" : "en"}};
}

std::string MunicipalityPath(const std::string& code) { return "/places/municipalities/" + code; }
std::string CountryPath(const std::string& code) {
  return code == kBulgaria ? std::string("/places") : "/places/countries/" + code;
}
// Bulgaria's oblasts and other countries' NUTS 3 regions have pages of their own.
std::string OblastPath(const std::string& code) {
  return IsOblastCode(code) ? "/places/oblasts/" + code : "/places/regions/" + code;
}

// "Municipalities: 581. Regions (NUTS 3): 11."
std::string CountrySummary(const web::Reader& reader, const Country& country) {
  return fmt::format(fmt::runtime(reader.Translate("Municipalities: {municipalities}. Regions (NUTS 3): {regions}.")),
                     fmt::arg("municipalities", reader.Number(country.municipality_count)),
                     fmt::arg("regions", reader.Number(country.region_count)));
}

json CountryJson(const Country& country) {
  return {{"code", country.code},
          {"name_bg", country.name_bg},
          {"name_en", country.name_en},
          {"name_local", country.name_local},
          {"languages", country.languages},
          {"population_source", country.population_source},
          {"region_count", country.region_count},
          {"municipality_count", country.municipality_count},
          {"url", CountryPath(country.code)},
          {"api_url", "/api/v1/places/municipalities?country=" + country.code}};
}

json OblastJson(const Oblast& oblast) {
  return {{"code", oblast.code},
          {"country", oblast.country_code},
          {"ekatte", oblast.ekatte},
          {"name_bg", oblast.name_bg},
          {"name_en", oblast.name_en},
          {"nuts2", oblast.nuts2},
          {"nuts3", oblast.nuts3},
          {"municipality_count", oblast.municipality_count},
          {"population", oblast.latest_population ? json{{"year", oblast.latest_population->year},
                                                         {"value", oblast.latest_population->population}}
                                                  : json()},
          {"url", OblastPath(oblast.code)},
          {"api_url", IsOblastCode(oblast.code) ? json("/api/v1/places/oblasts/" + oblast.code) : json()}};
}

json MunicipalityJson(const Municipality& municipality) {
  json item = {{"code", municipality.code},
               {"country", municipality.country_code},
               {"lau", municipality.lau_code},
               {"ekatte", municipality.ekatte},
               {"name_bg", municipality.name_bg},
               {"name_en", municipality.name_en},
               {"oblast_code", municipality.oblast_code},
               {"nuts3", municipality.nuts3},
               {"url", MunicipalityPath(municipality.code)},
               {"api_url", "/api/v1/places/municipalities/" + municipality.code}};
  if (municipality.latest_population) {
    item["population"] = {{"year", municipality.latest_population->year},
                          {"value", municipality.latest_population->population}};
  } else {
    item["population"] = nullptr;
  }
  return item;
}

// {"items": [...], "total": N, "next": URL or null}; `base` is the path with its filters, without limit and offset.
json ListJson(json items, std::int64_t total, const Page& page, const std::string& base) {
  json next = nullptr;
  if (page.offset + page.limit < total) {
    next = fmt::format("{}{}limit={}&offset={}", base, base.find('?') == std::string::npos ? "?" : "&", page.limit,
                       page.offset + page.limit);
  }
  return {{"items", std::move(items)}, {"total", total}, {"next", std::move(next)}};
}

json MunicipalityRow(const web::Reader& reader, const Municipality& municipality) {
  json row = Names(reader, municipality.name_bg, municipality.name_en);
  row["code"] = municipality.code;
  row["lau_code"] = municipality.lau_code;
  row["url"] = MunicipalityPath(municipality.code);
  row["population"] = municipality.latest_population ? reader.Number(municipality.latest_population->population)
                                                     : reader.Translate("no data");
  row["year"] = municipality.latest_population ? std::to_string(municipality.latest_population->year) : "";
  return row;
}

std::string KindName(const web::Reader& reader, const std::string& kind) {
  if (kind == "city") return reader.Translate("town");
  if (kind == "monastery") return reader.Translate("monastery");
  return reader.Translate("village");
}

// --- population and Census 2021 ----------------------------------------------------------------------------

// 11.83 → "11,8%" / "11.8%".
std::string ShareText(const web::Reader& reader, double percent) {
  std::string text = fmt::format("{:.1f}%", percent);
  if (!reader.english()) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

// A count as a page may show it: below the small-count threshold, "fewer than 5".
std::string CountText(const web::Reader& reader, std::int64_t count) {
  const auto shown = Publishable(count);
  return shown ? reader.Number(*shown)
               : fmt::format(fmt::runtime(reader.Translate("fewer than {count}")),
                             fmt::arg("count", reader.Number(kSmallCountThreshold)));
}

std::string ShareTextOf(const web::Reader& reader, std::int64_t count, std::int64_t whole) {
  const auto share = PublishableShare(count, whole);
  return share ? ShareText(reader, *share) : "—";
}

// The census as the pages show it (templates/census.mustache): by sex, age band and ethnic group, each count with
// its share, and the Roma share of everyone and of those who answered.
json CensusData(const web::Reader& reader, const Census2021& census, const std::string& name,
                const std::string& id_prefix) {
  const std::int64_t answered = census.answered_ethnic_question();
  json groups = {{"sex", json::array()}, {"age", json::array()}, {"ethnic", json::array()}};
  for (std::size_t i = 0; i < kCensusColumns.size(); ++i) {
    const CensusColumn& column = kCensusColumns[i];
    const std::int64_t count = census.counts[i];
    json row = {{"label", reader.Translate(column.title)},
                {"count", CountText(reader, count)},
                {"suppressed", !Publishable(count)},
                {"share", ShareTextOf(reader, count, census.population)}};
    const char* group = column.group == CensusGroup::kSex   ? "sex"
                        : column.group == CensusGroup::kAge ? "age"
                                                            : "ethnic";
    if (column.group == CensusGroup::kEthnic) {
      const bool an_answer = i < kFirstEthnicColumn + kEthnicAnswers;
      row["share_of_answered"] = an_answer ? ShareTextOf(reader, count, answered) : "";
      row["non_answer"] = !an_answer;
      row["roma"] = i == kRomaColumn;
    }
    groups[group].push_back(std::move(row));
  }
  const std::int64_t roma = census.roma();
  std::string roma_text;
  if (Publishable(roma)) {
    roma_text = fmt::format(
        fmt::runtime(reader.Translate(
            "Roma: {count} people, {share} of the population and {share_of_answered} of those who answered.")),
        fmt::arg("count", reader.Number(roma)), fmt::arg("share", ShareTextOf(reader, roma, census.population)),
        fmt::arg("share_of_answered", ShareTextOf(reader, roma, answered)));
  } else {
    roma_text = fmt::format(fmt::runtime(reader.Translate("Roma: {count} people.")),
                            fmt::arg("count", CountText(reader, roma)));
  }
  const std::int64_t not_answered = census.population - answered;
  return {
      {"id", id_prefix},
      {"population", CountText(reader, census.population)},
      {"date", reader.Date("2021-09-07")},
      {"sex", groups["sex"]},
      {"age", groups["age"]},
      {"ethnic", groups["ethnic"]},
      {"roma", roma_text},
      {"voluntary", fmt::format(fmt::runtime(reader.Translate(
                                    "The question about ethnic group was voluntary: {count} people did not answer it. "
                                    "Shares “of those who answered” leave them out.")),
                                fmt::arg("count", CountText(reader, not_answered)))},
      {"small_counts", fmt::format(fmt::runtime(reader.Translate(
                                       "A count below {threshold} is shown as “fewer than {threshold}” and left out of "
                                       "shares, so that no one can be singled out.")),
                                   fmt::arg("threshold", reader.Number(kSmallCountThreshold)))},
      {"sex_caption",
       fmt::format(fmt::runtime(reader.Translate("Population of {name} by sex, Census 2021")), fmt::arg("name", name))},
      {"age_caption",
       fmt::format(fmt::runtime(reader.Translate("Population of {name} by age, Census 2021")), fmt::arg("name", name))},
      {"ethnic_caption",
       fmt::format(fmt::runtime(reader.Translate("Population of {name} by ethnic group, Census 2021")),
                   fmt::arg("name", name))}};
}

// {"value": 2508, "suppressed": false}, or {"value": null, "suppressed": true} below the small-count threshold.
json CountJson(std::int64_t count) {
  const auto shown = Publishable(count);
  return {{"value", shown ? json(*shown) : json()}, {"suppressed", !shown}};
}

json ShareJson(std::int64_t count, std::int64_t whole) {
  const auto share = PublishableShare(count, whole);
  return share ? json(std::round(*share * 10.0) / 10.0) : json();
}

json CensusJson(const Census2021& census) {
  json groups = {{"sex", json::object()}, {"age", json::object()}, {"ethnic_group", json::object()}};
  for (std::size_t i = 0; i < kCensusColumns.size(); ++i) {
    const CensusColumn& column = kCensusColumns[i];
    const char* group = column.group == CensusGroup::kSex   ? "sex"
                        : column.group == CensusGroup::kAge ? "age"
                                                            : "ethnic_group";
    groups[group][std::string(column.key)] = CountJson(census.counts[i]);
  }
  const std::int64_t answered = census.answered_ethnic_question();
  return {{"date", "2021-09-07"},
          {"source", "NSI, Census 2021"},
          {"suppression_threshold", kSmallCountThreshold},
          {"population", CountJson(census.population)},
          {"sex", groups["sex"]},
          {"age", groups["age"]},
          {"ethnic_group", groups["ethnic_group"]},
          {"answered_ethnic_question", CountJson(answered)},
          {"roma_percent",
           {{"of_population", ShareJson(census.roma(), census.population)},
            {"of_answered", ShareJson(census.roma(), answered)}}}};
}

json PopulationSeriesJson(const std::vector<PopulationPoint>& series) {
  json population = json::array();
  for (const auto& point : series) population.push_back({{"year", point.year}, {"value", point.population}});
  return population;
}

// The chart and table of a population series (municipality or oblast), drawn once: the callers' pages are cached.
void AddPopulationSeries(json& data, const web::Reader& reader, const std::vector<PopulationPoint>& series,
                         const std::string& chart_title, const std::string& description) {
  std::vector<web::ChartPoint> points;
  json table = json::array();
  for (const auto& point : series) {
    points.push_back({std::to_string(point.year), static_cast<double>(point.population)});
    table.push_back({{"year", point.year}, {"population", reader.Number(point.population)}});
  }
  data["population"] = table;
  data["has_population"] = !table.empty();
  data["chart_title"] = chart_title;
  data["population_source"] = description;
  web::ChartOptions chart;
  chart.title = chart_title;
  chart.description = description;
  chart.id_prefix = "population";
  chart.empty_text = reader.Translate("No population figures");
  chart.format_value = [&reader](double value) { return reader.Number(std::llround(value)); };
  data["chart_svg"] = web::RenderBarChart(points, chart);
}

// --- the map of adopted plans -----------------------------------------------------------------------------

// The map of an oblast's (or the country's, "") municipalities with those that have an adopted plan hatched, and its
// legend.
json PlanMapData(const web::Reader& reader, PlaceViews& views, const std::string& oblast_code,
                 const kernel::MarkedPlaces& adopted, const std::string& place_name) {
  web::MapOptions options;
  options.title = fmt::format(fmt::runtime(reader.Translate("Municipalities of {name} with an adopted municipal plan")),
                              fmt::arg("name", place_name));
  options.description =
      reader.Translate("Each municipality links to its page; those with an adopted plan are hatched.");
  options.id_prefix = "plan-map";
  const std::string svg = views.PlanMap(reader, oblast_code, adopted, options);
  bool demo = false;
  for (const auto& [code, marks] : adopted) {
    if (!oblast_code.empty() && !code.starts_with(oblast_code)) continue;
    for (const auto& mark : marks) demo = demo || mark.demo;
  }
  return {{"svg", svg},
          {"has_svg", !svg.empty()},
          {"title", options.title},
          {"marked_key", web::RenderAreaKey(true, "plan-key-marked")},
          {"plain_key", web::RenderAreaKey(false, "plan-key-plain")},
          {"has_demo", demo}};
}

// The "Adopted plan" cell of a municipality: its plans' titles as links, each flagged when it is demo data.
json AdoptedPlans(const kernel::MarkedPlaces& adopted, const std::string& code) {
  json plans = json::array();
  if (const auto found = adopted.find(code); found != adopted.end()) {
    for (const kernel::PlaceMark& mark : found->second) {
      plans.push_back({{"title", mark.title}, {"url", mark.url}, {"demo", mark.demo}});
    }
  }
  return plans;
}

// --- pages -----------------------------------------------------------------------------------------------

http::Response OblastsPage(http::Request& request, const web::Site& site, PlacesService& service, PlaceViews& views,
                           const kernel::PlaceMarks& marks) {
  const web::Reader reader = site.ReaderOf(request);
  auto oblasts = service.ListOblasts({kMaxPageLimit, 0});
  if (!oblasts) return site.Fail(request, oblasts.error());
  // Which municipalities have an adopted plan changes as people work: asked on every visit, joined to the cached map.
  const kernel::MarkedPlaces adopted = marks.Find(request, kernel::kAdoptedMunicipalPlan);
  std::map<std::string, std::int64_t, std::less<>> adopted_by_oblast;
  for (const auto& [code, plans] : adopted) ++adopted_by_oblast[code.substr(0, 3)];
  json rows = json::array();
  std::optional<int> year;
  for (const auto& oblast : oblasts->items) {
    json row = Names(reader, oblast.name_bg, oblast.name_en);
    row["code"] = oblast.code;
    row["url"] = OblastPath(oblast.code);
    row["nuts3"] = oblast.nuts3;
    row["municipality_count"] = oblast.municipality_count;
    row["population"] =
        oblast.latest_population ? reader.Number(oblast.latest_population->population) : reader.Translate("no data");
    if (oblast.latest_population) year = oblast.latest_population->year;
    const auto found = adopted_by_oblast.find(oblast.code);
    row["adopted"] = reader.Number(found == adopted_by_oblast.end() ? 0 : found->second);
    rows.push_back(std::move(row));
  }
  // UTF-8 byte order is alphabetical order for Bulgarian Cyrillic and for Latin names alike.
  std::sort(rows.begin(), rows.end(), [](const json& a, const json& b) { return a["name"] < b["name"]; });
  const auto municipalities = views.MunicipalityNames();
  json marked = json::array();
  for (const Municipality& municipality : *municipalities) {
    if (!adopted.contains(municipality.code)) continue;
    json row = Names(reader, municipality.name_bg, municipality.name_en);
    row["url"] = MunicipalityPath(municipality.code);
    row["plans"] = AdoptedPlans(adopted, municipality.code);
    marked.push_back(std::move(row));
  }
  json countries = json::array();
  for (const Country& country : service.ListCountries()) {
    if (country.code == kBulgaria || country.municipality_count == 0) continue;
    json row = Names(reader, country.name_bg, country.name_en);
    row["name_local"] = country.name_local;
    row["url"] = CountryPath(country.code);
    row["summary"] = CountrySummary(reader, country);
    countries.push_back(std::move(row));
  }
  json data = {{"oblasts", rows},
               {"countries", countries},
               {"has_countries", !countries.empty()},
               {"map", PlanMapData(reader, views, "", adopted, reader.Translate("Bulgaria"))},
               {"adopted", marked},
               {"has_adopted", !marked.empty()},
               {"year", year ? std::to_string(*year) : ""}};
  return site.Page(request, reader.Translate("Oblasts of Bulgaria"), "places/oblasts", data);
}

// The parts of an oblast's page that come from reference data, drawn once per oblast and language.
json OblastReferenceData(const web::Reader& reader, const OblastDetail& detail) {
  const Oblast& oblast = detail.oblast;
  json data = json::object();
  const std::string name = reader.Localised(oblast.name_bg, oblast.name_en);
  AddPopulationSeries(
      data, reader, detail.population,
      fmt::format(fmt::runtime(reader.Translate("Population of {name} oblast by year")), fmt::arg("name", name)),
      reader.Translate("Sum of the populations of its municipalities (NSI)."));
  if (detail.census) {
    data["census"] =
        CensusData(reader, *detail.census,
                   fmt::format(fmt::runtime(reader.Translate("{name} oblast")), fmt::arg("name", name)), "census");
  }
  return data;
}

http::Response OblastPage(http::Request& request, const web::Site& site, PlacesService& service, PlaceViews& views,
                          const kernel::PlaceMarks& marks) {
  const web::Reader reader = site.ReaderOf(request);
  auto detail = service.FindOblastDetail(request.Parameter("code"));
  if (!detail) return site.Fail(request, detail.error());
  const Oblast* oblast = &(*detail)->oblast;
  const bool by_population = request.Query("sort") == std::optional<std::string>("population");
  auto municipalities = service.ListMunicipalities(oblast->code,
                                                   by_population      ? SortMunicipalities::kByPopulation
                                                   : reader.english() ? SortMunicipalities::kByEnglishName
                                                                      : SortMunicipalities::kByName,
                                                   {kMaxPageLimit, 0});
  if (!municipalities) return site.Fail(request, municipalities.error());
  const kernel::MarkedPlaces adopted = marks.Find(request, kernel::kAdoptedMunicipalPlan);
  json rows = json::array();
  for (const auto& municipality : municipalities->items) {
    json row = MunicipalityRow(reader, municipality);
    row["plans"] = AdoptedPlans(adopted, municipality.code);
    row["has_plan"] = !row["plans"].empty();
    rows.push_back(std::move(row));
  }
  // The reference parts (population chart and table, census) are rendered once per oblast and language; the map's
  // marks and the rows on every visit.
  const auto reference = views.fragments().GetOrRender(
      "oblast/" + oblast->code + "/" + std::string(reader.code()),
      [&] { return site.RenderBody(request, "places/oblast_figures", OblastReferenceData(reader, **detail)); });
  json data = Names(reader, oblast->name_bg, oblast->name_en);
  data["figures_html"] = *reference;
  if (oblast->latest_population) {
    data["latest_year"] = oblast->latest_population->year;
    data["latest_population"] = reader.Number(oblast->latest_population->population);
  }
  data["map"] = PlanMapData(reader, views, oblast->code, adopted, data["name"].get<std::string>());
  data["code"] = oblast->code;
  data["nuts2"] = oblast->nuts2;
  data["nuts3"] = oblast->nuts3;
  data["municipalities"] = rows;
  data["by_population"] = by_population;
  data["sort_by_name_url"] = OblastPath(oblast->code);
  data["sort_by_population_url"] = OblastPath(oblast->code) + "?sort=population";
  return site.Page(request, data["name"].get<std::string>(), "places/oblast", data);
}

// The page of a municipality of another country: its names, region, country and population, from its country's
// statistics office.
json ForeignMunicipalityPageData(const web::Reader& reader, const MunicipalityProfile& profile) {
  const MunicipalityDetail& detail = profile.detail;
  const Municipality& municipality = detail.municipality;
  json data = Names(reader, municipality.name_bg, municipality.name_en);
  const std::string name = data["name"];
  data["bulgarian"] = false;
  data["code"] = municipality.code;
  data["lau_code"] = municipality.lau_code;
  data["nuts3"] = municipality.nuts3;
  data["oblast"] = Names(reader, detail.oblast.name_bg, detail.oblast.name_en);
  data["oblast"]["url"] = OblastPath(detail.oblast.code);
  data["country"] = Names(reader, detail.country.name_bg, detail.country.name_en);
  data["country"]["url"] = CountryPath(detail.country.code);
  json names = json::array();
  for (const PlaceName& each : detail.names) names.push_back({{"language", each.language}, {"name", each.name}});
  if (!names.empty()) names.back()["last"] = true;
  if (!names.empty()) data["local_names"] = {{"names", names}};
  AddPopulationSeries(
      data, reader, detail.population,
      fmt::format(fmt::runtime(reader.Translate("Population of {name} by year")), fmt::arg("name", name)),
      fmt::format(fmt::runtime(reader.Translate("Source: {source}.")),
                  fmt::arg("source", detail.country.population_source)));
  if (municipality.latest_population) {
    data["latest_year"] = municipality.latest_population->year;
    data["latest_population"] = reader.Number(municipality.latest_population->population);
  }
  return data;
}

json MunicipalityPageData(const web::Reader& reader, PlaceViews& views, const MunicipalityProfile& profile) {
  const MunicipalityDetail* detail = &profile.detail;
  const Municipality& municipality = detail->municipality;
  if (municipality.country_code != kBulgaria) return ForeignMunicipalityPageData(reader, profile);
  json data = Names(reader, municipality.name_bg, municipality.name_en);
  const std::string name = data["name"];
  data["bulgarian"] = true;
  data["lau_code"] = municipality.lau_code;
  data["code"] = municipality.code;
  data["ekatte"] = municipality.ekatte;
  data["nuts3"] = municipality.nuts3;
  data["oblast"] = Names(reader, detail->oblast.name_bg, detail->oblast.name_en);
  data["oblast"]["url"] = OblastPath(detail->oblast.code);
  data["settlement_count"] = detail->settlement_count;

  // Figures change only when reference data is loaded: each chart is drawn once per municipality and language.
  AddPopulationSeries(
      data, reader, detail->population,
      fmt::format(fmt::runtime(reader.Translate("Population of {name} municipality by year")), fmt::arg("name", name)),
      reader.Translate("NSI: until 2017 the sum of the populations of its settlements, from 2023 the figure for the "
                       "municipality on 31 December."));
  if (detail->census) {
    data["census"] = CensusData(
        reader, *detail->census,
        fmt::format(fmt::runtime(reader.Translate("{name} municipality")), fmt::arg("name", name)), "census");
  }
  const std::string map_title =
      fmt::format(fmt::runtime(reader.Translate("Where {name} municipality lies in Bulgaria")), fmt::arg("name", name));
  data["map_title"] = map_title;
  data["map_svg"] = views.LocatorMap(municipality.code, map_title);
  data["has_map"] = !data["map_svg"].get<std::string>().empty();

  json settlements = json::array();
  for (const auto& settlement : profile.settlements) {
    json row = Names(reader, settlement.name_bg, settlement.name_en);
    row["ekatte"] = settlement.ekatte;
    row["kind"] = KindName(reader, settlement.kind);
    row["population"] = settlement.population ? reader.Number(*settlement.population) : reader.Translate("no data");
    settlements.push_back(std::move(row));
  }
  data["settlements"] = settlements;
  data["settlements_caption"] =
      profile.settlements_year
          ? fmt::format(fmt::runtime(reader.Translate("Settlements of the municipality, with population in {year}")),
                        fmt::arg("year", *profile.settlements_year))
          : reader.Translate("Settlements of the municipality");
  if (municipality.latest_population) {
    data["latest_year"] = municipality.latest_population->year;
    data["latest_population"] = reader.Number(municipality.latest_population->population);
  }
  return data;
}

http::Response MunicipalityPage(http::Request& request, const web::Site& site, PlacesService& service,
                                PlaceViews& views, const kernel::PlaceSections& sections) {
  auto profile = service.FindMunicipality(request.Parameter("code"));
  if (!profile) return site.Fail(request, profile.error());
  const Municipality& municipality = (*profile)->detail.municipality;
  const web::Reader reader = site.ReaderOf(request);
  // Everything in the body comes from reference data: it is rendered once per municipality and language.
  const auto body = views.fragments().GetOrRender("page/" + municipality.code + "/" + std::string(reader.code()), [&] {
    return site.RenderBody(request, "places/municipality", MunicipalityPageData(reader, views, **profile));
  });
  // What other modules show of the place (its plans, …) changes as people work: never cached.
  return site.PageAround(request, reader.english() ? municipality.name_en : municipality.name_bg,
                         *body + sections.HtmlFor(request, municipality.code));
}

http::Response CountryPage(http::Request& request, const web::Site& site, PlacesService& service) {
  const std::string code = request.Parameter("code");
  if (code == kBulgaria) return http::Response::Redirect("/places");
  auto country = service.FindCountry(code);
  if (!country) return site.Fail(request, country.error());
  auto regions = service.ListRegions(code);
  if (!regions) return site.Fail(request, regions.error());
  const web::Reader reader = site.ReaderOf(request);
  json rows = json::array();
  std::optional<int> year;
  for (const Oblast& region : *regions) {
    json row = Names(reader, region.name_bg, region.name_en);
    row["code"] = region.code;
    row["url"] = OblastPath(region.code);
    row["municipality_count"] = reader.Number(region.municipality_count);
    row["population"] =
        region.latest_population ? reader.Number(region.latest_population->population) : reader.Translate("no data");
    if (region.latest_population) year = region.latest_population->year;
    rows.push_back(std::move(row));
  }
  json data = Names(reader, country->name_bg, country->name_en);
  data["name_local"] = country->name_local;
  data["summary"] = CountrySummary(reader, *country);
  data["regions"] = rows;
  data["year"] = year ? std::to_string(*year) : "";
  data["source"] = country->population_source;
  return site.Page(request, data["name"].get<std::string>(), "places/country", data);
}

http::Response RegionPage(http::Request& request, const web::Site& site, PlacesService& service) {
  auto region = service.FindOblast(request.Parameter("code"));
  if (!region || region->country_code == kBulgaria) {
    return site.Fail(request, core::Error::NotFound("There is no region with this code."));
  }
  auto country = service.FindCountry(region->country_code);
  if (!country) return site.Fail(request, country.error());
  auto page = ParsePage(std::nullopt, request.Query("offset"), kRegionPage);
  if (!page) return site.Fail(request, page.error());
  const web::Reader reader = site.ReaderOf(request);
  const bool by_population = request.Query("sort") == std::optional<std::string>("population");
  auto municipalities = service.ListCountryMunicipalities(
      region->country_code, region->code,
      by_population ? SortMunicipalities::kByPopulation : SortMunicipalities::kByName, *page);
  if (!municipalities) return site.Fail(request, municipalities.error());
  json rows = json::array();
  for (const Municipality& municipality : municipalities->items) rows.push_back(MunicipalityRow(reader, municipality));
  const std::string path = OblastPath(region->code);
  json data = Names(reader, region->name_bg, region->name_en);
  data["code"] = region->code;
  data["nuts2"] = region->nuts2;
  data["country"] = Names(reader, country->name_bg, country->name_en);
  data["country"]["url"] = CountryPath(country->code);
  data["summary"] = fmt::format(fmt::runtime(reader.TranslatePlural("{count} municipality", "{count} municipalities",
                                                                    static_cast<long>(region->municipality_count))),
                                fmt::arg("count", reader.Number(region->municipality_count)));
  data["municipalities"] = rows;
  data["by_population"] = by_population;
  data["sort_by_name_url"] = path;
  data["sort_by_population_url"] = path + "?sort=population";
  data["pager"] = web::ui::Pager(reader, municipalities->total, page->limit, page->offset,
                                 by_population ? path + "?sort=population" : path);
  data["source"] = country->population_source;
  return site.Page(request, data["name"].get<std::string>(), "places/region", data);
}

http::Response SearchPage(http::Request& request, const web::Site& site, PlacesService& service) {
  const web::Reader reader = site.ReaderOf(request);
  const std::string query = request.Query("q").value_or("");
  auto page = ParsePage(std::nullopt, request.Query("offset"), 50);
  if (!page) return site.Fail(request, page.error());
  auto found = service.SearchMunicipalities(query, *page);
  if (!found) return site.Fail(request, found.error());
  json rows = json::array();
  std::map<std::string, std::string, std::less<>> country_names;
  for (const Country& country : service.ListCountries()) {
    country_names[country.code] = reader.Localised(country.name_bg, country.name_en);
  }
  for (const auto& municipality : found->items) {
    json row = MunicipalityRow(reader, municipality);
    if (municipality.country_code != kBulgaria) row["country"] = country_names[municipality.country_code];
    rows.push_back(std::move(row));
  }
  json settlements = json::array();
  if (page->offset == 0) {
    for (const auto& hit : service.SearchSettlements(query, kSettlementHitsShown)) {
      json row = Names(reader, hit.name_bg, hit.name_en);
      row["kind"] = KindName(reader, hit.kind);
      row["municipality"] = Names(reader, hit.municipality_name_bg, hit.municipality_name_en);
      row["municipality"]["url"] = MunicipalityPath(hit.municipality_code);
      settlements.push_back(std::move(row));
    }
  }
  json data = {{"query", query},
               {"has_query", !query.empty()},
               {"has_municipalities", !rows.empty()},
               {"municipalities", rows},
               {"has_settlements", !settlements.empty()},
               {"settlements", settlements},
               {"nothing_found", !query.empty() && rows.empty() && settlements.empty()},
               {"pager", web::ui::Pager(reader, found->total, page->limit, page->offset,
                                        "/places/search?q=" + http::PercentEncode(query))}};
  const std::string title = query.empty() ? reader.Translate("Search places")
                                          : fmt::format(fmt::runtime(reader.Translate("Places matching “{query}”")),
                                                        fmt::arg("query", query));
  return site.Page(request, title, "places/search", data);
}

// --- JSON API --------------------------------------------------------------------------------------------

http::Response ApiOblasts(http::Request& request, const web::Site& site, PlacesService& service) {
  auto page = ParsePage(request.Query("limit"), request.Query("offset"), 100);
  if (!page) return site.Fail(request, page.error());
  auto oblasts = service.ListOblasts(*page);
  if (!oblasts) return site.Fail(request, oblasts.error());
  json items = json::array();
  for (const auto& oblast : oblasts->items) items.push_back(OblastJson(oblast));
  return web::Site::List(ListJson(std::move(items), oblasts->total, *page, "/api/v1/places/oblasts"), "items");
}

http::Response ApiMunicipalities(http::Request& request, const web::Site& site, PlacesService& service) {
  auto page = ParsePage(request.Query("limit"), request.Query("offset"), 100);
  if (!page) return site.Fail(request, page.error());
  const std::string oblast = request.Query("oblast").value_or("");
  const std::string country = request.Query("country").value_or(std::string(kBulgaria));
  const std::string region = request.Query("region").value_or("");
  auto municipalities = country == kBulgaria && region.empty()
                            ? service.ListMunicipalities(oblast, SortMunicipalities::kByCode, *page)
                            : service.ListCountryMunicipalities(country, region, SortMunicipalities::kByCode, *page);
  if (!municipalities) return site.Fail(request, municipalities.error());
  json items = json::array();
  for (const auto& municipality : municipalities->items) items.push_back(MunicipalityJson(municipality));
  std::string base = "/api/v1/places/municipalities";
  for (const auto& [name, value] :
       {std::pair{"oblast", oblast}, std::pair{"country", country}, std::pair{"region", region}}) {
    if (value.empty() || (std::string_view(name) == "country" && value == kBulgaria)) continue;
    base += (base.find('?') == std::string::npos ? "?" : "&") + std::string(name) + "=" + http::PercentEncode(value);
  }
  return web::Site::List(ListJson(std::move(items), municipalities->total, *page, base), "items");
}

http::Response ApiMunicipality(http::Request& request, const web::Site& site, PlacesService& service) {
  auto profile = service.FindMunicipality(request.Parameter("code"));
  if (!profile) return site.Fail(request, profile.error());
  const MunicipalityDetail* detail = &(*profile)->detail;
  json body = MunicipalityJson(detail->municipality);
  body["oblast"] = OblastJson(detail->oblast);
  body["country_detail"] = CountryJson(detail->country);
  body["names"] = json::object();
  for (const PlaceName& name : detail->names) body["names"][name.language] = name.name;
  body["settlement_count"] = detail->settlement_count;
  body["population_by_year"] = PopulationSeriesJson(detail->population);
  body["population_source"] =
      detail->municipality.country_code == kBulgaria
          ? "NSI; until 2017 the sum over the municipality's settlements, from 2023 the municipality's figure on 31 "
            "December"
          : detail->country.population_source;
  body["census_2021"] = detail->census ? CensusJson(*detail->census) : json();
  return web::Site::Json(body);
}

http::Response ApiOblast(http::Request& request, const web::Site& site, PlacesService& service) {
  auto detail = service.FindOblastDetail(request.Parameter("code"));
  if (!detail) return site.Fail(request, detail.error());
  json body = OblastJson((*detail)->oblast);
  body["population_by_year"] = PopulationSeriesJson((*detail)->population);
  body["population_source"] = "NSI; the sum over the oblast's municipalities";
  body["census_2021"] = (*detail)->census ? CensusJson(*(*detail)->census) : json();
  return web::Site::Json(body);
}

// Every settlement of a municipality with its EKATTE code, kind, names and latest population: what a plan's settlement
// column may name, by code or by name.
http::Response ApiSettlements(http::Request& request, const web::Site& site, PlacesService& service) {
  const std::string code = request.Parameter("code");
  auto profile = service.FindMunicipality(code);
  if (!profile) return site.Fail(request, profile.error());
  json items = json::array();
  for (const Settlement& settlement : service.ListSettlements(code)) {
    items.push_back({{"ekatte", settlement.ekatte},
                     {"kind", settlement.kind},
                     {"name_bg", settlement.name_bg},
                     {"name_en", settlement.name_en},
                     {"population", settlement.population ? json(*settlement.population) : json()}});
  }
  const auto total = static_cast<std::int64_t>(items.size());
  return web::Site::List({{"items", std::move(items)}, {"total", total}, {"next", nullptr}}, "items");
}

http::Response ApiCountries(http::Request& request, const web::Site& site, PlacesService& service) {
  (void)request;
  (void)site;
  json items = json::array();
  for (const Country& country : service.ListCountries()) items.push_back(CountryJson(country));
  const auto total = static_cast<std::int64_t>(items.size());
  return web::Site::List({{"items", std::move(items)}, {"total", total}, {"next", nullptr}}, "items");
}

http::Response ApiSearch(http::Request& request, const web::Site& site, PlacesService& service) {
  auto page = ParsePage(request.Query("limit"), request.Query("offset"), 20);
  if (!page) return site.Fail(request, page.error());
  const std::string query = request.Query("q").value_or("");
  auto found = service.SearchMunicipalities(query, *page);
  if (!found) return site.Fail(request, found.error());
  json items = json::array();
  for (const auto& municipality : found->items) items.push_back(MunicipalityJson(municipality));
  return web::Site::List(
      ListJson(std::move(items), found->total, *page, "/api/v1/places/search?q=" + http::PercentEncode(query)),
      "items");
}

}  // namespace

void AddPlacesRoutes(kernel::Routes& routes, const web::Site& site, PlacesService& service, PlaceViews& views,
                     const kernel::PlaceSections& sections, const kernel::PlaceMarks& marks) {
  const auto bind = [&site, &service](http::Response (*handler)(http::Request&, const web::Site&, PlacesService&)) {
    return [handler, &site, &service](http::Request& request) { return handler(request, site, service); };
  };
  using MarkedPage =
      http::Response (*)(http::Request&, const web::Site&, PlacesService&, PlaceViews&, const kernel::PlaceMarks&);
  const auto bind_marked = [&site, &service, &views, &marks](MarkedPage handler) {
    return [handler, &site, &service, &views, &marks](http::Request& request) {
      return handler(request, site, service, views, marks);
    };
  };
  // What every visitor sees alike is kept whole until the data changes (web::ResponseCache).
  constexpr http::Kept kept = http::Kept::kForVisitors;
  routes.Get("/places", core::Access::Anyone(), bind_marked(OblastsPage), kept);
  routes.Get("/places/oblasts/" + std::string(kOblastCode), core::Access::Anyone(), bind_marked(OblastPage), kept);
  routes.Get(
      "/places/municipalities/" + kMunicipalityCode, core::Access::Anyone(),
      [&site, &service, &views, &sections](http::Request& request) {
        return MunicipalityPage(request, site, service, views, sections);
      },
      kept);
  routes.Get("/places/countries/" + std::string(kCountryCode), core::Access::Anyone(), bind(CountryPage), kept);
  routes.Get("/places/regions/" + std::string(kRegionCode), core::Access::Anyone(), bind(RegionPage), kept);
  routes.Get("/places/search", core::Access::Anyone(), bind(SearchPage));
  routes.Get("/api/v1/places/countries", core::Access::Anyone(), bind(ApiCountries));
  routes.Get("/api/v1/places/oblasts", core::Access::Anyone(), bind(ApiOblasts));
  routes.Get("/api/v1/places/oblasts/" + std::string(kOblastCode), core::Access::Anyone(), bind(ApiOblast));
  routes.Get("/api/v1/places/municipalities", core::Access::Anyone(), bind(ApiMunicipalities));
  routes.Get("/api/v1/places/municipalities/" + kMunicipalityCode, core::Access::Anyone(), bind(ApiMunicipality));
  routes.Get("/api/v1/places/municipalities/" + kMunicipalityCode + "/settlements", core::Access::Anyone(),
             bind(ApiSettlements));
  routes.Get("/api/v1/places/search", core::Access::Anyone(), bind(ApiSearch));
}

}  // namespace places
