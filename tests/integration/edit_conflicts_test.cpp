// Two people save one record from the same version, through the real binary, on the forms that carry a version: an
// action of a monitoring cycle's joint plan, a meeting's follow-up action, a deadline rule of the legal clock, a
// practice's text in a language, an indicator's target, a municipality's take-up of a practice, a meeting's
// attendance and withdrawing an item from a plan. The second to save is told in Bulgarian (409), finds what they typed
// still in the form and what was saved meanwhile beside it, and overwrites nothing; saving again from what they have
// now seen goes through.

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <utility>

#include "http/request.hpp"
#include "support/form_client.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/server_suite.hpp"

namespace {

using nlohmann::json;
using test_support::HttpResponse;

constexpr const char* kNoBreakSpace = "\u00a0";

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A form's body as a browser sends it: each name and value percent-encoded (Cyrillic, spaces, commas).
std::string Form(std::initializer_list<std::pair<std::string, std::string>> fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += (body.empty() ? "" : "&") + name + "=" + http::PercentEncode(value);
  }
  return body;
}

// The value of the first input named `name` after `anchor` in `page` (the version a given form carries), or "none".
std::string InputAfter(const std::string& page, const std::string& anchor, const std::string& name) {
  const auto at = page.find(anchor);
  if (at == std::string::npos) return "none";
  std::smatch found;
  const std::string rest = page.substr(at);
  return std::regex_search(rest, found, std::regex("name=\"" + name + "\" value=\"([^\"]*)\"")) ? found[1].str()
                                                                                                : "none";
}

// The option chosen in the first list after `anchor` in `page`, or "none".
std::string ChosenAfter(const std::string& page, const std::string& anchor) {
  const auto at = page.find(anchor);
  if (at == std::string::npos) return "none";
  std::smatch found;
  const std::string rest = page.substr(at, page.find("</select>", at) - at);
  return std::regex_search(rest, found, std::regex("<option value=\"([^\"]*)\" selected>")) ? found[1].str() : "none";
}

// The editor of the demo organisation that runs Лом's monitoring cycle, two officials of Лом, the regional coordinator
// of Монтана and two administrators of the installation, on one server over the seeded demo data.
class EditConflictsTest : public test_support::ServerSuite<EditConflictsTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    ASSERT_NO_FATAL_FAILURE(AddUser("maria.petrova@lom.bg", {"--name", "Мария Петрова", "--role", "municipal_official",
                                                             "--scope", "municipality:MON24"}));
    ASSERT_NO_FATAL_FAILURE(AddUser("petar.iliev@lom.bg", {"--name", "Петър Илиев", "--role", "municipal_official",
                                                           "--scope", "municipality:MON24"}));
    ASSERT_NO_FATAL_FAILURE(
        AddUser("desislava@khetane.bg", {"--name", "Десислава Маринова", "--role", "administrator"}));
    ASSERT_NO_FATAL_FAILURE(AddUser("nikolay@khetane.bg", {"--name", "Николай Стоянов", "--role", "administrator"}));
    ASSERT_NO_FATAL_FAILURE(AddUser("stefan.georgiev@montana.bg",
                                    {"--name", "Стефан Георгиев", "--role", "coordinator", "--scope", "oblast:MON"}));
    Serve();
    desislava_ = test_support::SignIn(port(), "desislava@khetane.bg", kPassword);
    nikolay_ = test_support::SignIn(port(), "nikolay@khetane.bg", kPassword);
    maria_ = test_support::SignIn(port(), "maria.petrova@lom.bg", kPassword);
    petar_ = test_support::SignIn(port(), "petar.iliev@lom.bg", kPassword);
    stefan_ = test_support::SignIn(port(), "stefan.georgiev@montana.bg", kPassword);
    ASSERT_FALSE(desislava_.empty() || nikolay_.empty() || maria_.empty() || petar_.empty() || stefan_.empty());

    // Роза Асенова edits for the demo organisation that runs Лом's cycle: her role names it by its number.
    const HttpResponse found = GetAs(desislava_, "/admin/organisations?q=" + http::PercentEncode("Заедно"));
    std::smatch organisation;
    ASSERT_TRUE(std::regex_search(found.body, organisation,
                                  std::regex("href=\"/admin/organisations/([0-9]+)\">Сдружение „Заедно“")))
        << found.body;
    const auto added = test_support::AddUser(
        database_->target(), "rosa.asenova@zaedno.bg", kPassword,
        {"--name", "Роза Асенова", "--role", "cso_editor", "--scope", "organisation:" + organisation[1].str()});
    ASSERT_EQ(added.exit_code, 0) << added.output;
    zaedno_ = organisation[1].str();
    rosa_ = test_support::SignIn(port(), "rosa.asenova@zaedno.bg", kPassword);
    ASSERT_FALSE(rosa_.empty());
  }

  // `person` publishes a practice of `municipality` in Bulgarian, in one area; its page's path.
  static std::string PublishPractice(const std::string& person, const std::string& municipality,
                                     const std::string& area, const std::string& period_start, const std::string& title,
                                     const std::string& context, const std::string& results) {
    const HttpResponse published = PostAs(person, "/practices",
                                          Form({{"municipality", municipality},
                                                {"evidence_level", "promising"},
                                                {"area_" + area, "yes"},
                                                {"period_start", period_start},
                                                {"currency", "EUR"},
                                                {"language", "bg"},
                                                {"title", title},
                                                {"context", context},
                                                {"results", results}}));
    EXPECT_EQ(published.status, 303) << published.body;
    return published.Header("location");
  }

  static json ApiJson(const std::string& path) {
    const HttpResponse response = test_support::Get(port(), path);
    EXPECT_EQ(response.status, 200) << path << "\n" << response.body;
    return response.status == 200 ? json::parse(response.body) : json::object();
  }

  static inline std::string desislava_, nikolay_, maria_, petar_, stefan_, rosa_;
  static inline std::string zaedno_;  // the number of the demo organisation Сдружение „Заедно“
};

