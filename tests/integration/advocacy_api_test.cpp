// The advocacy API through the real binary: a program holding the token of an association's member keeps its register,
// sets up a coalition, draws a map and runs a campaign linked to Лом's demo plan, as the pages do; wrong types, a score
// of 9, a petition without a count, a stale version, another place's measure and a Popolo file that does not validate
// are each refused by field, and an outsider reads none of the register. The import page takes a chosen file.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/form_client.hpp"
#include "support/http_client.hpp"
#include "support/server_suite.hpp"

namespace {

using nlohmann::json;
using test_support::Get;
using test_support::HttpResponse;

class AdvocacyApiTest : public test_support::ServerSuite<AdvocacyApiTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    ASSERT_NO_FATAL_FAILURE(
        AddUser("editor@zaedno.example", {"--role", "community_monitor", "--scope", "municipality:MON24"}));
    ASSERT_NO_FATAL_FAILURE(
        AddUser("outsider@example.org", {"--role", "community_monitor", "--scope", "municipality:MON29"}));
    const auto added = Khetane({"organisation", "add", "Сдружение Заедно", "--kind", "cso", "--municipality", "MON24"});
    const auto at = added.find("organisation:");
    ASSERT_NE(at, std::string::npos) << added;
    keeper_ = std::stoll(added.substr(at + std::string("organisation:").size()));
    Khetane({"organisation", "add-member", std::to_string(keeper_), "editor@zaedno.example"});
    Serve();
    editor_ = Khetane({"user", "token", "editor@zaedno.example"});
    editor_ = editor_.substr(0, editor_.find('\n'));
    outsider_ = Khetane({"user", "token", "outsider@example.org"});
    outsider_ = outsider_.substr(0, outsider_.find('\n'));
  }

  static std::string Khetane(std::vector<std::string> arguments) {
    arguments.insert(arguments.end(), {"--database", database_->target()});
    const auto run = test_support::RunKhetane(arguments);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    return run.output;
  }
  static HttpResponse Post(const std::string& token, const std::string& path, const json& body) {
    return test_support::Request(port(), "POST", "/api/v1/advocacy" + path,
                                 {"Content-Type: application/json", "Authorization: Bearer " + token}, body.dump());
  }
  static HttpResponse Read(const std::string& token, const std::string& path) {
    return Get(port(), "/api/v1/advocacy" + path, {"Authorization: Bearer " + token});
  }
  // The record a POST created; on a refusal an empty object, whose missing fields fail the test where they are read.
  static json Created(const HttpResponse& response) {
    EXPECT_EQ(response.status, 201) << response.body;
    json created = json::parse(response.body, nullptr, false);
    return response.status == 201 && created.is_object() ? created : json::object();
  }
  static json ErrorOf(const HttpResponse& response) {
    return json::parse(response.body, nullptr, false).value("error", json::object());
  }
  // The fields a refusal names, in order.
  static std::string Fields(const HttpResponse& response) {
    std::string fields;
    const json error = ErrorOf(response);
    for (const json& problem : error.value("problems", json::array())) {
      fields += (fields.empty() ? "" : " ") + problem["field"].get<std::string>();
    }
    return fields;
  }
  static std::string Register() { return "/register?keeper=" + std::to_string(keeper_); }
  // The first measure of the demo plan of `municipality`.
  static std::int64_t MeasureOf(const std::string& municipality) {
    const json documents =
        json::parse(Get(port(), "/api/v1/policies/documents?municipality=" + municipality).body)["items"];
    for (const json& document : documents) {
      json tree = json::parse(Get(port(), document["url"].get<std::string>().insert(0, "/api/v1")).body);
      for (const json& item : tree["items"]) {
        if (item["kind"] == "measure") return item["id"].get<std::int64_t>();
      }
    }
    ADD_FAILURE() << "no measure in a plan of " << municipality;
    return 0;
  }

  static inline std::int64_t keeper_ = 0;
  static inline std::string editor_, outsider_;
};

