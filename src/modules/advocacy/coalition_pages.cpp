// A coalition's page: its goals, members (for everyone when public), activity log, stakeholder maps (the newest drawn
// as SVG with its table, the earlier ones kept) and campaigns; the forms that set one up and draw a map.
#include <fmt/format.h>

#include <charconv>
#include <map>
#include <set>

#include "core/text.hpp"
#include "modules/advocacy/advocacy_routes.hpp"
#include "web/ui.hpp"

namespace advocacy {
namespace {

using nlohmann::json;

json MapJson(const web::Reader& reader, const StakeholderMap& map, const std::map<std::int64_t, std::string>& names) {
  std::vector<MapDot> dots;
  std::map<std::pair<int, int>, int> in_cell;
  json rows = json::array();
  for (const Position& position : map.positions) {
    const auto name = names.find(position.stakeholder_id);
    const std::string shown = name == names.end() ? "?" : name->second;
    const int number = static_cast<int>(dots.size()) + 1;
    dots.push_back({number, shown, position.influence, position.interest, position.stance,
                    in_cell[{position.influence, position.interest}]++});
    const auto known_by = position.known_by_id ? names.find(*position.known_by_id) : names.end();
    rows.push_back({{"number", number},
                    {"name", shown},
                    {"influence", position.influence},
                    {"interest", position.interest},
                    {"stance", web::ui::Badge(reader.Translate(TitleOf(position.stance)),
                                              position.stance == "ally"       ? "good"
                                              : position.stance == "opponent" ? "bad"
                                                                              : "neutral")},
                    {"wants", position.wants},
                    {"known_by", known_by == names.end() ? "" : known_by->second}});
  }
  return {{"issue", map.issue},
          {"drawn_on", reader.Date(map.drawn_on)},
          {"svg", StakeholderMapSvg(reader, dots, map.issue)},
          {"rows", rows}};
}

http::Response CoalitionPage(http::Request& request, const web::Site& site, AdvocacyService& service, std::int64_t id,
                             const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  const auto view = service.ReadCoalition(actor, id);
  if (!view) return site.Fail(request, view.error());
  std::map<std::int64_t, std::string> names;
  json register_choices = RegisterChoices(reader, {}, "");
  if (view->may_edit) {
    if (const auto everyone = service.Register(actor, view->coalition.keeper_id)) {
      for (const Stakeholder& stakeholder : *everyone) names[stakeholder.id] = ShownName(reader, stakeholder);
      register_choices = RegisterChoices(reader, *everyone, request.Query("q").value_or(""));
    }
  }
  json members = json::array();
  for (const Stakeholder& member : view->members) {
    members.push_back(
        {{"name", view->may_edit ? ShownName(reader, member) : PublicName(reader, member)},
         {"kind", member.kind == "person" ? reader.Translate("person") : reader.Translate(TitleOf(member.sector))},
         {"url", view->may_edit ? StakeholderPath(member.id) : ""}});
  }
  json log = json::array();
  for (const LogEntry& entry : view->log) log.push_back({{"date", reader.Date(entry.day)}, {"text", entry.text}});
  json maps = json::array();
  for (const StakeholderMap& map : view->maps) maps.push_back(MapJson(reader, map, names));
  json campaigns = json::array();
  for (const Campaign& campaign : view->campaigns) {
    campaigns.push_back({{"title", campaign.title},
                         {"url", CampaignPath(campaign.id)},
                         {"stage", web::ui::Badge(reader.Translate(TitleOf(campaign.stage)))}});
  }
  const json refused = refusal.Data(reader, [](std::string_view field) { return "coalition-" + std::string(field); });
  json data = {
      {"id", id},
      {"name", view->coalition.name},
      {"goals", view->coalition.goals},
      {"keeper", view->keeper_name},
      {"public", view->coalition.members_public},
      {"demo", view->coalition.demo},
      {"members", members},
      {"members_shown", view->members_shown},
      {"has_members", !members.empty()},
      {"log", log},
      {"latest_map", maps.empty() ? json(nullptr) : maps.front()},
      {"earlier_maps", maps.size() > 1 ? json(std::vector<json>(maps.begin() + 1, maps.end())) : json::array()},
      {"has_earlier_maps", maps.size() > 1},
      {"campaigns", campaigns},
      {"has_campaigns", !campaigns.empty()},
      {"may_edit", view->may_edit},
      {"today", service.Today()},
      {"csrf", web::CsrfOf(request)},
      {"refusal", refused},
      {"problems", refused["problems"]}};
  data.update(register_choices);
  return site.Page(request, view->coalition.name, "advocacy/coalition", data, refusal.Empty() ? 200 : refusal.Status());
}

http::Response MapForm(http::Request& request, const web::Site& site, AdvocacyService& service, std::int64_t id,
                       const StakeholderMap& typed, const web::Refusal& refusal, const std::string& search = "") {
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  const auto view = service.ReadCoalition(actor, id);
  if (!view) return site.Fail(request, view.error());
  if (!view->may_edit) {
    return site.Fail(request, core::Error::Forbidden("Only the members of the coalition's organisation change it."));
  }
  const auto everyone = service.Register(actor, view->coalition.keeper_id);
  // The newest map's positions are where a new one starts from, so that a change of stance is all one types.
  std::map<std::int64_t, Position> placed;
  for (const Position& position :
       typed.positions.empty() && !view->maps.empty() ? view->maps.front().positions : typed.positions) {
    placed[position.stakeholder_id] = position;
  }
  // The rows offered: who is placed and the coalition's members, then the whole register while it is short, else
  // those whose name has the words searched for (a register of thousands is not one form).
  std::set<std::int64_t> members;
  for (const Stakeholder& member : view->members) members.insert(member.id);
  const std::vector<Stakeholder> none;
  const std::vector<Stakeholder>& register_ = everyone ? *everyone : none;
  const bool whole = register_.size() <= kWholeRegisterInAForm;
  const std::string key = core::SearchKey(search);
  const auto offered = [&](const Stakeholder& stakeholder) {
    return whole || placed.contains(stakeholder.id) || members.contains(stakeholder.id) ||
           (!key.empty() && core::SearchKey(stakeholder.name).find(key) != std::string::npos);
  };
  const json refused = refusal.Data(reader, [](std::string_view field) { return "map-" + std::string(field); });
  // Who knows them is one of the coalition's members (the issue's "who in the coalition knows them").
  json known = json::array();
  for (const Stakeholder& member : view->members) {
    known.push_back({{"value", member.id}, {"label", ShownName(reader, member)}});
  }
  json rows = json::array();
  for (const Stakeholder& stakeholder : register_) {
    if (!offered(stakeholder)) continue;
    const auto found = placed.find(stakeholder.id);
    Position position;
    position.stakeholder_id = stakeholder.id;
    if (found != placed.end()) position = found->second;
    json stances = json::array();
    for (const std::string_view stance : kStances) {
      stances.push_back(
          {{"value", stance}, {"label", reader.Translate(TitleOf(stance))}, {"selected", stance == position.stance}});
    }
    json known_by = json::array();
    for (json option : known) {
      option["selected"] = position.known_by_id == option["value"].get<std::int64_t>();
      known_by.push_back(std::move(option));
    }
    const std::string suffix = "_" + std::to_string(stakeholder.id);
    rows.push_back({{"id", stakeholder.id},
                    {"name", ShownName(reader, stakeholder)},
                    {"placed", found != placed.end()},
                    {"influence", position.influence},
                    {"interest", position.interest},
                    {"stances", stances},
                    {"wants", position.wants},
                    {"known_by", known_by},
                    {"influence_problem", refused["problems"].value("influence" + suffix, "")},
                    {"interest_problem", refused["problems"].value("interest" + suffix, "")}});
  }
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"url", CoalitionPath(id)},
                     {"name", view->coalition.name},
                     {"issue", typed.issue.empty() && !view->maps.empty() ? view->maps.front().issue : typed.issue},
                     {"rows", rows},
                     {"searchable", !whole},
                     {"search", search},
                     {"refusal", refused},
                     {"problems", refused["problems"]}};
  return site.Page(request, reader.Translate("Draw a stakeholder map"), "advocacy/map_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

int ScoreOf(const std::optional<std::string>& text) {
  int value = 0;
  if (!text || text->empty()) return 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  return error == std::errc() && end == text->data() + text->size() ? value : 0;
}

}  // namespace

void AddCoalitionPages(kernel::Routes& routes, const web::Site& site, AdvocacyService& service) {
  routes.Get("/advocacy/coalitions/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const web::Reader reader = site.ReaderOf(request);
               const std::int64_t keeper = web::IdIn(request.Query("keeper")).value_or(0);
               if (!service.MayEdit(user, keeper)) {
                 return site.Fail(request,
                                  core::Error::Forbidden("Only the members of an organisation keep its register."));
               }
               return site.Page(request, reader.Translate("Set up a coalition"), "advocacy/coalition_form",
                                {{"csrf", web::CsrfOf(request)}, {"keeper", keeper}});
             });
  routes.Post("/advocacy/coalitions", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                Coalition typed;
                typed.keeper_id = web::IdIn(request.Form("keeper")).value_or(0);
                typed.name = request.Form("name").value_or("");
                typed.goals = request.Form("goals").value_or("");
                typed.members_public = request.Form("members_public").has_value();
                const auto created = service.CreateCoalition(user, typed);
                if (created) return http::Response::Redirect(CoalitionPath(created->id));
                if (created.error().kind != core::ErrorKind::kInvalidInput) return site.Fail(request, created.error());
                const web::Reader reader = site.ReaderOf(request);
                const web::Refusal refusal = web::Refusal::Of(created.error());
                const json refused =
                    refusal.Data(reader, [](std::string_view field) { return "coalition-" + std::string(field); });
                return site.Page(request, reader.Translate("Set up a coalition"), "advocacy/coalition_form",
                                 {{"csrf", web::CsrfOf(request)},
                                  {"keeper", typed.keeper_id},
                                  {"name", typed.name},
                                  {"goals", typed.goals},
                                  {"members_public", typed.members_public},
                                  {"refusal", refused},
                                  {"problems", refused["problems"]}},
                                 refusal.Status());
              });
  const std::string coalition = "/advocacy/coalitions/{id:int}";
  routes.Get(coalition, core::Access::Anyone(), [&site, &service](http::Request& request) {
    return CoalitionPage(request, site, service, request.IntParameter("id"), {});
  });
  routes.Post(coalition + "/members", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto added = service.AddMember(user, id, web::IdIn(request.Form("member")).value_or(0));
                if (added) return http::Response::Redirect(CoalitionPath(id) + "#members");
                if (added.error().kind != core::ErrorKind::kInvalidInput) return site.Fail(request, added.error());
                return CoalitionPage(request, site, service, id, web::Refusal::Of(added.error()));
              });
  routes.Post(coalition + "/log", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto added =
                    service.AddLog(user, {0, id, request.Form("day").value_or(""), request.Form("log").value_or("")});
                if (added) return http::Response::Redirect(CoalitionPath(id) + "#log");
                if (added.error().kind != core::ErrorKind::kInvalidInput) return site.Fail(request, added.error());
                return CoalitionPage(request, site, service, id, web::Refusal::Of(added.error()));
              });
  routes.Get(coalition + "/maps/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn&) {
               return MapForm(request, site, service, request.IntParameter("id"), {}, {},
                              request.Query("q").value_or(""));
             });
  routes.Post(coalition + "/maps", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                StakeholderMap typed;
                typed.coalition_id = id;
                typed.issue = request.Form("issue").value_or("");
                // A row per stakeholder of the register: those ticked are placed on the map.
                const auto view = service.ReadCoalition(user, id);
                if (!view) return site.Fail(request, view.error());
                // The form's fields read once: "place_12" ticks stakeholder 12, whose scores are "influence_12" …
                // in the order the form lists them.
                const http::Fields posted = http::ParseQueryString(request.body);
                const std::map<std::string_view, std::string_view> fields(posted.begin(), posted.end());
                const auto field = [&](const std::string& name) -> std::optional<std::string> {
                  const auto found = fields.find(name);
                  return found == fields.end() ? std::nullopt : std::optional<std::string>(found->second);
                };
                for (const auto& [name, value] : posted) {
                  if (!name.starts_with("place_")) continue;
                  const auto stakeholder = web::IdIn(name.substr(6));
                  if (!stakeholder) continue;
                  const std::string suffix = "_" + std::to_string(*stakeholder);
                  Position position;
                  position.stakeholder_id = *stakeholder;
                  position.influence = ScoreOf(field("influence" + suffix));
                  position.interest = ScoreOf(field("interest" + suffix));
                  position.stance = field("stance" + suffix).value_or("");
                  position.wants = field("wants" + suffix).value_or("");
                  position.known_by_id = web::IdIn(field("known_by" + suffix));
                  typed.positions.push_back(std::move(position));
                }
                const auto drawn = service.DrawMap(user, typed);
                if (drawn) return http::Response::Redirect(CoalitionPath(id) + "#map");
                if (drawn.error().kind != core::ErrorKind::kInvalidInput) return site.Fail(request, drawn.error());
                return MapForm(request, site, service, id, typed, web::Refusal::Of(drawn.error()));
              });
}

}  // namespace advocacy