// Роза records the joint action plan of Лом's cycle; Мария, for the municipality, says the competition for a second
// health mediator is announced, while Роза, on the page she opened before, marks the action done. Роза is told, keeps
// her note and choice, sees Мария's beside them, and Мария's stays until Роза saves again having seen it.
TEST_F(EditConflictsTest, AMonitoringActionMovedOnMeanwhileIsNotPutBack) {
  const json cycles = ApiJson("/api/v1/monitoring/cycles?municipality=MON24")["cycles"];
  ASSERT_EQ(cycles.size(), 1u) << "the demo cycle of Лом";
  const std::string cycle = "/monitoring/cycles/" + std::to_string(cycles[0]["id"].get<std::int64_t>());
  const std::string report = "/api/v1" + cycle + "/report";
  const HttpResponse closed = PostAs(rosa_, cycle + "/close",
                                     Form({{"meeting_date", "2027-01-20"},
                                           {"summary", "Среща с общината в Лом."},
                                           {"action_0_title", "Втори здравен медиатор в Младеново"},
                                           {"action_0_owner", "Община Лом"},
                                           {"action_0_due", "2027-03-31"}}));
  ASSERT_EQ(closed.status, 303) << closed.body;

  // Both open the cycle's page: the action is at version 1, to do.
  const std::string rosa_page = GetAs(rosa_, cycle).body;
  const std::string form_anchor = "action=\"/monitoring/actions/";
  ASSERT_EQ(InputAfter(rosa_page, form_anchor, "version"), "1") << rosa_page;
  ASSERT_EQ(InputAfter(GetAs(maria_, cycle).body, form_anchor, "version"), "1");
  std::smatch action_path;
  ASSERT_TRUE(std::regex_search(rosa_page, action_path, std::regex("/monitoring/actions/[0-9]+")));
  const std::string action = action_path[0].str();

  const HttpResponse first = PostAs(
      maria_, action,
      Form({{"back", cycle}, {"version", "1"}, {"status", "in_progress"}, {"note", "Обявен конкурс на 10 февруари."}}));
  ASSERT_EQ(first.status, 303) << first.body;
  EXPECT_EQ(first.Header("location"), cycle);

  const HttpResponse second = PostAs(
      rosa_, action, Form({{"back", cycle}, {"version", "1"}, {"status", "done"}, {"note", "Назначен от 1 март."}}));
  EXPECT_EQ(second.status, 409);
  EXPECT_TRUE(Contains(second.body,
                       "Някой запази промяна, докато редактирахте. Запазеното сега е показано до "
                       "написаното от вас: вземете нужното от двете и запазете отново."))
      << second.body;
  EXPECT_TRUE(Contains(second.body, "name=\"note\" value=\"Назначен от 1 март.\"")) << "what she typed stays";
  EXPECT_EQ(ChosenAfter(second.body, form_anchor), "done") << "and the state she chose";
  EXPECT_TRUE(Contains(second.body, "<p>Обявен конкурс на 10 февруари.</p>")) << "Мария's note, above the form";
  EXPECT_TRUE(Contains(second.body, ">В изпълнение</span>")) << "and the state Мария saved";
  EXPECT_EQ(InputAfter(second.body, form_anchor, "version"), "2") << "she has seen version 2 now";
  const json kept = ApiJson(report)["joint_action_plan"]["actions"];
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0]["status"], "in_progress") << "Мария's save stays";
  EXPECT_EQ(kept[0]["note"], "Обявен конкурс на 10 февруари.");

  // Having read it, Роза keeps what she knows of both and saves from the version shown.
  const HttpResponse again = PostAs(rosa_, action,
                                    Form({{"back", cycle},
                                          {"version", "2"},
                                          {"status", "done"},
                                          {"note", "Обявен конкурс на 10 февруари; назначен от 1 март."}}));
  EXPECT_EQ(again.status, 303) << again.body;
  const json now = ApiJson(report)["joint_action_plan"]["actions"];
  EXPECT_EQ(now[0]["status"], "done");
  EXPECT_EQ(now[0]["note"], "Обявен конкурс на 10 февруари; назначен от 1 март.");
}

