#include "modules/programmes/iati_export.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/iati_files.hpp"

namespace programmes {
namespace {

using test_support::FileContents;
using test_support::IatiSchema;
using test_support::kIatiShared;

namespace fs = std::filesystem;

IatiActivity Ruse() {
  IatiActivity activity;
  activity.identifier = "CH-4-2026-ROMA-RUSE";
  activity.default_currency = "CHF";
  activity.default_language = "en";
  activity.last_updated = "2026-12-06T10:00:00Z";
  activity.hierarchy = "2";
  activity.parents = {"CH-4-2026-ROMA"};
  activity.title = {{"", "Inclusion of Roma in Ruse"}, {"bg", "Приобщаване на ромите в Русе"}};
  activity.status = "2";
  activity.planned_start = "2027-01-01";
  activity.planned_end = "2029-12-31";
  activity.reporting_org = {"CH-4", "10", "", {{"", "Swiss Agency for Development & Cooperation"}}};
  activity.participants = {{"CH-4", "10", "1", {{"", "SDC"}}}, {"", "40", "4", {{"bg", "Община Русе"}}}};
  activity.recipient_countries = {"BG"};
  activity.budgets.push_back({0, "1", "2", "2027-01-01", "2027-12-31", {"250000.00", "EUR", "2027-01-01"}});
  activity.transactions.push_back({0, "3", "2027-03-15", {"40000", "CHF", "2027-03-15"}, {{"", "First <tranche>"}}});
  IatiIndicator indicator;
  indicator.measure = "2";
  indicator.title = {{"", "Share of Roma children aged 3–6 in kindergarten"}};
  indicator.baseline_year = "2026";
  indicator.baseline_value = "34";
  IatiPeriod period;
  period.start = "2027-01-01";
  period.end = "2027-12-31";
  period.targets.push_back({"45", {}, {}});
  period.actuals.push_back({"41", {{"sex", "female"}}, {{"", "Enrolment lists of September"}}});
  period.actuals.push_back({"39", {{"sex", "male"}}, {}});
  indicator.periods.push_back(period);
  activity.results.push_back({"2", {{"", "More Roma children in kindergarten"}}, {indicator}});
  return activity;
}

// `activity` written as a file and read again against the schema; what the schema found wrong is reported with the
// file written.
IatiRead WrittenAndReadBack(const IatiActivity& activity) {
  const std::string file = WriteIatiActivities({activity}, "2026-12-06T15:00:00Z");
  IatiRead read = IatiSchema().Read(file);
  for (const auto& problem : read.problems) ADD_FAILURE() << problem.line << ": " << problem.message << "\n" << file;
  return read;
}

TEST(IatiExport, AWrittenActivityPassesTheSchemaAndReadsBackAsItWas) {
  const std::string file = WriteIatiActivities({Ruse()}, "2026-12-06T15:00:00Z");
  const IatiRead read = IatiSchema().Read(file);
  ASSERT_TRUE(read.problems.empty()) << read.problems.front().line << ": " << read.problems.front().message << "\n"
                                     << file;
  ASSERT_EQ(read.activities.size(), 1u);
  const IatiActivity& back = read.activities[0];
  const IatiActivity sent = Ruse();
  EXPECT_EQ(back.identifier, sent.identifier);
  EXPECT_EQ(back.title, sent.title);
  EXPECT_EQ(back.parents, sent.parents);
  EXPECT_EQ(back.hierarchy, "2");
  EXPECT_EQ(NarrativeIn(back.reporting_org.name, "en"), "Swiss Agency for Development & Cooperation");
  EXPECT_EQ(NarrativeIn(back.participants[1].name, "bg"), "Община Русе");
  EXPECT_EQ(back.budgets.at(0).amount.currency, "EUR");
  EXPECT_EQ(back.transactions.at(0).amount.currency, "CHF");
  EXPECT_EQ(NarrativeIn(back.transactions.at(0).description, "en"), "First <tranche>");
  const IatiIndicator& indicator = back.results.at(0).indicators.at(0);
  EXPECT_EQ(indicator.baseline_value, "34");
  ASSERT_EQ(indicator.periods.at(0).actuals.size(), 2u);
  EXPECT_EQ(indicator.periods.at(0).actuals[0].dimensions,
            sent.results[0].indicators[0].periods[0].actuals[0].dimensions);
  EXPECT_EQ(NarrativeIn(indicator.periods.at(0).actuals[0].comment, "en"), "Enrolment lists of September");
  EXPECT_NE(file.find("generated-datetime=\"2026-12-06T15:00:00Z\""), std::string::npos);
}

TEST(IatiExport, WhatTheSchemaRequiresIsWrittenWhenAnActivityLacksIt) {
  IatiActivity bare;
  bare.identifier = "XM-1-BARE";
  bare.reporting_org = {"XM-1", "22", "", {}};
  bare.participants = {{"XM-1", "22", "1", {}}};
  const IatiRead read = WrittenAndReadBack(bare);
  ASSERT_TRUE(read.problems.empty());
  EXPECT_EQ(NarrativeIn(read.activities.at(0).title, ""), "XM-1-BARE");
  EXPECT_EQ(read.activities.at(0).planned_start, "2026-12-06");
}

// Found by iati_activities_fuzz: a donor's file may give a required attribute empty (role=""), which the schema
// accepts; writing it back must keep it rather than leave it out.
TEST(IatiExport, RequiredAttributesReadEmptyAreWrittenBackEmpty) {
  IatiActivity activity = Ruse();
  activity.reporting_org.ref.clear();
  activity.reporting_org.type.clear();
  activity.participants.at(1).role.clear();
  activity.parents = {""};
  activity.results.at(0).type.clear();
  activity.results.at(0).indicators.at(0).measure.clear();
  const IatiRead read = WrittenAndReadBack(activity);
  ASSERT_TRUE(read.problems.empty());
  EXPECT_EQ(read.activities.at(0).participants.at(1).role, "");
  EXPECT_EQ(read.activities.at(0).reporting_org.ref, "");
}

// A file read may give an activity no identifier, no title and an unnamed reporting organisation without a ref,
// all of which the schema accepts empty: the texts it requires are then written as a dash rather than left out.
TEST(IatiExport, TextsTheSchemaRequiresAreWrittenWhenEverythingToNameThemIsEmpty) {
  IatiActivity activity = Ruse();
  activity.identifier.clear();
  activity.title.clear();
  activity.description.clear();
  activity.reporting_org = {"", "", "", {}};
  activity.results.at(0).title.clear();
  activity.results.at(0).indicators.at(0).title.clear();
  const IatiRead read = WrittenAndReadBack(activity);
  ASSERT_TRUE(read.problems.empty());
  const IatiActivity& back = read.activities.at(0);
  EXPECT_EQ(NarrativeIn(back.title, ""), "—");
  EXPECT_EQ(NarrativeIn(back.description, ""), "—");
  EXPECT_EQ(NarrativeIn(back.reporting_org.name, ""), "—");
  EXPECT_EQ(NarrativeIn(back.results.at(0).indicators.at(0).title, ""), "—");
}

TEST(IatiExport, ControlCharactersAreDroppedSoThatTheFileStaysXml) {
  IatiActivity activity = Ruse();
  activity.title = {{"", std::string("Title\x01 with\x1b controls\tand a tab")}};
  const IatiRead read = WrittenAndReadBack(activity);
  ASSERT_TRUE(read.problems.empty());
  EXPECT_EQ(NarrativeIn(read.activities.at(0).title, ""), "Title with controls\tand a tab");
}

// Whatever a donor's file holds that Khetane reads, Khetane writes back in a file the schema passes.
TEST(IatiExport, EveryConformanceFileReadAndWrittenAgainPassesTheSchema) {
  std::vector<fs::path> files = test_support::IatiFilesThatShouldPass();
  files.push_back(kIatiShared / "examples/activity-standard-example-annotated.xml");
  ASSERT_GT(files.size(), 200u);
  for (const fs::path& path : files) {
    const IatiRead read = IatiSchema().Read(FileContents(path));
    ASSERT_TRUE(read.problems.empty()) << path;
    const IatiRead again = IatiSchema().Read(WriteIatiActivities(read.activities, "2026-12-06T15:00:00Z"));
    ASSERT_TRUE(again.problems.empty()) << path << " line " << again.problems.front().line << ": "
                                        << again.problems.front().message;
    ASSERT_EQ(again.activities.size(), read.activities.size()) << path;
    for (std::size_t i = 0; i < read.activities.size(); ++i) {
      EXPECT_EQ(again.activities[i].identifier, read.activities[i].identifier) << path;
      EXPECT_EQ(again.activities[i].budgets.size(), read.activities[i].budgets.size()) << path;
      EXPECT_EQ(again.activities[i].results.size(), read.activities[i].results.size()) << path;
    }
  }
}

}  // namespace
}  // namespace programmes
