// The practice platform's two speed promises (issue 21), measured through the service as the server calls it:
//   1. full-text search over 10,000 good practices in four languages answers in at most 20 ms
//      (PracticesService::Search);
//   2. "municipalities like yours" for any municipality of a 6,000-municipality country answers in at most 50 ms
//      (PracticesService::MunicipalitiesLike).
// It migrates a fresh database, loads the policy reference data (the platform's six areas), Bulgaria's places and
// population (data/bg), Czechia's 6,258 municipalities and Belgium's 581 (data/cz, data/be, as `khetane import places`
// does), generates the practices (a quarter each first written in Bulgarian, English, Czech and Dutch, a third with a
// second version in another language; texts of 1,500–2,500 characters drawn from word lists of each language with
// Zipf's distribution and a fixed seed) and times their loading; then times a mix of searches and the municipalities
// like 200 random Czech ones, cold (the profiles read) and warm.
//
//   cmake --preset release -B build/bench-practices
//   cmake --build build/bench-practices --target practices_search_bench -j2
//   build/bench-practices/practices_search_bench [--practices N] [--runs N] [--keep] [DATABASE]
//   scripts/with-postgres build/bench-practices/practices_search_bench
//
// Run from the repository's root (it reads data/ and the migrations). DATABASE is a SQLite file (made anew) or a
// postgresql:// URL (a new schema in it, dropped at the end); without it, KHETANE_TEST_POSTGRES_URL when set
// (scripts/with-postgres sets it), else a SQLite file in a new temporary directory. --keep leaves the database (and
// prints where), for EXPLAIN.

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/full_text.hpp"
#include "core/text.hpp"
#include "db/database.hpp"
#include "db/full_text.hpp"
#include "db/migrator.hpp"
#include "formats/table.hpp"
#include "kernel/audit_log.hpp"
#include "kernel/data_version.hpp"
#include "modules/places/places_service.hpp"
#include "modules/places/reference_data.hpp"
#include "modules/policies/policies_store.hpp"
#include "modules/policies/reference_data.hpp"
#include "modules/practices/practices_service.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string LoadAverage() {
  std::ifstream file("/proc/loadavg");
  std::string one, five, fifteen;
  file >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

struct Figures {
  double min = 0, median = 0, p95 = 0, max = 0;
};

Figures FiguresOf(std::vector<double> times) {
  if (times.empty()) return {};
  std::sort(times.begin(), times.end());
  const auto at = [&](double share) {
    const auto rank = static_cast<std::size_t>(share * static_cast<double>(times.size()) + 0.999999);
    return times[std::min(times.size() - 1, rank == 0 ? 0 : rank - 1)];
  };
  return {times.front(), at(0.5), at(0.95), times.back()};
}

// `text` and spaces to `width` characters (printf pads by bytes, and Cyrillic takes two a letter).
std::string Padded(const std::string& text, std::size_t width) {
  const std::size_t characters = core::CountCharacters(text);
  return characters >= width ? text : text + std::string(width - characters, ' ');
}