// A year on, Роза opens the next cycle of Лом, whose page lists last year's open action as a follow-up. Мария marks
// it done there; Роза, on the page she opened before, says it is in progress. The action has left the list of open
// follow-ups meanwhile, yet Роза's refused form stays on the page she was on, with her note, and Мария's state beside.
TEST_F(EditConflictsTest, AFollowUpClosedMeanwhileStaysOnTheLaterCyclesPageWithWhatWasTyped) {
  const auto open_cycle = [&](const std::string& title, const std::string& year) {
    const HttpResponse opened = PostAs(rosa_, "/monitoring/new",
                                       Form({{"title", title},
                                             {"municipality", "MON24"},
                                             {"organisation", zaedno_},
                                             {"period_start", year + "-01-01"},
                                             {"period_end", year + "-12-31"},
                                             {"method", "plan_review"},
                                             {"identity_rule", "named"},
                                             {"participation", "organisation"}}));
    EXPECT_EQ(opened.status, 303) << opened.body;
    return opened.Header("location");
  };
  const std::string earlier = open_cycle("Мониторинг на плана на Лом, 2028", "2028");
  ASSERT_TRUE(earlier.starts_with("/monitoring/cycles/")) << earlier;
  ASSERT_EQ(PostAs(rosa_, earlier + "/close",
                   Form({{"meeting_date", "2028-11-20"},
                         {"summary", "Среща с общината за 2028."},
                         {"action_0_title", "Ремонт на читалището в Гайтанци"},
                         {"action_0_owner", "Община Лом"},
                         {"action_0_due", "2029-06-30"}}))
                .status,
            303);
  const std::string later = open_cycle("Мониторинг на плана на Лом, 2029", "2029");
  ASSERT_TRUE(later.starts_with("/monitoring/cycles/")) << later;

  // Both open the later cycle's page, where last year's action waits as a follow-up at version 1.
  const std::string rosa_page = GetAs(rosa_, later).body;
  ASSERT_TRUE(Contains(rosa_page, "Ремонт на читалището в Гайтанци")) << rosa_page;
  std::smatch action_path;
  ASSERT_TRUE(std::regex_search(rosa_page, action_path, std::regex("/monitoring/actions/[0-9]+")));
  const std::string action = action_path[0].str();
  const std::string form_anchor = "action=\"" + action + "\"";
  ASSERT_EQ(InputAfter(rosa_page, form_anchor, "version"), "1");

  const HttpResponse first =
      PostAs(maria_, action,
             Form({{"back", later}, {"version", "1"}, {"status", "done"}, {"note", "Ремонтът завърши през май."}}));
  ASSERT_EQ(first.status, 303) << first.body;
  ASSERT_FALSE(Contains(GetAs(rosa_, later).body, "Ремонт на читалището в Гайтанци"))
      << "done, it is no longer a follow-up to do";

  const HttpResponse second =
      PostAs(rosa_, action,
             Form({{"back", later}, {"version", "1"}, {"status", "in_progress"}, {"note", "Покривът още тече."}}));
  EXPECT_EQ(second.status, 409);
  EXPECT_TRUE(Contains(second.body, "Мониторинг на плана на Лом, 2029")) << "the page she was on";
  EXPECT_TRUE(Contains(second.body, "Някой запази промяна, докато редактирахте.")) << second.body;
  EXPECT_TRUE(Contains(second.body, "Ремонт на читалището в Гайтанци")) << "the action she saved";
  EXPECT_TRUE(Contains(second.body, "name=\"note\" value=\"Покривът още тече.\"")) << "what she typed stays";
  EXPECT_EQ(ChosenAfter(second.body, form_anchor), "in_progress") << "and the state she chose";
  EXPECT_TRUE(Contains(second.body, "<p>Ремонтът завърши през май.</p>")) << "Мария's note, above the form";
  EXPECT_TRUE(Contains(second.body, ">Изпълнено</span>")) << "and the state Мария saved";
  EXPECT_EQ(InputAfter(second.body, form_anchor, "version"), "2") << "she has seen version 2 now";
  const json kept = ApiJson("/api/v1" + earlier + "/report")["joint_action_plan"]["actions"];
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0]["status"], "done") << "Мария's save stays";
}

// Three weeks after the council for cooperation met, Мария marks its follow-up on health mediators done; Петър, on the
// meeting's page opened before, marks it dropped. He is told, his choice stays selected, the row shows it done, and
// it stays done until he sends his choice again having seen it.
TEST_F(EditConflictsTest, AMeetingsFollowUpChangedMeanwhileIsNotPutBack) {
  const std::string mediators = "Да се назначат още двама здравни медиатори";
  const auto follow_up = [&] {
    const json listed = ApiJson("/api/v1/meetings/follow-ups");
    for (const json& each : listed["follow_ups"]) {
      if (each["action"] == mediators) return each;
    }
    ADD_FAILURE() << "no demo follow-up " << mediators;
    return json::object();
  };
  const json opened = follow_up();
  ASSERT_EQ(opened["state"], "in_progress");
  const std::string id = std::to_string(opened["id"].get<std::int64_t>());
  const std::string meeting = std::to_string(opened["meeting_id"].get<std::int64_t>());
  const std::string page = "/meetings/" + meeting;
  const std::string form_anchor = "action=\"/meetings/follow-ups/" + id + "\"";

  // Both open the meeting's page: the follow-up's form is at version 1.
  ASSERT_EQ(InputAfter(GetAs(maria_, page).body, form_anchor, "version"), "1");
  ASSERT_EQ(InputAfter(GetAs(petar_, page).body, form_anchor, "version"), "1");
  const auto state_form = [&](const std::string& version, const std::string& state) {
    return Form({{"meeting", meeting},
                 {"version", version},
                 {"owner", opened["owner"].get<std::string>()},
                 {"due_on", opened["due_on"].get<std::string>()},
                 {"state", state}});
  };

  const HttpResponse first = PostAs(maria_, "/meetings/follow-ups/" + id, state_form("1", "done"));
  ASSERT_EQ(first.status, 303) << first.body;
  EXPECT_EQ(follow_up()["state"], "done");

  const HttpResponse second = PostAs(petar_, "/meetings/follow-ups/" + id, state_form("1", "dropped"));
  EXPECT_EQ(second.status, 409);
  EXPECT_TRUE(Contains(second.body, "Междувременно някой промени последващото действие „" + mediators +
                                        "“. То е показано такова, каквото е сега, с избраното от вас състояние: "
                                        "изпратете го отново, за да остане вашето."))
      << second.body;
  EXPECT_EQ(ChosenAfter(second.body, form_anchor), "dropped") << "the state he chose stays chosen";
  const auto row = second.body.find(">" + mediators + "</td>");
  ASSERT_NE(row, std::string::npos);
  EXPECT_NE(second.body.find("<span class=\"badge badge-good\">Изпълнено</span>", row), std::string::npos)
      << "the row shows it as Мария saved it";
  EXPECT_EQ(InputAfter(second.body, form_anchor, "version"), "2") << "he has seen version 2 now";
  EXPECT_EQ(follow_up()["state"], "done") << "Мария's change stays";

  // Having seen it done, he still holds it dropped, and sends his choice again from the version shown.
  const HttpResponse again = PostAs(petar_, "/meetings/follow-ups/" + id, state_form("2", "dropped"));
  EXPECT_EQ(again.status, 303) << again.body;
  EXPECT_EQ(again.Header("location"), page + "#follow-ups");
  const json now = follow_up();
  EXPECT_EQ(now["state"], "dropped");
  EXPECT_EQ(now["owner"], opened["owner"]) << "the owner the form re-sent is the one it showed";
  EXPECT_EQ(now["due_on"], opened["due_on"]);
}

