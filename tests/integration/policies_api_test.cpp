// The policy cascade's write API through the real binary: an official of Лом, holding an API token, builds an action
// plan as JSON, links it to the national strategy, changes and withdraws what is in it, and is refused with the words
// the forms use; a visitor without a token and an official of another municipality are kept out.

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
using test_support::SignIn;

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class PoliciesApiTest : public test_support::ServerSuite<PoliciesApiTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    ASSERT_NO_FATAL_FAILURE(
        AddUser("official@lom.bg", {"--role", "municipal_official", "--scope", "municipality:MON24"}));
    ASSERT_NO_FATAL_FAILURE(
        AddUser("official@blagoevgrad.bg", {"--role", "municipal_official", "--scope", "municipality:BLG03"}));
    ASSERT_NO_FATAL_FAILURE(AddUser("coordinator@example.org", {"--role", "coordinator", "--scope", "installation"}));
    Serve();
    lom_ = TokenOf("official@lom.bg");
    blagoevgrad_ = TokenOf("official@blagoevgrad.bg");
    session_ = SignIn(port(), "official@lom.bg", kPassword);
    ASSERT_FALSE(session_.empty());
    // The national strategy ships without its objectives (data/policy/SOURCES.md): the national coordinator adds one
    // through the API, as a program keeping the strategy up to date would.
    const json national = Read("/api/v1/policies/documents?level=national")["items"][0];
    const HttpResponse objective =
        Call(TokenOf("coordinator@example.org"), "/api/v1/policies/documents/" + national["id"].dump() + "/items",
             {{"kind", "objective"}, {"code", "2"}, {"title", "Образование"}, {"title_en", "Education"}});
    ASSERT_EQ(objective.status, 201) << objective.body;
  }

  // `khetane user token EMAIL`, as an administrator issues one.
  static std::string TokenOf(const std::string& email) {
    const auto issued = test_support::RunKhetane({"user", "token", email, "--database", database_->target()});
    EXPECT_EQ(issued.exit_code, 0) << issued.output;
    return issued.output.substr(0, issued.output.find('\n'));
  }

  // A call to the API with a token ("" for none) and a JSON body.
  static HttpResponse Call(const std::string& token, const std::string& path, const json& body = json::object()) {
    std::vector<std::string> headers = {"Content-Type: application/json"};
    if (!token.empty()) headers.push_back("Authorization: Bearer " + token);
    return test_support::Request(port(), "POST", path, headers, body.dump());
  }
  static json Read(const std::string& path) { return json::parse(Get(port(), path).body); }
  static json BodyOf(const HttpResponse& response) { return json::parse(response.body, nullptr, false); }
  static std::string MessageOf(const HttpResponse& response) {
    const json body = BodyOf(response);
    return body.contains("error") ? body["error"].value("message", "") : "(no error: " + response.body + ")";
  }

  // A form sent by the official of Лом, read in English, as the forms' messages are the API's.
  static HttpResponse PostFormInEnglish(const std::string& path, const std::string& body) {
    const std::string csrf = HiddenCsrf(GetAs(session_, "/account").body);
    return test_support::Request(
        port(), "POST", path,
        {"Content-Type: application/x-www-form-urlencoded", "Cookie: session=" + session_, "Accept-Language: en"},
        "csrf=" + csrf + "&" + body);
  }
  // The message a form shows when it comes back refused.
  static std::string FormErrorOf(const HttpResponse& page) {
    std::smatch match;
    // The form's own message, or the first of its fields' problems listed above it.
    if (!std::regex_search(page.body, match,
                           std::regex(R"(class="form-error"[^>]*>(?:<p>([^<]*)</p>|<ul><li><a [^>]*>([^<]*)</a>))"))) {
      return "(no form error)";
    }
    std::string text = match[1].matched ? match[1].str() : match[2].str();
    for (const auto& [escaped, plain] : {std::pair{"&quot;", "\""}, std::pair{"&#39;", "'"}, std::pair{"&lt;", "<"},
                                         std::pair{"&gt;", ">"}, std::pair{"&amp;", "&"}}) {
      for (auto at = text.find(escaped); at != std::string::npos; at = text.find(escaped, at + 1)) {
        text.replace(at, std::string(escaped).size(), plain);
      }
    }
    return text;
  }

  // A draft action plan of Лом as the API takes it.
  static json PlanOfLom(const std::string& title) {
    return {{"level", "municipal"},    {"kind", "action_plan"},
            {"title", title},          {"period", {{"start", 2027}, {"end", 2030}}},
            {"municipality", "MON24"}, {"status", "draft"},
            {"progress_rule", "equal"}};
  }
  // Creates a plan of Лом through the API and returns its id.
  static std::int64_t NewPlan(const std::string& title) {
    const HttpResponse created = Call(lom_, "/api/v1/policies/documents", PlanOfLom(title));
    EXPECT_EQ(created.status, 201) << created.body;
    return BodyOf(created).value("id", std::int64_t{0});
  }
  // Adds an item to a document through the API and returns it as the API answered.
  static json NewItem(std::int64_t document, const json& item) {
    const HttpResponse created = Call(lom_, "/api/v1/policies/documents/" + std::to_string(document) + "/items", item);
    EXPECT_EQ(created.status, 201) << created.body;
    return BodyOf(created);
  }
  static std::string ItemApi(const json& item) { return "/api/v1/policies/items/" + item["id"].dump(); }

  // The first objective of the national strategy, found as a client finds it: the documents of the national level,
  // then the strategy's tree.
  static json NationalObjective() {
    const json national = Read("/api/v1/policies/documents?level=national")["items"][0];
    const json tree = Read("/api/v1/policies/documents/" + national["id"].dump());
    for (const json& item : tree["items"]) {
      if (item["kind"] == "objective") return item;
    }
    ADD_FAILURE() << "the national strategy has no objective";
    return {{"id", 0}};
  }

  static inline std::string lom_, blagoevgrad_, session_;
};

