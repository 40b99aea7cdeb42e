#include "modules/programmes/iati_import.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/iati_files.hpp"

namespace programmes {
namespace {

using test_support::IatiSchema;

// The Swiss-Bulgarian programme with two of its municipalities' projects, as its operator might publish it.
constexpr std::string_view kProgramme = R"(<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
  <iati-activity hierarchy="1" default-currency="CHF" xml:lang="en">
    <iati-identifier>CH-4-SBCP-ROMA</iati-identifier>
    <reporting-org ref="CH-4" type="10"><narrative>Swiss Agency for Development and Cooperation</narrative></reporting-org>
    <title><narrative>Roma inclusion programme</narrative></title>
    <description><narrative>Social inclusion of Roma and other vulnerable groups.</narrative></description>
    <participating-org role="1" ref="CH-4" type="10"><narrative>Swiss Confederation</narrative></participating-org>
    <participating-org role="2" type="10"><narrative>Ministry of Labour and Social Policy</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2027-01-01"/><activity-date type="3" iso-date="2029-12-31"/>
    <budget type="1" status="1"><period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/><value value-date="2027-01-01">1000000</value></budget>
    <budget type="2" status="2"><period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/><value value-date="2027-06-01">1200000.50</value></budget>
    <budget type="1" status="1"><period-start iso-date="2028-01-01"/><period-end iso-date="2028-12-31"/><value value-date="2027-01-01">800000</value></budget>
    <related-activity ref="CH-4-SBCP-ROMA-RUSE" type="2"/>
  </iati-activity>
  <iati-activity default-currency="CHF" xml:lang="en">
    <iati-identifier>CH-4-SBCP-ROMA-RUSE</iati-identifier>
    <reporting-org ref="CH-4" type="10"><narrative>SDC</narrative></reporting-org>
    <title><narrative>Kindergartens for all in Ruse</narrative><narrative xml:lang="bg">Детски градини за всички в Русе</narrative></title>
    <description><narrative>Places, fees and mediators.</narrative></description>
    <participating-org role="4" type="11"><narrative xml:lang="bg">Община Русе</narrative></participating-org>
    <participating-org role="4" type="22"><narrative>Amalipe</narrative></participating-org>
    <activity-status code="6"/>
    <activity-date type="2" iso-date="2027-02-01"/>
    <budget type="1" status="2"><period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/><value currency="EUR" value-date="2027-01-01">250000.125</value></budget>
    <transaction><transaction-type code="3"/><transaction-date iso-date="2027-03-15"/><value value-date="2027-03-15">40000</value><description><narrative>First tranche</narrative></description></transaction>
    <transaction><transaction-type code="4"/><transaction-date iso-date="2027-04-01"/><value value-date="2027-04-01">-1250.5</value></transaction>
    <related-activity ref="CH-4-SBCP-ROMA" type="1"/>
  </iati-activity>
  <iati-activity default-currency="CHF">
    <iati-identifier>CH-4-SBCP-ROMA-SLIVEN</iati-identifier>
    <reporting-org ref="CH-4" type="10"><narrative>SDC</narrative></reporting-org>
    <title><narrative>Health mediators in Sliven</narrative></title>
    <description><narrative>Mediators in the neighbourhoods.</narrative></description>
    <participating-org role="4" type="11"><narrative>Sliven municipality</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2027-03-01"/>
  </iati-activity>
</iati-activities>
)";

IatiImport Plan(std::string_view xml, const std::string& programme_for_the_rest = "") {
  const IatiRead read = IatiSchema().Read(xml);
  EXPECT_TRUE(read.problems.empty()) << read.problems.front().line << ": " << read.problems.front().message;
  return PlanIatiImport(read.activities, programme_for_the_rest);
}

TEST(IatiImport, AProgrammeAndItsProjectsAreTakenFromTheHierarchy) {
  const IatiImport plan = Plan(kProgramme, "CH-4-SBCP-ROMA");
  ASSERT_TRUE(plan.problems.empty()) << plan.problems.front().message;
  ASSERT_EQ(plan.programmes.size(), 1u);
  const ImportedProgramme& programme = plan.programmes[0];
  EXPECT_EQ(programme.iati_identifier, "CH-4-SBCP-ROMA");
  EXPECT_EQ(programme.donor, "Swiss Confederation") << "the funding organisation before the reporting one";
  EXPECT_EQ(programme.operator_, "Ministry of Labour and Social Policy");
  EXPECT_EQ(programme.period_start, "2027-01-01");
  EXPECT_EQ(programme.period_end, "2029-12-31");
  ASSERT_TRUE(programme.budget.has_value());
  EXPECT_EQ(*programme.budget, (Money{200000050, "CHF"})) << "2027's revised budget stands for its original";

  ASSERT_EQ(plan.projects.size(), 2u);
  const ImportedProject& ruse = plan.projects[0];
  EXPECT_EQ(ruse.programme_identifier, "CH-4-SBCP-ROMA");
  EXPECT_EQ(NarrativeIn(ruse.title, "bg"), "Детски градини за всички в Русе");
  EXPECT_EQ(ruse.status, ProjectStatus::kSuspended);
  EXPECT_EQ(ruse.actual_start, "2027-02-01");
  ASSERT_EQ(ruse.partners.size(), 2u);
  EXPECT_EQ(ruse.partners[0].name, "Община Русе");
  EXPECT_EQ(ruse.partners[0].role, "implementing");
  EXPECT_EQ(ruse.partners[0].kind, "local_government");
  EXPECT_EQ(ruse.partners[1].kind, "ngo");
  ASSERT_EQ(ruse.budgets.size(), 1u);
  EXPECT_EQ(ruse.budgets[0].amount, (Money{25000013, "EUR"})) << "its own currency, half a cent rounded up";
  EXPECT_TRUE(ruse.budgets[0].committed);
  ASSERT_EQ(ruse.transactions.size(), 2u);
  EXPECT_EQ(ruse.transactions[0].kind, "disbursement");
  EXPECT_EQ(ruse.transactions[0].amount, (Money{4000000, "CHF"}));
  EXPECT_EQ(ruse.transactions[0].description, "First tranche");
  EXPECT_EQ(ruse.transactions[1].kind, "expenditure");
  EXPECT_EQ(ruse.transactions[1].amount.cents, -125050) << "a correction is negative";

  EXPECT_EQ(plan.projects[1].iati_identifier, "CH-4-SBCP-ROMA-SLIVEN");
  EXPECT_EQ(plan.projects[1].programme_identifier, "CH-4-SBCP-ROMA") << "the programme named for the rest";
}

TEST(IatiImport, AnActivityWithNeitherParentNorChildrenNeedsTheProgrammeNamed) {
  const IatiImport plan = Plan(kProgramme);
  ASSERT_EQ(plan.problems.size(), 1u);
  EXPECT_EQ(plan.problems[0].identifier, "CH-4-SBCP-ROMA-SLIVEN");
  EXPECT_EQ(plan.problems[0].line, 31u);
  EXPECT_EQ(plan.problems[0].message, import_message::kNoProgramme);
}

TEST(IatiImport, AnActivityTwiceAndAnAmountWithoutCurrencyAreProblemsWithTheirLines) {
  IatiActivity activity;
  activity.line = 3;
  activity.identifier = "XM-1-A";
  activity.parents = {"XM-1"};
  activity.status = "2";
  activity.budgets.push_back({7, "1", "1", "2027-01-01", "2027-12-31", {"100", "", ""}});
  IatiActivity twice = activity;
  twice.line = 12;
  const IatiImport plan = PlanIatiImport({activity, twice}, "");
  ASSERT_EQ(plan.problems.size(), 2u);
  EXPECT_EQ(plan.problems[0], (ImportProblem{7, "XM-1-A", std::string(import_message::kNoCurrency), "100"}));
  EXPECT_EQ(plan.problems[1], (ImportProblem{12, "XM-1-A", std::string(import_message::kTwice), ""}));
}

TEST(IatiImport, AStatusOutsideTheCodelistIsAProblem) {
  IatiActivity activity;
  activity.line = 4;
  activity.identifier = "XM-1-B";
  activity.parents = {"XM-1"};
  activity.status = "9";
  const IatiImport plan = PlanIatiImport({activity}, "");
  ASSERT_EQ(plan.problems.size(), 1u);
  EXPECT_EQ(plan.problems[0].message, import_message::kUnknownStatus);
  EXPECT_EQ(plan.problems[0].value, "9");
}

TEST(IatiImport, DecimalsBecomeWholeCents) {
  EXPECT_EQ(CentsOf("1500000"), 150000000);
  EXPECT_EQ(CentsOf("1500000.5"), 150000050);
  EXPECT_EQ(CentsOf("0.125"), 13);
  EXPECT_EQ(CentsOf("0.1249"), 12);
  EXPECT_EQ(CentsOf("-0.125"), -13);
  EXPECT_EQ(CentsOf("+7"), 700);
  EXPECT_EQ(CentsOf("5."), 500);
  EXPECT_EQ(CentsOf(".5"), 50);
  EXPECT_EQ(CentsOf("0.995"), 100);
  EXPECT_EQ(CentsOf("90000000000000"), 9'000'000'000'000'000) << "90 trillion, the most Khetane keeps";
  for (const char* wrong :
       {"", ".", "-", "1e5", "1.2.3", "+-5", "1,000", " 5", "90000000000000.01", "999999999999999999999999"}) {
    EXPECT_EQ(CentsOf(wrong), std::nullopt) << wrong;
  }
}

TEST(IatiImport, EveryConformanceFileIsPlannedWithoutACrash) {
  for (const auto& path : test_support::IatiFilesThatShouldPass()) {
    const IatiRead read = IatiSchema().Read(test_support::FileContents(path));
    const IatiImport plan = PlanIatiImport(read.activities, "XM-EXAMPLE");
    EXPECT_EQ(plan.programmes.size() + plan.projects.size() +
                  static_cast<std::size_t>(std::count_if(
                      plan.problems.begin(), plan.problems.end(),
                      [](const ImportProblem& problem) { return problem.message == import_message::kTwice; })),
              read.activities.size())
        << path;
  }
}

}  // namespace
}  // namespace programmes
