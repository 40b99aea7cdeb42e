// The policy cascade through the real binary: a visitor reads it, an official of Лом builds a plan within their
// scope, links a measure to an EU objective and sees the gap list shrink; others are kept out.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "support/form_client.hpp"
#include "support/http_client.hpp"
#include "support/server_suite.hpp"

namespace {

using nlohmann::json;
using test_support::Get;
using test_support::HiddenCsrf;
using test_support::HttpResponse;
using test_support::PostForm;
using test_support::SignIn;

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class PoliciesTest : public test_support::ServerSuite<PoliciesTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    ASSERT_NO_FATAL_FAILURE(
        AddUser("official@lom.bg", {"--role", "municipal_official", "--scope", "municipality:MON24"}));
    ASSERT_NO_FATAL_FAILURE(
        AddUser("monitor@lom.bg", {"--role", "community_monitor", "--scope", "municipality:MON24"}));
    ASSERT_NO_FATAL_FAILURE(AddUser("admin@khetane.bg", {"--name", "Administrator", "--role", "administrator"}));
    Serve();
    official_ = SignIn(port(), "official@lom.bg", "correct horse battery");
    ASSERT_FALSE(official_.empty());
  }
  static json Gaps() { return json::parse(Get(port(), "/api/v1/policies/gaps?scope=municipality%3AMON24").body); }

  // The id at the end of a redirect like /policies/documents/7 or /policies/documents/7#item-12.
  static std::string IdIn(const std::string& location, const std::string& pattern) {
    std::smatch match;
    return std::regex_search(location, match, std::regex(pattern)) ? match[1].str() : "";
  }

  static inline std::string official_;
};

TEST_F(PoliciesTest, AVisitorReadsTheCascadeFromTheEuFrameworkDown) {
  const HttpResponse index = Get(port(), "/policies");
  ASSERT_EQ(index.status, 200);
  EXPECT_TRUE(Contains(index.body, "Стратегическа рамка на ЕС за равенство, приобщаване и участие на ромите"));
  EXPECT_TRUE(Contains(index.body, "Национална стратегия на Република България за равенство"));

  const json documents = json::parse(Get(port(), "/api/v1/policies/documents?level=national").body);
  ASSERT_EQ(documents["items"].size(), 1u);
  const json& strategy = documents["items"][0];
  EXPECT_EQ(strategy["adoption"]["decision_date"], "2022-05-05");
  EXPECT_EQ(strategy["adoption"]["adopted_by"], "Council of Ministers");
  EXPECT_EQ(strategy["source_url"], "https://nccedi.government.bg/bg/node/448");

  const json framework = json::parse(Get(port(), "/api/v1/policies/documents?level=eu").body)["items"][0];
  const HttpResponse page = Get(port(), framework["url"].get<std::string>(), {"Accept-Language: en"});
  EXPECT_TRUE(Contains(page.body, "Fight and prevent antigypsyism and discrimination"));
  EXPECT_TRUE(Contains(page.body, "Progress: <span class=\"meter meter-none\">"))
      << "not reported is a state of its own";
  EXPECT_TRUE(Contains(page.body, "<span class=\"meter-text\">not reported</span>")) << "never shown as 0";

  const json tree = json::parse(Get(port(), "/api/v1/policies/documents/" + framework["id"].dump()).body);
  ASSERT_EQ(tree["items"].size(), 7u);
  EXPECT_FALSE(tree["items"][0]["targets"].empty()) << "the 2030 targets come with the objectives";
}

