// /practices/events and /practices/studies: the platform's meetings, exchange visits and working sessions with the
// municipalities taking part; research studies with their findings about practices; and what they add to a
// municipality's page and to a practice's.
#include <fmt/format.h>

#include <algorithm>

#include "modules/meetings/meetings_routes.hpp"
#include "modules/practices/page_names.hpp"
#include "modules/practices/practices_routes.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace practices {
namespace {

using nlohmann::json;

// Rows for municipalities on the forms: at least this many, two more than were filled, at most the maximum.
constexpr std::size_t kEmptyRows = 6;

std::string StudyPath(std::int64_t id) { return "/practices/studies/" + std::to_string(id); }

std::string MunicipalityPath(const std::string& code) { return "/places/municipalities/" + code; }

// "10 March 2027" or "10–12 March 2027" as the reader writes dates: the days an event took.
std::string DaysOf(const web::Reader& reader, const meetings::Meeting& meeting) {
  const auto starts = meetings::LocalTimeOf(meeting.starts_at);
  const auto ends = meetings::LocalTimeOf(meeting.ends_at);
  if (!starts) return meeting.starts_at;
  const std::string first = reader.Date(core::IsoOf(starts->day));
  if (!ends || ends->day == starts->day) return first;
  return first + " – " + reader.Date(core::IsoOf(ends->day));
}

std::string PeopleOf(const web::Reader& reader, std::int64_t count) {
  return reader.SayPlural("{count} person", "{count} people", static_cast<long>(count),
                          {{"count", reader.Number(count)}});
}

json EventRow(const web::Reader& reader, const Names& names, const PlatformEvent& event) {
  std::string municipalities;
  for (const NamedMunicipality& each : event.municipalities) {
    (municipalities += municipalities.empty() ? "" : "; ") += names.PlaceOf(reader, each);
  }
  return {{"url", EventPath(event.meeting.id)},
          {"title", event.meeting.title},
          {"kind", reader.Translate(TitleOf(event.kind))},
          {"when", DaysOf(reader, event.meeting)},
          {"host", event.host ? names.PlaceOf(reader, *event.host) : reader.Translate("Online")},
          {"municipalities", municipalities},
          {"participants", event.Participants() > 0 ? PeopleOf(reader, event.Participants()) : ""},
          {"private", !event.meeting.is_public},
          {"demo", event.meeting.demo}};
}

json StudyRow(const web::Reader& reader, const Names& names, const Study& study) {
  std::string municipalities;
  for (const NamedMunicipality& each : study.municipalities) {
    (municipalities += municipalities.empty() ? "" : "; ") += names.PlaceOf(reader, each);
  }
  return {{"url", StudyPath(study.id)},
          {"title", study.title},
          {"authors", study.authors},
          {"year", study.year ? std::to_string(*study.year) : ""},
          {"municipalities", municipalities},
          {"findings", reader.SayPlural("{count} finding", "{count} findings", static_cast<long>(study.findings.size()),
                                        {{"count", reader.Number(static_cast<long long>(study.findings.size()))}})},
          {"demo", study.demo}};
}

http::Response EventsPage(http::Request& request, const web::Site& site, EventsService& service) {
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  const Names names(reader, service.practices());
  const std::string today = core::IsoDay(service.meetings().Now());
  json coming = json::array(), past = json::array();
  for (const PlatformEvent& event : service.Events(actor)) {
    // The coming ones soonest first; the past ones latest first.
    if (event.meeting.ends_at.substr(0, 10) >= today) {
      coming.insert(coming.begin(), EventRow(reader, names, event));
    } else {
      past.push_back(EventRow(reader, names, event));
    }
  }
  // Whoever works for a place may record an event; the form leads to setting up a platform when they have none.
  const bool may_record = service.WorksForAPlace(actor);
  const json data = {{"coming", coming},
                     {"has_coming", !coming.empty()},
                     {"past", past},
                     {"has_past", !past.empty()},
                     {"may_record", may_record},
                     {"none", web::ui::Empty(reader.Translate("No event of the platform is recorded yet."),
                                             may_record ? reader.Translate("Record an event") : "",
                                             may_record ? "/practices/events/new" : "")}};
  return site.Page(request, reader.Translate("Events of the platform"), "practices/events", data);
}

http::Response EventPage(http::Request& request, const web::Site& site, EventsService& service) {
  const web::Reader reader = site.ReaderOf(request);
  const core::Actor actor = kernel::ActorOf(request);
  const auto event = service.Find(actor, request.IntParameter("id"));
  if (!event) return site.Fail(request, event.error());
  const auto view = service.meetings().Read(actor, event->meeting.id);
  if (!view) return site.Fail(request, view.error());
  const Names names(reader, service.practices());
  json municipalities = json::array();
  for (const NamedMunicipality& each : event->municipalities) {
    municipalities.push_back({{"url", MunicipalityPath(each.code)},
                              {"place", names.PlaceOf(reader, each)},
                              {"participants", each.participants > 0 ? PeopleOf(reader, each.participants) : ""}});
  }
  json programme = json::array();
  for (const meetings::AgendaEntry& entry : view->agenda) {
    programme.push_back({{"title", entry.item.title}, {"url", entry.item.link}});
  }
  json follow_ups = json::array();
  for (const meetings::FollowUp& each : view->follow_ups) {
    follow_ups.push_back({{"action", each.action}, {"owner", each.owner}, {"due", reader.Date(each.due_on)}});
  }
  json data = EventRow(reader, names, *event);
  data.update({{"body", view->body.name},
               {"body_url", "/meetings/bodies/" + std::to_string(view->body.id)},
               {"location", event->meeting.location},
               {"link", event->meeting.link},
               {"taking_part", municipalities},
               {"has_taking_part", !municipalities.empty()},
               {"programme", programme},
               {"has_programme", !programme.empty()},
               {"report", view->meeting.minutes_html},
               {"follow_ups", follow_ups},
               {"has_follow_ups", !follow_ups.empty()},
               {"meeting_url", meetings::MeetingPath(event->meeting.id)},
               {"may_change", service.MayChange(actor, *event)},
               {"change_url", EventPath(event->meeting.id) + "/facts"}});
  return site.Page(request, event->meeting.title, "practices/event", data);
}

// The datalist of municipalities the forms offer: those in the platform so far, and those the person works for.
json MunicipalityChoices(const web::Reader& reader, EventsService& service) {
  const Names names(reader, service.practices());
  json choices = json::array();
  for (const NamedMunicipality& each : service.PlatformMunicipalities()) {
    choices.push_back({{"value", each.code}, {"label", names.PlaceOf(reader, each)}});
  }
  return choices;
}

http::Response EventForm(http::Request& request, const web::Site& site, EventsService& service,
                         const core::SignedIn& user, const EventFields& typed, const web::Refusal& refusal,
                         const PlatformEvent* editing = nullptr) {
  const web::Reader reader = site.ReaderOf(request);
  const json refused = refusal.Data(reader, [](std::string_view field) { return "event-" + std::string(field); });
  const auto field = [&](const std::string& name, std::string label, std::string value, std::string hint = "") {
    web::ui::Field each{name, "event-" + name, std::move(label), std::move(value), std::move(hint)};
    return web::ui::TextField(each, refusal.ProblemOf(reader, name));
  };
  json bodies = json::array();
  for (const meetings::Body& body : service.BodiesFor(user)) {
    bodies.push_back(
        {{"value", body.id}, {"label", body.name}, {"selected", std::to_string(body.id) == typed.body_id}});
  }
  json kinds = json::array();
  for (const EventKind kind : kEventKinds) {
    kinds.push_back(
        {{"value", CodeOf(kind)}, {"label", reader.Translate(TitleOf(kind))}, {"checked", CodeOf(kind) == typed.kind}});
  }
  const std::size_t rows = std::min(kMaxEventMunicipalities, std::max(kEmptyRows, typed.municipalities.size() + 2));
  json municipalities = json::array();
  for (std::size_t i = 0; i < rows; ++i) {
    const std::string row = std::to_string(i + 1);
    const auto& [code, count] =
        i < typed.municipalities.size() ? typed.municipalities[i] : std::pair<std::string, std::string>();
    municipalities.push_back({{"row", row},
                              {"code", code},
                              {"participants", count},
                              {"code_problem", refusal.ProblemOf(reader, "municipality_" + row)},
                              {"participants_problem", refusal.ProblemOf(reader, "participants_" + row)}});
  }
  json data = {{"csrf", web::CsrfOf(request)},
               {"refusal", refused},
               {"problems", refused["problems"]},
               {"editing", editing != nullptr},
               {"bodies", bodies},
               {"has_bodies", !bodies.empty()},
               {"kinds", kinds},
               {"title", field("title", reader.Translate("Title"), typed.title)},
               {"starts_at", field("starts_at", reader.Translate("Starts"), typed.starts_at,
                                   reader.Translate("Day and time in Sofia, such as 2027-03-10T09:30"))},
               {"ends_at", field("ends_at", reader.Translate("Ends"), typed.ends_at)},
               {"location", field("location", reader.Translate("Where"), typed.location,
                                  reader.Translate("Empty for an online session."))},
               {"link", field("link", reader.Translate("Online meeting link"), typed.link)},
               {"host", field("host", reader.Translate("Host municipality"), typed.host,
                              reader.Translate("Its code, such as DOB17, BE-44021 or CZ-554821."))},
               {"municipalities", municipalities},
               {"choices", MunicipalityChoices(reader, service)},
               {"version", typed.version}};
  const int status = refusal.Empty() ? 200 : refusal.Status();
  if (!editing) {
    data["action"] = "/practices/events";
    return site.Page(request, reader.Translate("Record an event"), "practices/event_form", data, status);
  }
  data["action"] = EventPath(editing->meeting.id) + "/facts";
  // Someone saved the facts meanwhile: `editing` holds them as they are now, shown beside what was typed.
  if (!refusal.Empty() && refusal.kind == core::ErrorKind::kConflict) {
    const Names names(reader, service.practices());
    std::string taking_part;
    for (const NamedMunicipality& each : editing->municipalities) {
      (taking_part += taking_part.empty() ? "" : "; ") += names.PlaceOf(reader, each);
      if (each.participants > 0) taking_part += " (" + PeopleOf(reader, each.participants) + ")";
    }
    data["saved"] = {{"kind", reader.Translate(TitleOf(editing->kind))},
                     {"host", editing->host ? names.PlaceOf(reader, *editing->host) : reader.Translate("Online")},
                     {"municipalities", taking_part}};
  }
  data["event_url"] = EventPath(editing->meeting.id);
  data["event_title"] = editing->meeting.title;
  data["meeting_url"] = meetings::MeetingPath(editing->meeting.id);
  return site.Page(request, reader.Translate("Who takes part"), "practices/event_form", data, status);
}

EventFields EventFieldsOf(const http::Request& request) {
  EventFields fields;
  fields.body_id = request.Form("body").value_or("");
  fields.title = request.Form("title").value_or("");
  fields.starts_at = request.Form("starts_at").value_or("");
  fields.ends_at = request.Form("ends_at").value_or("");
  fields.location = request.Form("location").value_or("");
  fields.link = request.Form("link").value_or("");
  fields.kind = request.Form("kind").value_or("");
  fields.host = request.Form("host").value_or("");
  fields.version = std::atoll(request.Form("version").value_or("0").c_str());
  for (std::size_t i = 1; i <= kMaxEventMunicipalities; ++i) {
    fields.municipalities.emplace_back(request.Form("municipality_" + std::to_string(i)).value_or(""),
                                       request.Form("participants_" + std::to_string(i)).value_or(""));
  }
  while (!fields.municipalities.empty() && fields.municipalities.back().first.empty() &&
         fields.municipalities.back().second.empty()) {
    fields.municipalities.pop_back();
  }
  return fields;
}

EventFields FactsOf(const PlatformEvent& event) {
  EventFields fields;
  fields.kind = std::string(CodeOf(event.kind));
  fields.host = event.host ? event.host->code : "";
  fields.version = event.version;
  for (const NamedMunicipality& each : event.municipalities) {
    fields.municipalities.emplace_back(each.code, std::to_string(each.participants));
  }
  return fields;
}

http::Response StudiesPage(http::Request& request, const web::Site& site, EventsService& service) {
  const web::Reader reader = site.ReaderOf(request);
  const Names names(reader, service.practices());
  json studies = json::array();
  for (const Study& study : service.Studies()) studies.push_back(StudyRow(reader, names, study));
  const bool may_publish = service.WorksForAPlace(kernel::ActorOf(request));
  const json data = {{"studies", studies},
                     {"has_studies", !studies.empty()},
                     {"may_publish", may_publish},
                     {"none", web::ui::Empty(reader.Translate("No research study is in the library yet."),
                                             may_publish ? reader.Translate("Publish a study") : "",
                                             may_publish ? "/practices/studies/new" : "")}};
  return site.Page(request, reader.Translate("Research studies"), "practices/studies", data);
}

http::Response StudyPage(http::Request& request, const web::Site& site, EventsService& service) {
  const web::Reader reader = site.ReaderOf(request);
  const auto study = service.FindStudy(request.IntParameter("id"), std::string(reader.code()));
  if (!study) return site.Fail(request, study.error());
  const Names names(reader, service.practices());
  json municipalities = json::array();
  for (const NamedMunicipality& each : study->municipalities) {
    municipalities.push_back({{"url", MunicipalityPath(each.code)}, {"place", names.PlaceOf(reader, each)}});
  }
  json findings = json::array();
  for (const Finding& finding : study->findings) {
    findings.push_back({{"text", finding.text},
                        {"practice_url", finding.practice_id ? PracticePath(*finding.practice_id) : ""},
                        {"practice", finding.practice_title}});
  }
  json data = StudyRow(reader, names, *study);
  data.update({{"summary", study->summary},
               {"link", study->link},
               {"studied", municipalities},
               {"list", findings},
               {"has_findings", !findings.empty()}});
  return site.Page(request, study->title, "practices/study", data);
}

http::Response StudyForm(http::Request& request, const web::Site& site, EventsService& service,
                         const StudyFields& typed, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const json refused = refusal.Data(reader, [](std::string_view field) { return "study-" + std::string(field); });
  const auto field = [&](const std::string& name, std::string label, std::string value, std::string hint = "") {
    web::ui::Field each{name, "study-" + name, std::move(label), std::move(value), std::move(hint)};
    return web::ui::TextField(each, refusal.ProblemOf(reader, name));
  };
  json municipalities = json::array();
  const std::size_t studied = std::min(kMaxEventMunicipalities, std::max<std::size_t>(3, typed.municipalities.size()));
  for (std::size_t i = 0; i < studied; ++i) {
    const std::string row = std::to_string(i + 1);
    municipalities.push_back({{"row", row},
                              {"code", i < typed.municipalities.size() ? typed.municipalities[i] : ""},
                              {"problem", refusal.ProblemOf(reader, "municipality_" + row)}});
  }
  json findings = json::array();
  const std::size_t found = std::min(kMaxStudyFindings, std::max<std::size_t>(4, typed.findings.size() + 1));
  for (std::size_t i = 0; i < found; ++i) {
    const std::string row = std::to_string(i + 1);
    const auto& [text, practice] =
        i < typed.findings.size() ? typed.findings[i] : std::pair<std::string, std::string>();
    findings.push_back({{"row", row},
                        {"text", text},
                        {"practice", practice},
                        {"text_problem", refusal.ProblemOf(reader, "finding_" + row)},
                        {"practice_problem", refusal.ProblemOf(reader, "practice_" + row)}});
  }
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"refusal", refused},
                     {"problems", refused["problems"]},
                     {"title", field("title", reader.Translate("Title"), typed.title)},
                     {"authors", field("authors", reader.Translate("Authors"), typed.authors)},
                     {"year", field("year", reader.Translate("Year"), typed.year)},
                     {"link", field("link", reader.Translate("Where to read it"), typed.link,
                                    reader.Translate("The address of the whole study, beginning with https://."))},
                     {"summary", typed.summary},
                     {"municipalities", municipalities},
                     {"choices", MunicipalityChoices(reader, service)},
                     {"findings", findings}};
  return site.Page(request, reader.Translate("Publish a study"), "practices/study_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

StudyFields StudyFieldsOf(const http::Request& request) {
  StudyFields fields;
  fields.title = request.Form("title").value_or("");
  fields.authors = request.Form("authors").value_or("");
  fields.year = request.Form("year").value_or("");
  fields.summary = request.Form("summary").value_or("");
  fields.link = request.Form("link").value_or("");
  for (std::size_t i = 1; i <= kMaxEventMunicipalities; ++i) {
    fields.municipalities.push_back(request.Form("municipality_" + std::to_string(i)).value_or(""));
  }
  while (!fields.municipalities.empty() && fields.municipalities.back().empty()) fields.municipalities.pop_back();
  for (std::size_t i = 1; i <= kMaxStudyFindings; ++i) {
    fields.findings.emplace_back(request.Form("finding_" + std::to_string(i)).value_or(""),
                                 request.Form("practice_" + std::to_string(i)).value_or(""));
  }
  while (!fields.findings.empty() && fields.findings.back().first.empty() && fields.findings.back().second.empty()) {
    fields.findings.pop_back();
  }
  return fields;
}

}  // namespace