// Десислава checks the rule for deciding on a request for information against the law's text and corrects its
// article; Николай, on the form he opened before, shortens its Bulgarian title. He is told, keeps his title, sees her
// article and check beside his fields, and her correction stays until he stores the rule again having seen it.
TEST_F(EditConflictsTest, ADeadlineRuleCorrectedMeanwhileIsNotPutBack) {
  const std::string edit = "/legal-clock/rules/info_request_decision/edit";
  const std::string post = "/legal-clock/rules/info_request_decision";
  const auto stored = [&] {
    const json listed = ApiJson("/api/v1/legal-clock/rules");
    for (const json& each : listed["rules"]) {
      if (each["code"] == "info_request_decision") return each;
    }
    ADD_FAILURE() << "no rule info_request_decision";
    return json::object();
  };
  const json opened = stored();
  ASSERT_EQ(opened["article"], "чл. 28(1)");
  ASSERT_EQ(opened["checked"], false);
  const std::string title = opened["title_bg"];
  ASSERT_EQ(title, "Решение по заявление за достъп до обществена информация");

  // Both open the rule's form at version 1.
  const HttpResponse desislava_form = GetAs(desislava_, edit);
  ASSERT_EQ(desislava_form.status, 200);
  ASSERT_EQ(InputAfter(desislava_form.body, "<form", "version"), "1");
  ASSERT_EQ(InputAfter(GetAs(nikolay_, edit).body, "<form", "version"), "1");
  const auto rule_form = [&](const std::string& version, const std::string& article, bool checked,
                             const std::string& title_bg) {
    std::string body = Form({{"version", version},
                             {"law", "ЗДОИ"},
                             {"article", article},
                             {"days", "14"},
                             {"months", "0"},
                             {"count", "calendar"},
                             {"moves", "yes"},
                             {"starts", opened["starts"].get<std::string>()},
                             {"title_bg", title_bg},
                             {"title_en", opened["title_en"].get<std::string>()}});
    if (checked) body += "&" + Form({{"checked", "yes"}, {"checked_on", "2026-12-04"}});
    return body;
  };

  const HttpResponse first = PostAs(desislava_, post, rule_form("1", "чл. 28, ал. 1", true, title));
  ASSERT_EQ(first.status, 303) << first.body;
  EXPECT_EQ(stored()["article"], "чл. 28, ал. 1");

  const std::string shorter = "Решение по заявление за достъп до информация";
  const HttpResponse second = PostAs(nikolay_, post, rule_form("1", "чл. 28(1)", false, shorter));
  EXPECT_EQ(second.status, 409);
  EXPECT_TRUE(Contains(second.body,
                       "Някой промени правилото за срок, докато го редактирахте. Записаното сега "
                       "правило е показано до въведеното от вас: запазете го отново, за да остане "
                       "вашето."))
      << second.body;
  EXPECT_TRUE(Contains(second.body, "name=\"title_bg\" value=\"" + shorter + "\"")) << "the title he typed stays";
  EXPECT_TRUE(Contains(second.body, "name=\"article\" value=\"чл. 28(1)\"")) << "as does the article his form showed";
  EXPECT_TRUE(Contains(second.body, "Записано в момента: чл. 28, ал. 1")) << "Десислава's article, beside it";
  EXPECT_TRUE(Contains(second.body, "Записано в момента: " + title)) << "the title as saved, beside his";
  EXPECT_TRUE(Contains(second.body, "Записано в момента: Да")) << "her check mark";
  EXPECT_TRUE(Contains(second.body, std::string("Записано в момента: 04.12.2026") + kNoBreakSpace + "г."));
  EXPECT_FALSE(Contains(second.body, "Записано в момента: 14")) << "nothing is shown beside a field that agrees";
  EXPECT_EQ(InputAfter(second.body, "<form", "version"), "2") << "he has seen version 2 now";
  const json kept = stored();
  EXPECT_EQ(kept["article"], "чл. 28, ал. 1") << "Десислава's correction stays";
  EXPECT_EQ(kept["checked"], true);
  EXPECT_EQ(kept["checked_on"], "2026-12-04");
  EXPECT_EQ(kept["title_bg"], title);

  // He keeps her article and check, adds his title, and stores the rule from the version shown.
  const HttpResponse again = PostAs(nikolay_, post, rule_form("2", "чл. 28, ал. 1", true, shorter));
  EXPECT_EQ(again.status, 303) << again.body;
  EXPECT_EQ(again.Header("location"), "/legal-clock#info_request_decision");
  const json now = stored();
  EXPECT_EQ(now["title_bg"], shorter);
  EXPECT_EQ(now["article"], "чл. 28, ал. 1");
  EXPECT_EQ(now["checked"], true);
}

