// An operator imports and exports an action plan with the real binary: `khetane import plan` (a dry run first, then
// for real, then the exported workbook again, which changes nothing) and `khetane export plan` as CSV and XLSX; a
// file with mistakes is refused line by line and stores nothing.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "formats/table.hpp"
#include "modules/accounts/accounts_store.hpp"
#include "modules/policies/policies_service.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"
#include "web/i18n.hpp"

namespace {

namespace fs = std::filesystem;
using test_support::ProcessResult;
using test_support::RunKhetane;

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

class PlanCommandLineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database_ = new test_support::TestDatabase();
    const ProcessResult seeded = RunKhetane({"seed", "--database", database_->target()});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    // An empty action plan for Лом, as an administrator makes it on the site.
    policies::PoliciesStore store(**database_);
    places::PlacesStore places_store(**database_);
    kernel::AuditLog audit(**database_);
    places::PlacesService places(places_store, audit);
    policies::PoliciesService service(store, places, audit, **database_);
    policies::Document plan;
    plan.level = policies::Level::kMunicipal;
    plan.title = "План за действие на община Лом 2027–2030";
    plan.period_start = 2027;
    plan.period_end = 2030;
    plan.municipality_code = "MON24";
    const policies::Actor operator_{
        std::nullopt, {{accounts::Role::kAdministrator, {accounts::ScopeKind::kInstallation, ""}}}, {"test", ""}};
    const auto created = service.CreateDocument(operator_, plan);
    ASSERT_TRUE(created.ok()) << created.error().message;
    document_ = std::to_string(created->id);
    directory_ = fs::temp_directory_path() / ("khetane-plan-cli-" + std::to_string(::getpid()));
    fs::create_directories(directory_);
  }
  static void TearDownTestSuite() {
    fs::remove_all(directory_);
    delete database_;
  }

  static ProcessResult Khetane(std::vector<std::string> arguments) {
    arguments.insert(arguments.end(), {"--database", database_->target()});
    return RunKhetane(arguments);
  }
  static std::int64_t Count(const std::string& table) {
    return (*database_)->Acquire()->QueryOne("SELECT COUNT(*) FROM " + table)->Int(0);
  }
  static std::int64_t ItemsOfThePlan() {
    return (*database_)
        ->Acquire()
        ->QueryOne("SELECT COUNT(*) FROM policy_items WHERE document_id = " + document_)
        ->Int(0);
  }

  static test_support::TestDatabase* database_;
  static std::string document_;
  static fs::path directory_;
};
test_support::TestDatabase* PlanCommandLineTest::database_ = nullptr;
std::string PlanCommandLineTest::document_;
fs::path PlanCommandLineTest::directory_;

const std::string kExample = std::string(KHETANE_SOURCE_DIR) + "/docs/formats/action-plan-example.csv";

