// The dashboards in-process over the seeded demo (Лом's plan and monitoring cycle): what a visitor reads on the map,
// the scorecard and the overviews, what a researcher downloads, and that a change of the plan reaches them.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "application/application.hpp"
#include "formats/table.hpp"
#include "formats/zip_reader.hpp"
#include "kernel/data_version.hpp"
#include "support/in_process_site.hpp"
#include "web/open_data_dump.hpp"

namespace {

using nlohmann::json;

class DashboardsTest : public test_support::InProcessSite {
 protected:
  static const json& Row(const json& body, std::string_view code) {
    for (const json& item : body["items"]) {
      if (item["municipality"] == code) return item;
    }
    throw std::runtime_error("no row for " + std::string(code));
  }
};

TEST_F(DashboardsTest, TheHomeMapLinksEveryMunicipalityToItsScorecardNamedWithItsFigure) {
  const http::Response page = Get("/", "measure=activities-completed");
  ASSERT_EQ(page.status, 200);
  const std::regex area(R"(<a class="map-area" href="/scorecards/[A-Z]{3}[0-9]{2}">)");
  EXPECT_EQ(std::distance(std::sregex_iterator(page.body.begin(), page.body.end(), area), std::sregex_iterator()), 265);
  // Лом's demo plan: 1 of its 8 activities completed.
  EXPECT_NE(page.body.find("<title>Lom: 13% (demo data)</title>"), std::string::npos);
  EXPECT_NE(page.body.find("<title>Vidin: No adopted plan</title>"), std::string::npos) << "no figure, never 0%";
  EXPECT_NE(page.body.find("What changed this week"), std::string::npos);
  // An unknown figure is not an error: the map shows the first one.
  EXPECT_EQ(Get("/", "measure=nonsense").status, 200);
}

TEST_F(DashboardsTest, RanksLeaveOutMissingAndWithheldFiguresAndSayWhy) {
  const json done = Json("/api/v1/dashboards/figures", "measure=activities-completed&oblast=MON");
  EXPECT_EQ(done["items"].size(), 11u);
  EXPECT_EQ(Row(done, "MON24")["rank"], 1);
  EXPECT_NEAR(Row(done, "MON24")["value"].get<double>(), 12.5, 0.01);
  EXPECT_TRUE(Row(done, "MON29")["rank"].is_null()) << "Монтана has no plan: no rank";
  EXPECT_TRUE(Row(done, "MON29")["value"].is_null());
  EXPECT_EQ(Row(done, "MON29")["why_none"], "No adopted plan");

  // Three verified assessments are fewer than the threshold of five: the score is withheld, and so is its rank.
  const json score = Json("/api/v1/dashboards/figures", "measure=community-score");
  EXPECT_TRUE(Row(score, "MON24")["suppressed"].get<bool>());
  EXPECT_TRUE(Row(score, "MON24")["value"].is_null());
  EXPECT_TRUE(Row(score, "MON24")["rank"].is_null());

  const json all = Json("/api/v1/dashboards/figures");
  EXPECT_EQ(all["total"], 265);
  EXPECT_EQ(Row(all, "MON24")["figures"]["open-discrepancies"], 1.0) << "the demo's one discrepancy";
  EXPECT_EQ(Get("/api/v1/dashboards/figures", "measure=nonsense").status, 400);
}

TEST_F(DashboardsTest, TheScorecardHoldsEveryModulesPartAndDownloadsAsCsvAndXlsx) {
  const http::Response page = Get("/scorecards/MON24");
  ASSERT_EQ(page.status, 200);
  for (const char* part : {"The plan by area", "Progress against targets", "Official and community views",
                           "Latest verified assessments"}) {
    EXPECT_NE(page.body.find(part), std::string::npos) << part;
  }
  EXPECT_NE(page.body.find("1 of 1 in the oblast"), std::string::npos);

  const http::Response csv = Get("/scorecards/MON24", "format=csv");
  ASSERT_EQ(csv.status, 200);
  auto table = formats::ReadTable(csv.body);
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->rows.front().fields, (std::vector<std::string>{"Part", "Row", "Column", "Value"}));
  const auto has = [&](std::vector<std::string> row) {
    return std::any_of(table->rows.begin(), table->rows.end(),
                       [&](const core::CsvRow& each) { return each.fields == row; });
  };
  EXPECT_TRUE(has({"Figures", "Activities completed", "Value", "12.5"}));
  EXPECT_TRUE(has({"The plan by area", "Employment", "Activities completed (%)", "50.0"}));

