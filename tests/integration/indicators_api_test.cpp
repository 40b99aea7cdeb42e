// Indicator values through the real binary: an official of Лом enters values as JSON and is refused with the words
// the forms use (not a number, a share above 100, no role for the place, a closed period naming who closed it);
// a visitor reads the values, the library and the national panel as JSON and downloads them as DHIS2 and SDMX CSV.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/server_suite.hpp"

namespace {

using nlohmann::json;
using test_support::Get;
using test_support::HttpResponse;

class IndicatorsApiTest : public test_support::ServerSuite<IndicatorsApiTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    ASSERT_NO_FATAL_FAILURE(
        AddUser("official@lom.bg", {"--role", "municipal_official", "--scope", "municipality:MON24"}));
    ASSERT_NO_FATAL_FAILURE(
        AddUser("official@blagoevgrad.bg", {"--role", "municipal_official", "--scope", "municipality:BLG03"}));
    ASSERT_NO_FATAL_FAILURE(AddUser("coordinator@montana.bg", {"--role", "coordinator", "--scope", "oblast:MON"}));
    Serve();
    lom_ = TokenOf("official@lom.bg");
    blagoevgrad_ = TokenOf("official@blagoevgrad.bg");
    coordinator_ = TokenOf("coordinator@montana.bg");
  }

  static std::string TokenOf(const std::string& email) {
    const auto issued = test_support::RunKhetane({"user", "token", email, "--database", database_->target()});
    EXPECT_EQ(issued.exit_code, 0) << issued.output;
    return issued.output.substr(0, issued.output.find('\n'));
  }
  static HttpResponse Post(const std::string& token, const std::string& path, const json& body = json::object()) {
    return test_support::Request(port(), "POST", path,
                                 {"Content-Type: application/json", "Authorization: Bearer " + token}, body.dump());
  }
  static json BodyOf(const HttpResponse& response) { return json::parse(response.body, nullptr, false); }
  static json Value(const std::string& indicator, const json& value, const std::string& period = "2026") {
    return {{"indicator", indicator}, {"place", "MON24"}, {"period", period}, {"value", value}};
  }

  static inline std::string lom_, blagoevgrad_, coordinator_;
};

TEST_F(IndicatorsApiTest, AValueIsEnteredAsJsonAndReadBackBesideTheOtherSources) {
  const HttpResponse entered = Post(lom_, "/api/v1/indicators/values", Value("health_mediator_posts", 4, "2022"));
  ASSERT_EQ(entered.status, 201) << entered.body;
  EXPECT_EQ(BodyOf(entered)["status"], "submitted");
  const json read = json::parse(
      Get(port(), "/api/v1/indicators/values?indicator=health_mediator_posts&place=MON24&period=2022").body);
  ASSERT_TRUE(read["values"].is_array());
  bool found = false;
  for (const json& each : read["values"]) found = found || (each["source_kind"] == "official" && each["value"] == 4);
  EXPECT_TRUE(found) << read.dump();
}

TEST_F(IndicatorsApiTest, NotANumberAndAShareAbove100AreRefusedFieldByField) {
  const HttpResponse na = Post(lom_, "/api/v1/indicators/values", Value("in_paid_work", "N/A"));
  EXPECT_EQ(na.status, 400);
  EXPECT_EQ(BodyOf(na)["error"]["problems"][0]["field"], "value");
  EXPECT_EQ(BodyOf(na)["error"]["problems"][0]["message"],
            "Write a number. If there is no figure, leave the value out and say why in the note.");
  const HttpResponse too_much = Post(lom_, "/api/v1/indicators/values", Value("in_paid_work", 140, "2026Q5"));
  EXPECT_EQ(too_much.status, 400);
  EXPECT_EQ(BodyOf(too_much)["error"]["problems"].size(), 2u) << too_much.body;
}

TEST_F(IndicatorsApiTest, AnOfficialOfAnotherMunicipalityIsRefusedNamingThePlace) {
  const HttpResponse refused = Post(blagoevgrad_, "/api/v1/indicators/values", Value("health_mediator_posts", 3));
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(BodyOf(refused)["error"]["message"].get<std::string>().find("You have no role for Lom"), std::string::npos)
      << refused.body;
}

TEST_F(IndicatorsApiTest, AfterTheCoordinatorApprovesAValueAndClosesThePeriodAChangeIsRefusedNamingWhoAndWhen) {
  const HttpResponse entered = Post(lom_, "/api/v1/indicators/values", Value("education_mediator_posts", 6, "2023"));
  ASSERT_EQ(entered.status, 201) << entered.body;
  const std::string id = BodyOf(entered)["id"].dump();
  EXPECT_EQ(Post(lom_, "/api/v1/indicators/values/" + id + "/approve").status, 403)
      << "an official does not approve values";
  const HttpResponse approved = Post(coordinator_, "/api/v1/indicators/values/" + id + "/approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(BodyOf(approved)["approved_by"], "coordinator");
  const HttpResponse changed = Post(lom_, "/api/v1/indicators/values", Value("education_mediator_posts", 7, "2023"));
  EXPECT_EQ(changed.status, 409);
  EXPECT_NE(BodyOf(changed)["error"]["message"].get<std::string>().find("was approved by coordinator on "),
            std::string::npos)
      << changed.body;
}

TEST_F(IndicatorsApiTest, AVisitorReadsTheLibraryAndThePanelsAndDownloadsDhis2AndSdmxCsv) {
  const json library = json::parse(Get(port(), "/api/v1/indicators").body);
  EXPECT_GE(library["indicators"].size(), 18u);
  const json indicator = json::parse(Get(port(), "/api/v1/indicators/early_childhood_education").body);
  ASSERT_FALSE(indicator["targets"].empty());
  EXPECT_DOUBLE_EQ(indicator["targets"][0]["target"].get<double>(), 68.5);
  const HttpResponse national = Get(port(), "/api/v1/indicators/national?from=2016&to=2026");
  EXPECT_EQ(national.status, 200);
  EXPECT_EQ(json::parse(national.body)["oblasts"].size(),
            json::parse(Get(port(), "/api/v1/places/oblasts").body)["total"].get<std::size_t>());
  const HttpResponse dhis2 = Get(port(), "/indicators/values.csv?indicator=discrimination_felt");
  EXPECT_EQ(dhis2.status, 200);
  EXPECT_NE(dhis2.body.find("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value"),
            std::string::npos);
  EXPECT_NE(dhis2.body.find("discrimination_felt,2024,EU,total,survey,31"), std::string::npos) << dhis2.body;
  const HttpResponse sdmx = Get(port(), "/indicators/values.csv?indicator=discrimination_felt&format=sdmx");
  EXPECT_NE(sdmx.body.find("KHETANE:INDICATORS(1.0)"), std::string::npos) << sdmx.body;
  EXPECT_EQ(Get(port(), "/api/v1/indicators/no_such_indicator").status, 404);
}

}  // namespace
