// /meetings: the bodies that meet and their meetings; a meeting's page with its agenda (what it discusses, and the
// follow-ups carried from earlier meetings), registration, attendance by kind, minutes, decisions and follow-ups;
// printable minutes; iCalendar feeds of a body, a place and a person.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/one_of.hpp"
#include "modules/meetings/meetings_routes.hpp"
#include "web/ui.hpp"

namespace meetings {
namespace {

using nlohmann::json;

constexpr std::string_view kCalendarType = "text/calendar; charset=utf-8";

std::string BodyPath(std::int64_t id) { return "/meetings/bodies/" + std::to_string(id); }

std::string_view BodyKindTitle(std::string_view kind) {
  static constexpr std::pair<std::string_view, std::string_view> kTitles[] = {
      {"municipal_council", "Municipal council"},
      {"council_committee", "Committee of the municipal council"},
      {"council_for_cooperation", "Council for cooperation on ethnic and integration issues"},
      {"working_group", "Working group"},
      {"partner_network", "Partner network"},
      {"platform", "Platform of municipalities"},
      {"interface_meeting", "Interface meetings after monitoring"}};
  for (const auto& [code, title] : kTitles) {
    if (code == kind) return title;
  }
  return "";
}

std::string_view ParticipantTitle(std::string_view kind) {
  static constexpr std::pair<std::string_view, std::string_view> kTitles[] = {
      {"institution", "Institutions"},
      {"civil_society", "Civil-society organisations"},
      {"initiative_group", "Initiative groups"},
      {"resident", "Residents"},
      {"expert", "Experts"},
      {"donor", "Donors and programme operators"},
      {"media", "Media"},
      {"other", "Others"}};
  for (const auto& [code, title] : kTitles) {
    if (code == kind) return title;
  }
  return "";
}

std::string_view StateTitle(std::string_view state) {
  if (state == "open") return "Open";
  if (state == "in_progress") return "In progress";
  if (state == "done") return "Done";
  return "Dropped";
}

// "14.01.2027 г., 10:00–12:00" / "14 January 2027, 10:00–12:00".
std::string WhenOf(const web::Reader& reader, const Meeting& meeting) {
  const auto starts = LocalTimeOf(meeting.starts_at);
  const auto ends = LocalTimeOf(meeting.ends_at);
  if (!starts || !ends) return meeting.starts_at;
  const auto clock = [](int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); };
  if (starts->day == ends->day) {
    return reader.Date(core::IsoOf(starts->day)) + ", " + clock(starts->minutes) + "–" + clock(ends->minutes);
  }
  return reader.Date(core::IsoOf(starts->day)) + ", " + clock(starts->minutes) + " – " +
         reader.Date(core::IsoOf(ends->day)) + ", " + clock(ends->minutes);
}

json MeetingRow(const web::Reader& reader, const Meeting& meeting, const std::string& body_name) {
  return {{"url", MeetingPath(meeting.id)},
          {"title", meeting.title},
          {"body", body_name},
          {"when", WhenOf(reader, meeting)},
          {"where", meeting.location.empty() ? reader.Translate("Online") : meeting.location},
          {"private", !meeting.is_public},
          {"demo", meeting.demo}};
}

json FollowUpJson(const web::Reader& reader, const FollowUp& follow_up, const std::string& today) {
  const bool overdue = (follow_up.state == "open" || follow_up.state == "in_progress") && follow_up.due_on < today;
  return {{"id", follow_up.id},
          {"meeting_id", follow_up.meeting_id},
          {"action", follow_up.action},
          {"owner", follow_up.owner},
          {"due", reader.Date(follow_up.due_on)},
          {"due_on", follow_up.due_on},
          {"state", web::ui::Badge(reader.Translate(StateTitle(follow_up.state)), follow_up.state == "done" ? "good"
                                                                                  : overdue                 ? "bad"
                                                                                            : "neutral")},
          {"overdue", overdue},
          {"done_on", follow_up.done_on.empty() ? "" : reader.Date(follow_up.done_on)},
          {"version", follow_up.version},
          {"states", [&] {
             json states = json::array();
             for (const std::string_view state : kFollowUpStates) {
               states.push_back({{"value", state},
                                 {"label", reader.Translate(StateTitle(state))},
                                 {"selected", state == follow_up.state}});
             }
             return states;
           }()}};
}

// What a page's form had typed, to give it back after a refusal.
struct Typed {
  std::string form;  // "agenda", "decision", "follow_up", "follow_up_state", "attendance", "minutes"
  json values = json::object();
};

// The state chosen in a follow-up's form that was refused ({"id", "state"}), selected again in its list; the row
// shows the follow-up as it is now beside it.
void ChooseTypedState(json& row, const Typed& typed) {
  if (typed.form != "follow_up_state" || typed.values.value("id", std::int64_t{0}) != row["id"].get<std::int64_t>()) {
    return;
  }
  const std::string chosen = typed.values.value("state", "");
  for (json& state : row["states"]) state["selected"] = state["value"] == chosen;
}

http::Response MeetingPage(http::Request& request, const web::Site& site, MeetingsService& service, std::int64_t id,
                           const Typed& typed, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto view = service.Read(kernel::ActorOf(request), id);
  if (!view) return site.Fail(request, view.error());
  const std::string today = service.Today();
  json agenda = json::array();
  for (const AgendaEntry& entry : view->agenda) {
    agenda.push_back({{"id", entry.item.id},
                      {"title", entry.item.title},
                      {"link", entry.item.link},
                      {"carried", entry.follow_up.has_value()},
                      {"follow_up", entry.follow_up ? FollowUpJson(reader, *entry.follow_up, today) : json(nullptr)}});
  }
  json attendance = json::array();
  std::int64_t present = 0;
  const bool attendance_refused = typed.form == "attendance";
  for (const std::string_view kind : kParticipantKinds) {
    std::int64_t count = 0;
    for (const Attendance& each : view->attendance) {
      if (each.kind == kind) count = each.count;
    }
    present += count;
    // A refused form keeps what was typed; after someone else recorded attendance meanwhile, what is saved now
    // stands beside each count typed otherwise.
    const std::string value = attendance_refused ? typed.values.value(std::string(kind), "") : std::to_string(count);
    const bool changed_meanwhile = attendance_refused && refusal.kind == core::ErrorKind::kConflict;
    const bool typed_otherwise = (value.empty() ? "0" : value) != std::to_string(count);
    const std::string saved =
        changed_meanwhile && typed_otherwise ? reader.Say("Saved now: {value}", {{"value", reader.Number(count)}}) : "";
    attendance.push_back({{"kind", kind},
                          {"label", reader.Translate(ParticipantTitle(kind))},
                          {"count", count},
                          {"value", value},
                          {"saved_count", saved},
                          {"shown", reader.Number(count)},
                          {"has", count > 0}});
  }
  json decisions = json::array();
  for (const Decision& decision : view->decisions) decisions.push_back({{"text", decision.text}});
  json follow_ups = json::array();
  for (const FollowUp& follow_up : view->follow_ups) {
    follow_ups.push_back(FollowUpJson(reader, follow_up, today));
    ChooseTypedState(follow_ups.back(), typed);
  }
  json filings = json::array();
  for (const requests::FilingView& filing : view->filings) {
    filings.push_back({{"value", requests::FilingPath(filing.filing.id)},
                       {"label", filing.filing.subject + " — " + filing.filing.addressee}});
  }
  const Meeting& meeting = view->meeting;
  const json refused = refusal.Data(reader, [](std::string_view field) { return "meeting-" + std::string(field); });
  json data = {{"id", meeting.id},
               {"url", MeetingPath(meeting.id)},
               {"title", meeting.title},
               {"body", view->body.name},
               {"body_url", BodyPath(view->body.id)},
               {"body_kind", reader.Translate(BodyKindTitle(view->body.kind))},
               {"when", WhenOf(reader, meeting)},
               {"location", meeting.location},
               {"link", meeting.link},
               {"private", !meeting.is_public},
               {"demo", meeting.demo},
               {"announced_on", meeting.announced_on.empty() ? "" : reader.Date(meeting.announced_on)},
               {"notice_short",
                view->notice_days_short > 0
                    ? reader.SayPlural(
                          "Announced {count} day later than the law asks: a public session of a municipal council is "
                          "announced at least 6 days ahead.",
                          "Announced {count} days later than the law asks: a public session of a municipal council is "
                          "announced at least 6 days ahead.",
                          view->notice_days_short, {{"count", reader.Number(view->notice_days_short)}})
                    : ""},
               {"agenda", agenda},
               {"has_agenda", !agenda.empty()},
               {"attendance", attendance},
               {"present", present > 0 ? reader.SayPlural("{count} person came.", "{count} people came.", present,
                                                          {{"count", reader.Number(present)}})
                                       : ""},
               {"minutes_html", meeting.minutes_html},
               {"minutes", meeting.minutes},
               {"decisions", decisions},
               {"has_decisions", !decisions.empty()},
               {"follow_ups", follow_ups},
               {"has_follow_ups", !follow_ups.empty()},
               {"registrations", reader.SayPlural("{count} registered", "{count} registered", view->registrations,
                                                  {{"count", reader.Number(view->registrations)}})},
               {"registered", view->registered},
               {"signed_in", kernel::SignedInOf(request) != nullptr},
               {"may_register", meeting.is_public},
               {"may_organise", view->may_organise},
               {"filings", filings},
               {"has_filings", !filings.empty()},
               {"csrf", web::CsrfOf(request)},
               {"version", meeting.version},
               {"today", today},
               {"typed", typed.values},
               {"refused_" + (typed.form.empty() ? std::string("none") : typed.form), true},
               {"refusal", refused},
               {"problems", refused["problems"]},
               {"api_url", "/api/v1/meetings/" + std::to_string(meeting.id)}};
  return site.Page(request, meeting.title, "meetings/meeting", data, refusal.Empty() ? 200 : refusal.Status());
}

json PlaceChoices(const web::Reader& reader, MeetingsService& service, const std::string& chosen) {
  json choices = json::array();
  for (auto& [code, name] : service.filings().Places()) {
    choices.push_back({{"value", code}, {"label", reader.english() ? name.en : name.bg}, {"selected", code == chosen}});
  }
  return choices;
}

http::Response BodyForm(http::Request& request, const web::Site& site, MeetingsService& service, const Body& typed,
                        const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  json kinds = json::array();
  for (const std::string_view kind : kBodyKinds) {
    kinds.push_back(
        {{"value", kind}, {"label", reader.Translate(BodyKindTitle(kind))}, {"checked", kind == typed.kind}});
  }
  const json refused = refusal.Data(reader, [](std::string_view field) { return "body-" + std::string(field); });
  const json data = {{"csrf", web::CsrfOf(request)}, {"kinds", kinds},
                     {"name", typed.name},           {"places", PlaceChoices(reader, service, typed.place_code)},
                     {"refusal", refused},           {"problems", refused["problems"]}};
  return site.Page(request, reader.Translate("Set up a body that meets"), "meetings/body_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

http::Response MeetingForm(http::Request& request, const web::Site& site, const Body& body, const Meeting& typed,
                           const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const json refused = refusal.Data(reader, [](std::string_view field) { return "meeting-" + std::string(field); });
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"body_id", body.id},
                     {"body", body.name},
                     {"body_url", BodyPath(body.id)},
                     {"council", body.kind == "municipal_council" || body.kind == "council_committee"},
                     {"title", typed.title},
                     {"starts_at", typed.starts_at},
                     {"ends_at", typed.ends_at},
                     {"location", typed.location},
                     {"link", typed.link},
                     {"is_public", typed.is_public},
                     {"announced_on", typed.announced_on},
                     {"refusal", refused},
                     {"problems", refused["problems"]}};
  return site.Page(request, reader.Translate("Schedule a meeting"), "meetings/meeting_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

Meeting TypedMeeting(const http::Request& request) {
  Meeting meeting;
  meeting.body_id = web::IdIn(request.Form("body")).value_or(0);
  meeting.title = request.Form("title").value_or("");
  meeting.starts_at = request.Form("starts_at").value_or("");
  meeting.ends_at = request.Form("ends_at").value_or("");
  meeting.location = request.Form("location").value_or("");
  meeting.link = request.Form("link").value_or("");
  meeting.is_public = request.Form("is_public").has_value();
  meeting.announced_on = request.Form("announced_on").value_or("");
  return meeting;
}

http::Response Calendar(std::string ical) {
  http::Response response = http::Response::Text(std::move(ical));
  response.SetHeader("Content-Type", std::string(kCalendarType));
  return response;
}

// A form's POST that changes the meeting: back to its page, at the part changed, or the page with the refusal.
template <typename Change>
http::Response Changed(http::Request& request, const web::Site& site, MeetingsService& service, std::int64_t id,
                       Typed typed, const std::string& anchor, Change change) {
  const auto result = change();
  if (result) return http::Response::Redirect(MeetingPath(id) + "#" + anchor);
  const core::ErrorKind kind = result.error().kind;
  if (kind == core::ErrorKind::kNotFound || kind == core::ErrorKind::kForbidden) {
    return site.Fail(request, result.error());
  }
  return MeetingPage(request, site, service, id, typed, web::Refusal::Of(result.error()));
}

}  // namespace

std::string MeetingPath(std::int64_t id) { return "/meetings/" + std::to_string(id); }

void AddMeetingPages(kernel::Routes& routes, const web::Site& site, MeetingsService& service) {
  routes.Get("/meetings", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const web::Reader reader = site.ReaderOf(request);
    const core::Actor actor = kernel::ActorOf(request);
    const std::string today = service.Today();
    std::map<std::int64_t, std::string> names;
    json bodies = json::array();
    bool demo = false;
    auto all_bodies = service.Bodies();
    reader.SortByName(all_bodies, [](const Body& body) { return body.name; });
    for (const Body& body : all_bodies) {
      names[body.id] = body.name;
      demo = demo || body.demo;
      const auto place = service.filings().NameOfPlace(body.place_code);
      bodies.push_back({{"url", BodyPath(body.id)},
                        {"name", body.name},
                        {"kind", reader.Translate(BodyKindTitle(body.kind))},
                        {"place", place ? (reader.english() ? place->en : place->bg) : body.place_code},
                        {"demo", body.demo}});
    }
    json upcoming = json::array(), past = json::array();
    for (const Meeting& meeting : service.Meetings(actor, std::nullopt)) {
      (meeting.ends_at.substr(0, 10) >= today ? upcoming : past)
          .push_back(MeetingRow(reader, meeting, names[meeting.body_id]));
    }
    std::reverse(past.begin(), past.end());
    if (past.size() > 20) past.erase(past.begin() + 20, past.end());
    const core::SignedIn* user = kernel::SignedInOf(request);
    const json data = {{"bodies", bodies},
                       {"has_bodies", !bodies.empty()},
                       {"upcoming", upcoming},
                       {"has_upcoming", !upcoming.empty()},
                       {"past", past},
                       {"has_past", !past.empty()},
                       {"none", web::ui::Empty(reader.Translate("No meeting is scheduled."))},
                       {"has_demo", demo},
                       {"signed_in", user != nullptr},
                       {"has_calendar", user != nullptr && service.HasCalendarAddress(*user)},
                       {"csrf", web::CsrfOf(request)}};
    return site.Page(request, reader.Translate("Meetings"), "meetings/meetings", data);
  });

  routes.Get("/meetings/bodies/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn&) {
               Body typed;
               typed.place_code = request.Query("place").value_or("");
               // A link from elsewhere may choose the kind: the practice platform's events link with "platform".
               if (const auto kind = request.Query("kind"); kind && core::IsOneOf(*kind, kBodyKinds))
                 typed.kind = *kind;
               return BodyForm(request, site, service, typed, {});
             });
  routes.Post("/meetings/bodies", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                Body typed;
                typed.kind = request.Form("kind").value_or("");
                typed.name = request.Form("name").value_or("");
                typed.place_code = request.Form("place").value_or("");
                const auto created = service.CreateBody(user, typed);
                if (created) return http::Response::Redirect(BodyPath(created->id));
                if (created.error().kind == core::ErrorKind::kForbidden) return site.Fail(request, created.error());
                return BodyForm(request, site, service, typed, web::Refusal::Of(created.error()));
              });
  routes.Get("/meetings/bodies/{id:int}", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const web::Reader reader = site.ReaderOf(request);
    const auto body = service.FindBody(request.IntParameter("id"));
    if (!body) return site.Fail(request, core::Error::NotFound("There is no such body."));
    const core::Actor actor = kernel::ActorOf(request);
    json meetings = json::array();
    for (const Meeting& meeting : service.Meetings(actor, body->id)) {
      meetings.push_back(MeetingRow(reader, meeting, body->name));
    }
    std::reverse(meetings.begin(), meetings.end());
    json follow_ups = json::array();
    const std::string today = service.Today();
    for (const FollowUpListed& each : service.FollowUps(actor, body->id)) {
      if (each.follow_up.state != "open" && each.follow_up.state != "in_progress") continue;
      json row = FollowUpJson(reader, each.follow_up, today);
      row["meeting"] = each.meeting_title;
      row["meeting_url"] = MeetingPath(each.follow_up.meeting_id);
      follow_ups.push_back(std::move(row));
    }
    const auto place = service.filings().NameOfPlace(body->place_code);
    const json data = {{"id", body->id},
                       {"name", body->name},
                       {"kind", reader.Translate(BodyKindTitle(body->kind))},
                       {"place", place ? (reader.english() ? place->en : place->bg) : body->place_code},
                       {"demo", body->demo},
                       {"meetings", meetings},
                       {"has_meetings", !meetings.empty()},
                       {"none", web::ui::Empty(reader.Translate("No meeting is scheduled."))},
                       {"follow_ups", follow_ups},
                       {"has_follow_ups", !follow_ups.empty()},
                       {"may_organise", service.MayOrganise(actor, body->place_code)},
                       {"calendar_url", BodyPath(body->id) + "/calendar"},
                       {"place_calendar_url", "/meetings/places/" + body->place_code + "/calendar"}};
    return site.Page(request, body->name, "meetings/body", data);
  });
  routes.Get("/meetings/bodies/{id:int}/calendar", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const auto body = service.FindBody(request.IntParameter("id"));
    if (!body) return site.Fail(request, core::Error::NotFound("There is no such body."));
    return Calendar(service.BodyCalendar(*body, service.public_url()));
  });
  routes.Get("/meetings/places/{code:[A-Z0-9]+}/calendar", core::Access::Anyone(),
             [&site, &service](http::Request& request) {
               const std::string code = request.Parameter("code");
               const auto place = service.filings().NameOfPlace(code);
               if (!place) return site.Fail(request, core::Error::NotFound("There is no such place."));
               return Calendar(service.PlaceCalendar(code, place->bg, service.public_url()));
             });
  routes.Get("/meetings/calendar/{token:[A-Za-z0-9_-]+}", core::Access::Anyone(),
             [&site, &service](http::Request& request) {
               const auto ical = service.PersonCalendar(request.Parameter("token"), service.public_url());
               if (!ical) return site.Fail(request, core::Error::NotFound("There is no such calendar."));
               return Calendar(*ical);
             });
  routes.Post("/meetings/calendar", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const web::Reader reader = site.ReaderOf(request);
                const std::string address =
                    service.public_url() + "/meetings/calendar/" + service.NewCalendarAddress(user);
                return site.Page(request, reader.Translate("Your calendar"), "meetings/calendar_address",
                                 {{"address", address}});
              });

  routes.Get(
      "/meetings/new", core::Access::SignedIn(), [&site, &service](http::Request& request, const core::SignedIn& user) {
        const auto body = service.FindBody(web::IdIn(request.Query("body")).value_or(0));
        if (!body) return site.Fail(request, core::Error::NotFound("There is no such body."));
        if (!service.MayOrganise(user, body->place_code)) {
          return site.Fail(request,
                           core::Error::Forbidden("Only those who work for the place set up its bodies and meetings."));
        }
        Meeting typed;
        typed.body_id = body->id;
        typed.announced_on = service.Today();
        return MeetingForm(request, site, *body, typed, {});
      });
  routes.Post("/meetings", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const Meeting typed = TypedMeeting(request);
                const auto scheduled = service.Schedule(user, typed);
                if (scheduled) return http::Response::Redirect(MeetingPath(scheduled->id));
                const auto body = service.FindBody(typed.body_id);
                if (!body || scheduled.error().kind == core::ErrorKind::kForbidden) {
                  return site.Fail(request, scheduled.error());
                }
                return MeetingForm(request, site, *body, typed, web::Refusal::Of(scheduled.error()));
              });

  const std::string meeting = "/meetings/{id:int}";
  routes.Get(meeting, core::Access::Anyone(), [&site, &service](http::Request& request) {
    return MeetingPage(request, site, service, request.IntParameter("id"), {}, {});
  });
  routes.Get(meeting + "/minutes", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const web::Reader reader = site.ReaderOf(request);
    const auto view = service.Read(kernel::ActorOf(request), request.IntParameter("id"));
    if (!view) return site.Fail(request, view.error());
    const std::string today = service.Today();
    json agenda = json::array(), decisions = json::array(), follow_ups = json::array(), attendance = json::array();
    for (const AgendaEntry& entry : view->agenda) agenda.push_back({{"title", entry.item.title}});
    for (const Decision& decision : view->decisions) decisions.push_back({{"text", decision.text}});
    for (const FollowUp& follow_up : view->follow_ups) follow_ups.push_back(FollowUpJson(reader, follow_up, today));
    for (const Attendance& each : view->attendance) {
      attendance.push_back(
          {{"label", reader.Translate(ParticipantTitle(each.kind))}, {"count", reader.Number(each.count)}});
    }
    const json data = {{"title", view->meeting.title},
                       {"body", view->body.name},
                       {"url", MeetingPath(view->meeting.id)},
                       {"when", WhenOf(reader, view->meeting)},
                       {"location", view->meeting.location.empty() ? view->meeting.link : view->meeting.location},
                       {"demo", view->meeting.demo},
                       {"agenda", agenda},
                       {"attendance", attendance},
                       {"has_attendance", !attendance.empty()},
                       {"minutes_html", view->meeting.minutes_html},
                       {"decisions", decisions},
                       {"has_decisions", !decisions.empty()},
                       {"follow_ups", follow_ups},
                       {"has_follow_ups", !follow_ups.empty()}};
    return site.Page(request, reader.Translate("Minutes") + ": " + view->meeting.title, "meetings/minutes", data);
  });
  routes.Post(meeting + "/register", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                return Changed(request, site, service, id, {}, "registration", [&] {
                  return service.Register(user, id, request.Form("withdraw").has_value() == false);
                });
              });
  routes.Post(meeting + "/agenda", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                AgendaItem item;
                item.meeting_id = id;
                item.title = request.Form("title").value_or("");
                item.link = request.Form("link").value_or("");
                if (item.link.empty()) item.link = request.Form("filing").value_or("");
                return Changed(request, site, service, id, {"agenda", {{"title", item.title}, {"link", item.link}}},
                               "agenda", [&] { return service.AddAgendaItem(user, item); });
              });
  routes.Post(meeting + "/decisions", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                Decision decision;
                decision.meeting_id = id;
                decision.text = request.Form("decision").value_or("");
                decision.agenda_item_id = web::IdIn(request.Form("agenda_item"));
                return Changed(request, site, service, id, {"decision", {{"decision", decision.text}}}, "decisions",
                               [&] { return service.AddDecision(user, decision); });
              });
  routes.Post(
      meeting + "/follow-ups", core::Access::SignedIn(),
      [&site, &service](http::Request& request, const core::SignedIn& user) {
        const std::int64_t id = request.IntParameter("id");
        FollowUp follow_up;
        follow_up.meeting_id = id;
        follow_up.action = request.Form("action").value_or("");
        follow_up.owner = request.Form("owner").value_or("");
        follow_up.due_on = request.Form("due_on").value_or("");
        follow_up.agenda_item_id = web::IdIn(request.Form("agenda_item"));
        return Changed(
            request, site, service, id,
            {"follow_up", {{"action", follow_up.action}, {"owner", follow_up.owner}, {"due_on", follow_up.due_on}}},
            "follow-ups", [&] { return service.AddFollowUp(user, follow_up); });
      });
  routes.Post("/meetings/follow-ups/{id:int}", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                FollowUp follow_up;
                follow_up.id = request.IntParameter("id");
                follow_up.state = request.Form("state").value_or("");
                follow_up.owner = request.Form("owner").value_or("");
                follow_up.due_on = request.Form("due_on").value_or("");
                follow_up.version = web::IdIn(request.Form("version")).value_or(0);
                const std::int64_t back = web::IdIn(request.Form("meeting")).value_or(0);
                const auto changed = service.ChangeFollowUp(user, follow_up);
                if (changed) {
                  return http::Response::Redirect(MeetingPath(back != 0 ? back : changed->meeting_id) + "#follow-ups");
                }
                if (back == 0 || changed.error().kind == core::ErrorKind::kNotFound ||
                    changed.error().kind == core::ErrorKind::kForbidden) {
                  return site.Fail(request, changed.error());
                }
                return MeetingPage(request, site, service, back,
                                   {"follow_up_state", {{"id", follow_up.id}, {"state", follow_up.state}}},
                                   web::Refusal::Of(changed.error()));
              });
  routes.Post(meeting + "/attendance", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                std::vector<Attendance> attendance;
                std::vector<core::FieldProblem> problems;
                json typed = json::object();
                for (const std::string_view kind : kParticipantKinds) {
                  const std::string text = request.Form("count_" + std::string(kind)).value_or("");
                  typed[std::string(kind)] = text;
                  if (text.empty()) continue;
                  std::int64_t count = 0;
                  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
                  if (error != std::errc() || end != text.data() + text.size()) {
                    problems.push_back(
                        {"attendance_" + std::string(kind), "A whole number of people from 0 to 100,000.", text});
                    continue;
                  }
                  attendance.push_back({std::string(kind), count});
                }
                if (!problems.empty()) {
                  return MeetingPage(request, site, service, id, {"attendance", typed},
                                     web::Refusal::Of(core::Error::InvalidFields(problems)));
                }
                const std::int64_t version = web::IdIn(request.Form("version")).value_or(0);
                return Changed(request, site, service, id, {"attendance", typed}, "attendance",
                               [&] { return service.SetAttendance(user, id, version, attendance); });
              });
  routes.Post(meeting + "/minutes", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto current = service.Read(user, id);
                if (!current) return site.Fail(request, current.error());
                Meeting changed = current->meeting;
                changed.minutes = request.Form("minutes").value_or("");
                changed.version = web::IdIn(request.Form("version")).value_or(0);
                return Changed(request, site, service, id, {"minutes", {{"minutes", changed.minutes}}}, "minutes",
                               [&] { return service.Change(user, changed); });
              });
}

}  // namespace meetings

