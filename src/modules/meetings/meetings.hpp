#pragma once
// Meetings of the bodies where the four ways of working meet (a council committee, a council for cooperation on
// ethnic and integration issues, a working group, a partner network, a platform, an interface meeting after a
// monitoring cycle): their agendas linked to what they discuss, attendance counted by kind of participant (never a
// list of anyone's ethnicity), minutes, decisions, and follow-up actions carried to the next meeting until done.
// Everything here is pure: the rules each must keep, the notice a council session needs, and the iCalendar feed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/days.hpp"
#include "core/error.hpp"
#include "modules/requests/legal_clock.hpp"

namespace meetings {

inline constexpr std::string_view kBodyKinds[] = {"municipal_council", "council_committee", "council_for_cooperation",
                                                  "working_group",     "partner_network",   "platform",
                                                  "interface_meeting"};
// Who came, counted: never a list of people, never their ethnicity.
inline constexpr std::string_view kParticipantKinds[] = {
    "institution", "civil_society", "initiative_group", "resident", "expert", "donor", "media", "other"};
inline constexpr std::string_view kFollowUpStates[] = {"open", "in_progress", "done", "dropped"};

struct Body {
  std::int64_t id = 0;
  std::string kind = "council_for_cooperation";
  std::string name;
  std::string place_code;  // a municipality's, an oblast's code, or "BG" for a national or cross-border body
  bool demo = false;
};

// A local time in Sofia, as people write it: "2027-01-14T10:00".
struct Meeting {
  std::int64_t id = 0;
  std::int64_t body_id = 0;
  std::string title;
  std::string starts_at;
  std::string ends_at;
  std::string location;  // a place, or
  std::string link;      // an online meeting's address
  bool is_public = true;
  std::string announced_on;  // the day it was announced
  std::string minutes;       // Markdown
  std::string minutes_html;  // rendered once, when stored
  bool demo = false;
  std::int64_t version = 1;
};

struct AgendaItem {
  std::int64_t id = 0;
  std::int64_t meeting_id = 0;
  int position = 0;
  std::string title;
  std::string link;  // what it discusses, as its address in Khetane: "/requests/12", "/policies/items/40"
  std::optional<std::int64_t> follow_up_id;  // a follow-up carried from an earlier meeting
};

struct Decision {
  std::int64_t id = 0;
  std::int64_t meeting_id = 0;
  std::optional<std::int64_t> agenda_item_id;
  std::string text;
};

struct FollowUp {
  std::int64_t id = 0;
  std::int64_t meeting_id = 0;  // where it was agreed
  std::optional<std::int64_t> agenda_item_id;
  std::string action;
  std::string owner;  // who does it: a person, an institution, an organisation
  std::string due_on;
  std::string state = "open";
  std::string done_on;
  std::int64_t version = 1;  // moved on by every change: a form sent from an older one is refused
};

struct Attendance {
  std::string kind;
  std::int64_t count = 0;
};

// What a link to a discussed thing must look like: a path of Khetane under one of the modules' pages. The kind it
// names ("filing", "measure", "proposal", "monitoring", "place", "practice"), or "" for anything else.
std::string_view LinkKind(std::string_view link);
// An http(s) address of at most 500 characters with nothing in it that could end an attribute or a line.
bool IsWebAddress(std::string_view link);

// "2027-01-14T10:00" → its day and minutes, nullopt for anything else.
struct LocalTime {
  core::Day day;
  int minutes = 0;
};
std::optional<LocalTime> LocalTimeOf(std::string_view text);

std::vector<core::FieldProblem> BodyProblems(const Body& body);
// Title, start and end (the end after the start), an http(s) link, the announcement not after the start.
std::vector<core::FieldProblem> MeetingProblems(const Meeting& meeting);
std::vector<core::FieldProblem> AgendaItemProblems(const AgendaItem& item);
// An action, an owner (a follow-up without one is refused), a due day, a known state.
std::vector<core::FieldProblem> FollowUpProblems(const FollowUp& follow_up);
std::vector<core::FieldProblem> AttendanceProblems(const std::vector<Attendance>& attendance);

// A public session of a municipal council or its committee is announced `council_session_notice` days ahead: how
// many days short of that the announcement was (0 when in time, or when the rule does not apply to the body).
int NoticeDaysShort(const Body& body, const Meeting& meeting, const requests::Rules& rules);

// A text as an iCalendar TEXT value carries it: a line break as one "\n", every other control character (a carriage
// return, a tab, a NUL) a space, and no spaces at either end, which readers drop.
std::string CalendarText(std::string_view text);

// An iCalendar (RFC 5545) of `meetings`, each with its body: times converted from Sofia's to UTC, the meeting's
// page as its URL. `name` names the calendar ("Общински съвет Лом").
struct CalendarEntry {
  Meeting meeting;
  Body body;
};
std::string ICalendar(const std::vector<CalendarEntry>& entries, const std::string& name, const std::string& base_url,
                      std::int64_t now);

}  // namespace meetings