TEST_F(PoliciesTest, AnOfficialOfLomBuildsAPlanLinksAMeasureAndTheGapListShrinks) {
  const std::size_t gaps_before = Gaps()["unimplemented_objectives"].size();
  EXPECT_EQ(gaps_before, 3u) << "Лом's demo plan answers four of the seven EU objectives";
  const std::size_t unlinked_before = Gaps()["measures_implementing_nothing"].size();

  // A mistake comes back with what was typed.
  const HttpResponse bad = PostAs(official_, "/policies/documents",
                                  "level=municipal&kind=action_plan&title=%D0%9F%D0%BB%D0%B0%D0%BD&period_start=2030"
                                  "&period_end=2027&municipality=MON24&status=draft&progress_rule=equal");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Contains(bad.body, "Периодът се задава с две години")) << bad.body;
  EXPECT_TRUE(Contains(bad.body, "value=\"План\""));

  const HttpResponse created =
      PostAs(official_, "/policies/documents",
             "level=municipal&kind=action_plan&title=%D0%9F%D0%BB%D0%B0%D0%BD+%D0%9B%D0%BE%D0%BC"
             "&period_start=2027&period_end=2030&municipality=MON24&status=draft"
             "&progress_rule=equal");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string document = IdIn(created.Header("location"), R"(/policies/documents/(\d+))");
  ASSERT_FALSE(document.empty());

  const HttpResponse objective = PostAs(official_, "/policies/documents/" + document + "/items",
                                        "kind=objective&code=1&title=Education+for+every+child&version=1");
  ASSERT_EQ(objective.status, 303) << objective.body;
  const std::string objective_id = IdIn(objective.Header("location"), R"(#item-(\d+))");

  const HttpResponse no_parent =
      PostAs(official_, "/policies/documents/" + document + "/items", "kind=activity&title=Summer+school&progress=150");
  EXPECT_EQ(no_parent.status, 422);
  EXPECT_TRUE(Contains(no_parent.body, "value=\"Summer school\"")) << "what was typed stays";

  const HttpResponse measure = PostAs(
      official_, "/policies/documents/" + document + "/items",
      "kind=measure&parent=" + objective_id + "&code=1.1&title=Education+mediators+in+Lom&planned_municipal=12+000,50");
  ASSERT_EQ(measure.status, 303) << measure.body;
  const std::string measure_id = IdIn(measure.Header("location"), R"(#item-(\d+))");
  EXPECT_EQ(Gaps()["measures_implementing_nothing"].size(), unlinked_before + 1);

  // Link the measure to the EU housing objective, found by search.
  const HttpResponse search = GetAs(official_, "/policies/items/" + measure_id + "?q=housing");
  std::smatch candidate;
  ASSERT_TRUE(std::regex_search(search.body, candidate, std::regex(R"re(name="implements" value="(\d+)")re")))
      << search.body;
  const HttpResponse linked =
      PostAs(official_, "/policies/items/" + measure_id + "/links", "implements=" + candidate[1].str());
  ASSERT_EQ(linked.status, 303) << linked.body;

  const json gaps = Gaps();
  EXPECT_EQ(gaps["unimplemented_objectives"].size(), gaps_before - 1) << "the gap list shrinks by one";
  EXPECT_EQ(gaps["measures_implementing_nothing"].size(), unlinked_before);
  const HttpResponse page = Get(port(), "/policies/gaps?scope=municipality%3AMON24");
  EXPECT_TRUE(Contains(page.body, "<span data-count=\"unimplemented\">2</span>"));

  // The measure's page shows the link, the budget and who did what.
  const HttpResponse item = Get(port(), "/policies/items/" + measure_id);
  EXPECT_TRUE(Contains(item.body, "<span class=\"money\">12\u00a0000,50\u00a0€</span>"))
      << "as Bulgarian writes amounts, with the currency";
  EXPECT_TRUE(Contains(item.body, "Свързан"));
  EXPECT_TRUE(Contains(item.body, "Създаден"));
  // Its history reads in words: the objective it belongs to by its title, the budget with its source and currency.
  EXPECT_TRUE(Contains(item.body, "<ins>Цел 1 Education for every child</ins>")) << item.body;
  EXPECT_TRUE(Contains(item.body, "<ins>Общински бюджет 12\u00a0000,50\u00a0€ / не е отчетено / не е отчетено</ins>"))
      << item.body;
  EXPECT_FALSE(Contains(item.body, "{&quot;")) << "no JSON";
  EXPECT_FALSE(Contains(item.body, ">position<")) << "nor the item's place in the order";

  // A stale form is refused, not silently overwritten.
  const HttpResponse first = PostAs(official_, "/policies/items/" + measure_id,
                                    "kind=measure&parent=" + objective_id + "&title=Mediators&progress=40&version=1");
  ASSERT_EQ(first.status, 303) << first.body;
  const HttpResponse stale = PostAs(official_, "/policies/items/" + measure_id,
                                    "kind=measure&parent=" + objective_id + "&title=Old+title&version=1");
  EXPECT_EQ(stale.status, 409);
  EXPECT_TRUE(Contains(Get(port(), "/policies/items/" + measure_id).body, "Mediators"));
  const std::string plan_page = Get(port(), "/policies/documents/" + document).body;
  EXPECT_TRUE(Contains(plan_page, "40%")) << "progress rolls up";
  EXPECT_TRUE(Contains(plan_page, "<del>—</del> → <ins>Лом</ins>")) << "its history names the municipality, not MON24";
  EXPECT_TRUE(
      Contains(plan_page, "<span id=\"plan-progress\"><span class=\"meter\"><progress max=\"100\" value=\"40\""))
      << "to the whole plan, as a bar";

  const std::string csv = Get(port(), "/policies/gaps.csv?scope=municipality%3AMON24").body;
  EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBFgap,uid,code,title,title_en,document_id,document_title,level,demo\r\n"))
      << "with the byte order mark Excel needs to read Cyrillic";
}

