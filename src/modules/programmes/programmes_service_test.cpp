#include "modules/programmes/programmes_service.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/clock.hpp"
#include "db/migrator.hpp"
#include "modules/places/places_store.hpp"
#include "support/iati_files.hpp"
#include "support/sample_places.hpp"
#include "support/test_database.hpp"

namespace programmes {
namespace {

constexpr std::int64_t kNow = 1'796'000'000;

// The programme of the Swiss-Bulgarian partner network and the project of Русе.
std::string File(const std::string& ruse_budget = "250000", const std::string& ruse_status = "2") {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
  <iati-activity hierarchy="1" default-currency="CHF">
    <iati-identifier>CH-4-SBCP-ROMA</iati-identifier>
    <reporting-org ref="CH-4" type="10"><narrative>SDC</narrative></reporting-org>
    <title><narrative>Roma inclusion programme</narrative></title>
    <description><narrative>Social inclusion of Roma and other vulnerable groups.</narrative></description>
    <participating-org role="1" ref="CH-4" type="10"><narrative>Swiss Confederation</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2027-01-01"/>
    <budget type="1" status="2"><period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/><value value-date="2027-01-01">1000000</value></budget>
  </iati-activity>
  <iati-activity default-currency="EUR">
    <iati-identifier>CH-4-SBCP-ROMA-RUSE</iati-identifier>
    <reporting-org ref="CH-4" type="10"><narrative>SDC</narrative></reporting-org>
    <title><narrative xml:lang="bg">Детски градини за всички в Русе</narrative></title>
    <description><narrative>Places, fees and mediators.</narrative></description>
    <participating-org role="4" type="11"><narrative xml:lang="bg">Община Русе</narrative></participating-org>
    <activity-status code=")" +
         ruse_status + R"("/>
    <activity-date type="1" iso-date="2027-02-01"/>
    <recipient-country code="BG"/>
    <budget type="1" status="2"><period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/><value value-date="2027-01-01">)" +
         ruse_budget + R"(</value></budget>
    <transaction><transaction-type code="3"/><transaction-date iso-date="2027-03-15"/><value value-date="2027-03-15">40000</value></transaction>
    <related-activity ref="CH-4-SBCP-ROMA" type="1"/>
  </iati-activity>
</iati-activities>
)";
}

// The file without the programme's activity: Русе's project alone.
std::string ProjectAlone(std::string file) {
  const auto programme = file.find("  <iati-activity hierarchy");
  file.erase(programme, file.find("  <iati-activity default-currency=\"EUR\">") - programme);
  return file;
}

class ProgrammesServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::Migrate(*database_, {{"kernel", "src/kernel/migrations"},
                             {"places", "src/modules/places/migrations"},
                             {"accounts", "src/modules/accounts/migrations"},
                             {"policies", "src/modules/policies/migrations"},
                             {"meetings", "src/modules/meetings/migrations"},
                             {"programmes", "src/modules/programmes/migrations"}});
    test_support::InsertSamplePlaces(*database_);
    audit_.Declare({"iati_imported"});
  }

  IatiImportReport Import(const std::string& xml, const std::string& programme = "", bool dry_run = false) {
    return service_.ImportIati(core::CommandLineActor(), test_support::IatiSchema(), xml, programme, dry_run);
  }

  std::int64_t Count(const std::string& table) {
    return database_->Acquire()->QueryOne("SELECT COUNT(*) FROM " + table)->Int(0);
  }

  test_support::TestDatabase database_;
  core::FixedClock clock_{kNow};
  kernel::AuditLog audit_{*database_, clock_};
  kernel::DataVersion version_{*database_};
  places::PlacesStore places_store_{*database_};
  places::PlacesService places_{places_store_, audit_};
  ProgrammesStore store_{*database_};
  ProgrammesService service_{store_, places_, audit_, clock_, version_};
};

TEST_F(ProgrammesServiceTest, OnlyTheOperatorImports) {
  const core::Actor official{7, {{core::Role::kMunicipalOfficial, {core::ScopeKind::kMunicipality, "MON24"}}}, {}};
  const IatiImportReport refused = service_.ImportIati(official, test_support::IatiSchema(), File(), "", false);
  ASSERT_FALSE(refused.stored());
  EXPECT_EQ(refused.file_problems.at(0).message, import_message::kOnlyTheOperator);
  EXPECT_EQ(Count("programmes"), 0);
  const core::Actor operator_{
      std::nullopt, {{core::Role::kProgrammeOperator, {core::ScopeKind::kInstallation, ""}}}, {}};
  EXPECT_TRUE(service_.ImportIati(operator_, test_support::IatiSchema(), File(), "", false).stored());
}