namespace meetings {

kernel::DiscussedSectionSource MeetingsDiscussingThePage(const web::Site& site, MeetingsService& service) {
  return [&site, &service](const http::Request& request, std::string link) -> std::optional<std::string> {
    const std::vector<CalendarEntry> entries = service.Discussing(link);
    if (entries.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    nlohmann::json rows = nlohmann::json::array(), decisions = nlohmann::json::array(),
                   follow_ups = nlohmann::json::array();
    for (const CalendarEntry& entry : entries) rows.push_back(MeetingRow(reader, entry.meeting, entry.body.name));
    for (const Decision& decision : service.DecisionsOn(link)) {
      decisions.push_back({{"text", decision.text}, {"meeting_url", MeetingPath(decision.meeting_id)}});
    }
    const std::string today = service.Today();
    for (const FollowUp& follow_up : service.FollowUpsOn(link)) {
      follow_ups.push_back(FollowUpJson(reader, follow_up, today));
      follow_ups.back()["meeting_url"] = MeetingPath(follow_up.meeting_id);
    }
    return site.RenderBody(request, "meetings/discussed",
                           {{"meetings", rows},
                            {"decisions", decisions},
                            {"has_decisions", !decisions.empty()},
                            {"follow_ups", follow_ups},
                            {"has_follow_ups", !follow_ups.empty()}});
  };
}

}  // namespace meetings

namespace meetings {

kernel::HomeSectionSource MeetingsOnTheHome(const web::Site& site, MeetingsService& service) {
  return [&site, &service](const http::Request& request,
                           const core::SignedIn& user) -> std::optional<kernel::HomeSection> {
    const std::string today = service.Today();
    const web::Reader reader = site.ReaderOf(request);
    nlohmann::json rows = nlohmann::json::array();
    std::map<std::int64_t, std::optional<Body>> bodies;
    for (const Meeting& meeting : service.Meetings(user, std::nullopt)) {
      if (meeting.ends_at.substr(0, 10) < today) continue;
      auto [known, added] = bodies.try_emplace(meeting.body_id);
      if (added) known->second = service.FindBody(meeting.body_id);
      if (!known->second) continue;
      const bool theirs = service.MayOrganise(user, known->second->place_code) ||
                          service.store().IsRegistered(meeting.id, user.user_id());
      if (theirs) rows.push_back(MeetingRow(reader, meeting, known->second->name));
      if (rows.size() == 5) break;
    }
    if (rows.empty()) return std::nullopt;
    return kernel::HomeSection{reader.Translate("Meetings ahead"),
                               site.RenderBody(request, "meetings/home", {{"meetings", rows}})};
  };
}

}  // namespace meetings