TEST_F(PoliciesApiTest, AnOfficialOfLomCreatesAnActionPlanAndReadsItWhereTheAnswerSays) {
  const auto area = Read("/api/v1/policies/areas")["items"][0]["id"].get<std::int64_t>();
  json plan = PlanOfLom("План за действие на Лом 2027–2030");
  plan["adoption"] = {{"decision_date", "31.03.2026"}};
  plan["areas"] = {area};
  const HttpResponse created = Call(lom_, "/api/v1/policies/documents", plan);
  ASSERT_EQ(created.status, 201) << created.body;
  const json document = BodyOf(created);
  EXPECT_EQ(created.Header("location"), "/api/v1/policies/documents/" + document["id"].dump());
  EXPECT_EQ(document["title"], "План за действие на Лом 2027–2030");
  EXPECT_EQ(document["oblast"], "MON") << "the service places Лом in its oblast";
  EXPECT_EQ(document["adoption"]["decision_date"], "2026-03-31") << "a date as the form takes it, stored as ISO";
  EXPECT_EQ(document["areas"], json::array({area}));
  EXPECT_EQ(document["version"], 1);

  json read = Read(created.Header("location"));
  EXPECT_EQ(read["items"], json::array());
  EXPECT_EQ(read["roll_up"]["progress"], nullptr) << "an empty plan has no progress, not 0";
  EXPECT_EQ(read["totals"]["all"]["planned"], "0.00");
  for (const char* tree_only : {"items", "withdrawn", "roll_up", "totals"}) read.erase(tree_only);
  EXPECT_EQ(read, document) << "the answer is the document as the read API shows it";
  EXPECT_TRUE(Contains(Get(port(), "/policies?scope=municipality%3AMON24").body, "План за действие на Лом 2027–2030"));

  const HttpResponse not_json = test_support::Request(port(), "POST", "/api/v1/policies/documents",
                                                      {"Authorization: Bearer " + lom_}, "title=Plan&level=municipal");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(MessageOf(not_json), "The body must be a JSON object.");
  EXPECT_EQ(BodyOf(not_json)["error"]["status"], 400);
}

