// Demo filings to the institutions of Лом and Монтана, dated back from the day they are seeded so that each shows a
// state of the legal clock: a request decided in time, one waiting, one extended and refused a day late (its appeal
// open), a proposal waiting, a signal left overdue. Everything is marked as demo data and invented.
#include "modules/requests/filing_demo.hpp"

namespace requests {
namespace {

struct DemoStep {
  std::string kind;
  int days_ago = 0;
  std::string detail = "";
  std::string grounds = "";
  std::string text = "";
};

struct DemoFiling {
  std::string kind;
  std::string place;
  std::string addressee_kind;
  std::string subject;
  std::string body;
  int days_ago = 0;
  std::vector<DemoStep> steps;
};

std::vector<DemoFiling> DemoFilings() {
  return {
      {"information_request",
       "MON24",
       "municipality",
       "Здравни медиатори в община Лом (демонстрационни данни)",
       "Моля за информация колко здравни медиатори са назначени в община Лом през последните три години и в кои "
       "квартали работят.",
       60,
       {{"decided", 50, "granted", "", "Предоставена е справка по години и квартали."}}},
      {"information_request",
       "MON24",
       "municipality",
       "Разходи за ремонт на училища в кв. Младеновско (демонстрационни данни)",
       "Моля за копия на договорите и приемо-предавателните протоколи за ремонта на училищата в квартала през 2025 и "
       "2026 г.",
       40,
       {{"extended", 30, "volume", "", "Общината съобщи, че информацията е в голям обем."},
        {"decided", 5, "refused", "none_stated", "Отказ без посочено правно основание."}}},
      {"information_request",
       "MON24",
       "municipal_council",
       "Протоколи от комисията по образование (демонстрационни данни)",
       "Моля за протоколите от заседанията на постоянната комисия по образование през 2026 г.",
       6,
       {}},
      {"proposal",
       "MON24",
       "municipal_council",
       "Детска градина без такси за всички деца (демонстрационни данни)",
       "Предлагаме общинският съвет да премахне таксите за детска градина за всички деца в общината от следващата "
       "учебна година.",
       20,
       {}},
      {"signal",
       "MON29",
       "municipality",
       "Спрян воден източник в кв. Кошарник (демонстрационни данни)",
       "Чешмата в квартала не работи от три месеца и жителите нямат достъп до питейна вода наблизо.",
       70,
       {}},
  };
}

}  // namespace

bool LoadDemoFilings(FilingsService& service, const std::function<void(const std::string&)>& log) {
  if (service.HasDemo()) return false;
  const Day today = service.Today();
  const auto day = [&](int days_ago) { return IsoOf(today - std::chrono::days(days_ago)); };
  for (const DemoFiling& demo : DemoFilings()) {
    const auto place = service.NameOfPlace(demo.place);
    if (!place) return false;  // the places are not loaded: nothing to file with
    Filing filing;
    filing.kind = demo.kind;
    filing.place_code = demo.place;
    filing.addressee_kind = demo.addressee_kind;
    filing.addressee = AddresseeName(demo.addressee_kind, place->bg);
    filing.channel = demo.kind == kInformationRequest ? "platform" : "written";
    filing.access_form = demo.kind == kInformationRequest ? "electronic_copy" : "";
    filing.subject = demo.subject;
    filing.body = demo.body;
    filing.filed_on = day(demo.days_ago);
    filing.registered_on = filing.filed_on;
    filing.filer_name = "Демо: сдружение „Заедно“";
    filing.organisation_name = "Сдружение „Заедно“ (демонстрационни данни)";
    filing.demo = true;
    const std::int64_t id = service.InsertDemo(filing);
    for (const DemoStep& step : demo.steps) {
      FilingEvent event;
      event.filing_id = id;
      event.kind = step.kind;
      event.day = day(step.days_ago);
      event.detail = step.detail;
      event.grounds = step.grounds;
      event.text = step.text;
      event.recorded_by_name = filing.filer_name;
      service.InsertDemoEvent(event);
    }
  }
  if (log) log("stored the demo information requests, proposals and signals");
  return true;
}

}  // namespace requests