// Мария publishes Лом's practice with health mediators in Bulgarian; she and Петър both open the form for its English
// version, which nobody has written yet. She saves hers first; his is refused as one made meanwhile, keeps his text,
// shows hers beside it, and hers stays until he saves again having read it.
TEST_F(EditConflictsTest, APracticesTextInALanguageSavedMeanwhileIsNotReplaced) {
  const std::string practice =
      PublishPractice(maria_, "MON24", "health", "2025", "Здравни медиатори в квартал Младеново",
                      "Квартал Младеново в Лом, където семействата рядко стигат до личен лекар.",
                      "Повече деца с направени имунизации.");
  ASSERT_TRUE(std::regex_match(practice, std::regex("/practices/[0-9]+"))) << practice;
  const std::string api = "/api/v1" + practice;
  const auto english = [&] {
    const json read = ApiJson(api);
    for (const json& each : read["versions"]) {
      if (each["language"] == "en") return each;
    }
    return json();
  };

  // Both open the English form: it shows no version, and carries 0.
  const std::string form = practice + "/versions/new?language=en";
  const HttpResponse maria_form = GetAs(maria_, form);
  ASSERT_EQ(maria_form.status, 200) << maria_form.body;
  ASSERT_EQ(InputAfter(maria_form.body, "<form", "version"), "0");
  ASSERT_EQ(InputAfter(maria_form.body, "<form", "version_language"), "en");
  ASSERT_EQ(InputAfter(GetAs(petar_, form).body, "<form", "version"), "0");
  const auto english_form = [](const std::string& version, const std::string& title, const std::string& context) {
    return Form({{"version", version},
                 {"version_language", "en"},
                 {"language", "en"},
                 {"origin", "person"},
                 {"title", title},
                 {"context", context}});
  };

  const HttpResponse first = PostAs(maria_, practice + "/versions",
                                    english_form("0", "Health mediators in the Mladenovo neighbourhood",
                                                 "Mladenovo, a neighbourhood of Lom where families seldom see a GP."));
  ASSERT_EQ(first.status, 303) << first.body;
  EXPECT_EQ(english()["title"], "Health mediators in the Mladenovo neighbourhood");

  const HttpResponse second =
      PostAs(petar_, practice + "/versions",
             english_form("0", "Health mediators in Mladenovo, Lom", "Families in Mladenovo had no GP nearby."));
  EXPECT_EQ(second.status, 409);
  EXPECT_TRUE(Contains(second.body,
                       "Версия на този език вече е запазена. Тя е показана до написаното от вас: "
                       "вземете нужното от двете и запазете отново, за да я замените."))
      << second.body;
  EXPECT_TRUE(Contains(second.body, "name=\"title\" value=\"Health mediators in Mladenovo, Lom\""))
      << "the title he typed stays";
  EXPECT_TRUE(Contains(second.body, ">Families in Mladenovo had no GP nearby.</textarea>")) << "and his context";
  const auto saved = second.body.find("Както е запазено сега: English");
  ASSERT_NE(saved, std::string::npos) << "Мария's version, beside his";
  EXPECT_NE(second.body.find("<strong>Health mediators in the Mladenovo neighbourhood</strong>", saved),
            std::string::npos);
  EXPECT_NE(second.body.find("Mladenovo, a neighbourhood of Lom where families seldom see a GP.", saved),
            std::string::npos);
  EXPECT_NE(second.body.find("Написано от Мария Петрова", saved), std::string::npos) << "and who wrote it";
  EXPECT_EQ(InputAfter(second.body, "<form", "version"), "1") << "he has seen version 1 now";
  const json kept = english();
  EXPECT_EQ(kept["title"], "Health mediators in the Mladenovo neighbourhood") << "Мария's version stays";
  EXPECT_EQ(kept["context"], "Mladenovo, a neighbourhood of Lom where families seldom see a GP.");

  // Having read hers, he saves his from the version shown: it replaces hers.
  const HttpResponse again =
      PostAs(petar_, practice + "/versions",
             english_form("1", "Health mediators in Mladenovo, Lom",
                          "Mladenovo, a neighbourhood of Lom where families seldom see a GP and had none nearby."));
  EXPECT_EQ(again.status, 303) << again.body;
  EXPECT_EQ(again.Header("location"), practice + "?version=en");
  const json now = english();
  EXPECT_EQ(now["title"], "Health mediators in Mladenovo, Lom");
  EXPECT_EQ(now["context"], "Mladenovo, a neighbourhood of Lom where families seldom see a GP and had none nearby.");
  EXPECT_EQ(ApiJson(api)["versions"].size(), 2u) << "one version in each language";
}

// Лом has set no target for its health-mediator posts by 2031. Стефан, the regional coordinator of Монтана, and
// Десислава both open the indicator's page at Лом, whose target form shows none and carries 0. Стефан sets at least 6
// from the municipal plan; Десислава, on the page she opened before, sets at least 8. She is told, keeps her number
// and note, sees his target above the form, and his stays until she sets hers again having seen it.
TEST_F(EditConflictsTest, AnIndicatorsTargetSetMeanwhileIsNotReplaced) {
  const std::string indicator = "/indicators/health_mediator_posts";
  const std::string page = indicator + "?place=MON24";
  const std::string form_anchor = "action=\"" + indicator + "/targets\"";
  const auto target = [&] {
    const json read = ApiJson("/api/v1" + indicator);
    for (const json& each : read["targets"]) {
      if (each["place"] == "MON24" && each["period"] == "2031") return each;
    }
    return json();
  };
  ASSERT_TRUE(target().is_null()) << "no target of Лом for 2031 yet";

  // Both open the page: the form shows no target, and carries 0.
  const HttpResponse stefan_page = GetAs(stefan_, page);
  ASSERT_EQ(stefan_page.status, 200);
  ASSERT_EQ(InputAfter(stefan_page.body, form_anchor, "version"), "0") << stefan_page.body;
  const HttpResponse desislava_page = GetAs(desislava_, page);
  ASSERT_EQ(InputAfter(desislava_page.body, form_anchor, "version"), "0");
  // The form as a browser sends it from `shown`, with what was typed in it.
  const auto target_form = [&](const std::string& shown, const std::string& value, const std::string& note) {
    return Form({{"place", InputAfter(shown, form_anchor, "place")},
                 {"breakdown", InputAfter(shown, form_anchor, "breakdown")},
                 {"version", InputAfter(shown, form_anchor, "version")},
                 {"version_of", InputAfter(shown, form_anchor, "version_of")},
                 {"period", "2031"},
                 {"rule", "at_least"},
                 {"value", value},
                 {"factor", ""},
                 {"reference", ""},
                 {"baseline_period", ""},
                 {"note", note}});
  };

  const HttpResponse first =
      PostAs(stefan_, indicator + "/targets", target_form(stefan_page.body, "6", "Общински план на Лом, мярка 2.3"));
  ASSERT_EQ(first.status, 303) << first.body;
  EXPECT_EQ(first.Header("location"), indicator + "?place=MON24#targets");
  ASSERT_FALSE(target().is_null());
  EXPECT_EQ(target()["rule"]["value"], 6.0);

  const HttpResponse second = PostAs(desislava_, indicator + "/targets",
                                     target_form(desislava_page.body, "8", "Областна стратегия на Монтана"));
  EXPECT_EQ(second.status, 409);
  EXPECT_TRUE(Contains(second.body,
                       "Тази целева стойност е зададена или променена, след като отворихте формуляра: записаната "
                       "сега е показана над формуляра. Задайте целевата стойност отново, за да я замените."))
      << second.body;
  EXPECT_TRUE(Contains(second.body, "name=\"value\" type=\"text\" value=\"8\"")) << "the number she typed stays";
  EXPECT_TRUE(Contains(second.body, "name=\"note\" type=\"text\" value=\"Областна стратегия на Монтана\""))
      << "and her note";
  EXPECT_EQ(ChosenAfter(second.body, form_anchor), "at_least") << "and her rule";
  EXPECT_TRUE(Contains(second.body, "id=\"target-stored\">Записано в момента: Поне 6</p>"))
      << "Стефан's target, above the form";
  EXPECT_EQ(InputAfter(second.body, form_anchor, "version"), "1") << "she has seen version 1 now";
  const json kept = target();
  ASSERT_FALSE(kept.is_null());
  EXPECT_EQ(kept["rule"]["value"], 6.0) << "Стефан's target stays";
  EXPECT_EQ(kept["note"], "Общински план на Лом, мярка 2.3");

  // Having seen his, she holds to the oblast's strategy and sets hers from the version shown.
  const HttpResponse again =
      PostAs(desislava_, indicator + "/targets", target_form(second.body, "8", "Областна стратегия на Монтана"));
  EXPECT_EQ(again.status, 303) << again.body;
  EXPECT_EQ(again.Header("location"), indicator + "?place=MON24#targets");
  const json now = target();
  ASSERT_FALSE(now.is_null());
  EXPECT_EQ(now["rule"]["value"], 8.0);
  EXPECT_EQ(now["note"], "Областна стратегия на Монтана");
}