TEST_F(PlanCommandLineTest, AnOperatorImportsTheExampleExportsItAndReimportsTheWorkbookWithoutAChange) {
  const ProcessResult dry = Khetane({"import", "plan", kExample, "--document", document_, "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_TRUE(Contains(dry.output, "dry run, nothing was stored: would create 6, change 0, leave 0 unchanged"))
      << dry.output;
  EXPECT_EQ(ItemsOfThePlan(), 0);

  const ProcessResult imported = Khetane({"import", "plan", kExample, "--document", document_});
  EXPECT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_TRUE(Contains(imported.output, "created 6, changed 0, unchanged 0")) << imported.output;
  EXPECT_EQ(ItemsOfThePlan(), 6);

  const fs::path csv = directory_ / "plan.csv", xlsx = directory_ / "plan.xlsx";
  const ProcessResult to_csv = Khetane({"export", "plan", document_, "--format", "csv", "--output", csv.string()});
  ASSERT_EQ(to_csv.exit_code, 0) << to_csv.output;
  const std::string exported = ReadFile(csv);
  EXPECT_TRUE(exported.starts_with("\xEF\xBB\xBFuid,kind,parent,code,title,title_en,"));
  EXPECT_TRUE(Contains(exported, "Наемане на четирима образователни медиатори"));
  EXPECT_TRUE(Contains(exported, ",48000.00,48000.00,21000.00,")) << exported;
  EXPECT_TRUE(Contains(exported, "\r\n#totals\r\nscope,uid,code,title,source,planned,")) << "the totals follow";
  const ProcessResult to_stdout = Khetane({"export", "plan", document_});
  ASSERT_EQ(to_stdout.exit_code, 0);
  EXPECT_EQ(to_stdout.output, exported) << "CSV is the default format; without --output it goes to standard output";

  const ProcessResult to_xlsx = Khetane({"export", "plan", document_, "--format", "xlsx", "--output", xlsx.string()});
  ASSERT_EQ(to_xlsx.exit_code, 0) << to_xlsx.output;
  const auto workbook = formats::ReadTable(ReadFile(xlsx));
  ASSERT_TRUE(workbook.ok()) << workbook.error().message;
  EXPECT_EQ(workbook->kind, formats::FileKind::kXlsx);
  EXPECT_EQ(workbook->rows.size(), 7u);

  const std::int64_t history = Count("policy_history");
  const ProcessResult again = Khetane({"import", "plan", xlsx.string(), "--document", document_});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_TRUE(Contains(again.output, "created 0, changed 0, unchanged 6")) << again.output;
  EXPECT_EQ(Count("policy_history"), history) << "nothing changed, so nothing is recorded";
  const ProcessResult csv_again = Khetane({"import", "plan", csv.string(), "--document", document_});
  EXPECT_EQ(csv_again.exit_code, 0) << csv_again.output;
  EXPECT_TRUE(Contains(csv_again.output, "created 0, changed 0, unchanged 6")) << "the import skips the totals";
  EXPECT_EQ(ReadFile(csv), Khetane({"export", "plan", document_}).output);
}

TEST_F(PlanCommandLineTest, AFileWithMistakesIsRefusedLineByLineAndStoresNothing) {
  const fs::path bad = directory_ / "bad.csv";
  std::ofstream(bad, std::ios::binary) << "kind,parent,code,title,start,progress,municipal_planned,areas\n"
                                          "objective,,7,Заетост,,,,\n"
                                          "measure,7,7.1,Трудови медиатори,31.02.2026,,,\n"
                                          "measure,7,7.2,Курсове,,150,-100,\n"
                                          "activity,,7.2.1,Обучение,,,,bg2021:labour\n";
  const std::int64_t items = ItemsOfThePlan(), history = Count("policy_history");
  const ProcessResult refused = Khetane({"import", "plan", bad.string(), "--document", document_});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_TRUE(Contains(
      refused.output,
      "line 3 (row 7.1), column start: This is not a date: write it as 2026-03-31 or 31.03.2026. (31.02.2026)"))
      << refused.output;
  EXPECT_TRUE(
      Contains(refused.output, "line 4 (row 7.2), column progress: Progress is a percentage from 0 to 100. (150)"));
  EXPECT_TRUE(
      Contains(refused.output, "line 4 (row 7.2), column municipal_planned: An amount cannot be negative. (-100)"));
  EXPECT_TRUE(Contains(refused.output, "line 5 (row 7.2.1), column parent: Write the parent"));
  EXPECT_TRUE(Contains(refused.output, "line 5 (row 7.2.1), column areas: Unknown priority area. (bg2021:labour)"));
  EXPECT_TRUE(Contains(refused.output, "5 problems: nothing was stored"));
  EXPECT_EQ(ItemsOfThePlan(), items);
  EXPECT_EQ(Count("policy_history"), history);
}

TEST_F(PlanCommandLineTest, AFileThatIsNotATableOrADocumentThatIsNotThereIsRefused) {
  const fs::path pdf = directory_ / "plan.pdf";
  std::ofstream(pdf, std::ios::binary) << "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  const ProcessResult not_a_table = Khetane({"import", "plan", pdf.string(), "--document", document_});
  EXPECT_EQ(not_a_table.exit_code, 1);
  EXPECT_TRUE(Contains(not_a_table.output, "neither CSV nor an Excel workbook")) << not_a_table.output;

  const ProcessResult no_document = Khetane({"import", "plan", kExample, "--document", "999999"});
  EXPECT_EQ(no_document.exit_code, 1);
  EXPECT_TRUE(Contains(no_document.output, "There is no such document.")) << no_document.output;
  const ProcessResult no_export = Khetane({"export", "plan", "999999"});
  EXPECT_EQ(no_export.exit_code, 1);
}

TEST_F(PlanCommandLineTest, SeedLoadsTheDemoPlanForLomOnce) {
  const auto demo = (*database_)
                        ->Acquire()
                        ->QueryOne(
                            "SELECT d.id, d.title, d.municipality_code, COUNT(i.id) FROM policy_documents d "
                            "JOIN policy_items i ON i.document_id = d.id WHERE d.demo = 1 AND d.status = 'adopted' "
                            "GROUP BY d.id, d.title, "
                            "d.municipality_code");
  ASSERT_TRUE(demo.has_value());
  EXPECT_TRUE(Contains(demo->Text(1), "(демонстрационни данни)"));
  EXPECT_EQ(demo->Text(2), "MON24");
  EXPECT_EQ(demo->Int(3), 17);
  const ProcessResult again = Khetane({"seed"});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_TRUE(Contains(again.output, "reference data present already")) << again.output;
  EXPECT_EQ(Count("policy_documents WHERE demo = 1 AND status = 'adopted'"), 1);
  // And the draft of Монтана that the open demo consultation is on (the consultations module's demo), once too.
  EXPECT_EQ(Count("policy_documents WHERE demo = 1"), 2);
}

// The pages show these messages in the reader's language: the import's own, the rules' every item obeys, and those
// of reading a table.
TEST(PlanImportMessages, EveryMessageAnImportMayShowHasABulgarianTranslation) {
  web::Translations translations(KHETANE_LOCALE_DIR_FOR_TESTS);
  const std::regex constant(R"re(constexpr std::string_view k\w+ =\s*((?:"(?:[^"\\]|\\.)*"\s*)+);)re");
  const std::regex piece(R"re("((?:[^"\\]|\\.)*)")re");
  int checked = 0;
  for (const char* header : {"src/modules/policies/plan_exchange.hpp", "src/modules/policies/policies.hpp",
                             "src/formats/format_error.hpp"}) {
    const std::string text = ReadFile(fs::path(KHETANE_SOURCE_DIR) / header);
    for (auto match = std::sregex_iterator(text.begin(), text.end(), constant); match != std::sregex_iterator();
         ++match) {
      std::string msgid;
      const std::string pieces = (*match)[1];
      for (auto part = std::sregex_iterator(pieces.begin(), pieces.end(), piece); part != std::sregex_iterator();
           ++part) {
        msgid += (*part)[1];
      }
      ++checked;
      EXPECT_NE(translations.Translate(web::Language::kBulgarian, msgid), msgid)
          << header << ": \"" << msgid << "\" has no Bulgarian translation in po/bg.po";
    }
  }
  EXPECT_GT(checked, 50);
}

}  // namespace