TEST_F(PoliciesTest, TheGapPageLeadsWithCoverageAndShowsTheDemoPlansGapsOnlyWhereItIs) {
  const HttpResponse lom = Get(port(), "/policies/gaps?scope=municipality%3AMON24");
  ASSERT_EQ(lom.status, 200);
  EXPECT_TRUE(Contains(lom.body, " от 7 цели на ЕС имат нещо по-долу, което ги изпълнява")) << lom.body;
  EXPECT_LT(lom.body.find("Докъде стигат плановете"), lom.body.find("id=\"unimplemented\""))
      << "the summary comes first";
  EXPECT_TRUE(Contains(lom.body, "<p class=\"notice demo\" role=\"note\">")) << "the demo plan is said to be demo";
  const json lom_gaps = Gaps();
  EXPECT_TRUE(lom_gaps["includes_demo_data"].get<bool>());
  ASSERT_FALSE(lom_gaps["coverage"].empty());
  EXPECT_EQ(lom_gaps["coverage"][0]["level"], "eu");
  EXPECT_EQ(lom_gaps["coverage"][0]["objectives"], 7);
  EXPECT_GE(lom_gaps["coverage"][0]["implemented"].get<int>(), 4) << "the four the demo plan links to";

  const HttpResponse english = Get(port(), "/policies/gaps?scope=municipality%3AMON24", {"Accept-Language: en"});
  EXPECT_TRUE(Contains(english.body, " of 7 EU objectives have something below that implements them"));

  const HttpResponse country = Get(port(), "/policies/gaps");
  EXPECT_FALSE(Contains(country.body, "<p class=\"notice demo\"")) << "demo data never counts for the country";
  const json country_gaps = json::parse(Get(port(), "/api/v1/policies/gaps").body);
  EXPECT_FALSE(country_gaps["includes_demo_data"].get<bool>());
  for (const json& gap : country_gaps["measures_implementing_nothing"]) EXPECT_FALSE(gap["demo"].get<bool>());
}

TEST_F(PoliciesTest, TheFormsChooseWhatTheyCanForAnOfficialAndKeepTheirPageWhenALinkIsRefused) {
  // A new document: Лом's action plan, implementing the national strategy, chosen for the official of Лом.
  const HttpResponse form = GetAs(official_, "/policies/documents/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Contains(form.body, "<option value=\"municipal\" selected>")) << form.body;
  EXPECT_TRUE(Contains(form.body, "<option value=\"MON24\" selected>Лом (Монтана)</option>"));
  EXPECT_FALSE(Contains(form.body, "<option value=\"BLG03\"")) << "only the municipality the official writes for";
  EXPECT_TRUE(std::regex_search(form.body, std::regex("<option value=\"\\d+\" selected>Национална стратегия")))
      << "the plan implements the national strategy, Montana having no strategy in force here";
  EXPECT_LT(form.body.find(">Благоевград</option>"), form.body.find(">Бургас</option>"))
      << "oblasts by name, not by code (BGS before BLG)";
  EXPECT_TRUE(Contains(form.body, "name=\"decision_date\" type=\"date\"")) << "one way to give a date";
  // The national strategy's areas, each once; other frameworks' folded away.
  const std::size_t folded = form.body.find("<details class=\"other-areas\">");
  ASSERT_NE(folded, std::string::npos);
  const std::string open_part = form.body.substr(0, folded);
  std::size_t educations = 0;
  for (std::size_t at = open_part.find(">Образование</label>"); at != std::string::npos;
       at = open_part.find(">Образование</label>", at + 1)) {
    ++educations;
  }
  EXPECT_EQ(educations, 1u) << "Образование once, not three times";

  // An objective and a measure in education in a plan of Лом, and one of Благоевград in the same area.
  const HttpResponse created = PostAs(official_, "/policies/documents",
                                      "level=municipal&kind=action_plan&title=Links&period_start=2027"
                                      "&period_end=2030&municipality=MON24&status=draft&progress_rule=equal");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string document = IdIn(created.Header("location"), R"(/policies/documents/(\d+))");
  const json areas = json::parse(Get(port(), "/api/v1/policies/areas").body)["items"];
  std::string education;
  for (const json& area : areas) {
    if (area["scheme"] == "bg2021" && area["code"] == "education") education = area["id"].dump();
  }
  ASSERT_FALSE(education.empty());
  const HttpResponse objective = PostAs(official_, "/policies/documents/" + document + "/items",
                                        "kind=objective&code=1&title=Schools&area_" + education + "=1");
  ASSERT_EQ(objective.status, 303) << objective.body;
  const std::string objective_id = IdIn(objective.Header("location"), R"(#item-(\d+))");

  // Suggestions before any search: the EU education objective, by the area; nothing of another municipality.
  const HttpResponse page = GetAs(official_, "/policies/items/" + objective_id);
  EXPECT_TRUE(Contains(page.body, "Предложения: от документа")) << page.body;
  EXPECT_TRUE(Contains(page.body, "Ефективен равен достъп до качествено приобщаващо образование"))
      << "the EU education objective is suggested";
  EXPECT_FALSE(Contains(page.body, "Борба с антициганизма")) << "an objective of another area is not";

  // "Link" with nothing chosen keeps the page, the search and its choices, and says what to choose.
  const HttpResponse refused = PostAs(official_, "/policies/items/" + objective_id + "/links", "q=education");
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Contains(refused.body, "Изберете какво изпълнява")) << refused.body;
  EXPECT_TRUE(Contains(refused.body, "name=\"q\" type=\"search\" value=\"education\"")) << "the search stays";
  EXPECT_TRUE(Contains(refused.body, "name=\"implements\"")) << "and its results";
  EXPECT_TRUE(Contains(refused.body, "1 Schools</h1>")) << "on the item's own page";
}