TEST_F(ProgrammesServiceTest, AnOperatorImportsTheProgrammeWithItsProjectsFromTheDonorsFile) {
  const IatiImportReport report = Import(File());
  ASSERT_TRUE(report.stored()) << (report.problems.empty() ? report.file_problems.front().message
                                                           : report.problems.front().message);
  EXPECT_EQ(report.saved.programmes_added, 1);
  EXPECT_EQ(report.saved.projects_added, 1);
  const auto programmes = service_.Programmes();
  ASSERT_EQ(programmes.size(), 1u);
  EXPECT_EQ(programmes[0].title, "Roma inclusion programme");
  EXPECT_EQ(programmes[0].donor, "Swiss Confederation");
  EXPECT_EQ(programmes[0].budget_cents, 100000000);
  EXPECT_EQ(programmes[0].currency, "CHF");
  EXPECT_EQ(programmes[0].projects, 1);
  const auto projects = service_.ProjectsOf(programmes[0].id);
  ASSERT_EQ(projects.size(), 1u);
  EXPECT_EQ(projects[0].title, "Детски градини за всички в Русе");
  EXPECT_EQ(projects[0].status, "implementation");
  EXPECT_EQ(projects[0].budget_cents, 25000000);
  EXPECT_EQ(projects[0].currency, "EUR");
  EXPECT_EQ(projects[0].partners, 1);
  EXPECT_EQ(Count("project_transactions"), 1);
  EXPECT_EQ(database_->Acquire()->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'iati_imported'")->Int(0), 1);
}

TEST_F(ProgrammesServiceTest, ImportingTheFileAgainUpdatesByIatiIdentifierInsteadOfDuplicating) {
  ASSERT_TRUE(Import(File()).stored());
  const IatiImportReport again = Import(File("300000.50", "4"));
  ASSERT_TRUE(again.stored());
  EXPECT_EQ(again.saved.programmes_updated, 1);
  EXPECT_EQ(again.saved.projects_updated, 1);
  EXPECT_EQ(again.saved.programmes_added + again.saved.projects_added, 0);
  EXPECT_EQ(Count("programmes"), 1);
  EXPECT_EQ(Count("programme_projects"), 1);
  EXPECT_EQ(Count("project_budgets"), 1) << "the budgets are replaced, not added to";
  const auto projects = service_.ProjectsOf(service_.Programmes().at(0).id);
  EXPECT_EQ(projects.at(0).budget_cents, 30000050);
  EXPECT_EQ(projects.at(0).status, "closed");
}

TEST_F(ProgrammesServiceTest, AProjectOfAStoredProgrammeComesInAFileOfItsOwn) {
  ASSERT_TRUE(Import(File()).stored());
  std::string sliven = ProjectAlone(File());
  sliven.replace(sliven.find("CH-4-SBCP-ROMA-RUSE"), 19, "CH-4-SBCP-ROMA-SLVN");
  const IatiImportReport report = Import(sliven);
  ASSERT_TRUE(report.stored()) << (report.problems.empty() ? report.file_problems.front().message
                                                           : report.problems.front().message);
  EXPECT_EQ(Count("programme_projects"), 2);
}

TEST_F(ProgrammesServiceTest, AProjectOfAProgrammeNoOneImportedIsRefusedAndNothingIsStored) {
  const IatiImportReport report = Import(ProjectAlone(File()));
  EXPECT_FALSE(report.stored());
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].message, import_message::kProgrammeUnknown);
  EXPECT_EQ(report.problems[0].value, "CH-4-SBCP-ROMA");
  EXPECT_EQ(report.problems[0].line, 3u);
  EXPECT_EQ(Count("programmes") + Count("programme_projects"), 0);
}