// Десислава publishes, for Каварна, its practice of evening classes for parents. Мария and Петър, of Лом, both open the
// form to record that Лом takes it up, which nobody has recorded yet. Мария records that Лом adapts it; Петър, on the
// form he opened before, that it adopts it as it is. He is told, keeps his choice and words, sees hers beside them,
// and hers stays until he records his again having read it.
TEST_F(EditConflictsTest, APracticesTakeUpRecordedMeanwhileIsNotReplaced) {
  const std::string practice =
      PublishPractice(desislava_, "DOB17", "education", "2024", "Вечерно училище за родители в Каварна",
                      "Родители от квартал Хаджи Димитър, които не са завършили основно образование.",
                      "Четиридесет родители завършиха седми клас.");
  ASSERT_TRUE(std::regex_match(practice, std::regex("/practices/[0-9]+"))) << practice;
  const auto take_ups = [&] { return ApiJson("/api/v1" + practice)["transfers"]; };

  // Both open the form for Лом: it shows no take-up, and carries 0.
  const std::string form = practice + "/transfers/new";
  const HttpResponse maria_form = GetAs(maria_, form);
  ASSERT_EQ(maria_form.status, 200) << maria_form.body;
  ASSERT_EQ(InputAfter(maria_form.body, "<form", "version"), "0");
  ASSERT_EQ(InputAfter(maria_form.body, "<form", "version_of"), "MON24");
  ASSERT_EQ(InputAfter(GetAs(petar_, form).body, "<form", "version"), "0");
  const auto take_up = [](const std::string& version, const std::string& kind, const std::string& note) {
    return Form({{"version", version},
                 {"version_of", "MON24"},
                 {"municipality", "MON24"},
                 {"kind", kind},
                 {"item", ""},
                 {"note", note}});
  };

  const HttpResponse first =
      PostAs(maria_, practice + "/transfers", take_up("0", "adapts", "Занятията са в читалището в Младеново."));
  ASSERT_EQ(first.status, 303) << first.body;
  ASSERT_EQ(take_ups().size(), 1u);

  const HttpResponse second =
      PostAs(petar_, practice + "/transfers", take_up("0", "adopts", "Същата програма, със същите учители."));
  EXPECT_EQ(second.status, 409);
  EXPECT_TRUE(Contains(second.body,
                       "Възприемането от тази община вече е отбелязано. То е показано до написаното от вас: "
                       "вземете нужното от двете и отбележете отново, за да го замените."))
      << second.body;
  EXPECT_TRUE(Contains(second.body, ">Същата програма, със същите учители.</textarea>")) << "the words he typed stay";
  EXPECT_TRUE(Contains(second.body, "name=\"kind\" value=\"adopts\" checked")) << "and his choice";
  const auto saved = second.body.find("Както е запазено сега");
  ASSERT_NE(saved, std::string::npos) << "Мария's take-up, beside his";
  EXPECT_NE(second.body.find("Лом: я приспособява", saved), std::string::npos);
  EXPECT_NE(second.body.find("Занятията са в читалището в Младеново.", saved), std::string::npos);
  EXPECT_EQ(InputAfter(second.body, "<form", "version"), "1") << "he has seen version 1 now";
  const json kept = take_ups();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0]["kind"], "adapts") << "Мария's take-up stays";
  EXPECT_EQ(kept[0]["note"], "Занятията са в читалището в Младеново.");

  // Having read hers, he records his from the version shown: it replaces hers.
  const HttpResponse again =
      PostAs(petar_, practice + "/transfers",
             take_up("1", "adopts", "Същата програма, със същите учители; занятията са в читалището в Младеново."));
  EXPECT_EQ(again.status, 303) << again.body;
  EXPECT_EQ(again.Header("location"), practice + "#travelled-heading");
  const json now = take_ups();
  ASSERT_EQ(now.size(), 1u) << "one take-up of Лом";
  EXPECT_EQ(now[0]["municipality"], "MON24");
  EXPECT_EQ(now[0]["kind"], "adopts");
  EXPECT_EQ(now[0]["note"], "Същата програма, със същите учители; занятията са в читалището в Младеново.");
}

