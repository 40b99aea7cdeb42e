// /api/v1/advocacy: coalitions (members only where they are public) and campaigns with their asks, actions and
// results; the register is not public and has no public list.
#include "modules/advocacy/advocacy_routes.hpp"

namespace advocacy {
namespace {

using nlohmann::json;

json OptionalId(std::optional<std::int64_t> id) { return id ? json(*id) : json(nullptr); }

}  // namespace

void AddAdvocacyApi(kernel::Routes& routes, const web::Site& site, AdvocacyService& service) {
  routes.Get("/api/v1/advocacy/coalitions", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const web::Reader reader = site.ReaderOf(request);
    json list = json::array();
    for (const Coalition& coalition : service.Coalitions()) {
      const auto view = service.ReadCoalition(kernel::ActorOf(request), coalition.id);
      json members = nullptr;
      if (view && view->members_shown) {
        members = json::array();
        for (const Stakeholder& member : view->members) {
          members.push_back(view->may_edit ? ShownName(reader, member) : PublicName(reader, member));
        }
      }
      list.push_back({{"id", coalition.id},
                      {"name", coalition.name},
                      {"goals", coalition.goals},
                      {"members_public", coalition.members_public},
                      {"members", members},
                      {"campaigns", view ? view->campaigns.size() : 0},
                      {"demo", coalition.demo},
                      {"url", CoalitionPath(coalition.id)}});
    }
    return web::Site::List({{"coalitions", list}}, "coalitions");
  });
  routes.Get("/api/v1/advocacy/campaigns", core::Access::Anyone(), [&service](http::Request&) {
    json list = json::array();
    for (const Campaign& campaign : service.Campaigns()) {
      list.push_back({{"id", campaign.id},
                      {"coalition_id", campaign.coalition_id},
                      {"title", campaign.title},
                      {"goal", campaign.goal},
                      {"stage", campaign.stage},
                      {"demo", campaign.demo},
                      {"url", CampaignPath(campaign.id)}});
    }
    return web::Site::List({{"campaigns", list}}, "campaigns");
  });
  routes.Get("/api/v1/advocacy/campaigns/{id:int}", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const auto view = service.ReadCampaign(kernel::ActorOf(request), request.IntParameter("id"));
    if (!view) return site.Fail(request, view.error());
    json asks = json::array(), targets = json::array(), actions = json::array(), results = json::array();
    for (const Ask& ask : view->asks) asks.push_back({{"text", ask.text}, {"item_id", OptionalId(ask.item_id)}});
    const web::Reader reader = site.ReaderOf(request);
    for (const Stakeholder& target : view->targets) {
      targets.push_back(view->may_edit ? ShownName(reader, target) : PublicName(reader, target));
    }
    for (const Action& action : view->actions) {
      actions.push_back({{"kind", action.kind},
                         {"day", action.day},
                         {"title", action.title},
                         {"outcome", action.outcome},
                         {"link", action.link.empty() ? json(nullptr) : json(action.link)},
                         {"supporters", OptionalId(action.supporters)}});
    }
    for (const Result& result : view->results) {
      results.push_back({{"kind", result.kind},
                         {"day", result.day},
                         {"text", result.text},
                         {"item_id", OptionalId(result.item_id)},
                         {"item_version", OptionalId(result.item_version)}});
    }
    return web::Site::Json({{"id", view->campaign.id},
                            {"coalition", view->coalition.name},
                            {"title", view->campaign.title},
                            {"goal", view->campaign.goal},
                            {"stage", view->campaign.stage},
                            {"asks", asks},
                            {"targets", targets},
                            {"actions", actions},
                            {"results", results},
                            {"demo", view->campaign.demo}});
  });
}

}  // namespace advocacy
