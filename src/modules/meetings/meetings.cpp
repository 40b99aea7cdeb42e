#include "modules/meetings/meetings.hpp"

#include <fmt/format.h>
#include <libical/ical.h>

#include <algorithm>
#include <memory>

#include "core/one_of.hpp"
#include "core/text.hpp"

namespace meetings {
bool IsWebAddress(std::string_view link) {
  if (!link.starts_with("https://") && !link.starts_with("http://")) return false;
  return link.size() <= 500 && std::none_of(link.begin(), link.end(), [](unsigned char c) {
           return c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == 0x7f;
         });
}

std::string_view LinkKind(std::string_view link) {
  if (link.size() > 300 || link.starts_with("//")) return "";
  const bool safe = std::all_of(link.begin(), link.end(), [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-' ||
           c == '_' || c == '#' || c == '.';
  });
  if (!safe) return "";
  static constexpr std::pair<std::string_view, std::string_view> kPrefixes[] = {
      {"/requests/", "filing"},
      {"/policies/items/", "measure"},
      {"/policies/documents/", "plan"},
      {"/consultations/proposals/", "proposal"},
      {"/consultations/", "consultation"},
      {"/monitoring/", "monitoring"},
      {"/practices/", "practice"},
      {"/places/", "place"},
      {"/programmes/", "programme"}};
  for (const auto& [prefix, kind] : kPrefixes) {
    if (link.starts_with(prefix) && link.size() > prefix.size()) return kind;
  }
  return "";
}

std::optional<LocalTime> LocalTimeOf(std::string_view text) {
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
  const auto day = core::DayOf(text.substr(0, 10));
  const auto digit = [&](std::size_t at) { return text[at] >= '0' && text[at] <= '9'; };
  if (!day || !digit(11) || !digit(12) || !digit(14) || !digit(15)) return std::nullopt;
  const int hours = (text[11] - '0') * 10 + (text[12] - '0');
  const int minutes = (text[14] - '0') * 10 + (text[15] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return LocalTime{*day, hours * 60 + minutes};
}

std::vector<core::FieldProblem> BodyProblems(const Body& body) {
  std::vector<core::FieldProblem> problems;
  if (!core::IsOneOf(body.kind, kBodyKinds)) problems.push_back({"kind", "Choose what kind of body it is.", body.kind});
  core::CheckText(problems, "name", body.name, 200, true);
  if (body.place_code.empty()) problems.push_back({"place", "Choose the place of the body.", ""});
  return problems;
}

std::vector<core::FieldProblem> MeetingProblems(const Meeting& meeting) {
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "title", meeting.title, 300, true);
  const auto starts = LocalTimeOf(meeting.starts_at);
  if (!starts) {
    problems.push_back({"starts_at", "Give the day and the time it starts.", meeting.starts_at});
  }
  const auto ends = LocalTimeOf(meeting.ends_at);
  if (!ends) {
    problems.push_back({"ends_at", "Give the day and the time it ends.", meeting.ends_at});
  } else if (starts && std::pair(ends->day, ends->minutes) <= std::pair(starts->day, starts->minutes)) {
    problems.push_back({"ends_at", "The meeting ends before it starts.", meeting.ends_at});
  }
  core::CheckText(problems, "location", meeting.location, 300, false);
  if (!meeting.link.empty() && !IsWebAddress(meeting.link)) {
    problems.push_back({"link", "An address of the online meeting that begins with https://.", meeting.link});
  }
  if (core::TrimSpaces(meeting.location).empty() && meeting.link.empty()) {
    problems.push_back({"location", "Say where it meets, or give the link of the online meeting.", ""});
  }
  if (!meeting.announced_on.empty()) {
    const auto announced = core::DayOf(meeting.announced_on);
    if (!announced) {
      problems.push_back({"announced_on", "This is not a date: write it as 2026-03-31.", meeting.announced_on});
    } else if (starts && *announced > starts->day) {
      problems.push_back({"announced_on", "It cannot be announced after it starts.", meeting.announced_on});
    }
  }
  core::CheckText(problems, "minutes", meeting.minutes, 200000, false);
  return problems;
}

std::vector<core::FieldProblem> AgendaItemProblems(const AgendaItem& item) {
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "title", item.title, 300, true);
  if (!item.link.empty() && LinkKind(item.link).empty()) {
    problems.push_back({"link",
                        "The address of a page of Khetane it discusses: a measure, a proposal, a request, an "
                        "assessment or a discrepancy (\"/requests/12\").",
                        item.link});
  }
  return problems;
}

std::vector<core::FieldProblem> FollowUpProblems(const FollowUp& follow_up) {
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "action", follow_up.action, 1000, true);
  core::CheckText(problems, "owner", follow_up.owner, 200, false);
  if (core::TrimSpaces(follow_up.owner).empty()) {
    problems.push_back({"owner", "Say who does it: a follow-up without an owner is not done.", ""});
  }
  if (!core::DayOf(follow_up.due_on)) {
    problems.push_back({"due_on", "Give the day it is due.", follow_up.due_on});
  }
  if (!core::IsOneOf(follow_up.state, kFollowUpStates)) {
    problems.push_back({"state", "Choose how it stands.", follow_up.state});
  }
  return problems;
}