// Мария records afterwards a meeting of the council for cooperation held in Младеново. She and Петър both open its
// page; she counts who came from her list, he from his, on the form he opened before. He is told, keeps his counts,
// sees hers beside each count that differs, and hers stay until he records his again having seen them.
TEST_F(EditConflictsTest, AMeetingsAttendanceRecordedMeanwhileIsNotReplaced) {
  std::string body;
  const json bodies = ApiJson("/api/v1/meetings/bodies");
  for (const json& each : bodies["bodies"]) {
    if (each["place"] == "MON24" && each["kind"] == "council_for_cooperation") {
      body = std::to_string(each["id"].get<std::int64_t>());
    }
  }
  ASSERT_FALSE(body.empty()) << "the demo council for cooperation of Лом";
  const HttpResponse scheduled = PostAs(maria_, "/meetings",
                                        Form({{"body", body},
                                              {"title", "Изнесено заседание в кв. Младеново"},
                                              {"starts_at", "2025-10-14T17:00"},
                                              {"ends_at", "2025-10-14T19:00"},
                                              {"location", "Читалище „Светлина“, кв. Младеново"},
                                              {"is_public", "yes"}}));
  ASSERT_EQ(scheduled.status, 303) << scheduled.body;
  const std::string page = scheduled.Header("location");
  ASSERT_TRUE(std::regex_match(page, std::regex("/meetings/[0-9]+"))) << page;
  const auto attendance = [&] { return ApiJson("/api/v1" + page)["attendance"]; };
  const std::string form_anchor = "action=\"" + page + "/attendance\"";

  // Both open the meeting's page, with nobody counted yet.
  const std::string maria_page = GetAs(maria_, page).body;
  const std::string version = InputAfter(maria_page, form_anchor, "version");
  ASSERT_NE(version, "none") << maria_page;
  ASSERT_EQ(InputAfter(GetAs(petar_, page).body, form_anchor, "version"), version);
  const auto counts = [](const std::string& shown, const std::string& institution, const std::string& civil_society,
                         const std::string& initiative_group, const std::string& resident) {
    return Form({{"version", shown},
                 {"count_institution", institution},
                 {"count_civil_society", civil_society},
                 {"count_initiative_group", initiative_group},
                 {"count_resident", resident}});
  };

  const HttpResponse first = PostAs(maria_, page + "/attendance", counts(version, "5", "3", "", "12"));
  ASSERT_EQ(first.status, 303) << first.body;
  EXPECT_EQ(first.Header("location"), page + "#attendance");

  const HttpResponse second = PostAs(petar_, page + "/attendance", counts(version, "5", "4", "2", "10"));
  EXPECT_EQ(second.status, 409);
  EXPECT_TRUE(
      Contains(second.body, "Междувременно някой е променил срещата: отворете я отново, за да видите промяната."))
      << second.body;
  const auto field = [&](const std::string& kind) {
    const auto at = second.body.find("id=\"meeting-attendance_" + kind + "\"");
    return at == std::string::npos ? std::string() : second.body.substr(at, second.body.find("</div>", at) - at);
  };
  EXPECT_TRUE(Contains(field("civil_society"), "value=\"4\"")) << "the counts he typed stay";
  EXPECT_TRUE(Contains(field("initiative_group"), "value=\"2\""));
  EXPECT_TRUE(Contains(field("resident"), "value=\"10\""));
  EXPECT_TRUE(Contains(field("civil_society"), "Записано в момента: 3")) << "Мария's, beside each that differs";
  EXPECT_TRUE(Contains(field("initiative_group"), "Записано в момента: 0"));
  EXPECT_TRUE(Contains(field("resident"), "Записано в момента: 12"));
  EXPECT_TRUE(Contains(field("institution"), "value=\"5\""));
  EXPECT_FALSE(Contains(field("institution"), "Записано в момента")) << "nothing beside a count that agrees";
  EXPECT_TRUE(Contains(second.body, "Дойдоха 20 души.")) << "the meeting shows what Мария recorded";
  EXPECT_NE(InputAfter(second.body, form_anchor, "version"), version) << "he has seen her version now";
  const json kept = attendance();
  EXPECT_EQ(kept.value("civil_society", 0), 3) << "Мария's counts stay";
  EXPECT_EQ(kept.value("initiative_group", 0), 0);
  EXPECT_EQ(kept.value("resident", 0), 12);

  // Having compared, he records his counts again from the version shown.
  const HttpResponse again = PostAs(petar_, page + "/attendance",
                                    counts(InputAfter(second.body, form_anchor, "version"), "5", "4", "2", "10"));
  EXPECT_EQ(again.status, 303) << again.body;
  const json now = attendance();
  EXPECT_EQ(now.value("institution", 0), 5);
  EXPECT_EQ(now.value("civil_society", 0), 4);
  EXPECT_EQ(now.value("initiative_group", 0), 2);
  EXPECT_EQ(now.value("resident", 0), 10);
}