TEST_F(PoliciesTest, ARefusedItemComesBackAsTypedWithAMessageBesideEachWrongField) {
  const HttpResponse created = PostAs(official_, "/policies/documents",
                                      "level=municipal&kind=action_plan&title=Fields&period_start=2027"
                                      "&period_end=2030&municipality=MON24&status=draft&progress_rule=equal");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string items = created.Header("location") + "/items";

  // Three rules broken at once: each is said beside its field, and all of them above the form.
  const HttpResponse refused = PostAs(
      official_, items, "kind=measure&title=&code=1.1&start=01.05.2027&end=2027-04-01&responsible=%D0%A0%D0%A3%D0%9E");
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Contains(refused.body, "<p class=\"field-error\" id=\"item-title-problem\">Напишете заглавие.</p>"))
      << refused.body;
  EXPECT_TRUE(Contains(
      refused.body, "<p class=\"field-error\" id=\"item-parent-problem\">Мярката принадлежи към цел: изберете я.</p>"))
      << "a measure belongs to an objective, as in an imported file";
  EXPECT_TRUE(Contains(refused.body, "<p class=\"field-error\" id=\"item-end-problem\">Краят е преди началото.</p>"));
  EXPECT_TRUE(Contains(refused.body, "<a href=\"#item-end\">Краят е преди началото.</a>"));
  EXPECT_TRUE(
      Contains(refused.body, "id=\"item-title\" aria-invalid=\"true\" aria-describedby=\"item-title-problem\""));
  EXPECT_FALSE(Contains(refused.body, "id=\"item-code\" aria-invalid")) << "only the wrong fields are marked";
  EXPECT_TRUE(Contains(refused.body, "value=\"01.05.2027\"")) << "what was typed stays";
  EXPECT_TRUE(Contains(refused.body, "value=\"РУО\""));

  // A value that is not even an amount is said beside its own box of the budget table.
  const HttpResponse amount = PostAs(official_, items, "kind=objective&title=Housing&planned_erdf=12,345");
  EXPECT_EQ(amount.status, 422);
  EXPECT_TRUE(Contains(amount.body, "id=\"item-planned-erdf-problem\"")) << amount.body;
  EXPECT_TRUE(Contains(amount.body, "value=\"Housing\""));
}

TEST_F(PoliciesTest, OnlyThoseWithTheRightRoleChangeADocument) {
  const json strategy = json::parse(Get(port(), "/api/v1/policies/documents?level=national").body)["items"][0];
  EXPECT_EQ(GetAs(official_, strategy["url"].get<std::string>() + "/edit").status, 403)
      << "an official of Лом does not edit the national strategy";
  const std::string monitor = SignIn(port(), "monitor@lom.bg", "correct horse battery");
  const HttpResponse refused = PostAs(monitor, "/policies/documents",
                                      "level=municipal&kind=action_plan&title=Plan&period_start=2027&period_end=2030"
                                      "&municipality=MON24&status=draft&progress_rule=equal");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(Get(port(), "/policies/documents/new").status, 303) << "a visitor is sent to sign in";
}

TEST_F(PoliciesTest, AnOfficialWithdrawsAMeasureAfterConfirmingAndRestoresIt) {
  const HttpResponse created = PostAs(official_, "/policies/documents",
                                      "level=municipal&kind=action_plan&title=Withdrawals&period_start=2027"
                                      "&period_end=2030&municipality=MON24&status=draft&progress_rule=equal");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string document = IdIn(created.Header("location"), R"(/policies/documents/(\d+))");
  const std::string items = "/policies/documents/" + document + "/items";
  const std::string objective =
      IdIn(PostAs(official_, items, "kind=objective&title=Housing&version=1").Header("location"), R"(#item-(\d+))");
  const std::string measure =
      IdIn(PostAs(official_, items, "kind=measure&parent=" + objective + "&title=Legalising+homes&progress=20")
               .Header("location"),
           R"(#item-(\d+))");
  ASSERT_EQ(PostAs(official_, items, "kind=activity&parent=" + measure + "&title=Cadastre+survey").status, 303);
  const std::string measure_page = "/policies/items/" + measure;

  // The page says what goes with it before anything happens.
  const HttpResponse confirm = GetAs(official_, measure_page + "/withdraw");
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(Contains(confirm.body, "Cadastre survey")) << "the activity under it is named";
  EXPECT_TRUE(Contains(confirm.body, "Заедно с него се оттеглят"));
  EXPECT_EQ(GetAs(SignIn(port(), "monitor@lom.bg", "correct horse battery"), measure_page + "/withdraw").status, 403);
  EXPECT_EQ(PostForm(port(), measure_page + "/withdraw", "version=1&reason=x", "session=" + official_).status, 403)
      << "no CSRF token";
  EXPECT_TRUE(Contains(Get(port(), "/policies/documents/" + document).body, "Legalising homes"));

  const std::string version = IdIn(confirm.body, R"re(name="version" value="(\d+)")re");
  const HttpResponse stale = PostAs(official_, measure_page + "/withdraw", "version=0&reason=Typed+before+a+change");
  EXPECT_EQ(stale.status, 409);
  EXPECT_TRUE(Contains(stale.body, ">Typed before a change</textarea>")) << "what was typed comes back";
  EXPECT_TRUE(Contains(stale.body, "name=\"version\" value=\"" + version + "\"")) << "with the version as it is now";
  const HttpResponse withdrawn =
      PostAs(official_, measure_page + "/withdraw", "version=" + version + "&reason=No+land+register+funds");
  ASSERT_EQ(withdrawn.status, 303) << withdrawn.body;
  EXPECT_EQ(withdrawn.Header("location"), "/policies/documents/" + document + "#withdrawn");

  const json tree = json::parse(Get(port(), "/api/v1/policies/documents/" + document).body);
  ASSERT_EQ(tree["items"].size(), 1u) << "only the objective is left in the plan";
  ASSERT_EQ(tree["withdrawn"].size(), 2u);
  EXPECT_TRUE(tree["withdrawn"][0]["withdrawn_at"].is_string());
  EXPECT_EQ(tree["items"][0]["progress_rolled_up"], nullptr) << "the withdrawn measure's 20% no longer counts";
  const HttpResponse page = Get(port(), "/policies/documents/" + document);
  EXPECT_TRUE(Contains(page.body, "id=\"withdrawn\""));
  const HttpResponse item = GetAs(official_, measure_page);
  EXPECT_TRUE(Contains(item.body, "No land register funds")) << "the history says why";
  EXPECT_TRUE(Contains(item.body, "Връщане в плана"));
  EXPECT_FALSE(Contains(item.body, measure_page + "/edit")) << "a withdrawn item is not changed";

  ASSERT_EQ(PostAs(official_, measure_page + "/restore", "").status, 303);
  const json restored = json::parse(Get(port(), "/api/v1/policies/documents/" + document).body);
  EXPECT_EQ(restored["items"].size(), 3u);
  EXPECT_TRUE(restored["withdrawn"].empty());
  EXPECT_EQ(PostAs(official_, measure_page + "/restore", "").status, 400) << "it is in the plan";
}

