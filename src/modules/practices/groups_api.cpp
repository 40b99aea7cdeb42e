// /api/v1/practices/groups: the working groups as open data (JSON, and CSV by web::App), and one group with its
// municipalities, threads and outputs; people's names only for its members and the installation's administrators.
#include <map>

#include "core/days.hpp"
#include "modules/practices/practices_routes.hpp"

namespace practices {
namespace {

using nlohmann::json;

std::string Joined(const std::vector<std::string>& codes) {
  std::string text;
  for (const std::string& code : codes) (text += text.empty() ? "" : ";") += code;
  return text;
}

json GroupJson(const WorkingGroup& group) {
  return {{"id", group.id},
          {"url", GroupPath(group.id)},
          {"api_url", "/api/v1" + GroupPath(group.id)},
          {"name", group.name},
          {"area", group.area},
          {"area_name_bg", group.area_name_bg},
          {"area_name_en", group.area_name_en},
          {"purpose", group.purpose},
          {"members", group.members},
          {"municipalities", group.municipalities},
          {"countries", Joined(group.countries)},
          {"threads", group.threads},
          {"outputs", group.outputs},
          {"last_activity_at", core::IsoUtc(group.last_activity_at)},
          {"demo", group.demo}};
}

http::Response ApiList(GroupsService& service) {
  json items = json::array();
  for (const WorkingGroup& group : service.List()) items.push_back(GroupJson(group));
  return web::Site::List({{"items", std::move(items)}}, "items");
}

http::Response ApiGroup(http::Request& request, const web::Site& site, GroupsService& service) {
  const std::string language = request.Query("language").value_or("en");
  auto view = service.Read(kernel::ActorOf(request), request.IntParameter("id"), language);
  if (!view) return site.Fail(request, view.error());
  json body = GroupJson(view->group);
  body["created_at"] = core::IsoUtc(view->group.created_at);
  // The municipalities with how many members each has, for anyone; the people by name for those who may see them.
  std::map<std::string, std::size_t> index;
  json municipalities = json::array();
  json members = view->sees_names ? json::array() : json();
  for (const GroupMember& member : view->members) {
    auto found = index.find(member.municipality_code);
    if (found == index.end()) {
      found = index.emplace(member.municipality_code, municipalities.size()).first;
      municipalities.push_back({{"municipality", member.municipality_code},
                                {"municipality_name_bg", member.municipality_name_bg},
                                {"municipality_name_en", member.municipality_name_en},
                                {"country", member.country_code},
                                {"members", 0}});
    }
    municipalities[found->second]["members"] = municipalities[found->second]["members"].get<std::int64_t>() + 1;
    if (view->sees_names) {
      members.push_back({{"name", member.user_id ? json(member.name) : json()},
                         {"municipality", member.municipality_code},
                         {"joined_at", core::IsoUtc(member.joined_at)},
                         {"demo", member.demo}});
    }
  }
  body["member_municipalities"] = std::move(municipalities);
  body["people"] = std::move(members);
  json threads = json::array();
  for (const GroupThread& thread : view->threads) {
    threads.push_back({{"id", thread.id},
                       {"url", ThreadPath(view->group.id, thread.id)},
                       {"title", thread.title},
                       {"posts", thread.posts},
                       {"started_at", core::IsoUtc(thread.started_at)},
                       {"last_post_at", core::IsoUtc(thread.last_post_at)},
                       {"demo", thread.demo}});
  }
  body["thread_list"] = std::move(threads);
  json outputs = json::array();
  for (const GroupOutput& output : view->outputs) {
    outputs.push_back({{"practice_id", output.practice_id},
                       {"url", PracticePath(output.practice_id)},
                       {"api_url", "/api/v1" + PracticePath(output.practice_id)},
                       {"kind", CodeOf(output.kind)},
                       {"title", output.title},
                       {"language", output.title_language},
                       {"recorded_at", core::IsoUtc(output.recorded_at)},
                       {"demo", output.demo}});
  }
  body["output_list"] = std::move(outputs);
  body["member"] = view->membership.has_value();
  return web::Site::Json(body);
}

}  // namespace

void AddGroupsApi(kernel::Routes& routes, const web::Site& site, GroupsService& service) {
  routes.Get("/api/v1/practices/groups", core::Access::Anyone(),
             [&service](http::Request&) { return ApiList(service); });
  routes.Get("/api/v1/practices/groups/{id:int}", core::Access::Anyone(),
             [&site, &service](http::Request& request) { return ApiGroup(request, site, service); });
}

}  // namespace practices
