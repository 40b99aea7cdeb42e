// /api/v1/meetings: the meetings a reader may see (a list, also CSV), one with its agenda, attendance by kind,
// decisions and follow-ups, the bodies and the follow-ups (lists); scheduling a meeting and adding to its agenda and
// follow-ups, refused as the forms refuse them.
#include <map>

#include "modules/meetings/meetings_routes.hpp"
#include "web/json_body.hpp"

namespace meetings {
namespace {

using nlohmann::json;

json MeetingJson(const Meeting& meeting, const Body& body) {
  return {{"id", meeting.id},
          {"body_id", body.id},
          {"body", body.name},
          {"body_kind", body.kind},
          {"place", body.place_code},
          {"title", meeting.title},
          {"starts_at", meeting.starts_at},
          {"ends_at", meeting.ends_at},
          {"time_zone", "Europe/Sofia"},
          {"location", meeting.location},
          {"link", meeting.link},
          {"public", meeting.is_public},
          {"announced_on", meeting.announced_on.empty() ? json(nullptr) : json(meeting.announced_on)},
          {"demo", meeting.demo},
          {"version", meeting.version},
          {"url", MeetingPath(meeting.id)}};
}

json FollowUpApiJson(const FollowUp& follow_up) {
  return {{"id", follow_up.id},
          {"meeting_id", follow_up.meeting_id},
          {"action", follow_up.action},
          {"owner", follow_up.owner},
          {"due_on", follow_up.due_on},
          {"state", follow_up.state},
          {"done_on", follow_up.done_on.empty() ? json(nullptr) : json(follow_up.done_on)}};
}

}  // namespace

void AddMeetingsApi(kernel::Routes& routes, const web::Site& site, MeetingsService& service) {
  routes.Get("/api/v1/meetings", core::Access::Anyone(), [&service](http::Request& request) {
    std::map<std::int64_t, Body> bodies;
    for (Body& body : service.Bodies()) bodies.emplace(body.id, std::move(body));
    json list = json::array();
    for (const Meeting& meeting :
         service.Meetings(kernel::ActorOf(request), std::nullopt, request.Query("place").value_or(""))) {
      list.push_back(MeetingJson(meeting, bodies[meeting.body_id]));
    }
    return web::Site::List({{"meetings", list}}, "meetings");
  });
  routes.Get("/api/v1/meetings/bodies", core::Access::Anyone(), [&service](http::Request&) {
    json list = json::array();
    for (const Body& body : service.Bodies()) {
      list.push_back({{"id", body.id},
                      {"kind", body.kind},
                      {"name", body.name},
                      {"place", body.place_code},
                      {"demo", body.demo},
                      {"calendar", "/meetings/bodies/" + std::to_string(body.id) + "/calendar"}});
    }
    return web::Site::List({{"bodies", list}}, "bodies");
  });
  routes.Get("/api/v1/meetings/follow-ups", core::Access::Anyone(), [&service](http::Request& request) {
    json list = json::array();
    for (const FollowUpListed& each : service.FollowUps(kernel::ActorOf(request), std::nullopt)) {
      json row = FollowUpApiJson(each.follow_up);
      row["body_id"] = each.body_id;
      row["meeting"] = each.meeting_title;
      list.push_back(std::move(row));
    }
    return web::Site::List({{"follow_ups", list}}, "follow_ups");
  });
  routes.Get("/api/v1/meetings/{id:int}", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const auto view = service.Read(kernel::ActorOf(request), request.IntParameter("id"));
    if (!view) return site.Fail(request, view.error());
    json record = MeetingJson(view->meeting, view->body);
    json agenda = json::array();
    for (const AgendaEntry& entry : view->agenda) {
      agenda.push_back({{"title", entry.item.title},
                        {"link", entry.item.link.empty() ? json(nullptr) : json(entry.item.link)},
                        {"follow_up_id", entry.item.follow_up_id ? json(*entry.item.follow_up_id) : json(nullptr)}});
    }
    json attendance = json::object();
    for (const Attendance& each : view->attendance) attendance[each.kind] = each.count;
    json decisions = json::array();
    for (const Decision& decision : view->decisions) decisions.push_back(decision.text);
    json follow_ups = json::array();
    for (const FollowUp& follow_up : view->follow_ups) follow_ups.push_back(FollowUpApiJson(follow_up));
    record["agenda"] = agenda;
    record["attendance"] = attendance;
    record["registrations"] = view->registrations;
    record["minutes"] = view->meeting.minutes;
    record["decisions"] = decisions;
    record["follow_ups"] = follow_ups;
    record["notice_days_short"] = view->notice_days_short;
    return web::Site::Json(record);
  });
  routes.Post(
      "/api/v1/meetings", core::Access::SignedIn(),
      [&site, &service](http::Request& request, const core::SignedIn& user) {
        const auto body =
            web::JsonBodyOf(request, {"title", "starts_at", "ends_at", "location", "link", "announced_on", "minutes"},
                            {"body_id"}, {"public"});
        if (!body) return site.Fail(request, body.error());
        Meeting meeting;
        meeting.body_id = web::IdIn(*body, "body_id").value_or(0);
        meeting.title = web::TextIn(*body, "title");
        meeting.starts_at = web::TextIn(*body, "starts_at");
        meeting.ends_at = web::TextIn(*body, "ends_at");
        meeting.location = web::TextIn(*body, "location");
        meeting.link = web::TextIn(*body, "link");
        meeting.announced_on = web::TextIn(*body, "announced_on");
        meeting.minutes = web::TextIn(*body, "minutes");
        meeting.is_public = web::FlagIn(*body, "public", true);
        const auto scheduled = service.Schedule(user, meeting);
        if (!scheduled) return site.Fail(request, scheduled.error());
        const auto found = service.FindBody(scheduled->body_id);
        return web::Site::JsonCreated(MeetingJson(*scheduled, found.value_or(Body{})), MeetingPath(scheduled->id));
      });
  routes.Post("/api/v1/meetings/{id:int}/agenda", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"title", "link"}, {});
                if (!body) return site.Fail(request, body.error());
                AgendaItem item;
                item.meeting_id = request.IntParameter("id");
                item.title = web::TextIn(*body, "title");
                item.link = web::TextIn(*body, "link");
                const auto added = service.AddAgendaItem(user, item);
                if (!added) return site.Fail(request, added.error());
                return web::Site::JsonCreated({{"id", added->id}, {"title", added->title}, {"link", added->link}},
                                              MeetingPath(added->meeting_id) + "#agenda");
              });
  routes.Post("/api/v1/meetings/{id:int}/follow-ups", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"action", "owner", "due_on"}, {"agenda_item_id"});
                if (!body) return site.Fail(request, body.error());
                FollowUp follow_up;
                follow_up.meeting_id = request.IntParameter("id");
                follow_up.action = web::TextIn(*body, "action");
                follow_up.owner = web::TextIn(*body, "owner");
                follow_up.due_on = web::TextIn(*body, "due_on");
                follow_up.agenda_item_id = web::IdIn(*body, "agenda_item_id");
                const auto added = service.AddFollowUp(user, follow_up);
                if (!added) return site.Fail(request, added.error());
                return web::Site::JsonCreated(FollowUpApiJson(*added), MeetingPath(added->meeting_id) + "#follow-ups");
              });
}

}  // namespace meetings