// Мария drafts a plan of Лом with a measure for legalising homes. She opens the page that withdraws it, says why, and
// before she confirms, Петър renames the measure and sets its progress. Her withdrawal is refused: she keeps her
// reason, sees the measure as Петър saved it, and it stays in the plan until she withdraws it again having seen it.
TEST_F(EditConflictsTest, APlanItemChangedMeanwhileIsNotWithdrawnFromTheOlderPage) {
  const HttpResponse created = PostAs(maria_, "/policies/documents",
                                      Form({{"level", "municipal"},
                                            {"kind", "action_plan"},
                                            {"title", "План за интеграция на Лом 2027–2030"},
                                            {"period_start", "2027"},
                                            {"period_end", "2030"},
                                            {"municipality", "MON24"},
                                            {"status", "draft"},
                                            {"progress_rule", "equal"}}));
  ASSERT_EQ(created.status, 303) << created.body;
  std::smatch document_path;
  const std::string location = created.Header("location");
  ASSERT_TRUE(std::regex_search(location, document_path, std::regex("/policies/documents/([0-9]+)"))) << location;
  const std::string document = document_path[1].str();
  const std::string items = "/policies/documents/" + document + "/items";
  const auto item_id = [](const HttpResponse& response) {
    std::smatch found;
    const std::string where = response.Header("location");
    return std::regex_search(where, found, std::regex("#item-([0-9]+)")) ? found[1].str() : std::string();
  };
  const std::string objective = item_id(PostAs(maria_, items, Form({{"kind", "objective"}, {"title", "Жилища"}})));
  ASSERT_FALSE(objective.empty());
  const std::string measure = item_id(
      PostAs(maria_, items, Form({{"kind", "measure"}, {"parent", objective}, {"title", "Узаконяване на жилища"}})));
  ASSERT_FALSE(measure.empty());
  const std::string measure_page = "/policies/items/" + measure;
  const auto in_plan = [&] {
    const json tree = ApiJson("/api/v1/policies/documents/" + document);
    for (const json& each : tree["items"]) {
      if (std::to_string(each["id"].get<std::int64_t>()) == measure) return each;
    }
    return json();
  };

  // Мария opens the withdrawal at version 1; Петър changes the measure from its form, at version 1 too.
  const HttpResponse confirm = GetAs(maria_, measure_page + "/withdraw");
  ASSERT_EQ(confirm.status, 200) << confirm.body;
  ASSERT_EQ(InputAfter(confirm.body, "<form", "version"), "1");
  ASSERT_TRUE(Contains(confirm.body, ">Оттегляне</button>"));
  const HttpResponse changed = PostAs(petar_, measure_page,
                                      Form({{"kind", "measure"},
                                            {"parent", objective},
                                            {"title", "Узаконяване на жилища в кв. Младеново"},
                                            {"progress", "30"},
                                            {"version", "1"}}));
  ASSERT_EQ(changed.status, 303) << changed.body;

  const HttpResponse second =
      PostAs(maria_, measure_page + "/withdraw", Form({{"version", "1"}, {"reason", "Няма средства за кадастър."}}));
  EXPECT_EQ(second.status, 409);
  EXPECT_TRUE(
      Contains(second.body, "Някой промени елемента, докато го редактирахте. Презаредете, за да видите промяната."))
      << second.body;
  EXPECT_TRUE(Contains(second.body, ">Няма средства за кадастър.</textarea>")) << "the reason she typed stays";
  EXPECT_TRUE(Contains(second.body, "Узаконяване на жилища в кв. Младеново</strong>"))
      << "the measure as Петър saved it";
  EXPECT_EQ(InputAfter(second.body, "<form", "version"), "2") << "she has seen version 2 now";
  const json kept = in_plan();
  ASSERT_FALSE(kept.is_null()) << "the measure stays in the plan";
  EXPECT_EQ(kept["title"], "Узаконяване на жилища в кв. Младеново") << "as Петър saved it";
  EXPECT_EQ(kept["progress"], 30);

  EXPECT_EQ(InputAfter(second.body, "<form", "below"), "") << "the page lists nothing under the measure";

  // Before she sends it again, Петър adds an activity under the measure, which leaves the measure's version alone.
  // Withdrawing would take the activity too, and her page did not list it: she is told and now sees it listed.
  const std::string activity = item_id(PostAs(
      petar_, items, Form({{"kind", "activity"}, {"parent", measure}, {"title", "Заснемане на имотите в Младеново"}})));
  ASSERT_FALSE(activity.empty());
  const HttpResponse unlisted = PostAs(
      maria_, measure_page + "/withdraw",
      Form({{"version", "2"}, {"below", InputAfter(second.body, "<form", "below")}, {"reason", "Няма средства."}}));
  EXPECT_EQ(unlisted.status, 409);
  EXPECT_TRUE(Contains(unlisted.body, "След като отворихте тази страница, под него бяха добавени елементи"))
      << unlisted.body;
  EXPECT_TRUE(Contains(unlisted.body, "Заснемане на имотите в Младеново</li>")) << "the activity, now listed";
  EXPECT_TRUE(Contains(unlisted.body, ">Няма средства.</textarea>")) << "the reason she typed stays";
  EXPECT_EQ(InputAfter(unlisted.body, "<form", "below"), activity);
  EXPECT_FALSE(in_plan().is_null()) << "the measure stays in the plan";

  // Having seen both changes, she still withdraws it, with what is under it, from the page shown.
  const HttpResponse again = PostAs(maria_, measure_page + "/withdraw",
                                    Form({{"version", InputAfter(unlisted.body, "<form", "version")},
                                          {"below", InputAfter(unlisted.body, "<form", "below")},
                                          {"reason", "Няма средства за кадастър."}}));
  EXPECT_EQ(again.status, 303) << again.body;
  EXPECT_EQ(again.Header("location"), "/policies/documents/" + document + "#withdrawn");
  EXPECT_TRUE(in_plan().is_null());
  const json withdrawn = ApiJson("/api/v1/policies/documents/" + document)["withdrawn"];
  ASSERT_EQ(withdrawn.size(), 2u) << "the measure and the activity under it";
  EXPECT_EQ(withdrawn[0]["title"], "Узаконяване на жилища в кв. Младеново");

  // Петър, on the withdrawal page he opened at version 2 before she confirmed, sends a reason of his own. He is told
  // the measure is out of the plan already, and since when; his reason stays in the form; nothing is withdrawn twice.
  const HttpResponse twice =
      PostAs(petar_, measure_page + "/withdraw", Form({{"version", "2"}, {"reason", "Дублира мярка 2.1."}}));
  EXPECT_EQ(twice.status, 409);
  EXPECT_TRUE(Contains(twice.body, "Този елемент вече е оттеглен от плана.")) << twice.body;
  EXPECT_TRUE(Contains(twice.body, ">Дублира мярка 2.1.</textarea>")) << "the reason he typed stays";
  EXPECT_TRUE(Contains(twice.body, "<strong>Оттеглено от плана</strong> (")) << "and when it was withdrawn";
  EXPECT_FALSE(Contains(twice.body, ">Оттегляне</button>")) << "there is nothing left to withdraw";
  EXPECT_EQ(ApiJson("/api/v1/policies/documents/" + document)["withdrawn"].size(), 2u);
  const std::string history = GetAs(petar_, measure_page).body;
  EXPECT_TRUE(Contains(history, "Няма средства за кадастър.")) << "Мария's reason is the one kept";
  EXPECT_FALSE(Contains(history, "Дублира мярка 2.1."));
}

}  // namespace
