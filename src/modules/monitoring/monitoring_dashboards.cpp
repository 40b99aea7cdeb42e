// What the monitoring module gives the dashboards: three figures for every municipality, four parts of a
// municipality's scorecard, and the cycles' news of the week.

#include <fmt/format.h>

#include "core/days.hpp"
#include "modules/monitoring/monitoring_routes.hpp"
#include "web/ui.hpp"

namespace monitoring {

using nlohmann::json;

namespace {

using Figures = std::map<std::string, MonitoringFigures, std::less<>>;

kernel::PlaceFigures Each(const Figures& all, const std::function<kernel::PlaceFigure(const MonitoringFigures&)>& of) {
  kernel::PlaceFigures figures;
  for (const auto& [code, monitoring] : all) {
    kernel::PlaceFigure figure = of(monitoring);
    figure.demo = monitoring.demo;
    figures.emplace(code, std::move(figure));
  }
  return figures;
}

std::string ItemName(const web::Reader& reader, const std::string& code, const std::string& title,
                     const std::string& title_en) {
  const std::string& name = reader.Localised(title, title_en);
  return code.empty() ? name : code + " " + name;
}

std::string OfficialText(const web::Reader& reader, const OfficialView& official) {
  std::string text =
      official.status.empty() ? reader.Translate("no status") : reader.Translate(OfficialStatusTitle(official.status));
  if (official.progress) text += ", " + web::Reader::Percent(*official.progress);
  return text;
}

std::string CommunityText(const web::Reader& reader, const CommunityView& community) {
  std::string text = community.status.empty() ? reader.Translate("not observed")
                                              : reader.Translate(ObservedStatusTitle(community.status));
  if (community.mean_score)
    text += ", " + reader.Say("score {score}", {{"score", std::to_string(*community.mean_score)}});
  return text;
}

json Column(const std::string& label, bool number = false) { return {{"label", label}, {"number", number}}; }
json Cell(std::string text, std::string url = "", bool number = false) {
  return {{"text", std::move(text)}, {"url", std::move(url)}, {"number", number}};
}

// At most this many rows on the page; the files carry them all.
constexpr std::size_t kRowsShown = 15;

kernel::ScorecardPart Part(const http::Request& request, const web::Site& site, const web::Reader& reader,
                           std::string heading, json columns, json rows, std::vector<std::vector<std::string>> table,
                           std::string more_url, bool demo) {
  const std::size_t all = rows.size();
  if (rows.size() > kRowsShown) rows.erase(rows.begin() + kRowsShown, rows.end());
  std::string more_label = all > kRowsShown
                               ? reader.Say("All {count}", {{"count", reader.Number(static_cast<long long>(all))}})
                               : reader.Translate("Read more");
  const std::string html = site.RenderBody(request, "ui/table",
                                           {{"label", heading},
                                            {"columns", std::move(columns)},
                                            {"rows", std::move(rows)},
                                            {"more_url", std::move(more_url)},
                                            {"more_label", std::move(more_label)}});
  return {std::move(heading), html, std::move(table), demo};
}

}  // namespace

void DeclareMonitoringMeasures(kernel::PlaceMeasures& measures, MonitoringService& service,
                               kernel::DataVersion& version) {
  // The three figures come from one pass over every municipality, made once per change of the data.
  auto kept = std::make_shared<kernel::KeptUntilChange<Figures>>(
      version, [&service] { return service.FiguresOfMunicipalities(); });
  measures.Add({"community-score", "Community score",
                "The mean of every score (0–100) that community monitors gave in the municipality's verified "
                "assessments; not shown when fewer assessments than the installation's threshold were verified.",
                "Community monitoring cycles", kernel::FigureUnit::kScore, true, [&service, kept] {
                  const int below = service.suppress_below();
                  return Each(*kept->Get(), [below](const MonitoringFigures& figures) -> kernel::PlaceFigure {
                    if (figures.assessments == 0) return {std::nullopt, "Not monitored"};
                    if (figures.assessments < below) return {std::nullopt, "Too few assessments to show", true};
                    if (!figures.mean_score) return {std::nullopt, "No scores given"};
                    return {*figures.mean_score, ""};
                  });
                }});
  measures.Add({"open-discrepancies", "Open discrepancies",
                "Measures whose official progress runs ahead of the community's view by more than the installation's "
                "threshold, in a cycle, and that nobody has resolved.",
                "Community monitoring cycles and the plans' official progress", kernel::FigureUnit::kCount, false,
                [kept] {
                  return Each(*kept->Get(), [](const MonitoringFigures& figures) -> kernel::PlaceFigure {
                    if (figures.items == 0) return {std::nullopt, "No plan in force"};
                    return {static_cast<double>(figures.open_discrepancies), ""};
                  });
                }});
  measures.Add({"overdue-measures", "Overdue measures and activities",
                "Measures and activities of the plans in force whose deadline (or end) has passed while the plan "
                "says neither completed nor cancelled.",
                "The municipalities' action plans", kernel::FigureUnit::kCount, false, [kept] {
                  return Each(*kept->Get(), [](const MonitoringFigures& figures) -> kernel::PlaceFigure {
                    if (figures.items == 0) return {std::nullopt, "No plan in force"};
                    return {static_cast<double>(figures.overdue), ""};
                  });
                }});
}

std::vector<kernel::ScorecardSource> MonitoringScorecardParts(const web::Site& site, MonitoringService& service) {
  std::vector<kernel::ScorecardSource> parts;
  // The official and the community's views of each monitored measure.
  parts.push_back([&site, &service](const http::Request& request,
                                    std::string_view code) -> std::optional<kernel::ScorecardPart> {
    const auto views = service.ViewsOfMunicipality(std::string(code));
    if (views.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    json rows = json::array();
    std::vector<std::vector<std::string>> table{
        {reader.Translate("Measure or activity"), reader.Translate("Official view"), reader.Translate("Community view"),
         reader.Translate("Verified assessments"), reader.Translate("Discrepancy")}};
    bool demo = false;
    for (const auto& [item, side] : views) {
      const std::string name = ItemName(reader, item.code, item.title, item.title_en);
      const std::string differs = side.differs
                                      ? (side.resolution ? reader.Translate("resolved") : reader.Translate("open"))
                                      : reader.Translate("none");
      rows.push_back({{"cells",
                       {Cell(name, "/policies/items/" + std::to_string(item.id)),
                        Cell(OfficialText(reader, item.official)), Cell(CommunityText(reader, side.community)),
                        Cell(reader.Number(side.community.assessments), "", true), Cell(differs)}}});
      table.push_back({name, OfficialText(reader, item.official), CommunityText(reader, side.community),
                       std::to_string(side.community.assessments), differs});
      demo = demo || item.demo;
    }
    return Part(request, site, reader, reader.Translate("Official and community views"),
                {Column(reader.Translate("Measure or activity")), Column(reader.Translate("Official view")),
                 Column(reader.Translate("Community view")), Column(reader.Translate("Verified assessments"), true),
                 Column(reader.Translate("Discrepancy"))},
                std::move(rows), std::move(table), "/monitoring/places/" + std::string(code), demo);
  });
  // Overdue measures and activities.
  parts.push_back(
      [&site, &service](const http::Request& request, std::string_view code) -> std::optional<kernel::ScorecardPart> {
        const auto overdue = service.Overdue(std::string(code));
        if (overdue.empty()) return std::nullopt;
        const web::Reader reader = site.ReaderOf(request);
        json rows = json::array();
        std::vector<std::vector<std::string>> table{
            {reader.Translate("Measure or activity"), reader.Translate("Deadline"), reader.Translate("Official view")}};
        bool demo = false;
        for (const ScopeItem& item : overdue) {
          const std::string name = ItemName(reader, item.code, item.title, item.title_en);
          const std::string& deadline = item.deadline.empty() ? item.end_date : item.deadline;
          rows.push_back({{"cells",
                           {Cell(name, "/policies/items/" + std::to_string(item.id)), Cell(reader.Date(deadline)),
                            Cell(OfficialText(reader, item.official))}}});
          table.push_back({name, deadline, OfficialText(reader, item.official)});
          demo = demo || item.demo;
        }
        return Part(request, site, reader, reader.Translate("Overdue measures and activities"),
                    {Column(reader.Translate("Measure or activity")), Column(reader.Translate("Deadline")),
                     Column(reader.Translate("Official view"))},
                    std::move(rows), std::move(table), "/monitoring/places/" + std::string(code) + "#overdue", demo);
      });
  // The latest verified assessments: what the community saw, never who.
  parts.push_back([&site, &service](const http::Request& request,
                                    std::string_view code) -> std::optional<kernel::ScorecardPart> {
    const auto latest = service.LatestVerified(std::string(code), 10);
    if (latest.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    json rows = json::array();
    std::vector<std::vector<std::string>> table{{reader.Translate("Verified"), reader.Translate("Measure or activity"),
                                                 reader.Translate("Observed"), reader.Translate("Score")}};
    bool demo = false;
    for (const VerifiedAssessment& each : latest) {
      const std::string day = core::IsoDay(each.verified_at);
      const std::string name = ItemName(reader, each.item_code, each.item_title, each.item_title_en);
      const std::string observed = reader.Translate(ObservedStatusTitle(each.observed_status));
      const std::string score = each.mean_score ? std::to_string(*each.mean_score) : "";
      rows.push_back({{"cells",
                       {Cell(reader.Date(day)), Cell(name, "/monitoring/assessments/" + std::to_string(each.id)),
                        Cell(observed), Cell(score.empty() ? reader.Translate("not scored") : score, "", true)}}});
      table.push_back({day, name, observed, score});
      demo = demo || each.demo;
    }
    return Part(request, site, reader, reader.Translate("Latest verified assessments"),
                {Column(reader.Translate("Verified")), Column(reader.Translate("Measure or activity")),
                 Column(reader.Translate("Observed")), Column(reader.Translate("Score"), true)},
                std::move(rows), std::move(table), "/monitoring/places/" + std::string(code), demo);
  });
  return parts;
}

kernel::RecentChangeSource CycleNewsOfTheWeek(const web::Site& site, MonitoringService& service) {
  return [&site, &service](const http::Request& request, std::int64_t since, std::size_t limit) {
    const web::Reader reader = site.ReaderOf(request);
    std::vector<kernel::RecentChange> changes;
    for (const CycleNews& news : service.CycleNewsSince(since, limit)) {
      std::string text;
      if (news.kind == "verified") {
        text = reader.SayPlural("{cycle}: {count} community assessment verified",
                                "{cycle}: {count} community assessments verified", static_cast<long>(news.count),
                                {{"cycle", news.cycle_title}, {"count", reader.Number(news.count)}});
      } else if (news.kind == "opened") {
        text = reader.Say("{cycle}: monitoring cycle opened", {{"cycle", news.cycle_title}});
      } else {
        text =
            reader.Say("{cycle}: monitoring cycle closed, with its joint action plan", {{"cycle", news.cycle_title}});
      }
      changes.push_back({news.at, std::move(text), "/monitoring/cycles/" + std::to_string(news.cycle_id), news.demo});
    }
    return changes;
  };
}

}  // namespace monitoring