std::vector<std::string> WordsOf(const char* text) {
  std::istringstream stream(text);
  std::vector<std::string> words;
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

// The words of one language: short words that join the others (about a third of a text), the words of the field,
// most frequent first (drawn with Zipf's distribution), and rare ones (a few practices each).
struct WordList {
  const char* code;
  const char* joining;
  const char* content;
  const char* rare;
};

// Each list holds some forms of a word and not others, so that the queries below look for a form no text has:
// "училище" but not "училища", "škola" but not "školách", "gemeente" but not "gemeenten".
const WordList kWordLists[] = {
    {"bg",
     "и в на за с от по до че се да е са като при към във след между без чрез или но също така още който която които "
     "това този тази тези всеки всички всяка един една беше бяха ще има",
     // 300 words: municipalities, education, housing, health, employment, discrimination, participation, Roma.
     "общината деца община училище родители семействата образование подкрепа ромски общност програма медиатор "
     "жители дейности децата услуги квартала здравни работа обучение социални жилищни участие дискриминация "
     "кметът общинския съвет проект практика мярка дейност услуга ученици учениците учители учител детската градина "
     "детските градини образователни медиатори медиаторите родителите семейство семейни квартал махала жителите "
     "роми ромската общността приобщаване интеграция жилище условия настаняване социално наем наематели ремонт "
     "канализация водопровод улици електричество регулация узаконяване собственост имоти здраве здравната грижа "
     "лекар лекари медицинска сестра болница ваксинация ваксини профилактика прегледи бременни майки новородени "
     "здравен хигиена заетост работни места безработни безработица квалификация професионално курс курсове "
     "работодатели трудова борса стаж заплата предприемачество бизнес равенство права правата защита жалби жалба "
     "предразсъдъци стереотипи език омраза насилие полиция съд закон граждани гражданско обществено обсъждане "
     "консултация среща срещи младежи жени доброволци организации неправителствени сдружение читалище читалището "
     "резултати резултатите оценка мониторинг показатели данни анализ изследване доклад наблюдение проучване "
     "финансиране бюджет средства фонд европейски оперативна грант безвъзмездна помощ договор разходи евро лева "
     "партньорство сътрудничество институции министерство областна дирекция агенция служба центрове център "
     "консултиране социален работник работници екип екипа координатор координация план стратегия политика "
     "политики приоритети цели целеви групи посещаемост отпадане отпаднали записване записани класове класната "
     "стая учебната година часове занимания извънкласни изоставане грамотност четене математика транспорт обяд "
     "храна стипендии учебници пособия дрехи показват намаля увеличи подобри повиши постигна осигури организира "
     "създаде проведе включи привлече обучи насочи придружава посещава успешно устойчиво дългосрочно местни "
     "местната национална регионална съседни малки големи бедни уязвими маргинализирани изолирани селски градски "
     "доверие уважение диалог комуникация информация кампания кампании медии детегледачки наставник наставници "
     "младежки клуб спорт музика танци празник фестивал библиотека компютри интернет дигитални умения "
     "документи лични карти регистрация адрес социално подпомагане детски надбавки пенсии увреждания възрастни "
     "самотни хора домашни посещения патронажна грижа общностен съвет лидери представители глас решения гласуване "
     "избори прозрачност отчетност доверието общинската администрация дирекцията отдел служители експерти",
     "пчеларство шахмат керамика оркестър оранжерия велосипеди дърворезба хидропоника ветеринар тамбура"},
    {"en",
     "the and of to in for with on by a an is are was were that this from as at their its which who it be has have "
     "more also not all each other they them but or",
     "municipality children school education families community Roma local council programme support services "
     "housing health work employment teachers parents people mediator mediators project results training public "
     "social access neighbourhood inclusion participation discrimination residents young women rights citizens "
     "centre organisations partners budget funding plan strategy measures activities policy data monitoring "
     "evaluation improvement needs problem problems conditions kindergarten kindergartens classes classroom "
     "attendance enrolment dropout pupils students learning literacy reading mathematics homework tutoring "
     "scholarships transport meals lunch books materials vocational qualification courses employers jobs "
     "unemployed unemployment labour market skills apprenticeship internship wages entrepreneurship business "
     "cooperative enterprise doctor doctors nurse nurses clinic hospital vaccination vaccines prevention screening "
     "pregnant mothers newborns hygiene insurance medicines pharmacy dental mental wellbeing disability elderly care "
     "caregivers home homes dwellings apartments rent tenants landlords eviction evictions renovation repairs water "
     "sewage electricity roads streets legalisation ownership property land settlement settlements segregated "
     "segregation desegregation integration equality equal treatment hate speech prejudice stereotypes complaints "
     "complaint ombudsman police court law legal aid advice counselling information awareness campaign campaigns "
     "media trust dialogue meetings meeting consultation consultations hearing volunteers youth leaders leadership "
     "association associations foundation civil society network networks cooperation partnership ministry agency "
     "office department coordinator coordination team staff workers worker caseworker outreach visits visit "
     "accompany accompanied helped helps improved increased reduced decreased achieved ensured organised created "
     "launched involved trained provided offered funded developed established continued expanded replicated adapted "
     "evaluated measured reported documented shared sustainable successful effective innovative practical small "
     "large rural urban poor vulnerable marginalised excluded regional national European fund grant contribution "
     "costs euros year years months weeks every first second third new together across within between during after "
     "before since because therefore however although while mentor mentors sports music festival library computers "
     "internet digital documents identity registration address benefits allowances pensions elderly lonely visits "
     "nursing patronage leaders representatives voice decisions voting elections transparency accountability "
     "administration officials experts",
     "beekeeping chess pottery orchestra greenhouse bicycles woodcarving hydroponics veterinary tambura"},
    {"cs",
     "a v na se s z do k o pro že je jsou by byl byla bylo jejich jeho který která které při po od ve ze také i ale "
     "nebo jako to tento tato všechny každý",
     "obec děti škola rodiny vzdělávání podpora romské komunity program asistent obyvatelé činnosti dětí služby "
     "lokalitě zdravotní práce školení sociální bydlení účast diskriminace obce obcí město města městský úřad "
     "starosta zastupitelstvo projekt praxe opatření činnost služba dítě žáci žáků učitelé učitel školy školu "
     "mateřská mateřské vzdělávací asistenti pedagogický rodiče rodičů rodina lokalita sociálně vyloučené "
     "vyloučených obyvatel Romové romská komunita začleňování integrace byty bytů byt nájem nájemné nájemníci "
     "pronajímatelé ubytovna ubytovny rekonstrukce oprava voda kanalizace elektřina silnice ulice vlastnictví "
     "pozemky zdraví péče lékař lékaři sestra nemocnice očkování prevence prohlídky těhotné matky novorozenci "
     "hygiena pojištění léky duševní zaměstnanost pracovní místa nezaměstnaní nezaměstnanost rekvalifikace kurz "
     "kurzy zaměstnavatelé mzda podnikání podnik rovnost práva ochrana ombudsman stížnosti předsudky stereotypy "
     "nenávist násilí policie soud zákon právní poradna poradenství občané veřejné projednání konzultace setkání "
     "schůzky mládež ženy dobrovolníci organizace neziskové spolek sdružení komunitní centrum výsledky hodnocení "
     "monitorování ukazatele data analýza výzkum zpráva financování rozpočet prostředky fond evropský operační "
     "dotace grant smlouva náklady korun eur partnerství spolupráce instituce ministerstvo kraj krajský agentura "
     "pomoc terénní pracovník pracovníci pracovnice tým koordinátor koordinace plán strategie politika priority cíle "
     "cílová skupina docházka předčasné odchody zápis zapsáno třída třídy školní rok vyučování volnočasové aktivity "
     "doučování gramotnost čtení matematika doprava oběd jídlo stipendia učebnice pomůcky oblečení ukazují snížil "
     "zvýšil zlepšil dosáhl zajistil uspořádal vytvořil zapojil vyškolil doprovází navštěvuje úspěšně udržitelně "
     "dlouhodobě místní národní regionální sousední malé velké chudé zranitelné venkovské městské důvěra respekt "
     "dialog komunikace informace kampaň média dluhy exekuce dluhová předškolní přípravná inkluze inkluzivní mentor "
     "mentoři klub sport hudba tanec slavnost festival knihovna počítače internet digitální dovednosti doklady "
     "občanské průkazy trvalý pobyt dávky příspěvky důchody postižení senioři osamělí lidé návštěvy domácnosti "
     "ošetřovatelská zástupci hlas rozhodnutí hlasování volby průhlednost odpovědnost správa úředníci odborníci",
     "včelařství šachy keramika orchestr skleník kola řezbářství hydroponie veterinář cimbál"},
    {"nl",
     "de het een en van in op voor met te is zijn werd door aan bij dat die dit om naar ook als of maar hun haar wie "
     "waar elke alle meer",
     "gemeente kinderen school ouders gezinnen onderwijs ondersteuning Roma gemeenschap programma bemiddelaar "
     "bewoners activiteiten diensten buurt gezondheid werk opleiding sociale wonen participatie discriminatie stad "
     "stadsbestuur gemeenteraad burgemeester schepen project praktijk maatregel maatregelen dienst kind leerlingen "
     "leerkrachten leraar scholen kleuterschool opvoeding bemiddelaars gezin wijk woonwagenbewoners inclusie "
     "integratie woning huisvesting huur huurders verhuurders renovatie herstellingen water riolering "
     "elektriciteit straten eigendom grond zorg huisarts artsen verpleegkundige ziekenhuis vaccinatie preventie "
     "screening zwangere moeders pasgeborenen hygiëne verzekering geneesmiddelen geestelijke welzijn "
     "werkgelegenheid banen werklozen werkloosheid opleidingen vorming cursus werkgevers arbeidsmarkt "
     "vaardigheden stage loon ondernemerschap economie gelijkheid rechten bescherming ombudsman klachten "
     "vooroordelen stereotypen haat geweld politie rechtbank wet juridisch advies burgers inspraak overleg "
     "bijeenkomst bijeenkomsten jongeren vrouwen vrijwilligers organisaties vereniging middenveld buurthuis "
     "resultaten evaluatie monitoring indicatoren gegevens analyse onderzoek rapport financiering begroting "
     "middelen fonds Europees subsidie kosten euro partnerschap samenwerking instellingen ministerie provincie "
     "agentschap hulp begeleiding maatschappelijk werker team coördinator coördinatie plan strategie beleid "
     "prioriteiten doelen doelgroep aanwezigheid schooluitval inschrijving klas klassen schooljaar lessen naschoolse "
     "huiswerkbegeleiding geletterdheid lezen rekenen vervoer lunch maaltijden boeken schoolmateriaal kleding "
     "toonden daalde steeg verbeterde bereikte zorgde organiseerde begon betrok leidde begeleidt bezoekt succesvol "
     "duurzaam langdurig lokale nationale regionale naburige kleine grote arme kwetsbare landelijke stedelijke "
     "vertrouwen respect dialoog communicatie informatie campagne media schulden schuldhulpverlening taal "
     "inburgering nieuwkomers mentor mentoren club sport muziek dans feest festival bibliotheek computers internet "
     "digitale documenten identiteitskaart inschrijving adres uitkeringen toelagen pensioenen handicap ouderen "
     "eenzame mensen huisbezoeken thuiszorg vertegenwoordigers stem beslissingen stemming verkiezingen "
     "transparantie verantwoording administratie ambtenaren deskundigen",
     "bijenteelt schaken keramiek orkest kas fietsen houtsnijwerk hydrocultuur dierenarts tamboera"},
};

class TextMaker {
 public:
  explicit TextMaker(std::mt19937_64& random) : random_(random) {
    for (const WordList& list : kWordLists) {
      Language language;
      language.joining = WordsOf(list.joining);
      language.content = WordsOf(list.content);
      language.rare = WordsOf(list.rare);
      std::vector<double> weights;
      for (std::size_t rank = 1; rank <= language.content.size(); ++rank) weights.push_back(1.0 / rank);
      language.zipf = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
      languages_.emplace(list.code, std::move(language));
    }
  }

  std::size_t ContentWords(const std::string& code) const { return languages_.at(code).content.size(); }

  // A title of 4 to 9 words.
  std::string Title(const std::string& code) {
    Language& language = languages_.at(code);
    std::string title;
    const int words = Between(4, 9);
    for (int i = 0; i < words; ++i) {
      if (i > 0) title += ' ';
      title += i % 3 == 1 ? Pick(language.joining) : language.content[language.zipf(random_)];
    }
    return title;
  }

  // Sentences until the text has `characters`; `place` named in the first.
  std::string Paragraph(const std::string& code, std::size_t characters, const std::string& place) {
    Language& language = languages_.at(code);
    std::string text;
    bool first = true;
    while (core::CountCharacters(text) < characters) {
      if (!text.empty()) text += ' ';
      const int words = Between(8, 18);
      for (int i = 0; i < words; ++i) {
        if (i > 0) text += (Chance(0.06) ? ", " : " ");
        const double draw = Uniform();
        if (draw < 0.33) {
          text += Pick(language.joining);
        } else if (draw < 0.3325) {
          text += Pick(language.rare);
        } else if (draw < 0.345) {
          text += std::to_string(Between(2, 2025));
        } else {
          text += language.content[language.zipf(random_)];
        }
      }
      if (first && !place.empty()) text += ' ' + place;
      first = false;
      text += '.';
    }
    return text;
  }

  int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(random_); }
  bool Chance(double p) { return Uniform() < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(random_)];
  }

 private:
  struct Language {
    std::vector<std::string> joining, content, rare;
    std::discrete_distribution<std::size_t> zipf;
  };
  std::mt19937_64& random_;
  std::map<std::string, Language> languages_;
};

