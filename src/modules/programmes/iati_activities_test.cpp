#include "modules/programmes/iati_activities.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/iati_files.hpp"

namespace programmes {
namespace {

using test_support::FileContents;
using test_support::IatiSchema;
using test_support::kIatiShared;

namespace fs = std::filesystem;

constexpr std::string_view kMinimal = R"(<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2026-11-30T10:00:00Z">
  <iati-activity last-updated-datetime="2026-11-30T10:00:00Z" xml:lang="en" default-currency="CHF">
    <iati-identifier>CH-4-2026-ROMA-RUSE</iati-identifier>
    <reporting-org ref="CH-4" type="10"><narrative>Swiss Agency for Development and Cooperation</narrative></reporting-org>
    <title><narrative>Inclusion of Roma in Ruse</narrative><narrative xml:lang="bg">Приобщаване на ромите в Русе</narrative></title>
    <description><narrative>Kindergartens and health mediators.</narrative></description>
    <participating-org role="1" ref="CH-4" type="10"><narrative>SDC</narrative></participating-org>
    <participating-org role="4" type="40"><narrative>Община Русе</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2027-01-01"/>
    <activity-date type="3" iso-date="2029-12-31"/>
    <recipient-country code="BG"/>
    <budget type="1" status="2">
      <period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/>
      <value currency="EUR" value-date="2027-01-01">250000.00</value>
    </budget>
    <transaction>
      <transaction-type code="3"/><transaction-date iso-date="2027-03-15"/>
      <value value-date="2027-03-15">40000</value>
    </transaction>
    <result type="2" aggregation-status="0">
      <title><narrative>More Roma children in kindergarten</narrative></title>
      <indicator measure="2" ascending="1">
        <title><narrative>Share of Roma children aged 3–6 in kindergarten</narrative></title>
        <baseline year="2026" iso-date="2026-06-30" value="34"/>
        <period>
          <period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/>
          <target value="45"/>
          <actual value="41"><dimension name="sex" value="female"/></actual>
          <actual value="39"><dimension name="sex" value="male"/></actual>
        </period>
      </indicator>
    </result>
  </iati-activity>
</iati-activities>
)";

TEST(IatiActivities, AnActivityIsReadWithItsBudgetsTransactionsAndResults) {
  const IatiRead read = IatiSchema().Read(kMinimal);
  ASSERT_TRUE(read.problems.empty()) << read.problems.front().line << ": " << read.problems.front().message;
  EXPECT_EQ(read.version, "2.03");
  ASSERT_EQ(read.activities.size(), 1u);
  const IatiActivity& activity = read.activities[0];
  EXPECT_EQ(activity.identifier, "CH-4-2026-ROMA-RUSE");
  EXPECT_EQ(activity.line, 3u);
  EXPECT_EQ(NarrativeIn(activity.title, "bg"), "Приобщаване на ромите в Русе");
  EXPECT_EQ(NarrativeIn(activity.title, "en"), "Inclusion of Roma in Ruse") << "the narrative without a language";
  EXPECT_EQ(activity.status, "2");
  EXPECT_EQ(activity.planned_start, "2027-01-01");
  EXPECT_EQ(activity.planned_end, "2029-12-31");
  EXPECT_EQ(activity.reporting_org.ref, "CH-4");
  ASSERT_EQ(activity.participants.size(), 2u);
  EXPECT_EQ(activity.participants[1].role, "4");
  EXPECT_EQ(NarrativeIn(activity.participants[1].name, "bg"), "Община Русе");
  EXPECT_EQ(activity.recipient_countries, std::vector<std::string>{"BG"});
  ASSERT_EQ(activity.budgets.size(), 1u);
  EXPECT_EQ(activity.budgets[0].amount.value, "250000.00");
  EXPECT_EQ(activity.budgets[0].amount.currency, "EUR");
  ASSERT_EQ(activity.transactions.size(), 1u);
  EXPECT_EQ(activity.transactions[0].type, "3");
  EXPECT_EQ(activity.transactions[0].amount.currency, "CHF") << "the activity's default currency";
  ASSERT_EQ(activity.results.size(), 1u);
  ASSERT_EQ(activity.results[0].indicators.size(), 1u);
  const IatiIndicator& indicator = activity.results[0].indicators[0];
  EXPECT_EQ(indicator.measure, "2");
  EXPECT_EQ(indicator.baseline_year, "2026");
  EXPECT_EQ(indicator.baseline_value, "34");
  ASSERT_EQ(indicator.periods.size(), 1u);
  ASSERT_EQ(indicator.periods[0].targets.size(), 1u);
  EXPECT_EQ(indicator.periods[0].targets[0].value, "45");
  ASSERT_EQ(indicator.periods[0].actuals.size(), 2u) << "2.03 allows several actuals a period";
  EXPECT_EQ(indicator.periods[0].actuals[1].dimensions.at(0).second, "male");
}

TEST(IatiActivities, TheFullExampleOfTheStandardIsRead) {
  const IatiRead read =
      IatiSchema().Read(FileContents(kIatiShared / "examples/activity-standard-example-annotated.xml"));
  ASSERT_TRUE(read.problems.empty()) << read.problems.front().line << ": " << read.problems.front().message;
  ASSERT_FALSE(read.activities.empty());
  EXPECT_FALSE(read.activities[0].identifier.empty());
  EXPECT_FALSE(read.activities[0].budgets.empty());
  EXPECT_FALSE(read.activities[0].transactions.empty());
  EXPECT_FALSE(read.activities[0].results.empty());
  EXPECT_EQ(read.activities[0].hierarchy, "1");
  EXPECT_EQ(read.activities[0].parents, std::vector<std::string>{"AA-AAA-123456789-6789"});
}

TEST(IatiActivities, EveryActivityFileTheSchemaPassesIsRead) {
  const auto files = test_support::IatiFilesThatShouldPass();
  ASSERT_GT(files.size(), 200u);
  for (const fs::path& file : files) {
    const IatiRead read = IatiSchema().Read(FileContents(file));
    EXPECT_TRUE(read.problems.empty()) << file << " line " << read.problems.front().line << ": "
                                       << read.problems.front().message;
  }
}

TEST(IatiActivities, EveryActivityFileTheSchemaFailsIsRefusedWithALineAndTheValidatorsWords) {
  const auto files = test_support::IatiFilesThatShouldFail();
  ASSERT_GT(files.size(), 200u);
  for (const fs::path& file : files) {
    const IatiRead read = IatiSchema().Read(FileContents(file));
    ASSERT_FALSE(read.problems.empty()) << file << " was accepted";
    EXPECT_TRUE(read.activities.empty()) << file;
    EXPECT_GT(read.problems.front().line, 0u) << file << ": " << read.problems.front().message;
    EXPECT_FALSE(read.problems.front().message.empty()) << file;
  }
}

TEST(IatiActivities, ADocumentTypeIsRefusedBeforeAnyEntityIsRead) {
  const std::string laughs = R"(<?xml version="1.0"?>
<!DOCTYPE iati-activities [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&c;</iati-identifier></iati-activity></iati-activities>
)";
  const IatiRead read = IatiSchema().Read(laughs);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_NE(read.problems[0].message.find("DOCTYPE"), std::string::npos) << read.problems[0].message;
  EXPECT_TRUE(read.activities.empty());

  const IatiRead external = IatiSchema().Read(R"(<?xml version="1.0"?>
<!DOCTYPE iati-activities SYSTEM "file:///etc/passwd">
<iati-activities version="2.03"/>)");
  ASSERT_EQ(external.problems.size(), 1u);
  EXPECT_NE(external.problems[0].message.find("DOCTYPE"), std::string::npos);
}

TEST(IatiActivities, MalformedXmlIsRefusedWithItsLine) {
  const IatiRead read = IatiSchema().Read(
      "<?xml version=\"1.0\"?>\n<iati-activities version=\"2.03\">\n<iati-activity>\n"
      "</iati-activities>\n");
  ASSERT_FALSE(read.problems.empty());
  EXPECT_EQ(read.problems[0].line, 4u) << read.problems[0].message;
}

TEST(IatiActivities, AnotherKindOfFileIsRefused) {
  const IatiRead organisations = IatiSchema().Read(FileContents(
      kIatiShared / "tests/should-pass/iati-organisations/iati-organisation/only-required-elements-exist.xml"));
  ASSERT_EQ(organisations.problems.size(), 1u);
  EXPECT_NE(organisations.problems[0].message.find("<iati-activities>"), std::string::npos);
  EXPECT_FALSE(IatiSchema().Read("").problems.empty());
  EXPECT_FALSE(IatiSchema().Read("not xml at all").problems.empty());
}

TEST(IatiActivities, AFileLargerThanAllowedIsRefusedUnread) {
  std::string large = "<?xml version=\"1.0\"?>\n<iati-activities version=\"2.03\">";
  large.resize(kMaxIatiBytes + 1, ' ');
  const IatiRead read = IatiSchema().Read(large);
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_EQ(read.problems[0].line, 0u);
  EXPECT_NE(read.problems[0].message.find("64 MB"), std::string::npos);
}

}  // namespace
}  // namespace programmes
