// /api/v1/advocacy: coalitions (members only where they are public) and campaigns with their asks, actions and
// results, and what their editors add to each, refused as the forms refuse it. The register is in register_api.cpp.
#include <unordered_map>

#include "modules/advocacy/advocacy_routes.hpp"
#include "web/json_body.hpp"

namespace advocacy {
namespace {

using nlohmann::json;

json OptionalId(std::optional<std::int64_t> id) { return id ? json(*id) : json(nullptr); }

// A score of a map's position: a whole number, anything else 0 (refused by PositionProblems as out of 1–5).
int ScoreIn(const json& position, const char* name) {
  const auto found = position.find(name);
  if (found == position.end() || !found->is_number_integer()) return 0;
  const std::int64_t value = found->get<std::int64_t>();
  return value >= 0 && value <= 100 ? static_cast<int>(value) : 0;
}

// The names of a register by id, as its editors see them (empty for a reader who may not see it): looked up once
// for every position of every map, not searched for each.
std::unordered_map<std::int64_t, std::string> NamesOf(const web::Reader& reader,
                                                      const core::Result<std::vector<Stakeholder>>& everyone) {
  std::unordered_map<std::int64_t, std::string> names;
  if (everyone) {
    for (const Stakeholder& stakeholder : *everyone) names.emplace(stakeholder.id, ShownName(reader, stakeholder));
  }
  return names;
}

json MapJson(const StakeholderMap& map, const std::unordered_map<std::int64_t, std::string>& names) {
  json positions = json::array();
  for (const Position& position : map.positions) {
    const auto named = names.find(position.stakeholder_id);
    positions.push_back({{"stakeholder_id", position.stakeholder_id},
                         {"name", named == names.end() ? "" : named->second},
                         {"influence", position.influence},
                         {"interest", position.interest},
                         {"stance", position.stance},
                         {"wants", position.wants},
                         {"known_by_id", OptionalId(position.known_by_id)}});
  }
  return {{"id", map.id}, {"issue", map.issue}, {"drawn_on", map.drawn_on}, {"positions", positions}};
}

json CampaignJson(const Campaign& campaign) {
  return {{"id", campaign.id},       {"coalition_id", campaign.coalition_id},
          {"title", campaign.title}, {"goal", campaign.goal},
          {"stage", campaign.stage}, {"version", campaign.version},
          {"demo", campaign.demo},   {"url", CampaignPath(campaign.id)}};
}

json AskJson(const Ask& ask) {
  return {{"id", ask.id},
          {"text", ask.text},
          {"item_id", OptionalId(ask.item_id)},
          {"gap_place", ask.gap_place_code.empty() ? json(nullptr) : json(ask.gap_place_code)}};
}

json ActionJson(const Action& action) {
  return {{"id", action.id},
          {"kind", action.kind},
          {"day", action.day},
          {"title", action.title},
          {"outcome", action.outcome},
          {"link", action.link.empty() ? json(nullptr) : json(action.link)},
          {"supporters", OptionalId(action.supporters)}};
}

json ResultJson(const Result& result) {
  return {{"id", result.id},
          {"kind", result.kind},
          {"day", result.day},
          {"text", result.text},
          {"item_id", OptionalId(result.item_id)},
          {"item_version", OptionalId(result.item_version)}};
}

std::string CampaignApiPath(std::int64_t id) { return "/api/v1/advocacy/campaigns/" + std::to_string(id); }
std::string CoalitionApiPath(std::int64_t id) { return "/api/v1/advocacy/coalitions/" + std::to_string(id); }

void AddCoalitionWrites(kernel::Routes& routes, const web::Site& site, AdvocacyService& service) {
  routes.Post("/api/v1/advocacy/coalitions", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"name", "goals"}, {"keeper_id"}, {"members_public"});
                if (!body) return site.Fail(request, body.error());
                Coalition typed;
                typed.keeper_id = web::IdIn(*body, "keeper_id").value_or(0);
                typed.name = web::TextIn(*body, "name");
                typed.goals = web::TextIn(*body, "goals");
                typed.members_public = web::FlagIn(*body, "members_public", false);
                const auto created = service.CreateCoalition(user, typed);
                if (!created) return site.Fail(request, created.error());
                return web::Site::JsonCreated({{"id", created->id},
                                               {"name", created->name},
                                               {"goals", created->goals},
                                               {"members_public", created->members_public},
                                               {"url", CoalitionPath(created->id)}},
                                              CoalitionApiPath(created->id));
              });
  const std::string coalition = "/api/v1/advocacy/coalitions/{id:int}";
  routes.Get(coalition, core::Access::Anyone(), [&site, &service](http::Request& request) {
    const core::Actor actor = kernel::ActorOf(request);
    const auto view = service.ReadCoalition(actor, request.IntParameter("id"));
    if (!view) return site.Fail(request, view.error());
    const web::Reader reader = site.ReaderOf(request);
    json members = nullptr;
    if (view->members_shown) {
      members = json::array();
      for (const Stakeholder& member : view->members) {
        members.push_back(view->may_edit ? ShownName(reader, member) : PublicName(reader, member));
      }
    }
    json log = json::array();
    for (const LogEntry& entry : view->log) log.push_back({{"day", entry.day}, {"text", entry.text}});
    json maps = json::array();
    if (!view->maps.empty()) {
      const auto names = NamesOf(reader, service.Register(actor, view->coalition.keeper_id));
      for (const StakeholderMap& map : view->maps) maps.push_back(MapJson(map, names));
    }
    json campaigns = json::array();
    for (const Campaign& campaign : view->campaigns) campaigns.push_back(CampaignJson(campaign));
    return web::Site::Json({{"id", view->coalition.id},
                            {"keeper", view->keeper_name},
                            {"name", view->coalition.name},
                            {"goals", view->coalition.goals},
                            {"members_public", view->coalition.members_public},
                            {"members", members},
                            {"log", log},
                            {"maps", maps},
                            {"campaigns", campaigns},
                            {"demo", view->coalition.demo},
                            {"url", CoalitionPath(view->coalition.id)}});
  });
  routes.Post(coalition + "/members", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {}, {"stakeholder_id"});
                if (!body) return site.Fail(request, body.error());
                const std::int64_t id = request.IntParameter("id");
                const auto added = service.AddMember(user, id, web::IdIn(*body, "stakeholder_id").value_or(0));
                if (!added) return site.Fail(request, added.error());
                return web::Site::JsonCreated({{"coalition_id", id}, {"stakeholder_id", *body->find("stakeholder_id")}},
                                              CoalitionApiPath(id));
              });
  routes.Post(coalition + "/log", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"day", "text"}, {});
                if (!body) return site.Fail(request, body.error());
                const std::int64_t id = request.IntParameter("id");
                const auto added = service.AddLog(user, {0, id, web::TextIn(*body, "day"), web::TextIn(*body, "text")});
                if (!added) return site.Fail(request, added.error());
                return web::Site::JsonCreated({{"id", added->id}, {"day", added->day}, {"text", added->text}},
                                              CoalitionApiPath(id));
              });
  // {"issue", "positions": [{"stakeholder_id", "influence", "interest", "stance", "wants", "known_by_id"}]}
  routes.Post(
      coalition + "/maps", core::Access::SignedIn(),
      [&site, &service](http::Request& request, const core::SignedIn& user) {
        const auto body = web::JsonBodyOf(request, {"issue"}, {});
        if (!body) return site.Fail(request, body.error());
        const auto positions = body->find("positions");
        if (positions == body->end() || !positions->is_array()) {
          return site.Fail(request, core::Error::InvalidFields(
                                        {{"positions", "This field is a list of stakeholders' positions.", ""}}));
        }
        StakeholderMap typed;
        typed.coalition_id = request.IntParameter("id");
        typed.issue = web::TextIn(*body, "issue");
        for (const json& each : *positions) {
          if (!each.is_object()) {
            return site.Fail(request, core::Error::InvalidFields(
                                          {{"positions", "This field is a list of stakeholders' positions.", ""}}));
          }
          Position position;
          position.stakeholder_id = web::IdIn(each, "stakeholder_id").value_or(0);
          position.influence = ScoreIn(each, "influence");
          position.interest = ScoreIn(each, "interest");
          position.stance = web::TextIn(each, "stance");
          position.wants = web::TextIn(each, "wants");
          position.known_by_id = web::IdIn(each, "known_by_id");
          typed.positions.push_back(std::move(position));
        }
        const auto drawn = service.DrawMap(user, typed);
        if (!drawn) return site.Fail(request, drawn.error());
        const auto coalition = service.ReadCoalition(user, typed.coalition_id);
        const auto names =
            NamesOf(site.ReaderOf(request), service.Register(user, coalition ? coalition->coalition.keeper_id : 0));
        return web::Site::JsonCreated(MapJson(*drawn, names), CoalitionApiPath(typed.coalition_id));
      });
}

