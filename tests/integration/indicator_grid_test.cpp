// Two officials of Лом enter values in the grid at once, through the real binary: the one whose grid was opened before
// the other's value went in is told, sees the value stored now beside what they typed, and overwrites nothing until
// they store again, having seen it. A grid sent back untouched leaves a newer value alone.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "support/form_client.hpp"
#include "support/http_client.hpp"
#include "support/server_suite.hpp"

namespace {

using test_support::HttpResponse;

constexpr const char* kCell = "v.MON24.health_mediator_posts";
constexpr const char* kVersion = "version.MON24.health_mediator_posts";

class IndicatorGridTest : public test_support::ServerSuite<IndicatorGridTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    ASSERT_NO_FATAL_FAILURE(AddUser("maria@lom.bg", {"--role", "municipal_official", "--scope", "municipality:MON24"}));
    ASSERT_NO_FATAL_FAILURE(AddUser("petar@lom.bg", {"--role", "municipal_official", "--scope", "municipality:MON24"}));
    Serve();
  }

  // The version the grid carries for Лом's health-mediator posts in `page`.
  static std::string VersionShown(const std::string& page) {
    std::smatch found;
    const std::regex version(std::string("name=\"") + kVersion + "\" value=\"([0-9]+)\"");
    return std::regex_search(page, found, version) ? found[1].str() : "none";
  }

  // The official value of Лом's health-mediator posts in `period`, as the API gives it; -1 when there is none.
  static double Stored(const std::string& period) {
    const auto read = nlohmann::json::parse(
        test_support::Get(port(),
                          "/api/v1/indicators/values?indicator=health_mediator_posts&place=MON24&period=" + period)
            .body);
    for (const auto& each : read["values"]) {
      if (each["source_kind"] == "official") return each["value"].get<double>();
    }
    return -1;
  }
};

TEST_F(IndicatorGridTest, TheSecondToStoreACellIsToldAndSeesTheValueStoredMeanwhile) {
  const std::string maria = test_support::SignIn(port(), "maria@lom.bg", kPassword);
  const std::string petar = test_support::SignIn(port(), "petar@lom.bg", kPassword);
  const std::string grid = "/indicators/grid?period=2023&kind=process";
  // Both open the grid for 2023, where Лом has no value yet.
  ASSERT_EQ(VersionShown(GetAs(maria, grid).body), "0");
  ASSERT_EQ(VersionShown(GetAs(petar, grid).body), "0");

  const std::string form = std::string("period=2023&kind=process&") + kVersion + "=0&" + kCell + "=";
  const HttpResponse first = PostAs(maria, "/indicators/grid", form + "4");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Stored("2023"), 4);

  const HttpResponse second = PostAs(petar, "/indicators/grid", form + "7");
  EXPECT_EQ(second.status, 409);
  EXPECT_NE(second.body.find("value=\"7\""), std::string::npos) << "what he typed stays in the cell";
  EXPECT_NE(second.body.find("Записано в момента: 4"), std::string::npos) << "the value stored now, beside it";
  EXPECT_EQ(VersionShown(second.body), "1") << "the cell now carries the version he has seen";
  EXPECT_EQ(Stored("2023"), 4) << "Maria's value stays";

  // Having seen it, he stores his again from the version shown: it replaces hers.
  const HttpResponse again =
      PostAs(petar, "/indicators/grid", std::string("period=2023&kind=process&") + kVersion + "=1&" + kCell + "=7");
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Stored("2023"), 7);

  // Maria's grid, opened at version 1 and sent back with her 4 as it showed it, leaves his newer value alone.
  const HttpResponse untouched =
      PostAs(maria, "/indicators/grid", std::string("period=2023&kind=process&") + kVersion + "=1&" + kCell + "=4");
  EXPECT_EQ(untouched.status, 200) << untouched.body;
  EXPECT_EQ(Stored("2023"), 7);
}

}  // namespace
