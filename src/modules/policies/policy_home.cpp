#include "modules/policies/policy_home.hpp"

#include <fmt/format.h>

#include <chrono>
#include <set>

#include "core/clock.hpp"
#include "core/days.hpp"
#include "core/local_time.hpp"
#include "modules/policies/policy_pages.hpp"
#include "web/ui.hpp"

namespace policies {
namespace {

using nlohmann::json;

constexpr int kDeadlineDays = 60;
constexpr std::size_t kListed = 10;  // of each list; the plan's page has the rest

// The municipalities where `user` plans or follows a plan: those of their roles scoped to a municipality, and those
// their organisations work in (a civil-society organisation follows its municipality's plan).
std::set<std::string> MunicipalitiesOf(const core::SignedIn& user, accounts::OrganisationService& organisations) {
  std::set<std::string> codes;
  for (const core::RoleAssignment& assignment : user.roles()) {
    if (assignment.scope.kind == core::ScopeKind::kMunicipality) codes.insert(assignment.scope.code);
  }
  for (const auto& organisation : organisations.OrganisationsOf(user.user_id())) {
    if (!organisation.municipality_code.empty()) codes.insert(organisation.municipality_code);
  }
  return codes;
}

bool MayWritePlan(const core::SignedIn& user, const std::string& municipality_code) {
  Document plan;
  plan.level = Level::kMunicipal;
  plan.municipality_code = municipality_code;
  return MayEdit(user.roles(), plan);
}

json ItemRow(const http::Request& request, const web::Reader& reader, const Item& item, bool editable) {
  return {{"kind", reader.Translate(KindTitle(item.kind))},          {"code", item.code},
          {"title", Localised(request, item.title, item.title_en)},  {"url", ItemPath(item.id)},
          {"edit_url", editable ? ItemPath(item.id) + "/edit" : ""}, {"deadline", reader.Date(item.deadline)}};
}

json Limited(const json& rows) {
  json shown = json::array();
  for (std::size_t i = 0; i < rows.size() && i < kListed; ++i) shown.push_back(rows[i]);
  return shown;
}

// One plan with what in it needs attention.
json PlanData(const http::Request& request, const web::Site& site, const web::Reader& reader,
              const core::SignedIn& user, const DocumentTree& tree, const std::string& today,
              const std::string& horizon) {
  const Document& document = tree.document;
  const bool editable = PoliciesService::MayChange(user, document);
  json unreported = json::array();
  for (const std::size_t index : tree.plan.not_reported) {
    unreported.push_back(ItemRow(request, reader, tree.nodes[index].item, editable));
  }
  // Measures that implement nothing above, neither they nor their objective.
  json unlinked = json::array();
  std::set<std::int64_t> linked_objectives;
  for (const TreeNode& node : tree.nodes) {
    if (node.item.kind == "objective" && !node.implements.empty()) linked_objectives.insert(node.item.id);
    if (node.item.kind != "measure" || !node.implements.empty()) continue;
    if (node.item.parent_id && linked_objectives.contains(*node.item.parent_id)) continue;
    unlinked.push_back(ItemRow(request, reader, node.item, editable));
  }
  json deadlines = json::array();
  for (const TreeNode& node : tree.nodes) {
    const Item& item = node.item;
    if (item.kind != "activity" || item.deadline.empty() || item.deadline < today || item.deadline > horizon) continue;
    if (item.official_status == "completed" || item.official_status == "cancelled") continue;
    deadlines.push_back(ItemRow(request, reader, item, editable));
  }
  const std::string url = DocumentPath(document.id);
  return {
      {"title", Localised(request, document.title, document.title_en)},
      {"url", url},
      {"demo", document.demo},
      {"status", reader.Translate(StatusTitle(document.status))},
      {"meter_html", site.RenderBody(request, "ui/progress", ProgressMeter(reader, tree.plan))},
      {"summary", web::ui::Cards({{reader.Number(static_cast<long long>(unreported.size())),
                                   reader.Translate("activities without reported progress"), "", "#home-unreported"},
                                  {reader.Number(static_cast<long long>(unlinked.size())),
                                   reader.Translate("measures that implement nothing above"), "", "#home-unlinked"},
                                  {reader.Number(static_cast<long long>(deadlines.size())),
                                   reader.Translate("deadlines in the next 60 days"), "", "#home-deadlines"}})},
      {"unreported", Limited(unreported)},
      {"unreported_more", unreported.size() > kListed ? url + "#not-reported" : ""},
      {"unlinked", Limited(unlinked)},
      {"deadlines", Limited(deadlines)},
      {"has_unreported", !unreported.empty()},
      {"has_unlinked", !unlinked.empty()},
      {"has_deadlines", !deadlines.empty()}};
}

}  // namespace

kernel::HomeSectionSource PlansNeedingYou(const web::Site& site, PoliciesService& policies,
                                          places::PlacesService& places, accounts::OrganisationService& organisations) {
  return [&site, &policies, &places, &organisations](const http::Request& request,
                                                     const core::SignedIn& user) -> std::optional<kernel::HomeSection> {
    const std::set<std::string> municipalities = MunicipalitiesOf(user, organisations);
    if (municipalities.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    const auto today = core::LocalDay(core::SystemClock().Now());  // the installation's day, as deadlines count
    const std::string from = core::IsoOf(today), to = core::IsoOf(today + std::chrono::days(kDeadlineDays));
    json places_data = json::array();
    for (const std::string& code : municipalities) {
      const auto municipality = places.FindMunicipality(code);
      const std::string name = municipality ? Localised(request, (*municipality)->detail.municipality.name_bg,
                                                        (*municipality)->detail.municipality.name_en)
                                            : code;
      DocumentFilter filter;
      filter.municipality_code = code;
      json plans = json::array();
      for (const Document& document : policies.ListDocuments(filter)) {
        if (document.level != Level::kMunicipal || document.status == "superseded") continue;
        if (const auto tree = policies.Tree(document.id)) {
          plans.push_back(PlanData(request, site, reader, user, *tree, from, to));
        }
      }
      places_data.push_back({{"name", name},
                             {"place_url", "/places/municipalities/" + code},
                             {"new_url", MayWritePlan(user, code) ? "/policies/documents/new" : ""},
                             {"plans", plans},
                             {"has_plans", !plans.empty()}});
    }
    return kernel::HomeSection{reader.Translate("Your municipality's plans"),
                               site.RenderBody(request, "policies/home", {{"places", places_data}})};
  };
}

kernel::PlaceSectionSource PlansOfThePlace(const web::Site& site, PoliciesService& policies) {
  return [&site, &policies](const http::Request& request, std::string_view code) -> std::optional<std::string> {
    const web::Reader reader = site.ReaderOf(request);
    DocumentFilter filter;
    filter.municipality_code = std::string(code);
    json plans = json::array();
    for (const Document& document : policies.ListDocuments(filter)) {
      if (document.level != Level::kMunicipal) continue;
      const auto tree = policies.Tree(document.id);
      if (!tree) continue;
      plans.push_back({{"title", Localised(request, document.title, document.title_en)},
                       {"url", DocumentPath(document.id)},
                       {"period", fmt::format("{}–{}", document.period_start, document.period_end)},
                       {"status", reader.Translate(StatusTitle(document.status))},
                       {"demo", document.demo},
                       {"meter_html", site.RenderBody(request, "ui/progress", ProgressMeter(reader, tree->plan))},
                       {"planned", web::ui::Money(reader, tree->plan.money.all.planned_cents, document.currency)}});
    }
    return site.RenderBody(request, "policies/place",
                           {{"plans", plans},
                            {"has_plans", !plans.empty()},
                            {"gaps_url", "/policies/gaps?scope=municipality%3A" + std::string(code)},
                            {"cascade_url", "/policies?scope=municipality%3A" + std::string(code)}});
  };
}

}  // namespace policies