void AddCampaignWrites(kernel::Routes& routes, const web::Site& site, AdvocacyService& service) {
  routes.Post("/api/v1/advocacy/campaigns", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"title", "goal", "stage"}, {"coalition_id"});
                if (!body) return site.Fail(request, body.error());
                Campaign typed;
                typed.coalition_id = web::IdIn(*body, "coalition_id").value_or(0);
                typed.title = web::TextIn(*body, "title");
                typed.goal = web::TextIn(*body, "goal");
                typed.stage = web::TextIn(*body, "stage");
                if (typed.stage.empty()) typed.stage = "empowerment";
                const auto started = service.StartCampaign(user, typed);
                if (!started) return site.Fail(request, started.error());
                return web::Site::JsonCreated(CampaignJson(*started), CampaignApiPath(started->id));
              });
  const std::string campaign = "/api/v1/advocacy/campaigns/{id:int}";
  // {"stage", "version"}: without a version, the change follows whatever is recorded now.
  routes.Post(campaign + "/stage", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"stage"}, {"version"});
                if (!body) return site.Fail(request, body.error());
                const auto current = service.ReadCampaign(user, request.IntParameter("id"));
                if (!current) return site.Fail(request, current.error());
                Campaign changed = current->campaign;
                changed.stage = web::TextIn(*body, "stage");
                changed.version = web::IdIn(*body, "version").value_or(changed.version);
                const auto saved = service.ChangeCampaign(user, changed);
                if (!saved) return site.Fail(request, saved.error());
                return web::Site::Json(CampaignJson(*saved));
              });
  routes.Post(campaign + "/asks", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"text", "gap_place"}, {"item_id"});
                if (!body) return site.Fail(request, body.error());
                const std::int64_t id = request.IntParameter("id");
                const auto added = service.AddAsk(user, {0, id, web::TextIn(*body, "text"), web::IdIn(*body, "item_id"),
                                                         web::TextIn(*body, "gap_place")});
                if (!added) return site.Fail(request, added.error());
                return web::Site::JsonCreated(AskJson(*added), CampaignApiPath(id));
              });
  routes.Post(campaign + "/targets", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {}, {"stakeholder_id"});
                if (!body) return site.Fail(request, body.error());
                const std::int64_t id = request.IntParameter("id");
                const std::int64_t target = web::IdIn(*body, "stakeholder_id").value_or(0);
                const auto added = service.AddTarget(user, id, target);
                if (!added) return site.Fail(request, added.error());
                return web::Site::JsonCreated({{"campaign_id", id}, {"stakeholder_id", target}}, CampaignApiPath(id));
              });
  routes.Post(campaign + "/actions", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"kind", "day", "title", "outcome", "link"}, {});
                if (!body) return site.Fail(request, body.error());
                Action action;
                action.campaign_id = request.IntParameter("id");
                action.kind = web::TextIn(*body, "kind");
                action.day = web::TextIn(*body, "day");
                action.title = web::TextIn(*body, "title");
                action.outcome = web::TextIn(*body, "outcome");
                action.link = web::TextIn(*body, "link");
                // A petition's count may be 0; anything but a whole number is refused by name.
                const auto supporters = body->find("supporters");
                if (supporters != body->end() && !supporters->is_null()) {
                  if (!supporters->is_number_integer() || supporters->get<std::int64_t>() < 0) {
                    return site.Fail(request, core::Error::InvalidFields(
                                                  {{"supporters", "Write the number of supporters in digits.", ""}}));
                  }
                  action.supporters = supporters->get<std::int64_t>();
                }
                const auto added = service.AddAction(user, action);
                if (!added) return site.Fail(request, added.error());
                return web::Site::JsonCreated(ActionJson(*added), CampaignApiPath(action.campaign_id));
              });
  routes.Post(campaign + "/results", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"kind", "day", "text"}, {"item_id"});
                if (!body) return site.Fail(request, body.error());
                Result result;
                result.campaign_id = request.IntParameter("id");
                result.kind = web::TextIn(*body, "kind");
                result.day = web::TextIn(*body, "day");
                result.text = web::TextIn(*body, "text");
                result.item_id = web::IdIn(*body, "item_id");
                const auto added = service.AddResult(user, result);
                if (!added) return site.Fail(request, added.error());
                return web::Site::JsonCreated(ResultJson(*added), CampaignApiPath(result.campaign_id));
              });
}

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
    for (const Campaign& campaign : service.Campaigns()) list.push_back(CampaignJson(campaign));
    return web::Site::List({{"campaigns", list}}, "campaigns");
  });
  routes.Get("/api/v1/advocacy/campaigns/{id:int}", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const auto view = service.ReadCampaign(kernel::ActorOf(request), request.IntParameter("id"));
    if (!view) return site.Fail(request, view.error());
    json asks = json::array(), targets = json::array(), actions = json::array(), results = json::array();
    for (const Ask& ask : view->asks) asks.push_back(AskJson(ask));
    const web::Reader reader = site.ReaderOf(request);
    for (const Stakeholder& target : view->targets) {
      targets.push_back(view->may_edit ? ShownName(reader, target) : PublicName(reader, target));
    }
    for (const Action& action : view->actions) actions.push_back(ActionJson(action));
    for (const Result& result : view->results) results.push_back(ResultJson(result));
    json record = CampaignJson(view->campaign);
    record["coalition"] = view->coalition.name;
    record["asks"] = std::move(asks);
    record["targets"] = std::move(targets);
    record["actions"] = std::move(actions);
    record["results"] = std::move(results);
    return web::Site::Json(record);
  });
  AddCoalitionWrites(routes, site, service);
  AddCampaignWrites(routes, site, service);
}

}  // namespace advocacy