TEST_F(PoliciesApiTest, AnOfficialChangesThePlanTheyReadAndAStaleVersionIsRefusedAsOnTheForm) {
  const std::string path = "/api/v1/policies/documents/" + std::to_string(NewPlan("Plan to adopt"));
  // What the client read goes back with its changes: what the API shows but nobody writes is ignored.
  json plan = Read(path);
  plan["status"] = "adopted";
  plan["adoption"]["decision_number"] = "№ 1234";
  const HttpResponse changed = Call(lom_, path, plan);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(BodyOf(changed)["status"], "adopted");
  EXPECT_EQ(BodyOf(changed)["adoption"]["decision_number"], "№ 1234");
  EXPECT_EQ(BodyOf(changed)["version"], 2);

  plan["title"] = "Typed before the change";  // still version 1
  const HttpResponse stale = Call(lom_, path, plan);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(MessageOf(stale), "Someone changed this document while you were editing it. Reload it to see the change.");
  const HttpResponse form = PostFormInEnglish(BodyOf(changed)["url"].get<std::string>(),
                                              "level=municipal&kind=action_plan&title=Typed+before+the+change"
                                              "&period_start=2027&period_end=2030&municipality=MON24&status=adopted"
                                              "&progress_rule=equal&version=1");
  EXPECT_EQ(form.status, 409);
  EXPECT_EQ(FormErrorOf(form), MessageOf(stale)) << "the same words as the form";
  EXPECT_EQ(Read(path)["title"], "Plan to adopt");

  plan.erase("version");
  const HttpResponse unversioned = Call(lom_, path, plan);
  EXPECT_EQ(unversioned.status, 400);
  EXPECT_EQ(MessageOf(unversioned), "The field \"version\" is missing.");
}

TEST_F(PoliciesApiTest, AnOfficialAddsAnObjectiveAndAMeasureWithItsBudget) {
  const std::int64_t plan = NewPlan("Plan with a budget");
  const HttpResponse objective = Call(lom_, "/api/v1/policies/documents/" + std::to_string(plan) + "/items",
                                      {{"kind", "objective"}, {"code", "1"}, {"title", "Education for every child"}});
  ASSERT_EQ(objective.status, 201) << objective.body;
  const json created = BodyOf(objective);
  EXPECT_EQ(objective.Header("location"), "/api/v1/policies/items/" + created["id"].dump());
  EXPECT_EQ(Read(objective.Header("location")), created) << "the answer is the item as the read API shows it";
  EXPECT_EQ(created["document"], plan);
  EXPECT_EQ(created["depth"], 0);

  const json measure = NewItem(plan, {{"kind", "measure"},
                                      {"parent", created["id"]},
                                      {"code", "1.1"},
                                      {"title", "Education mediators in Lom"},
                                      {"settlement", "44238"},
                                      {"start", "2027-01-01"},
                                      {"end", "31.12.2028"},
                                      {"beneficiaries", 120},
                                      {"budgets", {{{"source", "municipal"}, {"planned", "12000.50"}}}}});
  EXPECT_EQ(measure["depth"], 1);
  EXPECT_EQ(measure["end"], "2028-12-31");
  ASSERT_EQ(measure["budgets"].size(), 1u);
  EXPECT_EQ(measure["budgets"][0]["planned"], "12000.50") << "amounts come back as they were sent";
  EXPECT_TRUE(measure["budgets"][0]["spent"].is_null()) << "what nobody reported is null, never 0.00";
  const json tree = Read("/api/v1/policies/documents/" + std::to_string(plan));
  ASSERT_EQ(tree["items"].size(), 2u);
  EXPECT_EQ(tree["items"][1]["parent"], created["id"]);
  EXPECT_EQ(tree["totals"]["all"]["planned"], "12000.50") << "what the whole plan adds up to";
  EXPECT_EQ(tree["totals"]["by_source"]["municipal"]["planned"], "12000.50");
  EXPECT_EQ(tree["items"][0]["totals"]["all"]["planned"], "12000.50") << "and each objective";
  EXPECT_EQ(tree["roll_up"]["progress"], nullptr) << "nothing reported is no 0";
  EXPECT_EQ(tree["roll_up"]["no_progress"], "nothing_reported");
  EXPECT_EQ(tree["roll_up"]["not_reported"], json::array({{{"uid", measure["uid"]}, {"code", "1.1"}}}));
  EXPECT_TRUE(
      Contains(Get(port(), "/policies/items/" + measure["id"].dump(), {"Accept-Language: en"}).body, "12,000.50"))
      << "the page writes amounts as people read them";

  const HttpResponse orphan = Call(lom_, "/api/v1/policies/documents/" + std::to_string(plan) + "/items",
                                   {{"kind", "activity"}, {"title", "Summer school"}});
  EXPECT_EQ(orphan.status, 400);
  const HttpResponse form =
      PostFormInEnglish("/policies/documents/" + std::to_string(plan) + "/items", "kind=activity&title=Summer+school");
  EXPECT_EQ(MessageOf(orphan), FormErrorOf(form));
  EXPECT_EQ(MessageOf(orphan), "An activity belongs to a measure: choose it.");
  const json problems = BodyOf(orphan)["error"]["problems"];
  ASSERT_EQ(problems.size(), 1u) << "each problem by its field, as the form shows it beside the field";
  EXPECT_EQ(problems[0]["field"], "parent");
  EXPECT_EQ(Call(lom_, "/api/v1/policies/documents/999999/items", {{"kind", "objective"}, {"title", "x"}}).status, 404);
}

