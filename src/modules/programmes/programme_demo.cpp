// A demo donor programme followed by a partner network of four municipalities (Русе, Бургас, Сливен, Монтана), dated
// from the day it is seeded: each project with its activities on a timeline, budget lines and spending; Русе's reports
// (one accepted, one submitted after it was returned) and its problem of a partner school that withdrew, Сливен's of
// mediators who left; risks; and the network's next meeting, whose agenda collects the open problems. Every name,
// amount and text is invented and marked as demo data.
#include "modules/programmes/programme_demo.hpp"

#include <chrono>

namespace programmes {
namespace {

std::string Day(const std::string& today, int days_from_today) {
  return core::IsoOf(*core::DayOf(today) + std::chrono::days(days_from_today));
}

struct DemoProject {
  const char* title;
  const char* place;
  int progress;  // of its first activity
};

}  // namespace

bool LoadDemoProgrammes(ProjectsService& service, meetings::MeetingsService& meetings,
                        const std::function<void(const std::string&)>& log) {
  ProjectsStore& store = service.store();
  if (store.HasDemo() || service.MunicipalityName("RSE27", false).empty()) return false;
  const std::string today = service.Today();
  const std::int64_t now = meetings.Now();

  meetings::Body network;
  network.kind = "partner_network";
  network.name = "Партньорска мрежа на общините по програмата (демонстрационни данни)";
  network.place_code = "BG";
  network.demo = true;
  network.id = meetings.InsertDemoBody(network);

  Programme programme;
  programme.title = "Социално включване на роми и други уязвими групи (демонстрационни данни)";
  programme.description =
      "Демонстрационни данни. Достъп до предучилищно образование, здравни и образователни медиатори, подобряване "
      "на жилищните условия и заетост в четири общини.";
  programme.donor = "Донор (демонстрационни данни)";
  programme.operator_ = "Оператор на програмата (демонстрационни данни)";
  programme.currency = "EUR";
  programme.budget_cents = 400'000'000;
  programme.period_start = Day(today, -420);
  programme.period_end = Day(today, 680);
  programme.network_body_id = network.id;
  programme.demo = true;
  programme.id = store.InsertProgramme(programme, now);

  const DemoProject projects[] = {{"Детски градини за всички – Русе", "RSE27", 70},
                                  {"Здравни медиатори в кварталите – Бургас", "BGS04", 55},
                                  {"Образователни медиатори – Сливен", "SLV20", 40},
                                  {"Заедно на пазара на труда – Монтана", "MON29", 60}};
  std::int64_t ruse = 0, sliven = 0;
  std::int64_t ruse_staff_line = 0;
  for (const DemoProject& each : projects) {
    Project project;
    project.programme_id = programme.id;
    project.title = each.title;
    project.municipality_code = each.place;
    project.currency = "BGN";
    project.exchange_rate = "0.51129";
    project.exchange_rate_on = Day(today, -400);
    project.planned_start = Day(today, -360);
    project.planned_end = Day(today, 540);
    project.actual_start = Day(today, -350);
    project.demo = true;
    project.id = store.InsertProject(project, now);
    if (std::string(each.place) == "RSE27") ruse = project.id;
    if (std::string(each.place) == "SLV20") sliven = project.id;

    store.InsertActivity({0, project.id, "Подготовка и наемане на екипа", Day(today, -350), Day(today, -260), 100,
                          std::nullopt, true, 1},
                         now);
    store.InsertActivity({0, project.id, "Работа с децата и семействата", Day(today, -250), Day(today, 200),
                          each.progress, std::nullopt, true, 1},
                         now);
    store.InsertActivity(
        {0, project.id, "Обучения на учители и медиатори", Day(today, -120), Day(today, 90), 30, std::nullopt, true, 1},
        now);
    store.InsertActivity({0, project.id, "Оценка и споделяне на опита в мрежата", Day(today, 300), Day(today, 520), 0,
                          std::nullopt, true, 1},
                         now);
    const int year = std::stoi(Day(today, 0).substr(0, 4));
    const std::int64_t staff =
        store.InsertBudgetLine({0, project.id, "Персонал", "Принос на донора", year, 12'000'000, 12'000'000});
    store.InsertBudgetLine({0, project.id, "Оборудване", "Принос на донора", year, 4'000'000, 2'500'000});
    store.InsertBudgetLine({0, project.id, "Обучения", "Съфинансиране от общината", year, 1'500'000, 500'000});
    if (project.id == ruse) ruse_staff_line = staff;
  }

  // Русе: the first half year accepted; the second returned once, then submitted again with its problem.
  const std::string team = "Екип на проекта – Русе", operator_name = "Оператор на програмата";
  const auto written = [&](Report& report, int days_ago) {
    report.project_id = ruse;
    report.demo = true;
    const std::int64_t at = now - days_ago * 86400;
    report.id = store.InsertReport(report, {ReportState::kDraft, "", team, at}, std::nullopt, at);
  };
  const auto step = [&](Report& report, ReportState to, const std::string& by, int days_ago,
                        const std::string& reason = "") {
    report.state = to;
    const std::int64_t at = now - days_ago * 86400;
    store.UpdateReport(report, ReportStep{to, reason, by, at}, std::nullopt, at);
    ++report.version;
  };
  Report first;
  first.period_start = Day(today, -350);
  first.period_end = Day(today, -170);
  first.narrative = "Демонстрационни данни. Екипът е нает, две групи в детските градини са открити.";
  first.spending = {{ruse_staff_line, 5'500'000}};
  written(first, 180);
  step(first, ReportState::kSubmitted, team, 170);
  step(first, ReportState::kAccepted, operator_name, 160);

  Report second;
  second.period_start = Day(today, -169);
  second.period_end = Day(today, -10);
  second.narrative = "Демонстрационни данни. Третата група не е открита: партньорското училище се оттегли.";
  second.spending = {{ruse_staff_line, 4'800'000}};
  written(second, 9);
  step(second, ReportState::kSubmitted, team, 8);
  step(second, ReportState::kReturned, operator_name, 6,
       "Липсва разходът за обучения; опишете мерките след оттеглянето.");
  step(second, ReportState::kSubmitted, team, 2);

  Problem school{0,
                 ruse,
                 second.id,
                 "Партньорско училище се оттегли от проекта",
                 "partners",
                 "Третата група не може да бъде открита навреме.",
                 4,
                 "Смяна на ръководството на училището.",
                 "Координатор на проекта – Русе",
                 "open",
                 Day(today, -30),
                 "",
                 true,
                 1};
  store.InsertProblem(school, now);
  Problem mediators{0,
                    sliven,
                    std::nullopt,
                    "Двама образователни медиатори напуснаха",
                    "staff",
                    "Две училища остават без медиатор.",
                    3,
                    "Ниско заплащане.",
                    "Координатор на проекта – Сливен",
                    "open",
                    Day(today, -45),
                    "",
                    true,
                    1};
  store.InsertProblem(mediators, now);
  Problem transfer{0,
                   sliven,
                   std::nullopt,
                   "Забавен първи транш",
                   "funding",
                   "",
                   2,
                   "",
                   "Финансов отдел – Сливен",
                   "resolved",
                   Day(today, -300),
                   Day(today, -270),
                   true,
                   1};
  store.InsertProblem(transfer, now);
  store.InsertRisk(
      {0, ruse, "Още един партньор се оттегля", 2, 4, "Писмени споразумения за целия период",
       "Групите се преместват в читалището", "Координатор на проекта – Русе", Day(today, 30), "open", true, 1},
      now);
  store.InsertRisk({0, sliven, "Медиаторите не остават", 4, 4, "Обучение и наставничество", "Обява за нови медиатори",
                    "Координатор на проекта – Сливен", Day(today, 14), "open", true, 1},
                   now);

  meetings::Meeting meeting;
  meeting.body_id = network.id;
  meeting.title = "Среща на партньорската мрежа";
  meeting.starts_at = Day(today, 12) + "T10:00";
  meeting.ends_at = Day(today, 12) + "T13:00";
  meeting.location = "София";
  meeting.announced_on = today;
  meeting.demo = true;
  meetings.store().InsertMeeting(meeting, std::nullopt, now, service.AgendaFor(network.id));
  if (log) log("stored the demo programme of the partner network of Русе, Бургас, Сливен and Монтана");
  return true;
}

}  // namespace programmes
