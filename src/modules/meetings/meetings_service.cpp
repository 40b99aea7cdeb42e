#include "modules/meetings/meetings_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "modules/accounts/roles.hpp"
#include "modules/accounts/session.hpp"
#include "web/form.hpp"
#include "web/markdown.hpp"

namespace meetings {
namespace {

using core::Role;
using core::Scope;
using core::ScopeKind;

Scope ScopeOfPlace(const std::string& place_code) {
  if (place_code == "BG") return {ScopeKind::kInstallation, ""};
  return {place_code.size() == 3 ? ScopeKind::kOblast : ScopeKind::kMunicipality, place_code};
}

core::Error Invalid(std::vector<core::FieldProblem> problems) {
  return core::Error::InvalidFields(std::move(problems));
}

core::Error NoSuchMeeting() { return core::Error::NotFound("There is no such meeting."); }

core::Error MeetingChangedMeanwhile() {
  return core::Error::Conflict("Someone changed the meeting meanwhile: open it again to see the change.");
}

// "/requests/12" → 12, for an agenda item on a filing.
std::optional<std::int64_t> FilingIdOf(const std::string& link) {
  if (LinkKind(link) != "filing") return std::nullopt;
  const std::string rest = link.substr(std::string("/requests/").size());
  return web::IdIn(rest.substr(0, rest.find_first_of("/#")));
}

}  // namespace

bool MeetingsService::MayOrganise(const core::Actor& actor, const std::string& place_code) const {
  if (!actor.user_id) return false;
  if (actor.IsAdministrator()) return true;
  return std::any_of(actor.roles.begin(), actor.roles.end(), [&](const core::RoleAssignment& assignment) {
    const bool works_there = assignment.role == Role::kMunicipalOfficial || assignment.role == Role::kCoordinator ||
                             assignment.role == Role::kCsoEditor || assignment.role == Role::kProgrammeOperator;
    return works_there && accounts::ScopeCovers(assignment.scope, ScopeOfPlace(place_code));
  });
}

core::Result<Body> MeetingsService::CreateBody(const core::SignedIn& user, Body body) {
  body.name = core::TrimSpaces(body.name);
  std::vector<core::FieldProblem> problems = BodyProblems(body);
  if (!body.place_code.empty() && !filings_.NameOfPlace(body.place_code)) {
    problems.push_back({"place", "There is no such place.", body.place_code});
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  if (!MayOrganise(user, body.place_code)) {
    return core::Error::Forbidden("Only those who work for the place set up its bodies and meetings.");
  }
  body.demo = false;
  body.id = store_.InsertBody(body, user.user_id(), clock_.Now());
  audit_.Write(user, "meeting_body_created", fmt::format("body {} {}", body.id, body.name));
  return body;
}

core::Result<Meeting> MeetingsService::Schedule(const core::SignedIn& user, Meeting meeting) {
  meeting.title = core::TrimSpaces(meeting.title);
  meeting.location = core::TrimSpaces(meeting.location);
  meeting.link = core::TrimSpaces(meeting.link);
  const auto body = store_.FindBody(meeting.body_id);
  if (!body) return core::Error::NotFound("There is no such body.");
  if (!MayOrganise(user, body->place_code)) {
    return core::Error::Forbidden("Only those who work for the place set up its bodies and meetings.");
  }
  if (meeting.announced_on.empty()) {  // today, or the day a past meeting was held when it is recorded afterwards
    const auto starts = LocalTimeOf(meeting.starts_at);
    meeting.announced_on = starts ? std::min(Today(), core::IsoOf(starts->day)) : Today();
  }
  if (auto problems = MeetingProblems(meeting); !problems.empty()) return Invalid(std::move(problems));
  auto html = web::MarkdownToHtml(meeting.minutes);
  if (!html) return Invalid({{"minutes", html.error().message, ""}});
  meeting.minutes_html = std::move(*html);
  meeting.demo = false;
  meeting.id = store_.InsertMeeting(meeting, user.user_id(), clock_.Now(), agenda_sources_.For(meeting.body_id));
  audit_.Write(user, "meeting_scheduled", fmt::format("meeting {} of body {}", meeting.id, meeting.body_id));
  return *store_.FindMeeting(meeting.id);
}

core::Result<std::pair<Meeting, Body>> MeetingsService::ToOrganise(const core::Actor& actor, std::int64_t meeting_id) {
  auto meeting = store_.FindMeeting(meeting_id);
  if (!meeting) return NoSuchMeeting();
  auto body = store_.FindBody(meeting->body_id);
  if (!body) return NoSuchMeeting();
  if (!MayOrganise(actor, body->place_code)) {
    if (!meeting->is_public) return NoSuchMeeting();
    return core::Error::Forbidden("Only those who work for the place set up its bodies and meetings.");
  }
  return std::pair{std::move(*meeting), std::move(*body)};
}

core::Result<Meeting> MeetingsService::Change(const core::SignedIn& user, Meeting meeting) {
  auto found = ToOrganise(user, meeting.id);
  if (!found) return found.error();
  meeting.body_id = found->first.body_id;
  meeting.title = core::TrimSpaces(meeting.title);
  meeting.location = core::TrimSpaces(meeting.location);
  meeting.link = core::TrimSpaces(meeting.link);
  if (auto problems = MeetingProblems(meeting); !problems.empty()) return Invalid(std::move(problems));
  auto html = web::MarkdownToHtml(meeting.minutes);
  if (!html) return Invalid({{"minutes", html.error().message, ""}});
  meeting.minutes_html = std::move(*html);
  if (!store_.UpdateMeeting(meeting)) return MeetingChangedMeanwhile();
  audit_.Write(user, "meeting_changed", fmt::format("meeting {}", meeting.id));
  return *store_.FindMeeting(meeting.id);
}

core::Result<MeetingView> MeetingsService::Read(const core::Actor& actor, std::int64_t id) {
  auto meeting = store_.FindMeeting(id);
  if (!meeting) return NoSuchMeeting();
  auto body = store_.FindBody(meeting->body_id);
  if (!body) return NoSuchMeeting();
  MeetingView view;
  view.may_organise = MayOrganise(actor, body->place_code);
  if (!meeting->is_public && !view.may_organise) return NoSuchMeeting();
  for (AgendaItem& item : store_.Agenda(id)) {
    std::optional<FollowUp> follow_up;
    if (item.follow_up_id) follow_up = store_.FindFollowUp(*item.follow_up_id);
    view.agenda.push_back({std::move(item), std::move(follow_up)});
  }
  view.decisions = store_.Decisions(id);
  view.follow_ups = store_.FollowUpsAgreedAt(id);
  view.attendance = store_.AttendanceOf(id);
  view.registrations = store_.Registrations(id);
  view.registered = actor.user_id && store_.IsRegistered(id, *actor.user_id);
  view.notice_days_short = NoticeDaysShort(*body, *meeting, filings_.CurrentRules());
  if (view.may_organise) {
    requests::FilingFilter filter;
    filter.place_code = body->place_code;
    for (requests::FilingView& filing : filings_.List(actor, filter)) {
      if (filing.clock.state != requests::RequestState::kLeftWithoutConsideration) {
        view.filings.push_back(std::move(filing));
      }
    }
  }
  view.meeting = std::move(*meeting);
  view.body = std::move(*body);
  return view;
}

std::vector<Meeting> MeetingsService::Meetings(const core::Actor& actor, std::optional<std::int64_t> body_id,
                                               const std::string& place_code) {
  std::vector<Meeting> meetings = store_.Meetings(body_id, place_code);
  std::map<std::int64_t, bool> may_organise;
  std::erase_if(meetings, [&](const Meeting& meeting) {
    if (meeting.is_public) return false;
    auto [known, added] = may_organise.try_emplace(meeting.body_id, false);
    if (added) {
      const auto body = store_.FindBody(meeting.body_id);
      known->second = body && MayOrganise(actor, body->place_code);
    }
    return !known->second;
  });
  return meetings;
}

core::Result<AgendaItem> MeetingsService::AddAgendaItem(const core::SignedIn& user, AgendaItem item) {
  auto found = ToOrganise(user, item.meeting_id);
  if (!found) return found.error();
  item.title = core::TrimSpaces(item.title);
  item.link = core::TrimSpaces(item.link);
  item.follow_up_id.reset();
  std::vector<core::FieldProblem> problems = AgendaItemProblems(item);
  if (const auto filing = FilingIdOf(item.link)) {
    if (!filings_.Read(user, *filing))
      problems.push_back({"link", "There is no such request, proposal or signal.", ""});
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  item.id = store_.InsertAgendaItem(item);
  audit_.Write(user, "meeting_agenda_changed", fmt::format("meeting {}: {}", item.meeting_id, item.title));
  return item;
}

bool MeetingsService::OnTheAgenda(std::int64_t meeting_id, std::optional<std::int64_t> agenda_item_id) {
  if (!agenda_item_id) return true;
  const std::vector<AgendaItem> agenda = store_.Agenda(meeting_id);
  return std::any_of(agenda.begin(), agenda.end(), [&](const AgendaItem& item) { return item.id == *agenda_item_id; });
}

core::Result<Decision> MeetingsService::AddDecision(const core::SignedIn& user, Decision decision) {
  auto found = ToOrganise(user, decision.meeting_id);
  if (!found) return found.error();
  decision.text = core::TrimSpaces(decision.text);
  if (decision.text.empty()) return Invalid({{"decision", "Write the decision.", ""}});
  if (core::CountCharacters(decision.text) > 5000) return Invalid({{"decision", "The text is too long.", ""}});
  if (!OnTheAgenda(decision.meeting_id, decision.agenda_item_id)) {
    return Invalid({{"agenda_item", "Choose an item of this meeting's agenda.", ""}});
  }
  decision.id = store_.InsertDecision(decision);
  audit_.Write(user, "meeting_decision_recorded", fmt::format("meeting {}", decision.meeting_id));
  return decision;
}

core::Result<FollowUp> MeetingsService::AddFollowUp(const core::SignedIn& user, FollowUp follow_up) {
  auto found = ToOrganise(user, follow_up.meeting_id);
  if (!found) return found.error();
  follow_up.action = core::TrimSpaces(follow_up.action);
  follow_up.owner = core::TrimSpaces(follow_up.owner);
  follow_up.state = "open";
  follow_up.done_on.clear();
  auto problems = FollowUpProblems(follow_up);
  if (!OnTheAgenda(follow_up.meeting_id, follow_up.agenda_item_id)) {
    problems.push_back({"agenda_item", "Choose an item of this meeting's agenda.", ""});
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  follow_up.id = store_.InsertFollowUp(follow_up);
  audit_.Write(user, "meeting_follow_up_changed",
               fmt::format("follow-up {} of meeting {}: {}", follow_up.id, follow_up.meeting_id, follow_up.owner));
  return follow_up;
}

core::Result<FollowUp> MeetingsService::ChangeFollowUp(const core::SignedIn& user, FollowUp follow_up) {
  const auto current = store_.FindFollowUp(follow_up.id);
  if (!current) return core::Error::NotFound("There is no such follow-up.");
  auto found = ToOrganise(user, current->meeting_id);
  if (!found) return found.error();
  follow_up.meeting_id = current->meeting_id;
  follow_up.agenda_item_id = current->agenda_item_id;
  if (follow_up.action.empty()) follow_up.action = current->action;
  follow_up.owner = core::TrimSpaces(follow_up.owner);
  if (follow_up.due_on.empty()) follow_up.due_on = current->due_on;
  if (auto problems = FollowUpProblems(follow_up); !problems.empty()) return Invalid(std::move(problems));
  follow_up.done_on = follow_up.state == "done" ? (current->state == "done" ? current->done_on : Today()) : "";
  // The form sends the owner and due day it showed with the state: from an older version it would put back what
  // someone changed since. The store checks the version again as it writes, for two changes at the same moment.
  if (follow_up.version != current->version || !store_.UpdateFollowUp(follow_up)) {
    return core::Error::Conflict(
               "Someone changed the follow-up action “{action}” meanwhile. It is shown as it is now, with the state "
               "you chose: send it again to keep yours.")
        .With("action", current->action);
  }
  ++follow_up.version;
  audit_.Write(user, "meeting_follow_up_changed",
               fmt::format("follow-up {}: {} {}", follow_up.id, current->state, follow_up.state));
  return follow_up;
}

core::Result<bool> MeetingsService::SetAttendance(const core::SignedIn& user, std::int64_t meeting_id,
                                                  std::int64_t version, const std::vector<Attendance>& attendance) {
  auto found = ToOrganise(user, meeting_id);
  if (!found) return found.error();
  if (auto problems = AttendanceProblems(attendance); !problems.empty()) return Invalid(std::move(problems));
  // The store checks the version again as it writes: two forms sent at the same moment both pass this check.
  if (found->first.version != version || !store_.SetAttendance(meeting_id, version, attendance)) {
    return MeetingChangedMeanwhile();
  }
  audit_.Write(user, "meeting_attendance_recorded", fmt::format("meeting {}", meeting_id));
  return true;
}

core::Result<bool> MeetingsService::Register(const core::SignedIn& user, std::int64_t meeting_id, bool registered) {
  const auto meeting = store_.FindMeeting(meeting_id);
  if (!meeting || !meeting->is_public) return NoSuchMeeting();
  const auto ends = LocalTimeOf(meeting->ends_at);
  if (registered && ends && core::IsoOf(ends->day) < Today()) {
    return core::Error::Conflict("The meeting is over: registration is closed.");
  }
  return store_.Register(meeting_id, user.user_id(), registered, clock_.Now());
}

std::vector<FollowUpListed> MeetingsService::FollowUps(const core::Actor& actor, std::optional<std::int64_t> body_id) {
  std::vector<FollowUpListed> listed = store_.FollowUps(body_id);
  std::map<std::int64_t, bool> readable;
  std::erase_if(listed, [&](const FollowUpListed& each) {
    auto [known, added] = readable.try_emplace(each.follow_up.meeting_id, false);
    if (added) known->second = Read(actor, each.follow_up.meeting_id).ok();
    return !known->second;
  });
  return listed;
}

std::vector<CalendarEntry> MeetingsService::Entries(const std::vector<Meeting>& meetings, bool public_only) {
  std::vector<CalendarEntry> entries;
  std::map<std::int64_t, Body> bodies;
  for (const Meeting& meeting : meetings) {
    if (public_only && !meeting.is_public) continue;
    auto known = bodies.find(meeting.body_id);
    if (known == bodies.end()) {
      const auto body = store_.FindBody(meeting.body_id);
      if (!body) continue;
      known = bodies.emplace(meeting.body_id, *body).first;
    }
    entries.push_back({meeting, known->second});
  }
  return entries;
}

std::vector<CalendarEntry> MeetingsService::Discussing(const std::string& link) {
  return Entries(store_.MeetingsDiscussing(link), true);
}

std::string MeetingsService::BodyCalendar(const Body& body, const std::string& base_url) {
  return ICalendar(Entries(store_.Meetings(body.id), true), body.name, base_url, clock_.Now());
}

std::string MeetingsService::PlaceCalendar(const std::string& place_code, const std::string& name,
                                           const std::string& base_url) {
  return ICalendar(Entries(store_.Meetings(std::nullopt, place_code), true), name, base_url, clock_.Now());
}

std::optional<std::string> MeetingsService::PersonCalendar(const std::string& token, const std::string& base_url) {
  if (token.size() < 20 || token.size() > 100) return std::nullopt;
  const auto user = store_.UserOfCalendar(accounts::HashToken(token));
  if (!user) return std::nullopt;
  return ICalendar(Entries(store_.MeetingsRegisteredBy(*user), false), "Khetane", base_url, clock_.Now());
}

std::string MeetingsService::NewCalendarAddress(const core::SignedIn& user) {
  const std::string token = accounts::NewToken();
  store_.SetCalendar(user.user_id(), accounts::HashToken(token));
  audit_.Write(user, "calendar_address_made", "calendar address");
  return token;
}

}  // namespace meetings