// The share of a practice's text each field after the title takes (context, problem, actions, results, success
// factors, conditions for transfer, funding).
constexpr double kFieldShares[] = {0.12, 0.12, 0.25, 0.20, 0.10, 0.12, 0.09};

practices::PracticeText TextOf(TextMaker& maker, const std::string& language, const std::string& place,
                               std::int64_t now) {
  practices::PracticeText text;
  text.language = language;
  text.written_at = now;
  text.texts[0] = maker.Title(language);
  const std::size_t total = static_cast<std::size_t>(maker.Between(1500, 2500)) - core::CountCharacters(text.texts[0]);
  for (std::size_t field = 1; field < practices::kTextFields.size(); ++field) {
    const auto characters = static_cast<std::size_t>(kFieldShares[field - 1] * static_cast<double>(total));
    text.texts[field] = maker.Paragraph(language, characters, field == 1 ? place : "");
  }
  return text;
}

std::size_t CharactersOf(const practices::PracticeText& text) {
  std::size_t characters = 0;
  for (const std::string& each : text.texts) characters += core::CountCharacters(each);
  return characters;
}

struct Options {
  std::string target;
  int practices = 10'000;
  int runs = 100;
  bool keep = false;
};

// The database under test: a new SQLite file, or a new schema of a PostgreSQL database, gone at the end unless kept.
class BenchDatabase {
 public:
  explicit BenchDatabase(const Options& options) : keep_(options.keep) {
    std::string target = options.target;
    if (target.empty()) {
      const char* url = std::getenv("KHETANE_TEST_POSTGRES_URL");
      target = url != nullptr ? url : "";
    }
    if (target.starts_with("postgres")) {
      std::random_device random;
      char name[32];
      std::snprintf(name, sizeof name, "bench_%08x", random());
      schema_ = name;
      admin_ = db::Database::Open({.target = target, .pool_size = 1});
      admin_->Acquire()->Execute("CREATE SCHEMA " + schema_);
      target_ = target + (target.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
    } else {
      if (target.empty()) {
        std::string pattern = (std::filesystem::temp_directory_path() / "khetane-bench-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
        directory_ = pattern;
        target = (directory_ / "practices.db").string();
      } else {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(target + suffix);
      }
      target_ = target;
    }
    database_ = db::Database::Open({.target = target_, .pool_size = 4});
  }

  ~BenchDatabase() {
    database_.reset();
    if (keep_) {
      std::printf("kept: %s%s\n", schema_.empty() ? "" : "schema ",
                  schema_.empty() ? target_.c_str() : schema_.c_str());
      return;
    }
    try {
      if (admin_) admin_->Acquire()->Execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    } catch (const std::exception& error) {
      std::fprintf(stderr, "could not drop schema %s: %s\n", schema_.c_str(), error.what());
    }
    if (!directory_.empty()) std::filesystem::remove_all(directory_);
  }

  db::Database& operator*() { return *database_; }
  db::Database* operator->() { return database_.get(); }
  const std::string& target() const { return target_; }
  bool postgres() const { return !schema_.empty(); }

 private:
  bool keep_;
  std::string target_, schema_;
  std::filesystem::path directory_;
  std::unique_ptr<db::Database> admin_, database_;
};

formats::Table TableOf(const std::string& path) {
  auto table = formats::ReadTable(formats::ReadWholeFile(path, 64 * 1024 * 1024));
  if (!table) throw std::runtime_error(path + ": " + table.error().message);
  return std::move(*table);
}

void ImportCountry(places::PlacesService& places, const std::string& path, const places::Country& country) {
  const auto report = places.ImportCountryPlaces(core::CommandLineActor(), TableOf(path), country, false);
  if (!report.problems.empty()) throw std::runtime_error(path + ": " + report.problems.front().message);
}

// One search of the mix: what is typed, the filters, and the reader's language.
struct Search {
  std::string label;
  practices::SearchQuery query;
  std::string language;
};

practices::SearchQuery Typed(std::string text) {
  practices::SearchQuery query;
  query.text = std::move(text);
  return query;
}

std::vector<Search> SearchMix() {
  std::vector<Search> mix;
  mix.push_back({"no text (the library's first page)", Typed(""), "en"});
  mix.push_back({"common word: children", Typed("children"), "en"});
  mix.push_back({"common word, page 5: children", Typed("children"), "en"});
  mix.back().query.offset = 80;
  mix.push_back({"a word of every language: roma", Typed("roma"), "en"});
  mix.push_back({"rare word: beekeeping", Typed("beekeeping"), "en"});
  mix.push_back({"two words: health mediators", Typed("health mediators"), "en"});
  mix.push_back({"three words: образование деца роми", Typed("образование деца роми"), "bg"});
  mix.push_back({"bg word: медиатор", Typed("медиатор"), "bg"});
  mix.push_back({"en word: employment", Typed("employment"), "en"});
  mix.push_back({"cs word: bydlení", Typed("bydlení"), "cs"});
  mix.push_back({"nl word: werkgelegenheid", Typed("werkgelegenheid"), "nl"});
  mix.push_back({"bg plural: училища (text: училище)", Typed("училища"), "bg"});
  mix.push_back({"cs case: školách (text: škola, školy)", Typed("školách"), "cs"});
  mix.push_back({"nl plural: gemeenten (text: gemeente)", Typed("gemeenten"), "nl"});
  mix.push_back({"filters: education, CZ, under 10k", Typed(""), "cs"});
  mix.back().query.area = "education";
  mix.back().query.country = "CZ";
  mix.back().query.population = practices::PopulationBand::kUnder10k;
  mix.push_back({"filters + text: škola, education, CZ, <10k", Typed("škola"), "cs"});
  mix.back().query.area = "education";
  mix.back().query.country = "CZ";
  mix.back().query.population = practices::PopulationBand::kUnder10k;
  mix.push_back({"matching nothing: helikoptéra", Typed("helikoptéra"), "cs"});
  for (Search& each : mix) each.query.limit = 20;  // the library's page
  return mix;
}

Options OptionsOf(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--practices" && i + 1 < argc) {
      options.practices = std::atoi(argv[++i]);
    } else if (argument == "--runs" && i + 1 < argc) {
      options.runs = std::atoi(argv[++i]);
    } else if (argument == "--keep") {
      options.keep = true;
    } else if (!argument.starts_with("--") && options.target.empty()) {
      options.target = argument;
    } else {
      std::fprintf(stderr, "usage: %s [--practices N] [--runs N] [--keep] [DATABASE]\n", argv[0]);
      std::exit(2);
    }
  }
  return options;
}

