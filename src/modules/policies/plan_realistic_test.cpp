// A municipal action plan as officials write them (testdata/plan-2024-2027.csv: six objectives, fifteen measures,
// forty activities, in leva, from eight funding sources including the state budget), imported, rolled up, totalled,
// exported and imported again, then broken one cell at a time. Every figure below was computed apart from Khetane's
// code, by testdata/plan_figures.py (its output: testdata/plan-2024-2027-figures.md); every breakage is described in
// testdata/plan-2024-2027-broken.md.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "modules/policies/policies_service.hpp"
#include "support/policies_fixture.hpp"

namespace {

using policies::Amounts;
using policies::Document;
using policies::DocumentTree;
using policies::ImportReport;
using policies::Level;
using policies::RollUp;
namespace message = policies::plan_message;

constexpr char kPlanFile[] = "src/modules/policies/testdata/plan-2024-2027.csv";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

formats::Table TableOf(const std::string& bytes) {
  auto table = formats::ReadTable(bytes);
  EXPECT_TRUE(table.ok()) << (table.ok() ? "" : table.error().message);
  return table.ok() ? *table : formats::Table{};
}

// The rows back as CSV, quoting only what must be quoted, so that a cell is written exactly as the test set it
// (formats::WriteCsv would guard a leading '-' against spreadsheet formulas).
std::string ToCsv(const formats::Table& table) {
  std::string csv;
  for (const core::CsvRow& row : table.rows) {
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      const std::string& field = row.fields[i];
      if (i > 0) csv += ',';
      if (field.find_first_of(",\"\r\n") == std::string::npos) {
        csv += field;
        continue;
      }
      csv += '"';
      for (const char c : field) csv += c == '"' ? std::string("\"\"") : std::string(1, c);
      csv += '"';
    }
    csv += "\r\n";
  }
  return csv;
}

std::string Problems(const ImportReport& report) {
  std::string text;
  for (const auto& problem : report.problems) {
    text += fmt::format("line {} ({}), {}: {} ({})\n", problem.line, problem.code, problem.column, problem.message,
                        problem.value);
  }
  return text;
}

class RealisticPlanTest : public test_support::PoliciesFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PoliciesFixture::SetUp());
    // The plan names two more of Лом's settlements (EKATTE, NSI): a village by name, and Орсоя, for a breakage.
    database_->Acquire()->Execute(
        "INSERT INTO settlements (ekatte, municipality_code, kind, name_bg, name_en, search_key) VALUES "
        "('68672', 'MON24', 'village', 'Сталийска махала', 'Staliyska mahala', 'staliyska mahala'), "
        "('53970', 'MON24', 'village', 'Орсоя', 'Orsoya', 'orsoya')");
    bytes_ = ReadFile(kPlanFile);
    ASSERT_FALSE(bytes_.empty()) << kPlanFile;
  }

  // Лом's plan for 2024–2027 as adopted: in leva, progress by `rule`.
  Document AddPlan(const std::string& rule) {
    Document document;
    document.level = Level::kMunicipal;
    document.kind = "action_plan";
    document.title = "План за действие на община Лом за интегриране на ромите 2024–2027";
    document.period_start = 2024;
    document.period_end = 2027;
    document.municipality_code = "MON24";
    document.status = "adopted";
    document.currency = "BGN";
    document.progress_rule = rule;
    return CreateDocument(document);
  }

  ImportReport Import(const Document& document, const std::string& bytes, policies::ImportMode mode) {
    auto report = service_.ImportPlan(admin_, document.id, TableOf(bytes), mode);
    if (!report.ok()) {
      ADD_FAILURE() << report.error().message;
      return {};
    }
    return *report;
  }

  // The plan imported into a new document with `rule`, and its tree.
  DocumentTree Imported(const std::string& rule) {
    const Document plan = AddPlan(rule);
    const ImportReport report = Import(plan, bytes_, policies::ImportMode::kStore);
    EXPECT_EQ(Problems(report), "");
    auto tree = service_.Tree(plan.id);
    EXPECT_TRUE(tree.has_value());
    return tree ? *tree : DocumentTree{};
  }

  static const RollUp& RollUpOf(const DocumentTree& tree, const std::string& code) {
    for (const auto& node : tree.nodes) {
      if (node.item.code == code) return node.roll_up;
    }
    ADD_FAILURE() << "no item " << code;
    return tree.plan;
  }

  static std::string Codes(const DocumentTree& tree, const std::vector<std::size_t>& units) {
    std::string codes;
    for (const std::size_t unit : units) codes += (codes.empty() ? "" : ", ") + tree.nodes[unit].item.code;
    return codes;
  }

  std::string bytes_;
};

