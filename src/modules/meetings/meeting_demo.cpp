// Demo meetings of Лом, dated from the day they are seeded: the municipal council for cooperation on ethnic and
// integration issues met three weeks ago (attendance, minutes, decisions, follow-ups, one of them on the demo
// information request that was refused) and meets again in ten days, its open follow-ups carried to the agenda; a
// session of the municipal council announced only three days ahead, so that its page warns. Everything is marked as
// demo data and invented.
#include "modules/meetings/meeting_demo.hpp"

#include <fmt/format.h>

namespace meetings {
namespace {

std::string Day(const std::string& today, int days_from_today) {
  return core::IsoOf(*core::DayOf(today) + std::chrono::days(days_from_today));
}

}  // namespace

bool LoadDemoMeetings(MeetingsService& service, const std::function<void(const std::string&)>& log) {
  if (service.HasDemo() || !service.filings().NameOfPlace("MON24")) return false;
  const std::string today = service.Today();
  MeetingsStore& store = service.store();
  Body council_for_cooperation;
  council_for_cooperation.kind = "council_for_cooperation";
  council_for_cooperation.name =
      "Общински съвет за сътрудничество по етническите и интеграционните въпроси – Лом (демонстрационни данни)";
  council_for_cooperation.place_code = "MON24";
  council_for_cooperation.demo = true;
  council_for_cooperation.id = service.InsertDemoBody(council_for_cooperation);

  Meeting past;
  past.body_id = council_for_cooperation.id;
  past.title = "Изпълнение на общинския план за действие през годината";
  past.starts_at = Day(today, -20) + "T10:00";
  past.ends_at = Day(today, -20) + "T12:30";
  past.location = "Община Лом, зала 2";
  past.announced_on = Day(today, -34);
  past.minutes =
      "*Демонстрационни данни.*\n\n## Присъстваха\n\nПредставители на общината, на три граждански организации и на "
      "инициативната група от кв. Младеново.\n\n## Обсъждане\n\n- Отчет за здравните медиатори.\n- Отказът на "
      "общината да предостави договорите за ремонта на училищата.\n";
  past.demo = true;
  past.id = service.InsertDemoMeeting(past);
  store.InsertAgendaItem({0, past.id, 0, "Отчет за здравните медиатори", "", std::nullopt});
  std::string refused_link;
  requests::FilingFilter filter;
  filter.place_code = "MON24";
  for (const requests::FilingView& filing : service.filings().List(core::CommandLineActor(), filter)) {
    const requests::FilingEvent* decision = requests::DecisionOf(filing.events);
    if (filing.filing.demo && decision && decision->detail == "refused") {
      refused_link = requests::FilingPath(filing.filing.id);
    }
  }
  const std::int64_t refusal_item = store.InsertAgendaItem(
      {0, past.id, 0, "Отказ за достъп до договорите за ремонт на училища", refused_link, std::nullopt});
  store.SetAttendance(past.id, past.version,
                      {{"institution", 6}, {"civil_society", 4}, {"initiative_group", 3}, {"resident", 9}});
  store.InsertDecision(
      {0, past.id, refusal_item, "Съветът препоръчва на общината да предостави договорите в 7-дневен срок."});
  store.InsertFollowUp({0, past.id, std::nullopt, "Да се назначат още двама здравни медиатори", "Община Лом",
                        Day(today, 40), "in_progress", ""});
  store.InsertFollowUp({0, past.id, refusal_item, "Да се предоставят договорите за ремонта на училищата",
                        "Община Лом, дирекция „Образование“", Day(today, -13), "open", ""});
  store.InsertFollowUp({0, past.id, std::nullopt, "Да се публикува отчетът на сайта на общината", "Секретар на съвета",
                        Day(today, -15), "done", Day(today, -16)});

  Meeting next;
  next.body_id = council_for_cooperation.id;
  next.title = "Заседание на съвета";
  next.starts_at = Day(today, 10) + "T10:00";
  next.ends_at = Day(today, 10) + "T12:00";
  next.location = "Община Лом, зала 2";
  next.announced_on = today;
  next.demo = true;
  next.id = service.InsertDemoMeeting(next);  // the two follow-ups not yet done come on its agenda

  Body council;
  council.kind = "municipal_council";
  council.name = "Общински съвет Лом (демонстрационни данни)";
  council.place_code = "MON24";
  council.demo = true;
  council.id = service.InsertDemoBody(council);
  Meeting session;
  session.body_id = council.id;
  session.title = "Редовно заседание";
  session.starts_at = Day(today, 3) + "T09:00";
  session.ends_at = Day(today, 3) + "T13:00";
  session.location = "Заседателна зала на общинския съвет";
  session.announced_on = today;
  session.demo = true;
  service.InsertDemoMeeting(session);
  if (log) log("stored the demo meetings of Лом");
  return true;
}

}  // namespace meetings
