// Places through the real binary: a municipality's and an oblast's population to 2025 and their Census 2021, with
// small counts suppressed, and the maps that show which municipalities have an adopted plan.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/server_suite.hpp"

namespace {

using nlohmann::json;
using test_support::Get;
using test_support::HttpResponse;

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A fresh database, seeded by the first `khetane serve`: the reference data, and the demo plan of Лом (MON24).
class PlacesTest : public test_support::ServerSuite<PlacesTest> {
 protected:
  static void SetUpTestSuite() {
    OpenDatabase();
    Serve();
  }
  static HttpResponse Page(const std::string& path, const std::string& language = "bg") {
    const HttpResponse page = Get(port(), path, {"Accept-Language: " + language});
    EXPECT_EQ(page.status, 200) << path;
    return page;
  }
  static json GetJson(const std::string& path) {
    const HttpResponse response = Get(port(), path);
    EXPECT_EQ(response.status, 200) << path << "\n" << response.body;
    return json::parse(response.body);
  }
};

TEST_F(PlacesTest, LomsPageShowsItsPopulationIn2025AndItsRomaInTheCensusAsBulgarianWritesNumbers) {
  const std::string page = Page("/places/municipalities/MON24").body;
  // population_municipalities_nsi_2023_2025.csv: MON24 … 20087,19755,19350
  EXPECT_TRUE(Contains(page, "Население (2025): 19\u00a0350")) << page;
  EXPECT_TRUE(Contains(page, "<th scope=\"row\">2025</th><td class=\"number\">19\u00a0350</td>"));
  // census2021_municipalities.csv: MON24 population 21248, Roma 2508 of 19544 who answered.
  EXPECT_TRUE(Contains(page, "Преброяване 2021"));
  EXPECT_TRUE(Contains(page, "<strong>21\u00a0248</strong>"));
  EXPECT_TRUE(Contains(page, "Роми: 2\u00a0508 души, 11,8% от населението и 12,8% от отговорилите.")) << page;
  EXPECT_TRUE(Contains(page, "Въпросът за етническата група беше доброволен"));

  const std::string english = Page("/places/municipalities/MON24", "en").body;
  EXPECT_TRUE(Contains(english, "Population (2025): 19,350"));
  EXPECT_TRUE(Contains(english, "Roma: 2,508 people, 11.8% of the population and 12.8% of those who answered."));
}

TEST_F(PlacesTest, ACensusCountBelowFiveIsShownAsFewerThanFiveAndIsNullInTheApi) {
  // census2021_municipalities.csv: KNL05 (Бобошево) Turkish 2, Roma 0, cannot determine 1.
  const std::string page = Page("/places/municipalities/KNL05").body;
  EXPECT_TRUE(Contains(page, "Роми: по-малко от 5 души.")) << page;
  EXPECT_TRUE(Contains(page,
                       "<th scope=\"row\">Турска</th><td class=\"number\" data-label=\"Души\">по-малко от 5</td><td "
                       "class=\"number\" data-label=\"Дял от населението\">—</td><td class=\"number\" "
                       "data-label=\"Дял от отговорилите\">—</td>"))
      << "a count below 5 is neither published nor used in a share";
  EXPECT_TRUE(Contains(Page("/places/municipalities/KNL05", "en").body, "Roma: fewer than 5 people."));

  const json census = GetJson("/api/v1/places/municipalities/KNL05")["census_2021"];
  EXPECT_EQ(census["population"], (json{{"value", 2348}, {"suppressed", false}}));
  EXPECT_EQ(census["ethnic_group"]["roma"], (json{{"value", nullptr}, {"suppressed", true}}));
  EXPECT_EQ(census["ethnic_group"]["turkish"], (json{{"value", nullptr}, {"suppressed", true}}));
  EXPECT_EQ(census["ethnic_group"]["other"], (json{{"value", 7}, {"suppressed", false}}));
  EXPECT_TRUE(census["roma_percent"]["of_population"].is_null());
  EXPECT_EQ(census["suppression_threshold"], 5);
  EXPECT_EQ(GetJson("/api/v1/places/municipalities/MON24")["census_2021"]["roma_percent"]["of_population"], 11.8);
}

TEST_F(PlacesTest, AnOblastsPopulationIsTheSumOfItsMunicipalitiesTo2025) {
  const json montana = GetJson("/api/v1/places/oblasts/MON");
  const json municipalities = GetJson("/api/v1/places/municipalities?oblast=MON&limit=100");
  long long sum = 0;
  for (const json& each : municipalities["items"]) {
    ASSERT_EQ(each["population"]["year"], 2025) << each["code"];
    sum += each["population"]["value"].get<long long>();
  }
  EXPECT_EQ(montana["population"]["year"], 2025);
  EXPECT_EQ(montana["population"]["value"], sum);
  EXPECT_EQ(montana["population_by_year"].back()["value"], sum);
  // census2021_oblasts.csv: MON, 119950 people, 13130 Roma.
  EXPECT_EQ(montana["census_2021"]["population"]["value"], 119950);
  EXPECT_EQ(montana["census_2021"]["ethnic_group"]["roma"]["value"], 13130);
  EXPECT_EQ(Get(port(), "/api/v1/places/oblasts/XYZ").status, 404);

  const std::string page = Page("/places/oblasts/MON").body;
  EXPECT_TRUE(Contains(page, "Население на област Монтана по години"));
  EXPECT_TRUE(Contains(page, "Население на област Монтана по етническа група, преброяване 2021"));
}

TEST_F(PlacesTest, TheOblastPageMarksLomWhoseDemoPlanIsAdopted) {
  const std::string page = Page("/places/oblasts/MON").body;
  // On the map: a link to Лом named with its adopted plan, hatched; the others plain, named as having none.
  EXPECT_TRUE(Contains(page,
                       "<a class=\"map-area map-marked\" href=\"/places/municipalities/MON24\"><title>Лом: има приет "
                       "общински план (демонстрационни данни)</title>"))
      << page;
  EXPECT_TRUE(Contains(page,
                       "<a class=\"map-area\" href=\"/places/municipalities/MON29\"><title>Монтана: няма приет "
                       "общински план</title>"));
  EXPECT_TRUE(Contains(page, "Приет общински план (щриховано)")) << "the legend";
  // In the table: the plan's title as a link, labelled as demo data.
  EXPECT_TRUE(Contains(page, "<th scope=\"col\">Приет план</th>"));
  EXPECT_TRUE(
      Contains(page, "(демонстрационни данни)</a> <span class=\"badge badge-demo\">Демонстрационни данни</span>"));

  const std::string english = Page("/places/oblasts/MON", "en").body;
  EXPECT_TRUE(Contains(english, "<title>Lom: has an adopted municipal plan (demo data)</title>"));
  EXPECT_TRUE(Contains(english, "<title>Montana: no adopted municipal plan</title>"));
}

TEST_F(PlacesTest, ThePlacesPageShowsTheCountrysMapWithLomMarked) {
  const std::string page = Page("/places").body;
  EXPECT_TRUE(Contains(page, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map area-map\""));
  EXPECT_TRUE(Contains(page, "href=\"/places/municipalities/MON24\"><title>Лом: има приет общински план"));
  EXPECT_TRUE(Contains(page, "href=\"/places/municipalities/BLG03\"><title>Благоевград: няма приет общински план"));
  EXPECT_TRUE(Contains(page, "Общини с приет план"));
  EXPECT_TRUE(Contains(page, "Население (2025)"));
}

}  // namespace