TEST_F(ProgrammesServiceTest, ADryRunAndARefusedFileStoreNothing) {
  const IatiImportReport dry = Import(File(), "", true);
  EXPECT_TRUE(dry.stored());
  EXPECT_EQ(dry.programmes, 1u);
  EXPECT_EQ(dry.projects, 1u);
  EXPECT_EQ(Count("programmes"), 0);
  const IatiImportReport refused = Import(File("a lot"));
  EXPECT_FALSE(refused.stored());
  ASSERT_FALSE(refused.file_problems.empty());
  EXPECT_EQ(refused.file_problems[0].line, 22u) << refused.file_problems[0].message;
  EXPECT_EQ(Count("programmes"), 0);
}

TEST_F(ProgrammesServiceTest, AProgrammeExportsAsAFileThatPassesTheSchemaAndImportsBackUnchanged) {
  ASSERT_TRUE(Import(File()).stored());
  const IatiOrganisation operator_{"BG-GOV-MLSP", "10", "", {{"bg", "Министерство на труда и социалната политика"}}};
  const auto file = service_.ExportIati(test_support::IatiSchema(), "CH-4-SBCP-ROMA", operator_);
  ASSERT_TRUE(file.has_value());
  const IatiRead read = test_support::IatiSchema().Read(*file);
  ASSERT_TRUE(read.problems.empty()) << read.problems.front().message;
  ASSERT_EQ(read.activities.size(), 2u);
  EXPECT_EQ(read.activities[0].children, std::vector<std::string>{"CH-4-SBCP-ROMA-RUSE"});
  EXPECT_EQ(read.activities[1].parents, std::vector<std::string>{"CH-4-SBCP-ROMA"});
  EXPECT_EQ(read.activities[1].budgets.at(0).amount.value, "250000.00");
  EXPECT_EQ(read.activities[1].reporting_org.ref, "BG-GOV-MLSP");

  const auto before = service_.ProjectsOf(service_.Programmes().at(0).id);
  const IatiImportReport again = Import(*file);
  ASSERT_TRUE(again.stored()) << (again.problems.empty() ? again.file_problems.front().message
                                                         : again.problems.front().message);
  EXPECT_EQ(again.saved.programmes_updated, 1);
  EXPECT_EQ(again.saved.projects_updated, 1);
  EXPECT_EQ(Count("programmes"), 1);
  const auto after = service_.ProjectsOf(service_.Programmes().at(0).id);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].title, before[0].title);
  EXPECT_EQ(after[0].budget_cents, before[0].budget_cents);
  EXPECT_EQ(after[0].partners, before[0].partners);
  EXPECT_EQ(Count("project_transactions"), 1);
  EXPECT_EQ(service_.Programmes().at(0).budget_cents, 100000000);

  EXPECT_FALSE(service_.ExportIati(test_support::IatiSchema(), "XM-NOBODY", operator_).has_value());
}

TEST_F(ProgrammesServiceTest, AProjectsResultsFrameworkIsKeptAndWrittenBackWithEveryTargetAndActual) {
  std::string file = File();
  const std::string parent = R"(<related-activity ref="CH-4-SBCP-ROMA" type="1"/>)";
  file.insert(file.find(parent) + parent.size(), R"(
    <result type="1">
      <title><narrative>Children in kindergarten</narrative></title>
      <indicator measure="1" ascending="1">
        <title><narrative>Roma children enrolled</narrative></title>
        <baseline year="2026" iso-date="2026-01-01" value="40"/>
        <period>
          <period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/>
          <target value="30"><dimension name="sex" value="female"/></target>
          <target value="30"><dimension name="sex" value="male"/></target>
          <actual value="28"><dimension name="sex" value="female"/></actual>
        </period>
      </indicator>
    </result>)");
  const IatiImportReport report = Import(file);
  ASSERT_TRUE(report.stored()) << (report.problems.empty() ? report.file_problems.front().message
                                                           : report.problems.front().message);
  EXPECT_EQ(report.indicators, 1u);

  // Imported again from a file without it, the framework stays; exported, it comes back whole.
  ASSERT_TRUE(Import(File()).stored());
  const auto exported = service_.ExportIati(test_support::IatiSchema(), "CH-4-SBCP-ROMA", {"XM-1", "10", "", {}});
  ASSERT_TRUE(exported.has_value());
  const IatiRead read = test_support::IatiSchema().Read(*exported);
  ASSERT_TRUE(read.problems.empty()) << read.problems.front().message;
  const std::vector<IatiResult>& results = read.activities.at(1).results;
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].title.at(0).text, "Children in kindergarten");
  const IatiIndicator& indicator = results[0].indicators.at(0);
  EXPECT_EQ(indicator.title.at(0).text, "Roma children enrolled");
  EXPECT_EQ(indicator.baseline_value, "40");
  EXPECT_EQ(indicator.baseline_year, "2026");
  ASSERT_EQ(indicator.periods.size(), 1u);
  ASSERT_EQ(indicator.periods[0].targets.size(), 2u) << "several targets a period, as 2.03 allows";
  EXPECT_EQ(indicator.periods[0].targets[1].dimensions.at(0).second, "male");
  ASSERT_EQ(indicator.periods[0].actuals.size(), 1u);
  EXPECT_EQ(indicator.periods[0].actuals[0].value, "28");
}