// A figure as the figures file gives it: the exact fraction, and as shown to two decimals.
struct Figure {
  double numerator;
  double denominator;
  const char* shown;
};

void ExpectFigure(const RollUp& roll_up, const Figure& figure, const std::string& scope) {
  ASSERT_TRUE(roll_up.progress.has_value()) << scope;
  EXPECT_NEAR(*roll_up.progress, figure.numerator / figure.denominator, 1e-9) << scope;
  EXPECT_EQ(fmt::format("{:.2f}", *roll_up.progress), figure.shown) << scope;
}

TEST_F(RealisticPlanTest, ImportsWithOneWarningAndEveryItemWhereTheFileSays) {
  const Document plan = AddPlan("budget");
  const ImportReport report = Import(plan, bytes_, policies::ImportMode::kStore);
  ASSERT_EQ(Problems(report), "");
  EXPECT_EQ(report.created, 61u);
  std::map<std::string, int> kinds;
  for (const auto& item : store_.DocumentItems(plan.id)) ++kinds[item.kind];
  EXPECT_EQ(kinds, (std::map<std::string, int>{{"objective", 6}, {"measure", 15}, {"activity", 40}}));
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].line, 42u);
  EXPECT_EQ(report.warnings[0].code, "4.1.2");
  EXPECT_EQ(report.warnings[0].column, "municipal_spent");
  EXPECT_EQ(report.warnings[0].message, message::kSpentAbovePlanned);
  // Settlements written as officials write them, and "not_started" read as the status "planned".
  std::map<std::string, std::string> settlements;
  std::map<std::string, int> statuses;
  for (const auto& item : store_.DocumentItems(plan.id)) {
    if (!item.settlement_ekatte.empty()) settlements[item.code] = item.settlement_ekatte;
    if (item.kind == "activity") ++statuses[item.official_status];
  }
  for (const auto& [code, ekatte] : settlements) EXPECT_TRUE(ekatte == "44238" || ekatte == "68672") << code;
  EXPECT_EQ(statuses, (std::map<std::string, int>{
                          {"in_progress", 22}, {"completed", 6}, {"planned", 8}, {"delayed", 3}, {"cancelled", 1}}));
}

TEST_F(RealisticPlanTest, WeightedByBudgetEveryObjectiveAndThePlanComeOutAsComputedByHand) {
  const DocumentTree tree = Imported("budget");
  ExpectFigure(tree.plan, {14807256765.0, 407041846.0, "36.38"}, "the plan");
  EXPECT_EQ(tree.plan.counted.size(), 31u);
  EXPECT_EQ(Codes(tree, tree.plan.not_reported), "1.1.3, 2.2.2, 2.3.2, 4.2.3, 6.1.1, 6.1.2, 6.1.3");
  const std::map<std::string, Figure> objectives = {{"1", {159400.0, 2723.0, "58.54"}},
                                                    {"2", {2058120.0, 44953.0, "45.78"}},
                                                    {"3", {1805768210.0, 29726859.0, "60.75"}},
                                                    {"4", {6542926555.0, 253728437.0, "25.79"}},
                                                    {"5", {4675.0, 79.0, "59.18"}},
                                                    {"6", {410.0, 9.0, "45.56"}}};
  for (const auto& [code, figure] : objectives) ExpectFigure(RollUpOf(tree, code), figure, "objective " + code);

  // A measure reporting its own 65 % counts once, with the budget of all under it; its activities' reports do not.
  const RollUp& screening = RollUpOf(tree, "3.1");
  EXPECT_TRUE(screening.own);
  EXPECT_EQ(screening.counted_planned_cents, 24'141'784);
  ExpectFigure(RollUpOf(tree, "4.2"), {5401926555.0, 240128437.0, "22.50"}, "measure 4.2");
  // A measure whose activities all did not report has no figure, and its objective is its other measure's.
  EXPECT_EQ(RollUpOf(tree, "6.1").progress, std::nullopt);
  EXPECT_EQ(RollUpOf(tree, "6.1").no_progress, policies::NoProgress::kNothingReported);
  EXPECT_EQ(Codes(tree, RollUpOf(tree, "6").counted), "6.2.1, 6.2.2");
  // An activity with no planned budget that reports 100 % is counted and weighs nothing.
  EXPECT_EQ(Codes(tree, RollUpOf(tree, "3.2").counted), "3.2.1, 3.2.2, 3.2.3");
  ExpectFigure(RollUpOf(tree, "3.2"), {6582090.0, 163403.0, "40.28"}, "measure 3.2");
}

