// A campaign's page: its goal and ROMA-UP stage, the asks linked to the plans' measures, the decision makers it
// targets, what was done and what came of it (linked to the change in the plan's history); the forms that add each.
#include <fmt/format.h>

#include <charconv>
#include <set>
#include <span>

#include "modules/advocacy/advocacy_routes.hpp"
#include "web/ui.hpp"

namespace advocacy {
namespace {

using nlohmann::json;

// "/policies/items/40", "https://…/policies/items/40#x" or "40" → 40: the measure an ask or a result is about.
std::optional<std::int64_t> ItemIn(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  const std::string_view prefix = "/policies/items/";
  const auto at = text->find(prefix);
  std::string digits = at == std::string::npos ? *text : text->substr(at + prefix.size());
  digits = digits.substr(0, digits.find_first_not_of("0123456789"));
  return web::IdIn(digits);
}

std::string ItemPath(std::int64_t id) { return "/policies/items/" + std::to_string(id); }

json Choices(const web::Reader& reader, std::span<const std::string_view> codes, std::string_view chosen) {
  json options = json::array();
  for (const std::string_view code : codes) {
    options.push_back({{"value", code}, {"label", reader.Translate(TitleOf(code))}, {"selected", code == chosen}});
  }
  return options;
}

struct Typed {
  std::string form;
  json values = json::object();
};

http::Response CampaignPage(http::Request& request, const web::Site& site, AdvocacyService& service, std::int64_t id,
                            const Typed& typed, const web::Refusal& refusal,
                            std::string_view template_name = "advocacy/campaign") {
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  const auto view = service.ReadCampaign(actor, id);
  if (!view) return site.Fail(request, view.error());
  policies::PoliciesService& policies = service.policies();
  const auto item_title = [&](std::optional<std::int64_t> item_id) -> std::string {
    if (!item_id) return "";
    const auto item = policies.FindItem(*item_id);
    return item ? item->code + " " + reader.Localised(item->title, item->title_en) : "";
  };
  json asks = json::array();
  json ask_items = json::array();
  for (const Ask& ask : view->asks) {
    asks.push_back(
        {{"text", ask.text},
         {"item", item_title(ask.item_id)},
         {"item_url", ask.item_id ? ItemPath(*ask.item_id) : ""},
         {"missing", !ask.item_id},
         {"gap", ask.gap_place_code.empty() ? ""
                                            : reader.Say("A measure the plans of {place} lack, to implement:",
                                                         {{"place", service.store().MunicipalityName(
                                                                        ask.gap_place_code, reader.english())}})}});
    if (ask.item_id) ask_items.push_back({{"value", *ask.item_id}, {"label", item_title(ask.item_id)}});
  }
  json targets = json::array();
  for (const Stakeholder& target : view->targets) {
    targets.push_back({{"name", view->may_edit ? ShownName(reader, target) : PublicName(reader, target)}});
  }
  json actions = json::array();
  for (const Action& action : view->actions) {
    actions.push_back(
        {{"date", reader.Date(action.day)},
         {"kind", reader.Translate(TitleOf(action.kind))},
         {"title", action.title},
         {"outcome", action.outcome},
         {"link", action.link},
         {"supporters", action.supporters ? reader.SayPlural("{count} supporter", "{count} supporters",
                                                             static_cast<long>(*action.supporters),
                                                             {{"count", reader.Number(*action.supporters)}})
                                          : ""}});
  }
  json results = json::array();
  for (const Result& result : view->results) {
    results.push_back({{"date", reader.Date(result.day)},
                       {"kind", reader.Translate(TitleOf(result.kind))},
                       {"text", result.text},
                       {"item", item_title(result.item_id)},
                       {"item_url", result.item_id ? ItemPath(*result.item_id) : ""},
                       {"version", result.item_version ? reader.Say("version {version} of the item",
                                                                    {{"version", std::to_string(*result.item_version)}})
                                                       : ""}});
  }
  // The forms' choices, for an editor on the campaign's page (the brief has no forms): the objectives and measures of
  // the plans of the places the reader works for, to link an ask to one by name, and the register.
  const bool editing = view->may_edit && template_name != "advocacy/brief";
  json plan_items = json::array();
  json gap_items = json::array();
  if (const core::SignedIn* user = kernel::SignedInOf(request); user != nullptr && editing) {
    std::set<std::string> places;
    for (const core::RoleAssignment& role : user->roles()) {
      if (role.scope.kind == core::ScopeKind::kMunicipality) places.insert(role.scope.code);
    }
    // What the gap analysis finds the plans of each place lacking: an ask can be for the measure that is missing.
    for (const std::string& place : places) {
      const auto gaps = policies.FindMunicipalityGaps(place);
      if (!gaps) continue;
      const std::string name = service.store().MunicipalityName(place, reader.english());
      for (const policies::GapItem& gap : gaps->unimplemented) {
        gap_items.push_back({{"value", fmt::format("gap:{}:{}", place, gap.id)},
                             {"label", name + ": " + gap.code + " " + reader.Localised(gap.title, gap.title_en) +
                                           " — " + reader.Localised(gap.document_title, gap.document_title_en)}});
      }
    }
    for (const std::string& place : places) {
      for (const policies::Document& document :
           policies.ListDocuments({.level = std::nullopt, .oblast_code = "", .municipality_code = place})) {
        const auto tree = policies.Tree(document.id);
        if (!tree) continue;
        for (const policies::TreeNode& node : tree->nodes) {
          if (node.item.kind != "measure" && node.item.kind != "objective") continue;
          plan_items.push_back({{"value", node.item.id},
                                {"label", node.item.code + " " + reader.Localised(node.item.title, node.item.title_en) +
                                              " — " + reader.Localised(document.title, document.title_en)}});
        }
      }
    }
  }
  json register_choices = RegisterChoices(reader, {}, "");
  if (editing) {
    if (const auto everyone = service.Register(actor, view->coalition.keeper_id)) {
      register_choices = RegisterChoices(reader, *everyone, request.Query("q").value_or(""));
    }
  }
  const json refused = refusal.Data(
      reader, [&typed](std::string_view field) { return "campaign-" + typed.form + "-" + std::string(field); });
  const Campaign& campaign = view->campaign;
  const std::string typed_kind = typed.values.is_object() ? typed.values.value("kind", "") : "";
  json data = {{"id", id},
               {"url", CampaignPath(id)},
               {"title", campaign.title},
               {"goal", campaign.goal},
               {"stage", web::ui::Badge(reader.Translate(TitleOf(campaign.stage)))},
               {"stages", Choices(reader, kStages, campaign.stage)},
               {"version", campaign.version},
               {"coalition", view->coalition.name},
               {"coalition_url", CoalitionPath(view->coalition.id)},
               {"demo", campaign.demo},
               {"asks", asks},
               {"has_asks", !asks.empty()},
               {"ask_items", ask_items},
               {"plan_items", plan_items},
               {"has_plan_items", !plan_items.empty() || !gap_items.empty()},
               {"gap_items", gap_items},
               {"has_gap_items", !gap_items.empty()},
               {"targets", targets},
               {"has_targets", !targets.empty()},
               {"actions", actions},
               {"has_actions", !actions.empty()},
               {"action_kinds", Choices(reader, kActionKinds, typed_kind)},
               {"results", results},
               {"has_results", !results.empty()},
               {"result_kinds", Choices(reader, kResultKinds, typed_kind)},
               {"may_edit", view->may_edit},
               {"today", service.Today()},
               {"typed", typed.values},
               {"refused_" + (typed.form.empty() ? std::string("none") : typed.form), true},
               {"csrf", web::CsrfOf(request)},
               {"refusal", refused},
               {"problems", refused["problems"]}};
  data.update(register_choices);
  return site.Page(request, campaign.title, template_name, data, refusal.Empty() ? 200 : refusal.Status());
}

template <typename Change>
http::Response Changed(http::Request& request, const web::Site& site, AdvocacyService& service, std::int64_t id,
                       Typed typed, const std::string& anchor, Change change) {
  const auto result = change();
  if (result) return http::Response::Redirect(CampaignPath(id) + "#" + anchor);
  if (result.error().kind != core::ErrorKind::kInvalidInput) return site.Fail(request, result.error());
  return CampaignPage(request, site, service, id, typed, web::Refusal::Of(result.error()));
}

}  // namespace

void AddCampaignPages(kernel::Routes& routes, const web::Site& site, AdvocacyService& service) {
  routes.Get("/advocacy/campaigns/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const web::Reader reader = site.ReaderOf(request);
               const std::int64_t coalition = web::IdIn(request.Query("coalition")).value_or(0);
               const auto view = service.ReadCoalition(user, coalition);
               if (!view) return site.Fail(request, view.error());
               if (!view->may_edit) {
                 return site.Fail(
                     request, core::Error::Forbidden("Only the members of the coalition's organisation change it."));
               }
               return site.Page(request, reader.Translate("Start a campaign"), "advocacy/campaign_form",
                                {{"csrf", web::CsrfOf(request)},
                                 {"coalition", coalition},
                                 {"coalition_name", view->coalition.name},
                                 {"stages", Choices(reader, kStages, "empowerment")}});
             });
  routes.Post("/advocacy/campaigns", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                Campaign typed;
                typed.coalition_id = web::IdIn(request.Form("coalition")).value_or(0);
                typed.title = request.Form("title").value_or("");
                typed.goal = request.Form("goal").value_or("");
                typed.stage = request.Form("stage").value_or("");
                const auto started = service.StartCampaign(user, typed);
                if (started) return http::Response::Redirect(CampaignPath(started->id));
                if (started.error().kind != core::ErrorKind::kInvalidInput) return site.Fail(request, started.error());
                const web::Reader reader = site.ReaderOf(request);
                const web::Refusal refusal = web::Refusal::Of(started.error());
                const json refused =
                    refusal.Data(reader, [](std::string_view field) { return "campaign-" + std::string(field); });
                return site.Page(request, reader.Translate("Start a campaign"), "advocacy/campaign_form",
                                 {{"csrf", web::CsrfOf(request)},
                                  {"coalition", typed.coalition_id},
                                  {"title", typed.title},
                                  {"goal", typed.goal},
                                  {"stages", Choices(reader, kStages, typed.stage)},
                                  {"refusal", refused},
                                  {"problems", refused["problems"]}},
                                 refusal.Status());
              });
  const std::string campaign = "/advocacy/campaigns/{id:int}";
  routes.Get(campaign, core::Access::Anyone(), [&site, &service](http::Request& request) {
    return CampaignPage(request, site, service, request.IntParameter("id"), {}, {});
  });
  routes.Get(campaign + "/brief", core::Access::Anyone(), [&site, &service](http::Request& request) {
    // One page to print and hand over: the goal, the asks, who is asked, what was done and what came of it.
    return CampaignPage(request, site, service, request.IntParameter("id"), {}, {}, "advocacy/brief");
  });
  routes.Post(campaign + "/stage", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                return Changed(request, site, service, id, {"stage", {}}, "stage", [&]() -> core::Result<Campaign> {
                  auto current = service.ReadCampaign(user, id);
                  if (!current) return current.error();
                  Campaign changed = current->campaign;
                  changed.stage = request.Form("stage").value_or("");
                  changed.version = web::IdIn(request.Form("version")).value_or(0);
                  return service.ChangeCampaign(user, changed);
                });
              });
  routes.Post(campaign + "/asks", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                Ask ask;
                ask.campaign_id = id;
                ask.text = request.Form("ask").value_or("");
                // A measure chosen from the list ("40", or "gap:MON24:12" for an objective above that the place's
                // plans lack), or the address of one pasted.
                const std::string chosen = request.Form("item_choice").value_or("");
                std::string item = chosen.empty() ? request.Form("item").value_or("") : chosen;
                if (item.starts_with("gap:")) {
                  const auto colon = item.find(':', 4);
                  ask.gap_place_code = item.substr(4, colon == std::string::npos ? 0 : colon - 4);
                  item = colon == std::string::npos ? "" : item.substr(colon + 1);
                }
                ask.item_id = ItemIn(item);
                Typed typed{"ask", {{"ask", ask.text}, {"item", item}}};
                if (!item.empty() && !ask.item_id) {
                  return CampaignPage(
                      request, site, service, id, typed,
                      web::Refusal::Of(core::Error::InvalidFields(
                          {{"item", "The address of a measure's page (\"/policies/items/40\").", item}})));
                }
                return Changed(request, site, service, id, typed, "asks", [&] { return service.AddAsk(user, ask); });
              });
  routes.Post(campaign + "/targets", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                return Changed(request, site, service, id, {"target", {}}, "targets", [&] {
                  return service.AddTarget(user, id, web::IdIn(request.Form("target")).value_or(0));
                });
              });
  routes.Post(campaign + "/actions", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                Action action;
                action.campaign_id = id;
                action.kind = request.Form("kind").value_or("");
                action.day = request.Form("day").value_or("");
                action.title = request.Form("title").value_or("");
                action.outcome = request.Form("outcome").value_or("");
                action.link = request.Form("link").value_or("");
                const std::string supporters = request.Form("supporters").value_or("");
                std::int64_t count = 0;
                const auto [end, error] =
                    std::from_chars(supporters.data(), supporters.data() + supporters.size(), count);
                if (!supporters.empty() && error == std::errc() && end == supporters.data() + supporters.size()) {
                  action.supporters = count;
                }
                return Changed(request, site, service, id,
                               {"action",
                                {{"kind", action.kind},
                                 {"day", action.day},
                                 {"title", action.title},
                                 {"outcome", action.outcome},
                                 {"link", action.link},
                                 {"supporters", supporters}}},
                               "actions", [&] { return service.AddAction(user, action); });
              });
  routes.Post(campaign + "/results", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                Result result;
                result.campaign_id = id;
                result.kind = request.Form("kind").value_or("");
                result.day = request.Form("day").value_or("");
                result.text = request.Form("text").value_or("");
                result.item_id = ItemIn(request.Form("item"));
                return Changed(request, site, service, id,
                               {"result", {{"kind", result.kind}, {"day", result.day}, {"text", result.text}}},
                               "results", [&] { return service.AddResult(user, result); });
              });
}

kernel::ItemSectionSource CampaignsOnTheItem(const web::Site& site, AdvocacyService& service) {
  return [&site, &service](const http::Request& request, std::int64_t item_id) -> std::optional<std::string> {
    const std::vector<CampaignOnItem> campaigns = service.CampaignsOnItem(item_id);
    if (campaigns.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    json rows = json::array();
    for (const CampaignOnItem& each : campaigns) {
      json results = json::array();
      for (const Result& result : each.results) {
        results.push_back({{"date", reader.Date(result.day)},
                           {"kind", reader.Translate(TitleOf(result.kind))},
                           {"text", result.text}});
      }
      rows.push_back({{"title", each.campaign.title},
                      {"url", CampaignPath(each.campaign.id)},
                      {"ask", each.ask},
                      {"stage", web::ui::Badge(reader.Translate(TitleOf(each.campaign.stage)))},
                      {"results", results},
                      {"demo", each.campaign.demo}});
    }
    return site.RenderBody(request, "advocacy/item_section", {{"campaigns", rows}});
  };
}

}  // namespace advocacy