TEST_F(PoliciesTest, AnImportWithAProblemOnEveryLineListsTheFirstThousandAndCountsTheRest) {
  const HttpResponse created = PostAs(official_, "/policies/documents",
                                      "level=municipal&kind=action_plan&title=Wrong+sheet&period_start=2027"
                                      "&period_end=2030&municipality=MON24&status=draft&progress_rule=equal");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string import = created.Header("location") + "/import";
  std::string csv = "kind,title,progress\r\n";
  for (int i = 1; i <= 1200; ++i) csv += "measure,Measure " + std::to_string(i) + ",150\r\n";  // two problems each

  const std::string csrf = HiddenCsrf(GetAs(official_, import).body);
  const std::string boundary = "----khetane-test";
  const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf +
                           "\r\n--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.csv\"\r\n"
                           "Content-Type: text/csv\r\n\r\n" +
                           csv + "\r\n--" + boundary + "--\r\n";
  const HttpResponse refused = test_support::Request(
      port(), "POST", import,
      {"Cookie: session=" + official_, "Content-Type: multipart/form-data; boundary=" + boundary}, body);
  ASSERT_EQ(refused.status, 422) << refused.body.substr(0, 2000);
  EXPECT_TRUE(Contains(refused.body, "Поправете тези редове и изпратете файла отново: 2400"));
  std::size_t rows = 0;
  for (std::size_t at = refused.body.find("<tr><td class=\"number\">"); at != std::string::npos;
       at = refused.body.find("<tr><td class=\"number\">", at + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, 1000u) << "the page lists the first thousand";
  EXPECT_TRUE(
      Contains(refused.body, "не са изброени тук (първо поправете горните, после изпратете файла отново): 1400"));
  EXPECT_TRUE(json::parse(Get(port(), "/api/v1" + created.Header("location")).body)["items"].empty());
}

TEST_F(PoliciesTest, AnOfficialExportsInBulgarianAndAppliesWhatTheyPreviewedWithoutChoosingTheFileAgain) {
  const HttpResponse created = PostAs(official_, "/policies/documents",
                                      "level=municipal&kind=action_plan&title=Previewed+plan&period_start=2027"
                                      "&period_end=2030&municipality=MON24&status=draft&progress_rule=equal");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string document = created.Header("location");
  const std::string import = document + "/import";

  const HttpResponse exported = GetAs(official_, document + "/export.csv");  // Bulgarian: the default language
  ASSERT_EQ(exported.status, 200);
  EXPECT_TRUE(exported.body.starts_with("\xEF\xBB\xBFПостоянен идентификатор;Вид;Родител;Код;Заглавие;"))
      << exported.body.substr(0, 300);
  const HttpResponse english = Get(port(), document + "/export.csv", {"Accept-Language: en"});
  EXPECT_TRUE(english.body.starts_with("\xEF\xBB\xBFStable id,Kind,Parent,Code,Title,")) << english.body.substr(0, 300);

  const std::string csv = "Вид;Код;Заглавие\r\nцел;1;Образование\r\nЦЕЛ;2;\"Жилища; вода, ток\"\r\n";
  const std::string csrf = HiddenCsrf(GetAs(official_, import).body);
  const std::string boundary = "----khetane-test";
  const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf +
                           "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"dry_run\"\r\n\r\n1" +
                           "\r\n--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"план.csv\"\r\n"
                           "Content-Type: text/csv\r\n\r\n" +
                           csv + "\r\n--" + boundary + "--\r\n";
  const HttpResponse preview = test_support::Request(
      port(), "POST", import,
      {"Cookie: session=" + official_, "Content-Type: multipart/form-data; boundary=" + boundary}, body);
  ASSERT_EQ(preview.status, 200) << preview.body.substr(0, 2000);
  EXPECT_TRUE(Contains(preview.body, "Приложи тези промени"));
  EXPECT_TRUE(Contains(preview.body, "action=\"" + import + "/apply\""));
  const std::string token = IdIn(preview.body, R"re(name="token" value="([A-Za-z0-9_-]+)")re");
  ASSERT_FALSE(token.empty());
  EXPECT_TRUE(json::parse(Get(port(), "/api/v1" + document).body)["items"].empty()) << "a dry run stores nothing";

  EXPECT_EQ(PostForm(port(), import + "/apply", "token=" + token, "session=" + official_).status, 403)
      << "no CSRF token";
  const std::string admin = SignIn(port(), "admin@khetane.bg", "correct horse battery");
  const HttpResponse someone_else = PostAs(admin, import + "/apply", "token=" + token);
  EXPECT_EQ(someone_else.status, 422) << "another person's preview is not theirs to apply";
  EXPECT_TRUE(Contains(someone_else.body, "Този преглед вече не се пази"));
  EXPECT_TRUE(Contains(someone_else.body, "name=\"file\"")) << "the form to choose the file again";
  EXPECT_TRUE(json::parse(Get(port(), "/api/v1" + document).body)["items"].empty());

  const HttpResponse applied = PostAs(official_, import + "/apply", "token=" + token);
  ASSERT_EQ(applied.status, 200) << applied.body.substr(0, 2000);
  EXPECT_TRUE(Contains(applied.body, "Планът е внесен."));
  const json items = json::parse(Get(port(), "/api/v1" + document).body)["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1]["title"], "Жилища; вода, ток");

  const HttpResponse twice = PostAs(official_, import + "/apply", "token=" + token);
  EXPECT_EQ(twice.status, 422) << "applied once";
  EXPECT_TRUE(Contains(twice.body, "Изберете файла отново."));
  EXPECT_EQ(PostAs(official_, import + "/apply", "token=unknown").status, 422);
}

TEST_F(PoliciesTest, TheCascadeNarrowsToAPlaceWithTheDocumentsAboveIt) {
  ASSERT_EQ(PostAs(official_, "/policies/documents",
                   "level=municipal&kind=action_plan&title=Plan+of+Lom+for+the+filter&period_start=2027"
                   "&period_end=2030&municipality=MON24&status=draft&progress_rule=equal")
                .status,
            303);
  const HttpResponse lom = Get(port(), "/policies?scope=municipality%3AMON24");
  ASSERT_EQ(lom.status, 200);
  EXPECT_TRUE(Contains(lom.body, "Plan of Lom for the filter"));
  EXPECT_TRUE(Contains(lom.body, "Национална стратегия на Република България")) << "the levels above stay";
  EXPECT_TRUE(Contains(lom.body, "<option value=\"municipality:MON24\" selected>"));

  const HttpResponse montana = Get(port(), "/policies?scope=oblast%3AMON");
  EXPECT_TRUE(Contains(montana.body, "Plan of Lom for the filter")) << "Лом is in the oblast of Montana";
  const HttpResponse blagoevgrad = Get(port(), "/policies?scope=municipality%3ABLG03");
  EXPECT_FALSE(Contains(blagoevgrad.body, "Plan of Lom for the filter"));
  EXPECT_TRUE(Contains(blagoevgrad.body, "Стратегическа рамка на ЕС"));
  EXPECT_TRUE(Contains(blagoevgrad.body, "href=\"/policies/gaps?scope=municipality%3ABLG03\""));
  EXPECT_EQ(Get(port(), "/policies?scope=municipality%3AXXX99").status, 404);

  const HttpResponse gaps = Get(port(), "/policies/gaps?scope=oblast%3AMON");
  ASSERT_EQ(gaps.status, 200);
  EXPECT_TRUE(Contains(gaps.body, "<option value=\"oblast:MON\" selected>Монтана</option>"))
      << "oblasts are choices too";
}

TEST_F(PoliciesTest, AnOfficialDeletesADraftMadeByMistakeAfterConfirmingButNotAnAdoptedPlan) {
  const HttpResponse created = PostAs(official_, "/policies/documents",
                                      "level=municipal&kind=action_plan&title=Made+by+mistake&period_start=2027"
                                      "&period_end=2030&municipality=MON24&status=draft&progress_rule=equal");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string document = created.Header("location");
  ASSERT_EQ(PostAs(official_, document + "/items", "kind=objective&title=Something").status, 303);
  EXPECT_TRUE(Contains(GetAs(official_, document).body, "href=\"" + document + "/delete\""));

  const HttpResponse confirm = GetAs(official_, document + "/delete");
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(Contains(confirm.body, "Това не може да се отмени. Цели, мерки и дейности в него: 1"));
  EXPECT_EQ(PostForm(port(), document + "/delete", "version=1", "session=" + official_).status, 403) << "no CSRF token";
  const std::string version = IdIn(confirm.body, R"re(name="version" value="(\d+)")re");
  const HttpResponse deleted = PostAs(official_, document + "/delete", "version=" + version);
  ASSERT_EQ(deleted.status, 303) << deleted.body;
  EXPECT_EQ(deleted.Header("location"), "/policies");
  EXPECT_EQ(Get(port(), document).status, 404);
  EXPECT_FALSE(Contains(Get(port(), "/policies").body, "Made by mistake"));

  const HttpResponse adopted = PostAs(official_, "/policies/documents",
                                      "level=municipal&kind=action_plan&title=Adopted+plan&period_start=2027"
                                      "&period_end=2030&municipality=MON24&status=adopted&progress_rule=equal");
  ASSERT_EQ(adopted.status, 303) << adopted.body;
  const std::string plan = adopted.Header("location");
  EXPECT_FALSE(Contains(GetAs(official_, plan).body, "/delete\"")) << "no delete link for an adopted plan";
  ASSERT_EQ(PostAs(official_, plan,
                   "level=municipal&kind=action_plan&title=Adopted+plan&period_start=2027&period_end=2030"
                   "&municipality=MON24&status=adopted&progress_rule=equal&decision_number=%E2%84%96+1234&version=1")
                .status,
            303);
  const std::string changes = Get(port(), plan).body;
  const std::size_t section = changes.find("Промени в документа");
  ASSERT_NE(section, std::string::npos) << "the document page shows its own history";
  EXPECT_NE(changes.find("<strong>Променен</strong>", section), std::string::npos);
  EXPECT_NE(changes.find("Статус: <del>—</del> → <ins>Приет</ins>", section), std::string::npos)
      << "codes read as their titles";
  EXPECT_NE(changes.find("Номер на решението: <del>—</del> → <ins>№ 1234</ins>", section), std::string::npos)
      << changes.substr(section, 1500);
  EXPECT_EQ(PostAs(official_, plan + "/delete", "version=1").status, 400);
  EXPECT_EQ(Get(port(), plan).status, 200);
}

TEST_F(PoliciesTest, AnAdministratorAddsAFundingSourceAndOfficialsBudgetFromItInTheFormAndInFiles) {
  const std::string admin = SignIn(port(), "admin@khetane.bg", "correct horse battery");
  ASSERT_FALSE(admin.empty());
  // A new installation has the state budget and the Recovery and Resilience Plan beside the six older sources.
  const json shipped = json::parse(Get(port(), "/api/v1/policies/funding-sources").body)["items"];
  std::vector<std::string> codes;
  for (const json& source : shipped) codes.push_back(source["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"municipal", "state", "esf_plus", "erdf", "eea_norway", "swiss", "rrp",
                                             "other"}));
  EXPECT_EQ(shipped[1]["name_bg"], "Държавен бюджет");

  // Only an administrator sees the page, and a refused source comes back as typed with the message beside its field.
  EXPECT_EQ(GetAs(official_, "/admin/funding-sources").status, 403);
  EXPECT_EQ(PostAs(official_, "/admin/funding-sources", "code=unicef&name_bg=UNICEF&name_en=UNICEF").status, 403);
  const HttpResponse refused =
      PostAs(admin, "/admin/funding-sources", "code=UNICEF+BG&name_bg=%D0%A3%D0%9D%D0%98%D0%A6%D0%95%D0%A4&name_en=");
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Contains(refused.body, "id=\"source-code-problem\">Кодът се състои от малки латински букви"))
      << refused.body;
  EXPECT_TRUE(Contains(refused.body, "id=\"source-name-en-problem\">Напишете наименованието.</p>"));
  EXPECT_TRUE(Contains(refused.body, "value=\"UNICEF BG\"")) << "what was typed stays";
  EXPECT_TRUE(Contains(refused.body, "value=\"УНИЦЕФ\""));
  EXPECT_EQ(PostAs(admin, "/admin/funding-sources", "code=state&name_bg=X&name_en=X").status, 422) << "taken";

  const HttpResponse added = PostAs(admin, "/admin/funding-sources",
                                    "code=unicef&name_bg=%D0%A3%D0%9D%D0%98%D0%A6%D0%95%D0%A4&name_en=UNICEF");
  ASSERT_EQ(added.status, 303) << added.body;
  const HttpResponse list = GetAs(admin, added.Header("location"));
  EXPECT_TRUE(Contains(list.body, "unicef_planned, unicef_secured, unicef_spent")) << list.body;
  EXPECT_EQ(json::parse(Get(port(), "/api/v1/policies/funding-sources").body)["items"][7]["code"], "unicef")
      << "before \"other\", which stays last";

  // The item form has a row for it, and the plan's totals and export name it.
  const HttpResponse created =
      PostAs(official_, "/policies/documents",
             "level=municipal&kind=action_plan&title=Sources&period_start=2027"
             "&period_end=2030&municipality=MON24&status=draft&progress_rule=equal&currency=BGN");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string document = created.Header("location");
  EXPECT_TRUE(Contains(GetAs(official_, document + "/items/new").body, "id=\"item-planned-unicef\""));
  const HttpResponse item =
      PostAs(official_, document + "/items", "kind=objective&title=Health&planned_unicef=1000&planned_state=250,50");
  ASSERT_EQ(item.status, 303) << item.body;
  const std::string page = Get(port(), document, {"Accept-Language: bg"}).body;
  EXPECT_TRUE(Contains(page, "УНИЦЕФ")) << page;
  EXPECT_TRUE(Contains(page, "Държавен бюджет"));
  // In Bulgarian (the default language), under the sources' names, with decimal commas.
  const std::string csv = Get(port(), document + "/export.csv").body;
  EXPECT_TRUE(Contains(csv, ";УНИЦЕФ — планирано;УНИЦЕФ — осигурено;УНИЦЕФ — изразходвано;Друг източник — планирано;"))
      << csv;
  EXPECT_TRUE(Contains(csv, "Общински бюджет — изразходвано;Държавен бюджет — планирано;Държавен бюджет — осигурено;"));
  EXPECT_TRUE(Contains(csv, ";\"250,50\";;;")) << "the state budget's line: secured and spent not reported";
  EXPECT_TRUE(Contains(csv, ";\"1000,00\";;;")) << "UNICEF's line";
  // In English, under their English names, with decimal points.
  const std::string english = Get(port(), document + "/export.csv", {"Accept-Language: en"}).body;
  EXPECT_TRUE(Contains(english, ",UNICEF — planned,UNICEF — secured,UNICEF — spent,Other source — planned,"))
      << english;
  EXPECT_TRUE(Contains(english, ",250.50,,,")) << "the state budget's line";
}