struct Generated {
  practices::Practice practice;
  std::optional<practices::PracticeText> second;
};

int Run(const Options& options) {
  std::printf("load average before: %s\n", LoadAverage().c_str());
  BenchDatabase database(options);
  const char* backend = database.postgres() ? "PostgreSQL" : "SQLite";
  std::printf("database: %s (%s)\n", backend, database.postgres() ? "a new schema" : database.target().c_str());

  auto started = Clock::now();
  db::Migrate(*database, {{"kernel", "src/kernel/migrations"},
                          {"places", "src/modules/places/migrations"},
                          {"accounts", "src/modules/accounts/migrations"},
                          {"policies", "src/modules/policies/migrations"},
                          {"meetings", "src/modules/meetings/migrations"},
                          {"practices", "src/modules/practices/migrations"}});
  const core::SystemClock clock;
  kernel::AuditLog audit(*database, clock);
  kernel::DataVersion version(*database);
  places::PlacesStore places_store(*database);
  places::PlacesService places(places_store, audit);
  policies::PoliciesStore policies_store(*database);
  practices::PracticesStore store(*database);
  practices::PracticesService service(store, places, audit, clock, version);

  const auto seeded = policies::SeedPolicyReferenceData(policies_store, "data/policy");
  if (!seeded) throw std::runtime_error("data/policy: " + seeded.error().message);
  places::ReferenceDataReport report;
  auto bulgaria = places::ReadReferenceData("data/bg", report);
  if (!bulgaria) throw std::runtime_error("data/bg: " + bulgaria.error().message);
  places.InsertReferenceData(*bulgaria);
  auto figures = places::ReadPopulationFigures("data/bg");
  if (!figures) throw std::runtime_error("data/bg: " + figures.error().message);
  places.InsertPopulationFigures(*figures);
  ImportCountry(places, "data/cz/municipalities.csv",
                {"CZ", "Чехия", "Czechia", "Česko", "cs", "Český statistický úřad (ČSÚ)", 0, 0});
  ImportCountry(places, "data/be/municipalities.csv",
                {"BE", "Белгия", "Belgium", "België / Belgique / Belgien", "nl fr de", "Statbel", 0, 0});
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> municipalities;  // country → code, name
  for (const auto& row : database->Acquire()->Query("SELECT country_code, code, name_bg FROM municipalities")) {
    municipalities[row.Text(0)].emplace_back(row.Text(1), row.Text(2));
  }
  for (auto& [country, list] : municipalities) std::sort(list.begin(), list.end());
  std::printf("migrated and loaded the places and the policy reference data in %.0f ms:", MillisecondsSince(started));
  for (const auto& [country, list] : municipalities) std::printf(" %s %zu", country.c_str(), list.size());
  std::printf(" municipalities\n");

  // The practices, made before any is stored so that the loading is timed alone.
  std::mt19937_64 random(20261207);
  TextMaker maker(random);
  const std::int64_t now = clock.Now();
  const std::vector<std::string> languages = {"bg", "en", "cs", "nl"};
  const std::map<std::string, std::string> country_of = {{"bg", "BG"}, {"cs", "CZ"}, {"nl", "BE"}};
  const std::vector<std::string> areas = {"education", "labour_market",       "health",
                                          "housing",   "anti_discrimination", "participation"};
  const std::vector<std::string> countries = {"BG", "CZ", "BE"};
  std::vector<Generated> generated;
  std::size_t characters = 0, texts = 0;
  std::map<std::string, int> versions_by_language;
  for (int i = 0; i < options.practices; ++i) {
    Generated each;
    practices::Practice& practice = each.practice;
    const std::string& language = languages[static_cast<std::size_t>(i) % languages.size()];
    const auto home = country_of.find(language);
    const auto& places_there = municipalities.at(home != country_of.end() ? home->second : maker.Pick(countries));
    const auto& [code, name] = maker.Pick(places_there);
    practice.municipality_code = code;
    practice.original_language = language;
    practice.period_start = maker.Between(2012, 2025);
    if (maker.Chance(0.6)) practice.period_end = *practice.period_start + maker.Between(0, 4);
    practice.evidence_level = practices::kEvidenceLevels[static_cast<std::size_t>(maker.Between(0, 2))];
    if (maker.Chance(0.7)) practice.cost_cents = std::int64_t{maker.Between(1'000, 5'000'000)} * 100;
    practice.currency = code.starts_with("CZ-") ? "CZK" : (code.starts_with("BE-") ? "EUR" : "BGN");
    practice.contacts = "contact " + std::to_string(i);
    std::vector<std::string> shuffled = areas;
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    practice.areas.assign(shuffled.begin(), shuffled.begin() + maker.Between(1, 3));
    practice.versions.push_back(TextOf(maker, language, name, now));
    characters += CharactersOf(practice.versions.back());
    ++texts;
    ++versions_by_language[language];
    if (maker.Chance(1.0 / 3)) {
      std::string other = language;
      while (other == language) other = maker.Pick(languages);
      practices::PracticeText second = TextOf(maker, other, name, now);
      if (maker.Chance(0.6)) {
        second.origin = practices::Origin::kMachine;
        second.translator = "eTranslation";
        second.translated_from = language;
      }
      characters += CharactersOf(second);
      ++texts;
      ++versions_by_language[other];
      each.second = std::move(second);
    }
    generated.push_back(std::move(each));
  }
  std::printf("generated %d practices, %zu texts (", options.practices, texts);
  for (const auto& [language, count] : versions_by_language) std::printf(" %s %d", language.c_str(), count);
  std::printf(" ), %zu characters a text on average; %zu/%zu/%zu/%zu words in the bg/en/cs/nl lists\n",
              characters / std::max<std::size_t>(1, texts), maker.ContentWords("bg"), maker.ContentWords("en"),
              maker.ContentWords("cs"), maker.ContentWords("nl"));

  // The dictionaries and the thread's ICU objects, read before anything is timed.
  started = Clock::now();
  std::printf("%s (%.0f ms)\n", core::DescribeFullTextStemmers(core::TheFullTextAnalyser().Stemmers()).c_str(),
              MillisecondsSince(started));
  core::IndexTerms("warm up", "en");

  // What the analysis alone costs, on every 17th practice's texts (17: each language in turn).
  {
    std::map<std::string, std::pair<double, int>> per_language;
    for (std::size_t i = 0; i < generated.size(); i += 17) {
      for (const practices::PracticeText& text : generated[i].practice.versions) {
        const auto start = Clock::now();
        for (const std::string& each : text.texts) core::IndexTerms(each, text.language);
        auto& [milliseconds, count] = per_language[text.language];
        milliseconds += MillisecondsSince(start);
        ++count;
      }
    }
    std::printf("analysis alone (core::IndexTerms of a text's 8 fields), mean over every 17th practice:");
    for (const auto& [language, sum] : per_language) {
      std::printf(" %s %.2f ms", language.c_str(), sum.first / sum.second);
    }
    std::printf("\n");
  }

  std::printf("load average before loading: %s\n", LoadAverage().c_str());
  started = Clock::now();
  std::vector<std::int64_t> ids;
  ids.reserve(generated.size());
  for (const Generated& each : generated) ids.push_back(store.Create(each.practice, std::nullopt, now));
  const double create_ms = MillisecondsSince(started);
  std::printf(
      "loading: %zu practices created (PracticesStore::Create: row, areas, text, terms) in %.1f s: %.0f a "
      "second\n",
      ids.size(), create_ms / 1000, static_cast<double>(ids.size()) / create_ms * 1000);
  started = Clock::now();
  int seconds = 0;
  for (std::size_t i = 0; i < generated.size(); ++i) {
    if (generated[i].second) {
      store.SaveText(ids[i], *generated[i].second, now);
      ++seconds;
    }
  }
  const double second_ms = MillisecondsSince(started);
  std::printf(
      "loading: %d second versions saved (PracticesStore::SaveText: text, both indexed again) in %.1f s: %.0f "
      "a second\n",
      seconds, second_ms / 1000, seconds / second_ms * 1000);
  std::printf("loading: %.0f practices a second overall (%.1f s)\n",
              static_cast<double>(ids.size()) / (create_ms + second_ms) * 1000, (create_ms + second_ms) / 1000);
  version.Changed();  // as a command does after it runs
  if (!database.postgres()) {
    std::uintmax_t bytes = 0;
    for (const char* suffix : {"", "-wal"}) {
      std::error_code ignored;
      const auto size = std::filesystem::file_size(database.target() + suffix, ignored);
      if (!ignored) bytes += size;
    }
    std::printf("database file (with its WAL): %.1f MB\n", static_cast<double>(bytes) / 1e6);
  } else {
    const auto row = database->Acquire()->QueryOne(
        "SELECT pg_total_relation_size('practice_texts'), pg_total_relation_size('practice_terms')");
    std::printf("practice_texts %.1f MB, practice_terms (with its GIN index) %.1f MB\n", row->Int(0) / 1e6,
                row->Int(1) / 1e6);
  }

  // The searches, each run `runs` times after two unmeasured runs, interleaved round by round.
  std::printf("\nload average before the searches: %s\n", LoadAverage().c_str());
  const std::vector<Search> mix = SearchMix();
  started = Clock::now();
  const auto first = service.Search(mix[1].query, mix[1].language);
  std::printf("first search of the process (ICU, query analysis): %.2f ms\n", MillisecondsSince(started));
  if (!first) throw std::runtime_error(first.error().message);
  std::vector<std::vector<double>> times(mix.size());
  std::vector<std::int64_t> totals(mix.size());
  for (int round = -2; round < options.runs; ++round) {
    for (std::size_t q = 0; q < mix.size(); ++q) {
      const auto start = Clock::now();
      const auto found = service.Search(mix[q].query, mix[q].language);
      const double milliseconds = MillisecondsSince(start);
      if (!found) throw std::runtime_error(mix[q].label + ": " + found.error().message);
      totals[q] = found->total;
      if (round >= 0) times[q].push_back(milliseconds);
    }
  }
  std::printf("PracticesService::Search on %s, %d practices, 20 a page, %d runs each (ms):\n", backend,
              options.practices, options.runs);
  std::printf("  %-46s %7s %7s %7s %7s %7s\n", "query", "matches", "min", "median", "p95", "max");
  for (std::size_t q = 0; q < mix.size(); ++q) {
    const Figures f = FiguresOf(times[q]);
    std::printf("  %s %7lld %7.2f %7.2f %7.2f %7.2f\n", Padded(mix[q].label, 46).c_str(),
                static_cast<long long>(totals[q]), f.min, f.median, f.p95, f.max);
  }
  // What each query asks the database, for EXPLAIN.
  std::printf("  the full-text query each sends ($7 of PracticesStore::Search):\n");
  for (const Search& each : mix) {
    if (each.query.text.empty()) continue;
    std::printf("    %s %s\n", Padded(each.query.text, 22).c_str(),
                db::FullTextMatch(database->backend(), core::ParseFullTextQuery(each.query.text)).c_str());
  }
  // The query analysis alone, for the record: the rest is the database's.
  {
    std::vector<double> parse;
    for (int run = 0; run < options.runs; ++run) {
      const auto start = Clock::now();
      const auto parsed = core::ParseFullTextQuery("health mediators");
      parse.push_back(MillisecondsSince(start));
      if (parsed.empty()) throw std::runtime_error("no query");
    }
    std::printf("  (core::ParseFullTextQuery of two words alone: median %.3f ms)\n", FiguresOf(parse).median);
  }

  // Municipalities like 200 random Czech ones: cold (after a change of the data: every profile read again), warm.
  std::printf("\nload average before municipalities like yours: %s\n", LoadAverage().c_str());
  const auto& czech = municipalities.at("CZ");
  std::vector<std::string> sample;
  for (int i = 0; i < 200; ++i) sample.push_back(maker.Pick(czech).first);
  std::vector<double> cold, warm;
  std::size_t shown = 0;
  for (int i = 0; i < 5; ++i) {
    version.Changed();
    const auto start = Clock::now();
    shown += service.MunicipalitiesLike(sample[static_cast<std::size_t>(i)], 6).size();
    cold.push_back(MillisecondsSince(start));
  }
  for (const std::string& code : sample) {
    const auto start = Clock::now();
    shown += service.MunicipalitiesLike(code, 6).size();
    warm.push_back(MillisecondsSince(start));
  }
  std::vector<double> profiles;
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    const auto all = store.Profiles();
    profiles.push_back(MillisecondsSince(start));
    if (all.empty()) throw std::runtime_error("no profiles");
  }
  const Figures c = FiguresOf(cold), w = FiguresOf(warm), p = FiguresOf(profiles);
  std::printf("PracticesService::MunicipalitiesLike on %s (6 shown, %zu municipalities like them in all) (ms):\n",
              backend, shown);
  std::printf("  %-46s %7s %7s %7s %7s %7s\n", "call", "calls", "min", "median", "p95", "max");
  std::printf("  %-46s %7zu %7.2f %7.2f %7.2f %7.2f\n", "cold: first after a change (profiles read)", cold.size(),
              c.min, c.median, c.p95, c.max);
  std::printf("  %-46s %7zu %7.2f %7.2f %7.2f %7.2f\n", "warm: 200 random Czech municipalities", warm.size(), w.min,
              w.median, w.p95, w.max);
  std::printf("  %-46s %7zu %7.2f %7.2f %7.2f %7.2f\n", "PracticesStore::Profiles alone", profiles.size(), p.min,
              p.median, p.p95, p.max);
  std::printf("\nload average after: %s\n", LoadAverage().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line as it comes, also into a file
  try {
    return Run(OptionsOf(argc, argv));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "practices_search_bench: %s\n", error.what());
    return 1;
  }
}