TEST_F(RealisticPlanTest, EachItemCountingEquallyEveryObjectiveAndThePlanComeOutAsComputedByHand) {
  const DocumentTree tree = Imported("equal");
  ExpectFigure(tree.plan, {2785.0, 54.0, "51.57"}, "the plan");
  const std::map<std::string, Figure> objectives = {{"1", {500.0, 9.0, "55.56"}},   {"2", {305.0, 6.0, "50.83"}},
                                                    {"3", {1165.0, 18.0, "64.72"}}, {"4", {145.0, 3.0, "48.33"}},
                                                    {"5", {45.0, 1.0, "45.00"}},    {"6", {45.0, 1.0, "45.00"}}};
  for (const auto& [code, figure] : objectives) ExpectFigure(RollUpOf(tree, code), figure, "objective " + code);
  EXPECT_EQ(Codes(tree, tree.plan.not_reported), "1.1.3, 2.2.2, 2.3.2, 4.2.3, 6.1.1, 6.1.2, 6.1.3");
}

TEST_F(RealisticPlanTest, TheMoneyAddsUpPerFundingSourceWithTheStateBudgetApartAndInEuroToo) {
  const DocumentTree tree = Imported("budget");
  const std::map<std::string, Amounts, std::less<>> plan = {
      {"municipal", {48'660'000, 39'930'000, 25'411'000}}, {"state", {96'501'784, 49'900'892, 46'579'847}},
      {"esf_plus", {32'686'550, 26'686'550, 12'888'620}},  {"erdf", {214'128'437, 214'128'437, 47'719'266}},
      {"eea_norway", {2'400'000, 2'400'000, 2'376'000}},   {"swiss", {4'500'000, 1'500'000, 675'000}},
      {"rrp", {85'000'000, 16'000'000, 4'500'000}},        {"other", {7'265'075, 4'265'075, 2'234'030}}};
  EXPECT_EQ(tree.plan.money.by_source, plan);
  EXPECT_EQ(tree.plan.money.all, (Amounts{491'141'846, 354'810'954, 142'383'763}));
  // The state budget is a fifth of the plan, no longer hidden under "other".
  EXPECT_EQ(tree.plan.money.by_source.at("state").planned_cents * 10000 / tree.plan.money.all.planned_cents, 1964);

  const std::map<std::string, Amounts> objectives = {
      {"1", {55'060'000, 34'180'000, 28'489'000}}, {"2", {69'686'550, 41'536'550, 25'950'620}},
      {"3", {29'726'859, 17'005'967, 13'993'877}}, {"4", {325'228'437, 255'928'437, 69'164'266}},
      {"5", {7'900'000, 5'740'000, 4'591'000}},    {"6", {3'540'000, 420'000, 195'000}}};
  for (const auto& [code, all] : objectives) EXPECT_EQ(RollUpOf(tree, code).money.all, all) << code;
  EXPECT_EQ(RollUpOf(tree, "2").money.by_source.at("state"), (Amounts{36'800'000, 18'400'000, 17'360'000}));

  // In euro, each total converted (not summed from converted parts).
  EXPECT_EQ(core::EuroCents(tree.plan.money.all.planned_cents, tree.document.currency), 251'116'838);
  EXPECT_EQ(core::EuroCents(tree.plan.money.all.secured_cents.value_or(0), tree.document.currency), 181'411'960);
  EXPECT_EQ(core::EuroCents(tree.plan.money.all.spent_cents.value_or(0), tree.document.currency), 72'799'662);
  EXPECT_EQ(core::EuroCents(plan.at("state").planned_cents, tree.document.currency), 49'340'579);
}

TEST_F(RealisticPlanTest, ItsExportImportsAgainChangingNothingAndCarriesTheTotalsInLeva) {
  const Document plan = AddPlan("budget");
  ASSERT_EQ(Problems(Import(plan, bytes_, policies::ImportMode::kStore)), "");
  const auto items = service_.ExportPlan(plan.id);
  const auto totals = service_.ExportTotals(plan.id);
  ASSERT_TRUE(items.ok() && totals.ok());
  EXPECT_EQ((*items)[0], TableOf(bytes_).rows[0].fields) << "the file's layout is the export's";
  const ImportReport again = Import(plan, policies::PlanCsv(*items, *totals), policies::ImportMode::kStore);
  ASSERT_EQ(Problems(again), "");
  EXPECT_EQ(again.unchanged, 61u);
  EXPECT_EQ(again.changed + again.created, 0u);
  bool state_line = false;
  for (const auto& row : *totals) {
    if (row[0] == "plan" && row[4] == "state") {
      state_line = true;
      EXPECT_EQ(row[5], "965017.84");
      EXPECT_EQ(row[8], "BGN");
    }
    if (row[0] == "plan" && row[4] == "all") {
      EXPECT_EQ(row[9], "36.38");
    }
  }
  EXPECT_TRUE(state_line);
}

// One cell of the file changed as an official might get it wrong, and what Khetane must answer.
struct Breakage {
  std::string code;    // the row's code in the file as it is
  std::string column;  // the cell changed
  std::string value;   // what it is changed to
  std::size_t line;    // where the report must say the problem is
  std::string_view message;
  std::string reported_code = "";  // the row's code the report names, when the change is to the code itself
};

TEST_F(RealisticPlanTest, EveryBrokenRowIsRefusedWithItsLineCodeColumnAndAReasonAndNothingIsStored) {
  const Document plan = AddPlan("budget");
  namespace rule = policies::rule_message;
  std::string long_title;
  for (int i = 0; i < 2001; ++i) long_title += "Д";
  const std::vector<Breakage> breakages = {
      {"4.1.1", "municipal_spent", "40000000.00", 41, rule::kSpentFarBeyondPlan},
      {"1.2.1", "title", "\u00A0", 9, rule::kWriteTitle},
      {"1.2.2", "settlement", "с. Медковец", 10, rule::kSettlementElsewhere},
      {"2.2.3", "settlement", "гр. Орсоя", 23, rule::kSettlementElsewhere},
      {"2.2.3", "end", "31.02.2026", 23, rule::kNotADate},
      {"1.3.1", "end", "30.06.2024", 13, rule::kEndBeforeStart},
      {"1.3.2", "progress", "150", 14, rule::kProgressRange},
      {"2.1.1", "progress", "12,5", 18, message::kMalformedProgress},
      {"2.1.1", "state_secured", "N/A", 18, rule::kMalformedAmount},
      {"5.1.2", "swiss_spent", "6750.125", 53, rule::kMalformedAmount},
      {"5.2.1", "municipal_spent", "-9700.00", 56, rule::kNegativeAmount},
      {"3.2.3", "parent", "3.4", 35, message::kUnknownParent},
      {"1.1.3", "code", "1.1.2", 7, rule::kRepeatedCode, "1.1.2"},
      {"1.2", "parent", "1.1", 8, rule::kWrongParent},
      {"2.1.2", "title", long_title, 19, rule::kTooLongTitle},
      {"2.1", "areas", "bg2021:employment;bg2021:labour_market", 17, message::kUnknownArea},
      {"2.2", "implements", "eu-2020-o8", 20, message::kUnknownImplements},
      {"1.1.1", "implements", "eu-2020-o4", 5, rule::kActivityLink},
      {"1.2.3", "official_status", "забавена", 11, rule::kUnknownStatus},
  };
  const formats::Table original = TableOf(bytes_);
  const std::vector<std::string>& header = original.rows[0].fields;
  const auto column_of = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  for (const Breakage& breakage : breakages) {
    const std::string what = breakage.code + " " + breakage.column + " = " + breakage.value.substr(0, 40);
    formats::Table broken = original;
    bool found = false;
    for (core::CsvRow& row : broken.rows) {
      if (row.fields[column_of("code")] != breakage.code) continue;
      row.fields[column_of(breakage.column)] = breakage.value;
      found = true;
      break;
    }
    ASSERT_TRUE(found) << what;
    const ImportReport report = Import(plan, ToCsv(broken), policies::ImportMode::kStore);
    ASSERT_EQ(report.problems.size(), 1u) << what << "\n" << Problems(report);
    const auto& problem = report.problems[0];
    EXPECT_EQ(problem.line, breakage.line) << what;
    EXPECT_EQ(problem.code, breakage.reported_code.empty() ? breakage.code : breakage.reported_code) << what;
    EXPECT_EQ(problem.column, breakage.column) << what;
    EXPECT_EQ(problem.message, breakage.message) << what;
    EXPECT_EQ(report.created, 0u) << what;
  }
  EXPECT_TRUE(store_.DocumentItems(plan.id).empty()) << "all or nothing: not one line of the broken files was stored";

  // Spending above the secured amount but within the planned one is stored, and flagged.
  formats::Table spent = original;
  for (core::CsvRow& row : spent.rows) {
    if (row.fields[column_of("code")] == "5.2.1") row.fields[column_of("municipal_spent")] = "12500.00";
  }
  const ImportReport flagged = Import(plan, ToCsv(spent), policies::ImportMode::kStore);
  ASSERT_EQ(Problems(flagged), "");
  ASSERT_EQ(flagged.warnings.size(), 2u);
  EXPECT_EQ(flagged.warnings[1].line, 56u);
  EXPECT_EQ(flagged.warnings[1].code, "5.2.1");
  EXPECT_EQ(flagged.warnings[1].message, message::kSpentAboveSecured);
}

TEST_F(RealisticPlanTest, AFileInTheLayoutBeforeTheStateBudgetStillImports) {
  // The columns of the six sources Khetane had before the state budget and the Recovery and Resilience Plan.
  const std::string old_layout =
      "uid,kind,parent,code,title,progress,municipal_planned,municipal_secured,municipal_spent,esf_plus_planned,"
      "esf_plus_secured,esf_plus_spent,erdf_planned,erdf_secured,erdf_spent,eea_norway_planned,eea_norway_secured,"
      "eea_norway_spent,swiss_planned,swiss_secured,swiss_spent,other_planned,other_secured,other_spent\r\n"
      ",objective,,1,Образование,,,,,,,,,,,,,,,,,20000.00,20000.00,5000.00\r\n";
  const Document plan = AddPlan("budget");
  ASSERT_EQ(Problems(Import(plan, old_layout, policies::ImportMode::kStore)), "");
  const auto tree = service_.Tree(plan.id);
  EXPECT_EQ(tree->plan.money.by_source.at("other"), (Amounts{2'000'000, 2'000'000, 500'000}));

  // A source the installation does not have is a column the layout does not know, named in the header.
  const ImportReport unknown =
      Import(plan, "kind,title,lottery_planned\r\nobjective,Жилища,100\r\n", policies::ImportMode::kDryRun);
  EXPECT_EQ(Problems(unknown),
            fmt::format("line 1 (), lottery_planned: {} (lottery_planned)\n", message::kUnknownColumn));
}

}  // namespace
