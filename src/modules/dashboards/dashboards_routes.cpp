// The home page's map and the national and oblast overviews, with their JSON.

#include "modules/dashboards/dashboards_routes.hpp"

#include <charconv>
#include <chrono>

#include "core/days.hpp"
#include "modules/dashboards/dashboards.hpp"
#include "modules/dashboards/dashboards_views.hpp"
#include "web/list_formats.hpp"

namespace dashboards {

using nlohmann::json;

namespace {

constexpr std::string_view kOblastCode = "{oblast:[A-Z]{3}}";
constexpr std::int64_t kWeek = 7 * 86400;
constexpr std::size_t kRowsAPage = 50;

std::map<std::string, places::Oblast, std::less<>> OblastsByCode(DashboardsService& service) {
  std::map<std::string, places::Oblast, std::less<>> oblasts;
  for (places::Oblast& oblast : service.Oblasts()) oblasts.emplace(oblast.code, std::move(oblast));
  return oblasts;
}

std::vector<places::Municipality> InScope(DashboardsService& service, const std::string& oblast_code) {
  std::vector<places::Municipality> municipalities;
  for (places::Municipality& municipality : service.Municipalities()) {
    if (oblast_code.empty() || municipality.oblast_code == oblast_code)
      municipalities.push_back(std::move(municipality));
  }
  return municipalities;
}

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

kernel::Home::FrontSource CountryAtAGlance(Views views, const kernel::RecentChanges& changes) {
  return [views, &changes](http::Request& request) -> std::optional<std::string> {
    const kernel::PlaceMeasure* measure = views.service.MeasureOr(request.Query("measure").value_or(""));
    if (measure == nullptr) return std::nullopt;
    const web::Reader reader = views.site.ReaderOf(request);
    const auto figures = views.service.Figures(*measure);
    json map = ShadedMapData(reader, views.places, "", *measure, *figures, views.service.Municipalities(), "home-map");
    json news = json::array();
    for (const kernel::RecentChange& change : changes.Since(request, UnixNow() - kWeek, 12)) {
      news.push_back({{"date", reader.Date(core::IsoDay(change.at))},
                      {"text", change.text},
                      {"url", change.url},
                      {"demo", change.demo}});
    }
    return views.site.RenderBody(request, "dashboards/front",
                                 {{"map", map},
                                  {"measures", MeasureChoices(reader, views.service.Measures(), measure->code)},
                                  {"measure", measure->code},
                                  {"news", news},
                                  {"has_news", !news.empty()}});
  };
}

namespace {

// One row of a scope's comparison: a municipality with every measure's figure, and its rank by the chosen one.
json ComparisonRows(const web::Reader& reader, DashboardsService& service, const std::string& oblast_code,
                    const kernel::PlaceMeasure& chosen, std::vector<std::string>& codes) {
  const auto oblasts = OblastsByCode(service);
  std::vector<places::Municipality> municipalities;
  for (places::Municipality& municipality : service.Municipalities()) {
    if (oblast_code.empty() || municipality.oblast_code == oblast_code)
      municipalities.push_back(std::move(municipality));
  }
  for (const places::Municipality& municipality : municipalities) codes.push_back(municipality.code);
  std::vector<std::shared_ptr<const kernel::PlaceFigures>> all;
  for (const kernel::PlaceMeasure& measure : service.Measures()) all.push_back(service.Figures(measure));
  const auto chosen_figures = service.Figures(chosen);
  const auto ranks = Ranks(*chosen_figures, chosen.higher_is_better, codes);
  // Ranked ones by rank, then the others by name (the municipalities come by name).
  std::vector<std::pair<int, json>> ordered;
  for (const places::Municipality& municipality : municipalities) {
    json cells = json::array();
    bool demo = false;
    for (std::size_t i = 0; i < service.Measures().size(); ++i) {
      const auto found = all[i]->find(municipality.code);
      const kernel::PlaceFigure none{std::nullopt, "No adopted plan"};
      const kernel::PlaceFigure& figure = found == all[i]->end() ? none : found->second;
      demo = demo || figure.demo;
      cells.push_back({{"text", FigureText(reader, service.Measures()[i], figure)}, {"shown", Shown(figure)}});
    }
    const auto rank = ranks.find(municipality.code);
    json row = {{"name", PlaceName(reader, municipality, oblasts)},
                {"url", ScorecardPath(municipality.code)},
                {"rank", rank == ranks.end() ? "" : reader.Number(rank->second)},
                {"cells", cells},
                {"demo", demo}};
    ordered.emplace_back(rank == ranks.end() ? std::numeric_limits<int>::max() : rank->second, std::move(row));
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  json rows = json::array();
  for (auto& [rank, row] : ordered) rows.push_back(std::move(row));
  return rows;
}

// The municipalities (of `codes`, in that order) against each area of the national strategy, by the chosen measure.
json AreaComparison(const web::Reader& reader, DashboardsService& service, const kernel::PlaceMeasure& measure,
                    const std::vector<places::Municipality>& municipalities) {
  const auto areas = service.ByArea(measure);
  if (areas->empty()) return nullptr;
  json columns = json::array();
  for (const kernel::ByArea& area : *areas) columns.push_back(reader.Localised(area.name_bg, area.name_en));
  json rows = json::array();
  for (const places::Municipality& municipality : municipalities) {
    json cells = json::array();
    bool any = false;
    for (const kernel::ByArea& area : *areas) {
      const auto found = area.figures.find(municipality.code);
      if (found == area.figures.end()) {
        cells.push_back({{"text", "—"}, {"shown", false}});
        continue;
      }
      any = true;
      cells.push_back({{"text", FigureText(reader, measure, found->second)}, {"shown", Shown(found->second)}});
    }
    if (!any) continue;  // a municipality without a plan has no row here: the comparison above says so
    rows.push_back({{"name", reader.Localised(municipality.name_bg, municipality.name_en)},
                    {"url", ScorecardPath(municipality.code)},
                    {"cells", cells}});
  }
  return {{"columns", columns}, {"rows", rows}, {"title", reader.Translate(measure.title)}};
}

json SummaryCards(const web::Reader& reader, DashboardsService& service, const std::vector<std::string>& codes,
                  const std::string& query_scope) {
  json cards = json::array();
  for (const kernel::PlaceMeasure& measure : service.Measures()) {
    const Summary summary = Summarise(*service.Figures(measure), codes);
    const std::size_t without = codes.size() - summary.shown;
    const kernel::PlaceFigure median{summary.median, "No figure"};
    cards.push_back(
        {{"title", reader.Translate(measure.title)},
         {"median", FigureText(reader, measure, median)},
         {"range", summary.lowest ? FigureText(reader, measure, {summary.lowest, ""}) + " – " +
                                        FigureText(reader, measure, {summary.highest, ""})
                                  : ""},
         {"shown", reader.SayPlural("{count} municipality with a figure", "{count} municipalities with a figure",
                                    static_cast<long>(summary.shown),
                                    {{"count", reader.Number(static_cast<long long>(summary.shown))}})},
         {"without", without == 0 ? ""
                                  : reader.SayPlural("{count} without", "{count} without", static_cast<long>(without),
                                                     {{"count", reader.Number(static_cast<long long>(without))}})},
         {"url", query_scope + "measure=" + measure.code + "#ranking"}});
  }
  return cards;
}

http::Response OverviewPage(http::Request& request, Views views, const std::string& oblast_code) {
  const web::Reader reader = views.site.ReaderOf(request);
  const kernel::PlaceMeasure* measure = views.service.MeasureOr(request.Query("measure").value_or(""));
  if (measure == nullptr) return views.site.Fail(request, core::Error::NotFound("No figures are declared."));
  std::string title = reader.Translate("Bulgaria at a glance");
  std::string oblast_name;
  if (!oblast_code.empty()) {
    const auto oblasts = OblastsByCode(views.service);
    const auto oblast = oblasts.find(oblast_code);
    if (oblast == oblasts.end()) return views.site.Fail(request, core::Error::NotFound("No oblast has this code."));
    oblast_name = reader.Localised(oblast->second.name_bg, oblast->second.name_en);
    title = reader.Say("Oblast {name} at a glance", {{"name", oblast_name}});
  }
  std::vector<std::string> codes;
  json all_rows = ComparisonRows(reader, views.service, oblast_code, *measure, codes);
  // 50 rows a page keep the country's page light on a slow phone; the CSV and the API give all 265 at once.
  std::size_t page = 1;
  if (const auto asked = request.Query("page")) {
    std::from_chars(asked->data(), asked->data() + asked->size(), page);
    page = std::clamp<std::size_t>(page, 1, all_rows.size() / kRowsAPage + 1);
  }
  const std::size_t from = std::min(all_rows.size(), (page - 1) * kRowsAPage);
  const std::size_t to = std::min(all_rows.size(), from + kRowsAPage);
  json rows = json(json::array_t(all_rows.begin() + static_cast<std::ptrdiff_t>(from),
                                 all_rows.begin() + static_cast<std::ptrdiff_t>(to)));
  const std::string page_base =
      (oblast_code.empty() ? "/overview" : "/overview/" + oblast_code) + "?measure=" + measure->code + "&page=";
  json pager = {{"show", all_rows.size() > kRowsAPage},
                {"text", reader.Say("{from}–{to} of {count}",
                                    {{"from", reader.Number(static_cast<long long>(from + 1))},
                                     {"to", reader.Number(static_cast<long long>(to))},
                                     {"count", reader.Number(static_cast<long long>(all_rows.size()))}})}};
  if (page > 1) pager["previous"] = page_base + std::to_string(page - 1) + "#ranking";
  if (to < all_rows.size()) pager["next"] = page_base + std::to_string(page + 1) + "#ranking";
  const std::string path = oblast_code.empty() ? "/overview" : "/overview/" + oblast_code;
  json columns = json::array();
  for (const kernel::PlaceMeasure& each : views.service.Measures()) {
    columns.push_back({{"title", reader.Translate(each.title)}, {"chosen", each.code == measure->code}});
  }
  json oblast_links = json::array();
  for (const places::Oblast& oblast : views.service.Oblasts()) {
    oblast_links.push_back({{"name", reader.Localised(oblast.name_bg, oblast.name_en)},
                            {"url", "/overview/" + oblast.code + "?measure=" + measure->code},
                            {"current", oblast.code == oblast_code}});
  }
  const std::string gap_scope = oblast_code.empty() ? "country" : "oblast%3A" + oblast_code;
  const json data = {
      {"title", title},
      {"path", path},
      {"national", oblast_code.empty()},
      {"map", ShadedMapData(reader, views.places, oblast_code, *measure, *views.service.Figures(*measure),
                            views.service.Municipalities(), "overview-map")},
      {"measures", MeasureChoices(reader, views.service.Measures(), measure->code)},
      {"measure", measure->code},
      {"measure_title", reader.Translate(measure->title)},
      {"cards", SummaryCards(reader, views.service, codes, path + "?")},
      {"columns", columns},
      {"rows", rows},
      {"pager", pager},
      {"oblasts", oblast_links},
      {"gaps_url", "/policies/gaps?scope=" + gap_scope},
      // Area by area for an oblast's municipalities (at most 36); the country's would be 265 rows of nine areas.
      {"by_area", oblast_code.empty()
                      ? json(nullptr)
                      : AreaComparison(reader, views.service, *measure, InScope(views.service, oblast_code))},
      {"json_url", "/api/v1/dashboards/figures?measure=" + measure->code +
                       (oblast_code.empty() ? std::string() : "&oblast=" + oblast_code)},
  };
  return views.site.Page(request, title, "dashboards/overview", data);
}

// Every municipality's figures: of every measure (null where there is none), or of one with its rank. Open data.
http::Response ApiFigures(http::Request& request, Views views) {
  const std::string code = request.Query("measure").value_or("");
  const kernel::PlaceMeasure* measure = code.empty() ? nullptr : views.service.MeasureOr(code);
  if (!code.empty() && (measure == nullptr || measure->code != code)) {
    return views.site.Fail(request, core::Error::InvalidFields({{"measure", "There is no such measure.", code}}));
  }
  const std::string oblast = request.Query("oblast").value_or("");
  const std::vector<places::Municipality> municipalities = InScope(views.service, oblast);
  std::vector<std::string> codes;
  for (const places::Municipality& municipality : municipalities) codes.push_back(municipality.code);
  const kernel::PlaceFigure none{std::nullopt, "No adopted plan"};
  const auto figure_of = [&none](const kernel::PlaceFigures& figures, const std::string& municipality) {
    const auto found = figures.find(municipality);
    return found == figures.end() ? none : found->second;
  };
  const auto value_of = [](const kernel::PlaceFigure& figure) {
    return Shown(figure) ? json(*figure.value) : json(nullptr);
  };
  json items = json::array();
  if (measure == nullptr) {
    std::vector<std::pair<std::string, std::shared_ptr<const kernel::PlaceFigures>>> all;
    for (const kernel::PlaceMeasure& each : views.service.Measures())
      all.emplace_back(each.code, views.service.Figures(each));
    for (const places::Municipality& municipality : municipalities) {
      json values = json::object();
      bool demo = false;
      for (const auto& [each, figures] : all) {
        const kernel::PlaceFigure figure = figure_of(*figures, municipality.code);
        values[each] = value_of(figure);
        demo = demo || figure.demo;
      }
      items.push_back({{"municipality", municipality.code},
                       {"name_bg", municipality.name_bg},
                       {"name_en", municipality.name_en},
                       {"oblast", municipality.oblast_code},
                       {"figures", values},
                       {"demo", demo}});
    }
    return web::Site::List({{"items", items}}, "items");
  }
  const auto figures = views.service.Figures(*measure);
  const auto ranks = Ranks(*figures, measure->higher_is_better, codes);
  for (const places::Municipality& municipality : municipalities) {
    const kernel::PlaceFigure figure = figure_of(*figures, municipality.code);
    const auto rank = ranks.find(municipality.code);
    items.push_back({{"municipality", municipality.code},
                     {"name_bg", municipality.name_bg},
                     {"name_en", municipality.name_en},
                     {"oblast", municipality.oblast_code},
                     {"value", value_of(figure)},
                     {"why_none", Shown(figure) ? "" : figure.why_none},
                     {"suppressed", figure.suppressed},
                     {"rank", rank == ranks.end() ? json(nullptr) : json(rank->second)},
                     {"demo", figure.demo}});
  }
  return web::Site::List({{"measure", measure->code}, {"items", items}}, "items");
}

http::Response ApiMeasures(http::Request& request, Views views) {
  const web::Reader reader = views.site.ReaderOf(request);
  json items = json::array();
  for (const kernel::PlaceMeasure& measure : views.service.Measures()) {
    const char* unit = measure.unit == kernel::FigureUnit::kPercent ? "percent"
                       : measure.unit == kernel::FigureUnit::kScore ? "score"
                                                                    : "count";
    items.push_back({{"code", measure.code},
                     {"title", reader.Translate(measure.title)},
                     {"method", reader.Translate(measure.method)},
                     {"source", reader.Translate(measure.source)},
                     {"unit", unit},
                     {"higher_is_better", measure.higher_is_better}});
  }
  return web::Site::List({{"items", items}}, "items");
}

}  // namespace

void AddOverviewPages(kernel::Routes& routes, Views views) {
  constexpr http::Kept kept = http::Kept::kForVisitors;
  routes.Get(
      "/overview", core::Access::Anyone(), [views](http::Request& request) { return OverviewPage(request, views, ""); },
      kept);
  routes.Get(
      "/overview/" + std::string(kOblastCode), core::Access::Anyone(),
      [views](http::Request& request) { return OverviewPage(request, views, request.Parameter("oblast")); }, kept);
  routes.Get(
      "/api/v1/dashboards/measures", core::Access::Anyone(),
      [views](http::Request& request) { return ApiMeasures(request, views); }, kept);
  routes.Get(
      "/api/v1/dashboards/figures", core::Access::Anyone(),
      [views](http::Request& request) { return ApiFigures(request, views); }, kept);
}

}  // namespace dashboards
