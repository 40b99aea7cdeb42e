#include "modules/policies/policy_dashboards.hpp"

#include <fmt/format.h>

#include "modules/policies/policy_pages.hpp"
#include "web/ui.hpp"

namespace policies {

using nlohmann::json;

namespace {

// Every municipality's figure of one kind, from the plans' figures (the others have no adopted plan: no entry).
using Figures = std::map<std::string, PlanFigures, std::less<>>;

kernel::PlaceFigures Each(const Figures& all, const std::function<kernel::PlaceFigure(const PlanFigures&)>& of) {
  kernel::PlaceFigures figures;
  for (const auto& [code, plan] : all) {
    kernel::PlaceFigure figure = of(plan);
    figure.demo = plan.demo;
    figures.emplace(code, std::move(figure));
  }
  return figures;
}

kernel::PlaceFigure Share(std::int64_t part, std::int64_t whole, std::string why_none) {
  if (whole <= 0) return {std::nullopt, std::move(why_none)};
  return {100.0 * static_cast<double>(part) / static_cast<double>(whole), ""};
}

std::string PlainNumber(double value) { return fmt::format("{:.1f}", value); }

}  // namespace

void DeclarePlanMeasures(kernel::PlaceMeasures& measures, PoliciesService& policies, kernel::DataVersion& version) {
  // The three figures come from one pass over every municipality's plans, made once per change of the data.
  auto kept = std::make_shared<kernel::KeptUntilChange<Figures>>(
      version, [&policies] { return policies.FiguresOfMunicipalities(); });
  measures.Add({"plan-coverage", "Coverage of regional and national objectives",
                "Of the objectives of the national strategy and of its oblast's regional strategy, the share that "
                "the municipality's adopted plans implement, directly or through another objective.",
                "The municipalities' adopted action plans and their links to the strategies above",
                kernel::FigureUnit::kPercent, true, [kept] {
                  return Each(*kept->Get(), [](const PlanFigures& plan) {
                    return Share(plan.objectives_reached, plan.objectives_above,
                                 "No national or regional objectives to cover");
                  });
                }});
  measures.Add({"activities-completed", "Activities completed",
                "Of the activities of the municipality's adopted plans, not counting cancelled ones, the share its "
                "officials report as completed.",
                "The municipalities' adopted action plans", kernel::FigureUnit::kPercent, true,
                [kept] {
                  return Each(*kept->Get(), [](const PlanFigures& plan) {
                    return Share(plan.completed, plan.activities, "The plan has no activities");
                  });
                },
                [&policies] {
                  std::vector<kernel::ByArea> areas;
                  for (const AreaByMunicipality& each : policies.ActivitiesByArea()) {
                    kernel::ByArea area{each.area.code, each.area.name_bg, each.area.name_en, {}};
                    for (const auto& [code, counts] : each.municipalities) {
                      kernel::PlaceFigure figure = Share(counts.completed, counts.activities, "No activities here");
                      figure.demo = counts.demo;
                      area.figures.emplace(code, std::move(figure));
                    }
                    areas.push_back(std::move(area));
                  }
                  return areas;
                }});
  measures.Add({"budget-executed", "Budget executed",
                "Spending reported, divided by the budget planned, in euro, over the budget lines that report "
                "spending: a line nobody reported on is left out, never counted as nothing spent.",
                "The municipalities' adopted action plans", kernel::FigureUnit::kPercent, true, [kept] {
                  return Each(*kept->Get(), [](const PlanFigures& plan) -> kernel::PlaceFigure {
                    if (!plan.spent_share) return {std::nullopt, "No spending reported"};
                    return {100.0 * *plan.spent_share, ""};
                  });
                }});
}

kernel::ScorecardSource PlanByArea(const web::Site& site, PoliciesService& policies) {
  return [&site, &policies](const http::Request& request,
                            std::string_view code) -> std::optional<kernel::ScorecardPart> {
    const web::Reader reader = site.ReaderOf(request);
    const std::vector<AreaFigures> areas = policies.AreasOfMunicipality(std::string(code));
    if (areas.empty()) return std::nullopt;
    kernel::ScorecardPart part{reader.Translate("The plan by area"), "", {}, false};
    part.table.push_back({reader.Translate("Area"), reader.Translate("Measures"), reader.Translate("Activities"),
                          reader.Translate("Completed"), reader.Translate("Activities completed (%)"),
                          reader.Translate("Planned (EUR)"), reader.Translate("Spent (EUR)"),
                          reader.Translate("Budget executed (%)")});
    json rows = json::array();
    for (const AreaFigures& area : areas) {
      if (area.measures == 0 && area.activities == 0) continue;  // an objective's area that nothing below shares
      const std::string name = area.area.id == 0 ? reader.Translate("No area given")
                                                 : reader.Localised(area.area.name_bg, area.area.name_en);
      const std::optional<double> completed =
          area.activities > 0 ? std::optional(100.0 * static_cast<double>(area.completed) / area.activities)
                              : std::nullopt;
      const std::optional<double> executed =
          area.spent_eur_cents && area.planned_eur_cents > 0
              ? std::optional(100.0 * static_cast<double>(*area.spent_eur_cents) / area.planned_eur_cents)
              : std::nullopt;
      part.demo = part.demo || area.demo;
      rows.push_back({{"area", name},
                      {"measures", reader.Number(area.measures)},
                      {"activities", reader.Number(area.activities)},
                      {"completed_html", site.RenderBody(request, "ui/progress", web::ui::Progress(reader, completed))},
                      {"planned", web::ui::Money(reader, area.planned_eur_cents, "EUR")},
                      {"spent", web::ui::Money(reader, area.spent_eur_cents, "EUR")},
                      {"executed", executed ? web::Reader::Percent(*executed) : reader.Translate("not reported")}});
      part.table.push_back({name, std::to_string(area.measures), std::to_string(area.activities),
                            std::to_string(area.completed), completed ? PlainNumber(*completed) : "",
                            fmt::format("{:.2f}", area.planned_eur_cents / 100.0),
                            area.spent_eur_cents ? fmt::format("{:.2f}", *area.spent_eur_cents / 100.0) : "",
                            executed ? PlainNumber(*executed) : ""});
    }
    DocumentFilter filter;
    filter.municipality_code = std::string(code);
    json plans = json::array();
    for (const Document& document : policies.ListDocuments(filter)) {
      if (document.level != Level::kMunicipal || document.status == "superseded") continue;
      const auto tree = policies.Tree(document.id);
      if (!tree) continue;
      part.demo = part.demo || document.demo;
      plans.push_back({{"title", reader.Localised(document.title, document.title_en)},
                       {"url", DocumentPath(document.id)},
                       {"period", fmt::format("{}–{}", document.period_start, document.period_end)},
                       {"status", reader.Translate(StatusTitle(document.status))},
                       {"demo", document.demo},
                       {"meter_html", site.RenderBody(request, "ui/progress", ProgressMeter(reader, tree->plan))}});
    }
    part.html = site.RenderBody(
        request, "policies/scorecard_areas",
        {{"rows", rows}, {"plans", plans}, {"plans_url", "/policies?scope=municipality%3A" + std::string(code)}});
    return part;
  };
}

kernel::RecentChangeSource PlansChanged(const web::Site& site, PoliciesService& policies) {
  return [&site, &policies](const http::Request& request, std::int64_t since, std::size_t limit) {
    const web::Reader reader = site.ReaderOf(request);
    std::vector<kernel::RecentChange> changes;
    for (const ChangedPlan& plan : policies.PlansChangedSince(since, limit)) {
      const std::string title = reader.Localised(plan.document.title, plan.document.title_en);
      std::string text = plan.changed_items > 0
                             ? reader.SayPlural("{plan}: {count} item updated", "{plan}: {count} items updated",
                                                static_cast<long>(plan.changed_items),
                                                {{"plan", title}, {"count", reader.Number(plan.changed_items)}})
                             : reader.Say("{plan}: the plan's details updated", {{"plan", title}});
      changes.push_back({plan.last_change, std::move(text), DocumentPath(plan.document.id), plan.document.demo});
    }
    return changes;
  };
}

}  // namespace policies