  const http::Response xlsx = Get("/scorecards/MON24", "format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  auto sheet = formats::ReadTable(xlsx.body);
  ASSERT_TRUE(sheet) << sheet.error().message;
  EXPECT_EQ(sheet->kind, formats::FileKind::kXlsx);
  EXPECT_EQ(sheet->rows.front().fields.front(), "Figure");

  EXPECT_EQ(Get("/scorecards/MON24", "format=pdf").status, 400) << "a format it does not make is refused";
  EXPECT_EQ(Get("/scorecards/XXX99").status, 404);
}

TEST_F(DashboardsTest, AChangeToThePlanReachesTheKeptScorecardAndMap) {
  const std::string before = Get("/scorecards/MON24").body;
  EXPECT_NE(before.find("13%"), std::string::npos);
  // Another process completes every activity of Лом's plan and says the data changed.
  database_->Acquire()->Execute(
      "UPDATE policy_items SET official_status = 'completed' WHERE kind = 'activity' AND document_id IN "
      "(SELECT id FROM policy_documents WHERE municipality_code = 'MON24')");
  kernel::DataVersion(*database_).Changed();
  std::this_thread::sleep_for(kernel::DataVersion::kRecheck + std::chrono::milliseconds(50));
  const std::string after = Get("/scorecards/MON24").body;
  EXPECT_NE(after.find("100%"), std::string::npos);
  EXPECT_NE(Get("/", "measure=activities-completed").body.find("<title>Lom: 100% (demo data)</title>"),
            std::string::npos);
}

TEST_F(DashboardsTest, TheOverviewComparesMunicipalitiesFigureByFigureAndAreaByArea) {
  const http::Response page = Get("/overview/MON", "measure=activities-completed");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Oblast Montana at a glance"), std::string::npos);
  EXPECT_NE(page.body.find("Area by area"), std::string::npos);
  EXPECT_NE(page.body.find("Employment"), std::string::npos);
  EXPECT_EQ(Get("/overview/XXX").status, 404);
  EXPECT_EQ(Get("/overview").status, 200);
}

TEST_F(DashboardsTest, TheOpenDataArchiveHoldsEveryPublicListWithItsCardAndLicence) {
  const auto bytes = web::MakeOpenDataDump(
      app_.router(), [this](http::Request& request) { return app_.Handle(request); },
      test_support::kInProcessPaths.share_directory, "");
  ASSERT_TRUE(bytes);
  auto zip = formats::ZipReader::Open(*bytes, {});
  ASSERT_TRUE(zip);
  for (const char* name : {"README.md", "LICENCE.txt", "dashboards-figures.csv", "policies-documents.csv",
                           "indicators-values.csv", "monitoring-cycles.csv", "places-municipalities.csv"}) {
    EXPECT_TRUE(zip->Contains(name)) << name;
  }
  std::string municipalities;
  ASSERT_FALSE(zip->Read("places-municipalities.csv", [&](std::string_view chunk) {
    municipalities += chunk;
    return true;
  }));
  auto table = formats::ReadTable(municipalities);
  ASSERT_TRUE(table);
  EXPECT_EQ(table->rows.size(), 266u) << "every municipality, over the places' own pages";
  std::string licence;
  ASSERT_FALSE(zip->Read("LICENCE.txt", [&](std::string_view chunk) {
    licence += chunk;
    return true;
  }));
  EXPECT_NE(licence.find("CC BY 4.0"), std::string::npos);
}

}  // namespace