TEST_F(PoliciesApiTest, AnOfficialChangesAMeasureWithTheVersionTheyReadAndAStaleVersionIsRefusedAsOnTheForm) {
  const std::int64_t plan = NewPlan("Plan with progress");
  const json objective = NewItem(plan, {{"kind", "objective"}, {"title", "Education"}});
  const json measure =
      NewItem(plan, {{"kind", "measure"}, {"parent", objective["id"]}, {"code", "1.1"}, {"title", "Mediators"}});

  json read = Read(ItemApi(measure));
  read["title"] = "Education mediators";
  read["progress"] = 40;
  const HttpResponse changed = Call(lom_, ItemApi(measure), read);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(BodyOf(changed)["title"], "Education mediators");
  EXPECT_EQ(BodyOf(changed)["version"], 2);
  EXPECT_EQ(BodyOf(changed)["code"], "1.1") << "what was read and sent back stays";
  const json tree = Read("/api/v1/policies/documents/" + std::to_string(plan));
  EXPECT_EQ(tree["items"][0]["progress_rolled_up"], 40.0) << "progress rolls up";
  EXPECT_EQ(tree["items"][0]["roll_up"]["counted"], json::array({{{"uid", measure["uid"]}, {"code", "1.1"}}}));
  EXPECT_EQ(tree["roll_up"]["progress"], 40.0) << "and so does the whole plan's";

  read["title"] = "Old title";  // still version 1
  const HttpResponse stale = Call(lom_, ItemApi(measure), read);
  EXPECT_EQ(stale.status, 409);
  const HttpResponse form =
      PostFormInEnglish(measure["url"].get<std::string>(), "kind=measure&parent=" + objective["id"].dump() +
                                                               "&title=Old+title"
                                                               "&version=1");
  EXPECT_EQ(form.status, 409);
  EXPECT_EQ(MessageOf(stale), FormErrorOf(form));
  EXPECT_EQ(MessageOf(stale), "Someone changed this item while you were editing it. Reload it to see the change.");
  EXPECT_EQ(Read(ItemApi(measure))["title"], "Education mediators");
  EXPECT_EQ(Call(lom_, "/api/v1/policies/items/999999", read).status, 404);
}