std::string EventPath(std::int64_t id) { return "/practices/events/" + std::to_string(id); }

void AddEventPages(kernel::Routes& routes, const web::Site& site, EventsService& service) {
  routes.Get("/practices/events", core::Access::Anyone(),
             [&site, &service](http::Request& request) { return EventsPage(request, site, service); });
  routes.Get("/practices/events/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               EventFields typed;
               typed.kind = std::string(CodeOf(EventKind::kPlatformMeeting));
               return EventForm(request, site, service, user, typed, {});
             });
  routes.Post("/practices/events", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const EventFields typed = EventFieldsOf(request);
                const auto created = service.Create(user, typed);
                if (created) return http::Response::Redirect(EventPath(*created));
                return EventForm(request, site, service, user, typed, web::Refusal::Of(created.error()));
              });
  routes.Get("/practices/events/{id:int}", core::Access::Anyone(),
             [&site, &service](http::Request& request) { return EventPage(request, site, service); });
  routes.Get("/practices/events/{id:int}/facts", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto event = service.Find(user, request.IntParameter("id"));
               if (!event) return site.Fail(request, event.error());
               if (!service.MayChange(user, *event)) {
                 return site.Fail(request, core::Error::Forbidden(
                                               "Only those who work for the place set up its bodies and meetings."));
               }
               return EventForm(request, site, service, user, FactsOf(*event), {}, &*event);
             });
  routes.Post("/practices/events/{id:int}/facts", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto event = service.Find(user, request.IntParameter("id"));
                if (!event) return site.Fail(request, event.error());
                const EventFields typed = EventFieldsOf(request);
                const auto changed = service.Change(user, event->meeting.id, typed);
                if (changed) return http::Response::Redirect(EventPath(*changed));
                const web::Refusal refusal = web::Refusal::Of(changed.error());
                if (changed.error().kind != core::ErrorKind::kConflict) {
                  return EventForm(request, site, service, user, typed, refusal, &*event);
                }
                // Changed by someone else meanwhile: what was typed stays, beside the facts as they are now, and the
                // form carries their version, so that saving again keeps what the person made of both.
                const auto now = service.Find(user, event->meeting.id);
                if (!now) return site.Fail(request, now.error());
                EventFields kept = typed;
                kept.version = now->version;
                return EventForm(request, site, service, user, kept, refusal, &*now);
              });
  routes.Get("/practices/studies", core::Access::Anyone(),
             [&site, &service](http::Request& request) { return StudiesPage(request, site, service); });
  routes.Get("/practices/studies/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn&) {
               return StudyForm(request, site, service, {}, {});
             });
  routes.Post("/practices/studies", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const StudyFields typed = StudyFieldsOf(request);
                const auto published = service.PublishStudy(user, typed);
                if (published) return http::Response::Redirect(StudyPath(*published));
                return StudyForm(request, site, service, typed, web::Refusal::Of(published.error()));
              });
  routes.Get("/practices/studies/{id:int}", core::Access::Anyone(),
             [&site, &service](http::Request& request) { return StudyPage(request, site, service); });
}