TEST_F(PoliciesTest, AfterSigningInAnOfficialLandsOnTheirMunicipalitysPlanWithWhatNeedsThem) {
  const HttpResponse created = PostAs(official_, "/policies/documents",
                                      "level=municipal&kind=action_plan&title=Home+plan&period_start=2027"
                                      "&period_end=2030&municipality=MON24&status=adopted&progress_rule=equal");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::string document = created.Header("location");
  const HttpResponse objective = PostAs(official_, document + "/items", "kind=objective&code=7&title=Housing+for+all");
  const std::string objective_id = IdIn(objective.Header("location"), R"(#item-(\d+))");
  const HttpResponse measure =
      PostAs(official_, document + "/items", "kind=measure&code=7.1&title=Legal+homes&parent=" + objective_id);
  const std::string measure_id = IdIn(measure.Header("location"), R"(#item-(\d+))");
  const HttpResponse silent =
      PostAs(official_, document + "/items",
             "kind=activity&code=7.1.1&title=Survey+the+homes&deadline=2099-01-01&parent=" + measure_id);
  ASSERT_EQ(silent.status, 303) << silent.body;

  // Signing in leads home, and home shows the plan with the activity that has not reported and the measure that
  // implements nothing above, each a link, with a way to report progress.
  const HttpResponse page = Get(port(), "/signin");
  const HttpResponse signin = PostForm(
      port(), "/signin", "csrf=" + HiddenCsrf(page.body) + "&email=official%40lom.bg&password=correct+horse+battery",
      "csrf=" + test_support::CookieFrom(page, "csrf"));
  EXPECT_EQ(signin.Header("location"), "/");
  const HttpResponse home = GetAs(official_, "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_TRUE(Contains(home.body, "<h2>Плановете на вашата община</h2>")) << home.body;
  EXPECT_TRUE(Contains(home.body, ">Home plan</a>"));
  const std::string activity_id = IdIn(silent.Header("location"), R"(#item-(\d+))");
  EXPECT_TRUE(Contains(home.body, "<a href=\"/policies/items/" + activity_id +
                                      "\">Survey the homes</a> · <a href=\"/policies/items/" + activity_id +
                                      "/edit\">Отчетете напредък</a>"));
  EXPECT_TRUE(Contains(home.body, "<a href=\"/policies/items/" + measure_id + "\">Legal homes</a>"))
      << "a measure that implements nothing above";
  // Лом's page shows its plans, each with its progress, and leads to its gaps: one click each.
  const HttpResponse lom = Get(port(), "/places/municipalities/MON24");
  EXPECT_TRUE(Contains(lom.body, "<a href=\"" + document + "\">Home plan</a> (2027–2030)")) << lom.body;
  EXPECT_TRUE(Contains(lom.body, "href=\"/policies/gaps?scope=municipality%3AMON24\""));
  EXPECT_FALSE(Contains(Get(port(), "/places/municipalities/BLG03").body, "Home plan")) << "only Лом's plans";
  // A visitor's home says what Khetane is and leads into plans, gaps and places.
  const HttpResponse visitor = Get(port(), "/");
  EXPECT_TRUE(Contains(visitor.body, "href=\"/policies/gaps\""));
  EXPECT_FALSE(Contains(visitor.body, "Плановете на вашата община")) << "a visitor has no plans of their own";
}

}  // namespace