TEST_F(PoliciesApiTest, AnOfficialLinksAMeasureToAnObjectiveOfTheNationalStrategy) {
  const std::int64_t plan = NewPlan("Plan linked to the strategy");
  const json objective = NewItem(plan, {{"kind", "objective"}, {"title", "Education"}});
  const json measure = NewItem(plan, {{"kind", "measure"}, {"parent", objective["id"]}, {"title", "Mediators"}});
  const json national = NationalObjective();

  const HttpResponse linked = Call(lom_, ItemApi(measure) + "/links", {{"implements", national["id"]}});
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(BodyOf(linked),
            json({{"item", measure["id"]}, {"implements", national["id"]}, {"linked", true}, {"changed", true}}));
  EXPECT_EQ(BodyOf(Call(lom_, ItemApi(measure) + "/links", {{"implements", national["id"]}}))["changed"], false)
      << "linked already";
  const json read = Read(ItemApi(measure));
  ASSERT_EQ(read["implements"].size(), 1u);
  EXPECT_EQ(read["implements"][0]["id"], national["id"]);
  EXPECT_EQ(read["implements"][0]["level"], "national");
  bool seen_from_above = false;
  const json above = Read(ItemApi(national));
  for (const json& below : above["implemented_by"]) seen_from_above |= below["id"] == measure["id"];
  EXPECT_TRUE(seen_from_above) << "the strategy's objective is implemented by Лом's measure";

  const HttpResponse same_plan = Call(lom_, ItemApi(measure) + "/links", {{"implements", objective["id"]}});
  EXPECT_EQ(same_plan.status, 400);
  EXPECT_EQ(MessageOf(same_plan), "An item implements objectives of another document at the same or a higher level.");
  const HttpResponse form =
      PostFormInEnglish(measure["url"].get<std::string>() + "/links", "implements=" + objective["id"].dump());
  EXPECT_TRUE(Contains(form.body, MessageOf(same_plan))) << "the form's page says the same";
  const HttpResponse typed = Call(lom_, ItemApi(measure) + "/links", {{"implements", national["id"].dump()}});
  EXPECT_EQ(typed.status, 400);
  EXPECT_EQ(MessageOf(typed), "The field \"implements\" must be a whole number.");
}

TEST_F(PoliciesApiTest, AnOfficialRemovesALinkMadeByMistake) {
  const std::int64_t plan = NewPlan("Plan with a mistaken link");
  const json objective = NewItem(plan, {{"kind", "objective"}, {"title", "Housing"}});
  const json national = NationalObjective();
  ASSERT_EQ(Call(lom_, ItemApi(objective) + "/links", {{"implements", national["id"]}}).status, 200);

  const std::string remove = ItemApi(objective) + "/links/" + national["id"].dump() + "/remove";
  const HttpResponse removed = Call(lom_, remove);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(BodyOf(removed),
            json({{"item", objective["id"]}, {"implements", national["id"]}, {"linked", false}, {"changed", true}}));
  EXPECT_TRUE(Read(ItemApi(objective))["implements"].empty());
  EXPECT_EQ(BodyOf(Call(lom_, remove))["changed"], false) << "there was nothing left to remove";
  EXPECT_EQ(Call(lom_, ItemApi(objective) + "/links/999999/remove").status, 404);
}