kernel::PlaceSectionSource EventsOfThePlace(const web::Site& site, EventsService& service) {
  return [&site, &service](const http::Request& request, std::string_view code) -> std::optional<std::string> {
    const auto events = service.EventsOf(kernel::ActorOf(request), std::string(code));
    const auto studies = service.StudiesOf(std::string(code));
    if (events.empty() && studies.empty()) return std::nullopt;
    const web::Reader reader = site.ReaderOf(request);
    const Names names(reader, service.practices());
    json event_rows = json::array(), study_rows = json::array();
    for (const PlatformEvent& event : events) event_rows.push_back(EventRow(reader, names, event));
    for (const Study& study : studies) study_rows.push_back(StudyRow(reader, names, study));
    return site.RenderBody(request, "practices/events_of_place",
                           {{"events", event_rows},
                            {"has_events", !event_rows.empty()},
                            {"studies", study_rows},
                            {"has_studies", !study_rows.empty()}});
  };
}

kernel::DiscussedSectionSource FindingsAboutThePractice(const web::Site& site, EventsService& service) {
  return [&site, &service](const http::Request& request, std::string link) -> std::optional<std::string> {
    constexpr std::string_view kPrefix = "/practices/";
    if (!link.starts_with(kPrefix)) return std::nullopt;
    const auto id = PracticeIdOf(link);
    if (!id) return std::nullopt;
    const auto findings = service.FindingsAbout(*id);
    if (findings.empty()) return std::nullopt;
    json rows = json::array();
    for (const FindingAbout& finding : findings) {
      rows.push_back({{"text", finding.text},
                      {"study", finding.study_title},
                      {"year", finding.year ? std::to_string(*finding.year) : ""},
                      {"url", StudyPath(finding.study_id)}});
    }
    return site.RenderBody(request, "practices/findings", {{"findings", rows}});
  };
}

}  // namespace practices
