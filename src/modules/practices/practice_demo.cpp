#include "modules/practices/practice_demo.hpp"

namespace practices {
namespace {

PracticeText Text(std::string language, std::array<std::string, kTextFields.size()> texts) {
  PracticeText text;
  text.language = std::move(language);
  text.texts = std::move(texts);
  return text;
}

}  // namespace

bool LoadDemoPractices(PracticesService& service, const std::function<void(const std::string&)>& log) {
  PracticesStore& store = service.store();
  const std::int64_t now = service.Now();
  if (store.Count() > 0) return false;
  for (const char* code : {"DOB17", "BE-44021", "CZ-554821"}) {
    if (!service.places().FindMunicipality(code)) return false;
  }
  Practice kavarna;
  kavarna.municipality_code = "DOB17";
  kavarna.period_start = 2024;
  kavarna.evidence_level = EvidenceLevel::kPromising;
  kavarna.original_language = "bg";
  kavarna.areas = {"education", "participation"};
  kavarna.contacts = "Община Каварна, дирекция „Образование“ (демонстрационни данни)";
  kavarna.demo = true;
  kavarna.versions.push_back(Text(
      "bg", {"Демонстрационни данни: родителски клубове в детските градини",
             "Демонстрационен пример, измислен за показване на библиотеката: квартал с много семейства роми, в който "
             "децата рядко тръгват на детска градина.",
             "Родителите не познават детската градина и се страхуват от таксите и от отношението към децата.",
             "Всяка седмица родители, учители и образователен медиатор се събират в детската градина: играят с "
             "децата, говорят за записването, таксите и храненето.",
             "Примерни резултати: повече деца записани и редовно посещаващи градината през учебната година.",
             "Медиатор от квартала, на когото родителите имат доверие; директор, който отваря градината.",
             "Нужни са медиатор, помещение следобед и подкрепа от директора; не са нужни големи средства.",
             "Общински бюджет (демонстрационни данни)."}));
  kavarna.versions.push_back(Text(
      "en", {"Demo data: parents' clubs in kindergartens",
             "A demo example, invented to show the library: a neighbourhood with many Roma families whose children "
             "seldom start kindergarten.",
             "Parents do not know the kindergarten and fear the fees and how their children will be treated.",
             "Every week parents, teachers and an education mediator meet in the kindergarten: they play with the "
             "children and talk about enrolment, fees and meals.",
             "Example results: more children enrolled and attending regularly through the school year.",
             "A mediator from the neighbourhood whom parents trust; a head teacher who opens the kindergarten.",
             "A mediator, a room in the afternoon and the head teacher's support; little money.",
             "The municipal budget (demo data)."}));

  Practice gent;
  gent.municipality_code = "BE-44021";
  gent.period_start = 2022;
  gent.period_end = 2025;
  gent.evidence_level = EvidenceLevel::kReplicated;
  gent.original_language = "nl";
  gent.areas = {"housing", "anti_discrimination"};
  gent.demo = true;
  gent.versions.push_back(Text(
      "nl", {"Demogegevens: bemiddeling tussen huurders en verhuurders",
             "Een verzonnen voorbeeld om de bibliotheek te tonen: gezinnen die moeilijk een woning huren.",
             "Verhuurders weigeren gezinnen zonder vast inkomen of met een buitenlandse naam.",
             "Een bemiddelaar van de stad begeleidt gezinnen bij bezoeken en contracten en spreekt verhuurders aan.",
             "Voorbeeldresultaten: meer gezinnen met een huurcontract van een jaar of langer.",
             "Een vaste bemiddelaar en een stad die verhuurders bij problemen steunt.",
             "Een bemiddelaar en afspraken met verhuurders; het werkt ook in kleinere steden.",
             "Stadsbudget (demogegevens)."}));

  Practice ostrava;
  ostrava.municipality_code = "CZ-554821";
  ostrava.period_start = 2023;
  ostrava.evidence_level = EvidenceLevel::kDemonstrated;
  ostrava.original_language = "cs";
  ostrava.areas = {"labour_market"};
  ostrava.demo = true;
  ostrava.versions.push_back(
      Text("cs",
           {"Ukázková data: práce v městských službách pro dlouhodobě nezaměstnané",
            "Vymyšlený příklad pro ukázku knihovny: lidé dlouho bez práce v sociálně vyloučených lokalitách.",
            "Zaměstnavatelé je nepřijímají a lidé ztrácejí pracovní návyky.",
            "Město nabízí roční práci v údržbě zeleně s mentorem a pomocí při hledání další práce.",
            "Ukázkové výsledky: část účastníků našla po roce stálou práci.",
            "Mentor, který zná lokalitu, a spolupráce s úřadem práce.",
            "Městská firma nebo služba, která může zaměstnat lidi na rok.", "Rozpočet města a ESF+ (ukázková data)."}));

  for (Practice* practice : {&kavarna, &gent, &ostrava}) {
    for (PracticeText& text : practice->versions) text.written_at = now;
    store.Create(*practice, std::nullopt, now);
  }
  if (log) log("loaded 3 demo practices (Каварна, Gent, Ostrava)");
  return true;
}

}  // namespace practices
