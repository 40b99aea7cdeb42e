// A municipality's scorecard: its figures against its oblast's and the country's, the parts every module adds
// (kernel::ScorecardParts), downloadable as CSV and XLSX, and printable on two pages.

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "formats/table.hpp"
#include "modules/dashboards/dashboards.hpp"
#include "modules/dashboards/dashboards_routes.hpp"
#include "modules/dashboards/dashboards_views.hpp"
#include "web/svg_chart.hpp"

namespace dashboards {

using nlohmann::json;

namespace {

constexpr std::string_view kMunicipalityCode = "{code:[A-Z]{3}[0-9]{2}}";

struct FigureRow {
  const kernel::PlaceMeasure* measure = nullptr;
  kernel::PlaceFigure figure;
  std::optional<int> rank;  // among the oblast's municipalities
  std::size_t ranked = 0;   // how many of them have a rank
  Summary oblast, country;
};

std::vector<FigureRow> FiguresOf(DashboardsService& service, const places::Municipality& municipality) {
  std::vector<std::string> in_oblast;
  for (const places::Municipality& each : service.Municipalities()) {
    if (each.oblast_code == municipality.oblast_code) in_oblast.push_back(each.code);
  }
  std::vector<FigureRow> rows;
  for (const kernel::PlaceMeasure& measure : service.Measures()) {
    const auto figures = service.Figures(measure);
    FigureRow row{&measure, {std::nullopt, "No adopted plan"}, std::nullopt, 0, {}, {}};
    if (const auto found = figures->find(municipality.code); found != figures->end()) row.figure = found->second;
    const auto ranks = Ranks(*figures, measure.higher_is_better, in_oblast);
    row.ranked = ranks.size();
    if (const auto rank = ranks.find(municipality.code); rank != ranks.end()) row.rank = rank->second;
    row.oblast = Summarise(*figures, in_oblast);
    row.country = Summarise(*figures);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string MedianText(const web::Reader& reader, const FigureRow& row, const Summary& summary) {
  return FigureText(reader, *row.measure, {summary.median, "No figure"});
}

// The sheet name a part may have in a workbook: at most 31 characters, none of []:*?/\, not used before.
std::string SheetName(std::string name, std::set<std::string>& used) {
  for (char& c : name) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = ' ';
  }
  // Cut at a character boundary: 31 bytes of Cyrillic would split a letter.
  std::string cut;
  std::size_t characters = 0;
  for (std::size_t i = 0; i < name.size() && characters < 28;) {
    const auto byte = static_cast<unsigned char>(name[i]);
    const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    cut += name.substr(i, length);
    i += length;
    ++characters;
  }
  std::string unique = cut;
  for (int n = 2; !used.insert(unique).second; ++n) unique = cut + " " + std::to_string(n);
  return unique;
}

http::Response ScorecardPage(http::Request& request, Views views, const kernel::ScorecardParts& parts) {
  const std::string code = request.Parameter("code");
  const std::optional<places::Municipality> municipality = views.service.Municipality(code);
  if (!municipality) return views.site.Fail(request, core::Error::NotFound("No municipality has this code."));
  const std::string format = request.Query("format").value_or("");
  if (!format.empty() && format != "csv" && format != "xlsx") {
    return views.site.Fail(request, core::Error::InvalidFields({{"format", "Ask for csv or xlsx.", format}}));
  }
  const web::Reader reader = views.site.ReaderOf(request);
  std::string oblast_name;
  for (const places::Oblast& oblast : views.service.Oblasts()) {
    if (oblast.code == municipality->oblast_code) oblast_name = reader.Localised(oblast.name_bg, oblast.name_en);
  }
  const std::string name = reader.Localised(municipality->name_bg, municipality->name_en);
  const std::vector<FigureRow> figures = FiguresOf(views.service, *municipality);
  std::vector<kernel::ScorecardPart> found = parts.For(request, code);

  std::vector<std::vector<std::string>> figure_table{
      {reader.Translate("Figure"), reader.Translate("Value"), reader.Translate("Note"),
       reader.Translate("Rank in the oblast"), reader.Translate("Oblast median"), reader.Translate("Country median")}};
  for (const FigureRow& row : figures) {
    figure_table.push_back({reader.Translate(row.measure->title), FigureValue(row.figure),
                            Shown(row.figure) ? "" : reader.Translate(row.figure.why_none),
                            row.rank ? fmt::format("{}/{}", *row.rank, row.ranked) : "",
                            row.oblast.median ? fmt::format("{:.1f}", *row.oblast.median) : "",
                            row.country.median ? fmt::format("{:.1f}", *row.country.median) : ""});
  }
  const std::string file = "khetane-scorecard-" + code;
  if (format == "csv") {
    // One rectangular table: each part's cells as part, row, column and value.
    std::vector<std::vector<std::string>> rows{
        {reader.Translate("Part"), reader.Translate("Row"), reader.Translate("Column"), reader.Translate("Value")}};
    const auto add = [&](const std::string& part, const std::vector<std::vector<std::string>>& table) {
      for (std::size_t r = 1; r < table.size(); ++r) {
        for (std::size_t c = 1; c < table[r].size() && c < table[0].size(); ++c) {
          rows.push_back({part, table[r][0], table[0][c], table[r][c]});
        }
      }
    };
    add(reader.Translate("Figures"), figure_table);
    for (const kernel::ScorecardPart& part : found) add(part.heading, part.table);
    return web::Site::Download(formats::WriteCsv(rows), "text/csv; charset=utf-8", file + ".csv");
  }
  if (format == "xlsx") {
    std::set<std::string> used;
    std::vector<formats::XlsxSheet> sheets{{&figure_table, {}}};
    sheets.back().options.sheet_name = SheetName(reader.Translate("Figures"), used);
    sheets.back().options.numeric_columns = {1};
    for (const kernel::ScorecardPart& part : found) {
      if (part.table.empty()) continue;
      sheets.push_back({&part.table, {}});
      sheets.back().options.sheet_name = SheetName(part.heading, used);
    }
    auto bytes = formats::WriteXlsxSheets(sheets);
    if (!bytes) return views.site.Fail(request, formats::ToError(bytes.error()));
    return web::Site::Download(std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               file + ".xlsx");
  }

  bool demo = false;
  json cards = json::array(), table = json::array();
  std::vector<web::ChartPoint> points;
  for (const FigureRow& row : figures) {
    demo = demo || row.figure.demo;
    const std::string title = reader.Translate(row.measure->title);
    const std::string rank = row.rank ? reader.Say("{rank} of {count} in the oblast",
                                                   {{"rank", reader.Number(*row.rank)},
                                                    {"count", reader.Number(static_cast<long long>(row.ranked))}})
                                      : reader.Translate("not ranked");
    cards.push_back({{"value", FigureText(reader, *row.measure, row.figure)},
                     {"label", title},
                     {"note", Shown(row.figure) ? rank : ""},
                     {"url", "/overview/" + municipality->oblast_code + "?measure=" + row.measure->code + "#ranking"}});
    table.push_back({{"title", title},
                     {"value", FigureText(reader, *row.measure, row.figure)},
                     {"rank", rank},
                     {"oblast", MedianText(reader, row, row.oblast)},
                     {"country", MedianText(reader, row, row.country)}});
    if (row.measure->unit != kernel::FigureUnit::kCount) {
      points.push_back({title, Shown(row.figure) ? *row.figure.value : std::nan("")});
    }
  }
  json part_list = json::array();
  for (std::size_t i = 0; i < found.size(); ++i) {
    demo = demo || found[i].demo;
    part_list.push_back({{"heading", found[i].heading}, {"html", found[i].html}, {"id", "part-" + std::to_string(i)}});
  }
  web::ChartOptions chart;
  chart.title = reader.Say("{name}: figures out of 100", {{"name", name}});
  chart.description = reader.Translate("Each bar is one figure of the table below, from 0 to 100.");
  chart.empty_text = reader.Translate("No figure");
  chart.id_prefix = "scorecard-chart";
  chart.width = 360;  // narrow, so that its labels read at the size of the text beside it
  chart.format_value = [](double value) { return web::Reader::Percent(value); };
  const json data = {{"name", name},
                     {"oblast", oblast_name},
                     {"place_url", "/places/municipalities/" + code},
                     {"oblast_url", "/overview/" + municipality->oblast_code},
                     {"cards", cards},
                     {"table", table},
                     {"chart_svg", web::RenderShareBars(points, chart)},
                     {"parts", part_list},
                     {"has_parts", !part_list.empty()},
                     {"demo", demo},
                     {"csv_url", ScorecardPath(code) + "?format=csv"},
                     {"xlsx_url", ScorecardPath(code) + "?format=xlsx"}};
  return views.site.Page(request, reader.Say("Scorecard: {name}", {{"name", name}}), "dashboards/scorecard", data);
}

}  // namespace

kernel::PlaceSectionSource FiguresOfThePlace(Views views) {
  return [views](const http::Request& request, std::string_view code) -> std::optional<std::string> {
    const std::optional<places::Municipality> municipality = views.service.Municipality(code);
    if (!municipality) return std::nullopt;
    const std::vector<FigureRow> figures = FiguresOf(views.service, *municipality);
    if (std::none_of(figures.begin(), figures.end(), [](const FigureRow& row) { return Shown(row.figure); })) {
      return std::nullopt;
    }
    const web::Reader reader = views.site.ReaderOf(request);
    json cards = json::array();
    bool demo = false;
    for (const FigureRow& row : figures) {
      demo = demo || row.figure.demo;
      cards.push_back(
          {{"value", FigureText(reader, *row.measure, row.figure)}, {"label", reader.Translate(row.measure->title)}});
    }
    return views.site.RenderBody(request, "dashboards/place_section",
                                 {{"cards", cards}, {"demo", demo}, {"url", ScorecardPath(std::string(code))}});
  };
}

void AddScorecardPages(kernel::Routes& routes, Views views, const kernel::ScorecardParts& parts) {
  routes.Get(
      "/scorecards/" + std::string(kMunicipalityCode), core::Access::Anyone(),
      [views, &parts](http::Request& request) { return ScorecardPage(request, views, parts); },
      http::Kept::kForVisitors);
}

}  // namespace dashboards