TEST_F(PoliciesApiTest, AnOfficialWithdrawsAMeasureWithTheActivityUnderIt) {
  const std::int64_t plan = NewPlan("Plan with a withdrawal");
  const json objective = NewItem(plan, {{"kind", "objective"}, {"title", "Housing"}});
  const json measure = NewItem(plan, {{"kind", "measure"}, {"parent", objective["id"]}, {"title", "Legalising homes"}});
  const json activity = NewItem(plan, {{"kind", "activity"}, {"parent", measure["id"]}, {"title", "Cadastre survey"}});
  ASSERT_EQ(Call(lom_, ItemApi(measure) + "/links", {{"implements", NationalObjective()["id"]}}).status, 200);

  const HttpResponse stale = Call(lom_, ItemApi(measure) + "/withdraw", {{"version", 0}, {"reason", "Too early"}});
  EXPECT_EQ(stale.status, 409);
  const HttpResponse form =
      PostFormInEnglish(measure["url"].get<std::string>() + "/withdraw", "version=0&reason=Too+early");
  EXPECT_EQ(MessageOf(stale), FormErrorOf(form));
  const HttpResponse typed =
      Call(lom_, ItemApi(measure) + "/withdraw", {{"version", measure["version"]}, {"reason", 5}});
  EXPECT_EQ(MessageOf(typed), "The field \"reason\" must be text.");

  const HttpResponse withdrawn = Call(lom_, ItemApi(measure) + "/withdraw",
                                      {{"version", measure["version"]}, {"reason", "No land register funds"}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(BodyOf(withdrawn), json({{"item", measure["id"]},
                                     {"withdrawn", json::array({measure["id"], activity["id"]})},
                                     {"links_removed", 1}}));
  const json tree = Read("/api/v1/policies/documents/" + std::to_string(plan));
  EXPECT_EQ(tree["items"].size(), 1u) << "only the objective is left in the plan";
  EXPECT_EQ(tree["withdrawn"].size(), 2u);
  const json read = Read(ItemApi(measure));
  EXPECT_TRUE(read["withdrawn_at"].is_string());
  EXPECT_TRUE(read["implements"].empty()) << "its link went with it";
  EXPECT_TRUE(Contains(Get(port(), measure["url"].get<std::string>()).body, "No land register funds"))
      << "the history says why";
}

TEST_F(PoliciesApiTest, AnOfficialRestoresAWithdrawnMeasure) {
  const std::int64_t plan = NewPlan("Plan with a restoral");
  const json objective = NewItem(plan, {{"kind", "objective"}, {"title", "Health"}});
  const json measure = NewItem(plan, {{"kind", "measure"}, {"parent", objective["id"]}, {"title", "Health mediators"}});
  ASSERT_EQ(Call(lom_, ItemApi(measure) + "/withdraw", {{"version", measure["version"]}}).status, 200);

  const HttpResponse restored = Call(lom_, ItemApi(measure) + "/restore");
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_EQ(BodyOf(restored), json({{"item", measure["id"]}, {"restored", 1}}));
  EXPECT_EQ(Read("/api/v1/policies/documents/" + std::to_string(plan))["items"].size(), 2u);
  EXPECT_TRUE(Read(ItemApi(measure))["withdrawn_at"].is_null());

  const HttpResponse again = Call(lom_, ItemApi(measure) + "/restore");
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(MessageOf(again), "This item is in the plan.");
  EXPECT_TRUE(Contains(PostFormInEnglish(measure["url"].get<std::string>() + "/restore", "").body, MessageOf(again)))
      << "the form's page says the same";
}

TEST_F(PoliciesApiTest, AVisitorWithoutAValidTokenIsAskedForOneAndChangesNothing) {
  const std::int64_t plan = NewPlan("Plan visitors cannot touch");
  const json objective = NewItem(plan, {{"kind", "objective"}, {"title", "Employment"}});
  const std::string document = "/api/v1/policies/documents/" + std::to_string(plan);
  const auto documents = Read("/api/v1/policies/documents")["total"].get<std::size_t>();
  for (const std::string& path :
       {std::string("/api/v1/policies/documents"), document, document + "/items", ItemApi(objective),
        ItemApi(objective) + "/links", ItemApi(objective) + "/links/1/remove", ItemApi(objective) + "/withdraw",
        ItemApi(objective) + "/restore"}) {
    const HttpResponse visitor = Call("", path, PlanOfLom("Visitor's plan"));
    EXPECT_EQ(visitor.status, 401) << path;
    EXPECT_EQ(MessageOf(visitor), "sign in or send an API token") << path;
    EXPECT_EQ(BodyOf(visitor)["error"]["status"], 401) << path;
    const HttpResponse forged = Call("kht_not-a-token-anyone-was-given", path, PlanOfLom("Forged plan"));
    EXPECT_EQ(forged.status, 401) << path;
    EXPECT_EQ(MessageOf(forged), "the API token is unknown or revoked") << path;
  }
  EXPECT_EQ(Read("/api/v1/policies/documents")["total"], documents);
  EXPECT_EQ(Read(document)["items"].size(), 1u);
}

TEST_F(PoliciesApiTest, AnOfficialOfAnotherMunicipalityIsRefusedWithTheServicesMessage) {
  const std::int64_t plan = NewPlan("Plan of Лом only");
  const json objective = NewItem(plan, {{"kind", "objective"}, {"title", "Education"}});
  const json measure = NewItem(plan, {{"kind", "measure"}, {"parent", objective["id"]}, {"title", "Mediators"}});
  const json withdrawn = NewItem(plan, {{"kind", "objective"}, {"title", "Withdrawn"}});
  const json national = NationalObjective();
  ASSERT_EQ(Call(lom_, ItemApi(measure) + "/links", {{"implements", national["id"]}}).status, 200);
  ASSERT_EQ(Call(lom_, ItemApi(withdrawn) + "/withdraw", {{"version", withdrawn["version"]}}).status, 200);
  const std::string document = "/api/v1/policies/documents/" + std::to_string(plan);

  const HttpResponse create = Call(blagoevgrad_, "/api/v1/policies/documents", PlanOfLom("Someone else's plan"));
  EXPECT_EQ(create.status, 403);
  EXPECT_EQ(MessageOf(create), "Your roles do not let you add documents for this place.");
  EXPECT_EQ(create.Header("x-refused-by"), "") << "the service refused, not the route's access";

  json changed_plan = Read(document);
  changed_plan["title"] = "Taken over";
  json changed_measure = Read(ItemApi(measure));
  changed_measure["title"] = "Taken over";
  const std::vector<std::pair<std::string, json>> calls = {
      {document, changed_plan},
      {document + "/items", {{"kind", "objective"}, {"title", "Planted"}}},
      {ItemApi(measure), changed_measure},
      {ItemApi(objective) + "/links", {{"implements", national["id"]}}},
      {ItemApi(measure) + "/links/" + national["id"].dump() + "/remove", json::object()},
      {ItemApi(measure) + "/withdraw", {{"version", changed_measure["version"]}}},
      {ItemApi(withdrawn) + "/restore", json::object()},
  };
  for (const auto& [path, body] : calls) {
    const HttpResponse refused = Call(blagoevgrad_, path, body);
    EXPECT_EQ(refused.status, 403) << path << ": " << refused.body;
    EXPECT_EQ(MessageOf(refused), "Your roles do not let you change this document.") << path;
  }
  const json tree = Read(document);
  EXPECT_EQ(tree["title"], "Plan of Лом only");
  ASSERT_EQ(tree["items"].size(), 2u);
  EXPECT_EQ(tree["items"][1]["title"], "Mediators");
  EXPECT_EQ(tree["items"][1]["implements"].size(), 1u);
  EXPECT_EQ(tree["withdrawn"].size(), 1u);
}

TEST_F(PoliciesApiTest, ARefusedBodyGetsTheMessageTheFormShowsForTheSameInput) {
  const std::int64_t plan = NewPlan("Plan for refusals");
  const std::string items = "/api/v1/policies/documents/" + std::to_string(plan) + "/items";
  const std::string form_items = "/policies/documents/" + std::to_string(plan) + "/items";
  const std::string lom = "&period_start=2027&period_end=2030&municipality=MON24&status=draft&progress_rule=equal";
  struct Case {
    std::string what;
    std::string api_path;
    json body;
    std::string form_path;
    std::string form_body;
  };
  json untitled = PlanOfLom("");
  json misdated = PlanOfLom("Plan");
  misdated["adoption"] = {{"decision_date", "31.02.2026"}};
  const std::vector<Case> cases = {
      {"an empty title", "/api/v1/policies/documents", untitled, "/policies/documents",
       "level=municipal&kind=action_plan&title=" + lom},
      {"a date not in the calendar", "/api/v1/policies/documents", misdated, "/policies/documents",
       "level=municipal&kind=action_plan&title=Plan&decision_date=31.02.2026" + lom},
      {"an unknown kind", items, {{"kind", "goal"}, {"title", "Goal"}}, form_items, "kind=goal&title=Goal"},
      {"a bad start date",
       items,
       {{"kind", "objective"}, {"title", "Housing"}, {"start", "2026-13-01"}},
       form_items,
       "kind=objective&title=Housing&start=2026-13-01"},
      {"progress over 100",
       items,
       {{"kind", "objective"}, {"title", "Housing"}, {"progress", 150}},
       form_items,
       "kind=objective&title=Housing&progress=150"},
      {"an amount with two decimal marks",
       items,
       {{"kind", "objective"},
        {"title", "Housing"},
        {"budgets", {{{"source", "municipal"}, {"planned", "12,345.67"}}}}},
       form_items,
       "kind=objective&title=Housing&planned_municipal=12%2C345.67"},
  };
  for (const Case& each : cases) {
    const HttpResponse api = Call(lom_, each.api_path, each.body);
    const HttpResponse form = PostFormInEnglish(each.form_path, each.form_body);
    EXPECT_EQ(api.status, 400) << each.what << ": " << api.body;
    EXPECT_EQ(form.status, 422) << each.what;
    EXPECT_EQ(MessageOf(api), FormErrorOf(form)) << each.what;
  }
  EXPECT_EQ(MessageOf(Call(lom_, items, {{"kind", "goal"}, {"title", "Goal"}})),
            "The kind must be objective, measure or activity.");
  // The sources are the installation's (an administrator adds more): one it does not have is named by the rules.
  const HttpResponse lottery =
      Call(lom_, items,
           {{"kind", "objective"}, {"title", "Housing"}, {"budgets", {{{"source", "lottery"}, {"planned", "1.00"}}}}});
  EXPECT_EQ(lottery.status, 400) << lottery.body;
  EXPECT_EQ(MessageOf(lottery), "Unknown funding source.");

  // A type the form cannot send is refused by the field's name.
  const HttpResponse typed = Call(lom_, items, {{"kind", "objective"}, {"title", 5}});
  EXPECT_EQ(typed.status, 400);
  EXPECT_EQ(MessageOf(typed), "The field \"title\" must be text.");
  EXPECT_TRUE(Read("/api/v1/policies/documents/" + std::to_string(plan))["items"].empty()) << "nothing was stored";
}

TEST_F(PoliciesApiTest, ABrowserSessionCallsTheApiWithItsCsrfToken) {
  const std::string csrf = HiddenCsrf(GetAs(session_, "/account").body);
  const auto send = [&](std::vector<std::string> headers) {
    headers.push_back("Cookie: session=" + session_);
    headers.push_back("Content-Type: application/json");
    return test_support::Request(port(), "POST", "/api/v1/policies/documents", headers,
                                 PlanOfLom("Plan from the browser").dump());
  };
  const HttpResponse forged = send({});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(MessageOf(forged), "missing or wrong CSRF token: send the X-CSRF-Token header");
  EXPECT_EQ(send({"X-CSRF-Token: " + csrf}).status, 201);
}

}  // namespace

TEST_F(PoliciesApiTest, APlanAdoptedInLevaKeepsItsLevaAndShowsEachAmountInEuroToo) {
  json plan = PlanOfLom("План на Лом, приет в лева");
  plan["currency"] = "BGN";
  const HttpResponse created = Call(lom_, "/api/v1/policies/documents", plan);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(BodyOf(created)["currency"], "BGN");
  const std::int64_t id = BodyOf(created)["id"];
  const json measure = NewItem(id, {{"kind", "objective"},
                                    {"title", "Образование"},
                                    {"budgets", {{{"source", "municipal"}, {"planned", "10000.00"}}}}});
  EXPECT_EQ(measure["budgets"][0]["planned"], "10000.00") << "the amount stays in leva, as adopted";
  const std::string page = Get(port(), "/policies/items/" + measure["id"].dump()).body;
  EXPECT_TRUE(Contains(page, "10\u00a0000,00\u00a0лв.")) << "in leva, as a Bulgarian reader writes them";
  EXPECT_TRUE(Contains(page, "<span class=\"in-euro\">5\u00a0112,92\u00a0€</span>"))
      << "and in euro, 10,000 leva / 1.95583 rounded to the cent";
  const std::string plan_page = Get(port(), "/policies/documents/" + std::to_string(id)).body;
  EXPECT_TRUE(Contains(plan_page, "5\u00a0112,92\u00a0€")) << "the plan's total in euro beside its leva";
  const std::string in_english = Get(port(), "/policies/items/" + measure["id"].dump(), {"Accept-Language: en"}).body;
  EXPECT_TRUE(Contains(in_english, "BGN\u00a010,000.00")) << in_english;
  EXPECT_TRUE(Contains(in_english, "€5,112.92"));

  json dollars = PlanOfLom("A plan in dollars");
  dollars["currency"] = "USD";
  const HttpResponse refused = Call(lom_, "/api/v1/policies/documents", dollars);
  EXPECT_EQ(refused.status, 400);
  ASSERT_TRUE(BodyOf(refused)["error"].contains("problems")) << refused.body;
  EXPECT_EQ(BodyOf(refused)["error"]["problems"][0]["field"], "currency");
}