std::vector<core::FieldProblem> AttendanceProblems(const std::vector<Attendance>& attendance) {
  std::vector<core::FieldProblem> problems;
  for (const Attendance& each : attendance) {
    if (!core::IsOneOf(each.kind, kParticipantKinds)) {
      problems.push_back({"attendance", "Choose who came from the list.", each.kind});
    } else if (each.count < 0 || each.count > 100000) {
      problems.push_back(
          {"attendance_" + each.kind, "A whole number of people from 0 to 100,000.", std::to_string(each.count)});
    }
  }
  return problems;
}

int NoticeDaysShort(const Body& body, const Meeting& meeting, const requests::Rules& rules) {
  if (!meeting.is_public || (body.kind != "municipal_council" && body.kind != "council_committee")) return 0;
  if (!rules.Has("council_session_notice")) return 0;
  const auto starts = LocalTimeOf(meeting.starts_at);
  const auto announced = core::DayOf(meeting.announced_on);
  if (!starts || !announced) return 0;
  const core::Day latest = requests::LatestBefore(rules.Find("council_session_notice"), starts->day);
  return std::max(0, core::DaysBetween(latest, *announced));
}

std::string CalendarText(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c == '\r' && at + 1 < text.size() && text[at + 1] == '\n') continue;  // CRLF is one line break
    if (c == '\n' || c == '\r') {
      clean += '\n';
    } else {
      clean += (c < 0x20 || c == 0x7f) ? ' ' : static_cast<char>(c);
    }
  }
  const std::size_t first = clean.find_first_not_of(" \n");
  if (first == std::string::npos) return "";
  return clean.substr(first, clean.find_last_not_of(" \n") - first + 1);
}

namespace {

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};

icaltimetype UtcOf(const std::string& local) {
  icaltimetype time = icaltime_null_time();
  const auto parsed = LocalTimeOf(local);
  if (!parsed) return time;
  const std::chrono::year_month_day day{parsed->day};
  time.year = static_cast<int>(day.year());
  time.month = static_cast<int>(static_cast<unsigned>(day.month()));
  time.day = static_cast<int>(static_cast<unsigned>(day.day()));
  time.hour = parsed->minutes / 60;
  time.minute = parsed->minutes % 60;
  time.second = 0;
  time.is_date = 0;
  // Meetings are held in Bulgaria's time; the calendar says the instant, in UTC, so that no VTIMEZONE is needed.
  time = icaltime_set_timezone(&time, icaltimezone_get_builtin_timezone("Europe/Sofia"));
  return icaltime_convert_to_zone(time, icaltimezone_get_utc_timezone());
}

}  // namespace

std::string ICalendar(const std::vector<CalendarEntry>& entries, const std::string& name, const std::string& base_url,
                      std::int64_t now) {
  std::unique_ptr<icalcomponent, ComponentFree> calendar(icalcomponent_vanew(
      ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"), icalproperty_new_prodid("-//Khetane//Meetings//BG"),
      icalproperty_new_calscale("GREGORIAN"), static_cast<void*>(nullptr)));
  icalproperty* calendar_name = icalproperty_new_x(name.c_str());
  icalproperty_set_x_name(calendar_name, "X-WR-CALNAME");
  icalcomponent_add_property(calendar.get(), calendar_name);
  const icaltimetype stamp = icaltime_from_timet_with_zone(now, 0, icaltimezone_get_utc_timezone());
  for (const CalendarEntry& entry : entries) {
    const Meeting& meeting = entry.meeting;
    if (!LocalTimeOf(meeting.starts_at) || !LocalTimeOf(meeting.ends_at)) continue;
    icalcomponent* event = icalcomponent_new_vevent();
    const std::string uid = fmt::format("meeting-{}@khetane", meeting.id);
    const std::string summary = CalendarText(entry.body.name + ": " + meeting.title);
    const std::string url = base_url + "/meetings/" + std::to_string(meeting.id);
    icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
    icalcomponent_add_property(event, icalproperty_new_dtstart(UtcOf(meeting.starts_at)));
    icalcomponent_add_property(event, icalproperty_new_dtend(UtcOf(meeting.ends_at)));
    icalcomponent_add_property(event, icalproperty_new_summary(summary.c_str()));
    icalcomponent_add_property(event, icalproperty_new_sequence(static_cast<int>(meeting.version)));
    if (const std::string location = CalendarText(meeting.location); !location.empty()) {
      icalcomponent_add_property(event, icalproperty_new_location(location.c_str()));
    }
    const std::string description = CalendarText(meeting.link.empty() ? url : meeting.link + "\n" + url);
    icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
    icalcomponent_add_property(event, icalproperty_new_url(url.c_str()));
    icalcomponent_add_property(event,
                               icalproperty_new_class(meeting.is_public ? ICAL_CLASS_PUBLIC : ICAL_CLASS_PRIVATE));
    icalcomponent_add_component(calendar.get(), event);
  }
  char* text = icalcomponent_as_ical_string_r(calendar.get());  // the caller's to free, unlike libical's ring buffer
  std::string ical = text != nullptr ? text : "";
  icalmemory_free_buffer(text);
  return ical;
}

}  // namespace meetings