TEST_F(ProgrammesServiceTest, AProjectBelongsToTheMunicipalityItsLocalGovernmentPartnerNames) {
  std::string lom = File();
  lom.replace(lom.find("Община Русе"), std::string("Община Русе").size(), "Община Лом");
  ASSERT_TRUE(Import(lom).stored());
  EXPECT_EQ(service_.ProjectsOf(service_.Programmes().at(0).id).at(0).municipality_code, "MON24");
  const auto exported = service_.ExportIati(test_support::IatiSchema(), "CH-4-SBCP-ROMA", {"XM-1", "10", "", {}});
  ASSERT_TRUE(exported.has_value());
  EXPECT_EQ(test_support::IatiSchema().Read(*exported).activities.at(1).recipient_countries,
            std::vector<std::string>{"BG"})
      << "the municipality's country";

  const auto named = [this](std::vector<Partner> partners, std::vector<std::string> countries = {}) {
    return service_.MunicipalityNamedBy(partners, countries);
  };
  EXPECT_EQ(named({{"Lom Municipality", "", "implementing", "local_government"}}), "MON24");
  EXPECT_EQ(
      named({{"Amalipe", "", "implementing", "ngo"}, {"Municipality of Blagoevgrad", "", "implementing", "other"}}),
      "BLG03")
      << "any partner's name when no local government is named";
  EXPECT_EQ(named({{"Lom Roma Foundation", "", "implementing", "ngo"}}), "") << "a name that only contains one";
  EXPECT_EQ(named({{"Община Русе", "", "implementing", "local_government"}}), "") << "not in Khetane";
  EXPECT_EQ(named({}), "");
  // Another Lom, in Czechia: the name alone is no longer enough; the file's recipient country tells them apart.
  database_->Acquire()->Execute(
      "INSERT INTO countries (code, name_bg, name_en, name_local, languages, population_source) VALUES "
      "('CZ', 'Чехия', 'Czechia', 'Česko', 'cs', 'ČSÚ')");
  database_->Acquire()->Execute(
      "INSERT INTO oblasts (code, ekatte, name_bg, name_en, nuts2, nuts3, search_key) VALUES "
      "('CZ042', '', 'Ústecký kraj', 'Ústí nad Labem Region', 'CZ04', 'CZ042', 'ustecky kraj')");
  database_->Acquire()->Execute(
      "INSERT INTO municipalities (code, oblast_code, ekatte, name_bg, name_en, nuts3, search_key, country_code) "
      "VALUES ('CZ-567264', 'CZ042', '', 'Lom', 'Lom', 'CZ042', 'lom', 'CZ')");
  const std::vector<Partner> lom_partner{{"Община Лом", "", "implementing", "local_government"}};
  EXPECT_EQ(named(lom_partner), "");
  EXPECT_EQ(named(lom_partner, {"BG"}), "MON24");
  EXPECT_EQ(named(lom_partner, {"CZ"}), "CZ-567264");
  // A municipality whose own name holds such a word.
  database_->Acquire()->Execute(
      "INSERT INTO municipalities (code, oblast_code, ekatte, name_bg, name_en, nuts3, search_key, country_code) "
      "VALUES ('CZ-597155', 'CZ042', '', 'Město Albrechtice', 'Město Albrechtice', 'CZ042', 'mesto albrechtice', "
      "'CZ')");
  EXPECT_EQ(named({{"Město Albrechtice", "", "implementing", "local_government"}}, {"CZ"}), "CZ-597155");
}

}  // namespace
}  // namespace programmes