TEST_F(AdvocacyApiTest, AMembersProgramKeepsTheRegisterAndRunsACampaignAsThePagesDo) {
  json teacher = Created(Post(editor_, "/stakeholders",
                              {{"keeper_id", keeper_},
                               {"name", "Мария Петрова"},
                               {"pseudonym", false},
                               {"email", "maria@example.org"},
                               {"consent_basis", "consent"},
                               {"consent_purpose", "Кампания за медиатори"},
                               {"consent_on", "2026-11-02"}}));
  json school = Created(Post(
      editor_, "/stakeholders",
      {{"keeper_id", keeper_}, {"kind", "organization"}, {"name", "ОУ „Христо Ботев“"}, {"sector", "institution"}}));
  json mayor = Created(Post(
      editor_, "/stakeholders",
      {{"keeper_id", keeper_}, {"name", "Кметът"}, {"consent_basis", "public_role"}, {"consent_on", "2026-11-02"}}));
  json post = Created(Post(editor_, "/stakeholders/" + std::to_string(teacher["id"].get<int>()) + "/memberships",
                           {{"organization_id", school["id"]}, {"role", "учител"}, {"start_date", "2019"}}));
  EXPECT_EQ(post["member_id"], teacher["id"]);

  const HttpResponse listed = Read(editor_, Register());
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(json::parse(listed.body)["stakeholders"].size(), 3u);
  const HttpResponse csv = Read(editor_, Register() + "&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("maria@example.org"), std::string::npos) << csv.body;
  EXPECT_EQ(Read(outsider_, Register()).status, 403) << "the register is its keeper's";
  EXPECT_EQ(Read(outsider_, "/stakeholders/" + std::to_string(teacher["id"].get<int>())).status, 404);

  json coalition = Created(
      Post(editor_, "/coalitions", {{"keeper_id", keeper_}, {"name", "Медиатори за Лом"}, {"members_public", true}}));
  const std::string at = "/coalitions/" + std::to_string(coalition["id"].get<int>());
  Created(Post(editor_, at + "/members", {{"stakeholder_id", school["id"]}}));
  Created(Post(editor_, at + "/members", {{"stakeholder_id", teacher["id"]}}));
  Created(Post(editor_, at + "/log", {{"day", "2026-11-20"}, {"text", "Първа среща на коалицията"}}));
  json map = Created(Post(editor_, at + "/maps",
                          {{"issue", "Медиатори във всяко училище"},
                           {"positions",
                            {{{"stakeholder_id", school["id"]}, {"influence", 4}, {"interest", 5}, {"stance", "ally"}},
                             {{"stakeholder_id", mayor["id"]},
                              {"influence", 5},
                              {"interest", 2},
                              {"stance", "neutral"},
                              {"known_by_id", teacher["id"]}}}}}));
  EXPECT_EQ(map["positions"][1]["name"], "Кметът");
  json public_view = json::parse(Get(port(), "/api/v1/advocacy" + at, {"Accept-Language: en"}).body);
  EXPECT_EQ(public_view["members"], json({"ОУ „Христо Ботев“", "A person"}))
      << "a public coalition names organisations; a person only when they hold a public role";
  EXPECT_TRUE(public_view["maps"].empty()) << "maps are for the coalition's editors";
  EXPECT_EQ(json::parse(Read(editor_, at).body)["maps"].size(), 1u);

  json campaign = Created(
      Post(editor_, "/campaigns",
           {{"coalition_id", coalition["id"]}, {"title", "Медиатор във всяко училище"}, {"goal", "Шест медиатора"}}));
  EXPECT_EQ(campaign["stage"], "empowerment");
  const std::string run = "/campaigns/" + std::to_string(campaign["id"].get<int>());
  const std::int64_t lom = MeasureOf("MON24");
  Created(Post(editor_, run + "/asks", {{"text", "Шест медиатора от септември"}, {"item_id", lom}}));
  // A measure Лом's plans lack: the gap analysis's objective above, asked for in Лом.
  json gaps = json::parse(Get(port(), "/api/v1/policies/gaps?scope=municipality:MON24").body);
  ASSERT_FALSE(gaps["unimplemented_objectives"].empty());
  const std::int64_t missing = gaps["unimplemented_objectives"][0]["id"].get<std::int64_t>();
  json gap = Created(Post(editor_, run + "/asks",
                          {{"text", "Стипендии за всеки ученик"}, {"item_id", missing}, {"gap_place", "MON24"}}));
  EXPECT_EQ(gap["gap_place"], "MON24");
  EXPECT_EQ(Post(editor_, run + "/asks", {{"text", "Пак медиатори"}, {"item_id", lom}, {"gap_place", "MON24"}}).status,
            400)
      << "Лом's own measure is not missing from its plans";
  EXPECT_NE(
      Get(port(), "/advocacy" + run, {"Accept-Language: en"}).body.find("A measure the plans of Lom Municipality lack"),
      std::string::npos)
      << "the place in the reader's language";
  EXPECT_NE(Get(port(), "/advocacy" + run).body.find("липсва в плановете на Община Лом"), std::string::npos);
  Created(Post(editor_, run + "/targets", {{"stakeholder_id", mayor["id"]}}));
  Created(Post(editor_, run + "/actions",
               {{"kind", "petition"}, {"day", "2026-11-25"}, {"title", "Подписка"}, {"supporters", 412}}));
  json result = Created(Post(
      editor_, run + "/results",
      {{"kind", "budget_line_added"}, {"day", "2026-12-01"}, {"text", "Бюджетен ред за медиатори"}, {"item_id", lom}}));
  EXPECT_TRUE(result["item_version"].is_number_integer()) << "the result records the change in the plan's history";
  const HttpResponse moved = Post(editor_, run + "/stage", {{"stage", "follow_up"}, {"version", 1}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Post(editor_, run + "/stage", {{"stage", "action"}, {"version", 1}}).status, 409)
      << "a change made meanwhile is not overwritten";

  json record = json::parse(Get(port(), "/api/v1/advocacy" + run).body);
  EXPECT_EQ(record["stage"], "follow_up");
  EXPECT_EQ(record["asks"][0]["item_id"], lom);
  EXPECT_EQ(record["asks"][1]["gap_place"], "MON24");
  EXPECT_EQ(record["actions"][0]["supporters"], 412);
  EXPECT_EQ(record["targets"], json({"Кметът"}));
  const HttpResponse measure = Get(port(), "/policies/items/" + std::to_string(lom));
  EXPECT_NE(measure.body.find("Медиатор във всяко училище"), std::string::npos)
      << "the measure's page shows the campaign that asks something of it";
}

TEST_F(AdvocacyApiTest, WrongInputIsRefusedByFieldAndAnotherPlacesMeasureByPlace) {
  const HttpResponse types = Post(editor_, "/stakeholders", {{"keeper_id", "3"}, {"name", 7}, {"pseudonym", "yes"}});
  ASSERT_EQ(types.status, 400) << types.body;
  EXPECT_EQ(Fields(types), "name keeper_id pseudonym");
  const HttpResponse no_basis = Post(editor_, "/stakeholders", {{"keeper_id", keeper_}, {"name", "Иван Иванов"}});
  ASSERT_EQ(no_basis.status, 400) << "a person is kept only on a recorded basis";
  EXPECT_EQ(Fields(no_basis), "consent_basis");
  EXPECT_EQ(Post(outsider_, "/stakeholders",
                 {{"keeper_id", keeper_}, {"kind", "organization"}, {"name", "X"}, {"sector", "media"}})
                .status,
            403);

  json coalition = Created(Post(editor_, "/coalitions", {{"keeper_id", keeper_}, {"name", "Втора коалиция"}}));
  json school =
      Created(Post(editor_, "/stakeholders",
                   {{"keeper_id", keeper_}, {"kind", "organization"}, {"name", "Читалище"}, {"sector", "social"}}));
  const std::string at = "/coalitions/" + std::to_string(coalition["id"].get<int>());
  const HttpResponse nine = Post(
      editor_, at + "/maps",
      {{"issue", "Жилища"},
       {"positions", {{{"stakeholder_id", school["id"]}, {"influence", 9}, {"interest", 3}, {"stance", "ally"}}}}});
  ASSERT_EQ(nine.status, 400) << nine.body;
  EXPECT_NE(nine.body.find("influence"), std::string::npos) << nine.body;
  EXPECT_EQ(Post(editor_, at + "/maps", {{"issue", "Жилища"}, {"positions", "all"}}).status, 400);

  json campaign = Created(
      Post(editor_, "/campaigns", {{"coalition_id", coalition["id"]}, {"title", "Жилища"}, {"goal", "Жилища"}}));
  const std::string run = "/campaigns/" + std::to_string(campaign["id"].get<int>());
  const HttpResponse montana = Post(editor_, run + "/asks", {{"text", "Нова мярка"}, {"item_id", MeasureOf("MON29")}});
  ASSERT_EQ(montana.status, 403) << montana.body;
  EXPECT_NE(ErrorOf(montana)["message"].get<std::string>().find("You have no role for"), std::string::npos);
  const HttpResponse petition =
      Post(editor_, run + "/actions", {{"kind", "petition"}, {"day", "2026-11-25"}, {"title", "Подписка"}});
  ASSERT_EQ(petition.status, 400);
  EXPECT_EQ(Fields(petition), "supporters");
  EXPECT_EQ(Fields(Post(editor_, run + "/actions",
                        {{"kind", "petition"}, {"day", "2026-11-25"}, {"title", "Подписка"}, {"supporters", "many"}})),
            "supporters");
  EXPECT_EQ(json::parse(Get(port(), "/api/v1/advocacy" + run).body)["actions"].size(), 0u) << "nothing was stored";
}

TEST_F(AdvocacyApiTest, ARegisterGoesOutAsPopoloAndAFileThatDoesNotValidateStoresNothing) {
  Created(Post(editor_, "/stakeholders",
               {{"keeper_id", keeper_}, {"kind", "organization"}, {"name", "Местен вестник"}, {"sector", "media"}}));
  const HttpResponse exported = Read(editor_, "/register/popolo?keeper=" + std::to_string(keeper_));
  ASSERT_EQ(exported.status, 200);
  json popolo = json::parse(exported.body);
  ASSERT_FALSE(popolo["organizations"].empty());
  const std::size_t before = json::parse(Read(editor_, Register()).body)["stakeholders"].size();

  json broken = {{"persons", {{{"name", "Анна"}, {"email", 42}}}}};
  const HttpResponse refused =
      Post(editor_, "/register/popolo", {{"keeper_id", keeper_}, {"consent_basis", "consent"}, {"popolo", broken}});
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("persons[0].email"), std::string::npos) << "the validator names the field's path";
  EXPECT_EQ(json::parse(Read(editor_, Register()).body)["stakeholders"].size(), before);
  EXPECT_EQ(Post(editor_, "/register/popolo", {{"keeper_id", keeper_}, {"popolo", "[]"}}).status, 400);

  json imported = Created(Post(editor_, "/register/popolo",
                               {{"keeper_id", keeper_},
                                {"consent_basis", "consent"},
                                {"consent_purpose", "Обмен между сдружения"},
                                {"popolo", {{"persons", {{{"name", "Анна Димитрова"}}}}}}}));
  EXPECT_EQ(imported["imported"], 1);
  EXPECT_EQ(json::parse(Read(editor_, Register()).body)["stakeholders"].size(), before + 1);
}

// The register reads in the reader's alphabetical order: organisations first, then people; Cyrillic names before Latin
// ones for a Bulgarian reader, after them for an English one.
TEST_F(AdvocacyApiTest, TheRegisterIsInTheReadersAlphabeticalOrder) {
  for (const char* name : {"Ябълка Стоянова", "Aleksandra Zeneva", "ана Илиева", "Zdenka Novak"}) {
    Created(Post(editor_, "/stakeholders",
                 {{"keeper_id", keeper_},
                  {"name", name},
                  {"pseudonym", false},
                  {"consent_basis", "public_role"},
                  {"consent_on", "2026-11-02"}}));
  }
  const std::string session = test_support::SignIn(port(), "editor@zaedno.example", kPassword);
  const std::string page = "/advocacy/register?kind=person&keeper=" + std::to_string(keeper_);
  const std::string bulgarian = GetAs(session, page).body;
  ASSERT_NE(bulgarian.find("Zdenka Novak"), std::string::npos) << bulgarian;
  EXPECT_LT(bulgarian.find("ана Илиева"), bulgarian.find("Ябълка Стоянова")) << "а before Я, whatever the case";
  EXPECT_LT(bulgarian.find("Ябълка Стоянова"), bulgarian.find("Aleksandra Zeneva")) << "Cyrillic first in Bulgarian";
  EXPECT_LT(bulgarian.find("Aleksandra Zeneva"), bulgarian.find("Zdenka Novak"));
  const std::string english =
      test_support::Request(port(), "GET", page, {"Cookie: session=" + session + "; lang=en"}).body;
  EXPECT_LT(english.find("Zdenka Novak"), english.find("ана Илиева")) << "Latin first in English";
}

// The import page as a browser sends it: the file chosen, the basis ticked, multipart.
TEST_F(AdvocacyApiTest, TheImportPageTakesAChosenFileAndNamesTheFieldThatDoesNotValidate) {
  const std::string session = test_support::SignIn(port(), "editor@zaedno.example", kPassword);
  const std::string page = "/advocacy/register/import?keeper=" + std::to_string(keeper_);
  const std::string csrf = test_support::HiddenCsrf(GetAs(session, page).body);
  ASSERT_FALSE(csrf.empty());
  const auto upload = [&](const std::string& file) {
    const std::string boundary = "----advocacy-test";
    std::string body;
    for (const auto& [name, value] : {std::pair<std::string, std::string>{"csrf", csrf},
                                      {"keeper", std::to_string(keeper_)},
                                      {"consent_basis", "consent"},
                                      {"consent_purpose", "Обмен"},
                                      {"popolo", ""}}) {
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }
    body += "--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"register.json\"\r\n"
            "Content-Type: application/json\r\n\r\n" +
            file + "\r\n--" + boundary + "--\r\n";
    return test_support::Request(port(), "POST", "/advocacy/register/import",
                                 {"Cookie: session=" + session,
                                  "Content-Type: multipart/form-data; boundary=" + boundary, "Accept-Language: en"},
                                 body);
  };
  const std::size_t before = json::parse(Read(editor_, Register()).body)["stakeholders"].size();
  const HttpResponse refused = upload(R"({"persons": [{"name": "Анна", "email": 42}]})");
  ASSERT_EQ(refused.status, 422) << refused.body.substr(0, 2000);
  EXPECT_NE(refused.body.find("persons[0].email"), std::string::npos);
  EXPECT_NE(refused.body.find("The file was not imported"), std::string::npos);
  EXPECT_EQ(json::parse(Read(editor_, Register()).body)["stakeholders"].size(), before);
  const HttpResponse imported =
      upload(R"({"persons": [{"name": "Петър Петров"}], "organizations": [{"name": "Клуб"}]})");
  ASSERT_EQ(imported.status, 303) << imported.body.substr(0, 2000);
  EXPECT_EQ(json::parse(Read(editor_, Register()).body)["stakeholders"].size(), before + 2);
}

}  // namespace
