#include "modules/practices/event_demo.hpp"

#include <chrono>
#include <map>

#include "core/days.hpp"
#include "modules/practices/practices_routes.hpp"

namespace practices {
namespace {

std::string Day(const std::string& today, int days_from_today) {
  return core::IsoOf(*core::DayOf(today) + std::chrono::days(days_from_today));
}

NamedMunicipality Taking(const char* code, std::int64_t participants) { return {code, "", "", "", participants}; }

}  // namespace

bool LoadDemoEvents(EventsService& service, const std::function<void(const std::string&)>& log) {
  EventsStore& store = service.store();
  if (store.HasDemo()) return false;
  // The demo practice of each municipality, for the agenda and the findings.
  std::map<std::string, std::int64_t> practice_of;
  for (const char* code : {"DOB17", "BE-44021", "CZ-554821"}) {
    for (const PracticeSummary& summary : service.practices().OfMunicipality(code, "en")) {
      if (summary.demo) practice_of[code] = summary.id;
    }
    if (!practice_of.contains(code)) return false;
  }
  meetings::MeetingsService& meetings = service.meetings();
  const std::string today = core::IsoDay(meetings.Now());

  meetings::Body platform;
  platform.kind = "platform";
  platform.name = "Платформа на общините Каварна, Гент и Острава (демонстрационни данни)";
  platform.place_code = "DOB17";
  platform.demo = true;
  platform.id = meetings.InsertDemoBody(platform);

  const auto record = [&](meetings::Meeting meeting, EventKind kind, const char* host,
                          std::vector<NamedMunicipality> taking_part) {
    meeting.body_id = platform.id;
    meeting.demo = true;
    PlatformEvent event;
    event.meeting = meeting;
    event.meeting.id = meetings.InsertDemoMeeting(meeting);
    event.kind = kind;
    if (host) event.host = Taking(host, 0);
    event.municipalities = std::move(taking_part);
    store.InsertEvent(event);
    return event.meeting.id;
  };

  meetings::Meeting first;
  first.title = "Първа среща на платформата: образование и участие";
  first.starts_at = Day(today, -61) + "T09:30";
  first.ends_at = Day(today, -60) + "T16:00";
  first.location = "Каварна, читалище (демонстрационни данни)";
  first.announced_on = Day(today, -90);
  first.minutes =
      "*Демонстрационни данни.*\n\nТрите общини представиха по една практика. Гент и Острава ще проучат "
      "родителските клубове на Каварна; Каварна ще проучи посредничеството при наемите в Гент.\n";
  const std::int64_t first_id = record(first, EventKind::kPlatformMeeting, "DOB17",
                                       {Taking("DOB17", 9), Taking("BE-44021", 6), Taking("CZ-554821", 5)});
  meetings::MeetingsStore& agenda = meetings.store();
  agenda.InsertAgendaItem({0, first_id, 0, "Родителски клубове в детските градини на Каварна",
                           PracticePath(practice_of["DOB17"]), std::nullopt});
  agenda.InsertAgendaItem(
      {0, first_id, 0, "Посредничество при наемите в Гент", PracticePath(practice_of["BE-44021"]), std::nullopt});
  agenda.InsertFollowUp({0, first_id, std::nullopt, "Да се подготви програмата на посещението в Гент",
                         "Секретариат на платформата", Day(today, 20), "in_progress", ""});

  meetings::Meeting session;
  session.title = "Онлайн работна среща: как да измерим участието на родителите";
  session.starts_at = Day(today, -21) + "T14:00";
  session.ends_at = Day(today, -21) + "T15:30";
  session.link = "https://meet.example.org/platforma-demo";
  session.announced_on = Day(today, -30);
  record(session, EventKind::kWorkingSession, nullptr,
         {Taking("DOB17", 3), Taking("BE-44021", 2), Taking("CZ-554821", 2)});

  meetings::Meeting visit;
  visit.title = "Посещение за обмяна на опит в Гент";
  visit.starts_at = Day(today, 44) + "T09:00";
  visit.ends_at = Day(today, 46) + "T13:00";
  visit.location = "Gent, Stadhuis (demo data)";
  visit.announced_on = today;
  record(visit, EventKind::kExchangeVisit, "BE-44021",
         {Taking("DOB17", 4), Taking("CZ-554821", 3), Taking("BE-44021", 5)});

  Study study;
  study.title = "Демонстрационни данни: три общини и участието на родителите в образованието";
  study.authors = "Демонстрационен екип на платформата";
  study.year = std::stoi(today.substr(0, 4));
  study.summary =
      "Измислено сравнение, за да се покаже как изследване свързва откритията си с практиките в библиотеката.";
  study.demo = true;
  study.municipalities = {Taking("DOB17", 0), Taking("BE-44021", 0), Taking("CZ-554821", 0)};
  study.findings = {
      {0, "Където медиатор от квартала води срещите, родителите идват отново.", practice_of["DOB17"], ""},
      {0, "Посредник между наемодатели и семейства намалява отказите за наем.", practice_of["BE-44021"], ""},
      {0, "Общините рядко измерват дали практиката е достигнала семействата, за които е.", std::nullopt, ""}};
  store.InsertStudy(study, std::nullopt, meetings.Now());
  if (log) log("demo platform: 3 events of a platform of Каварна, Gent and Ostrava, and 1 research study");
  return true;
}

}  // namespace practices
