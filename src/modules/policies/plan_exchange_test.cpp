#include "modules/policies/plan_exchange.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "formats/zip_reader.hpp"
#include "modules/policies/plan_languages.hpp"
#include "support/table_checks.hpp"

namespace {

using policies::ImportAction;
using policies::ImportProblem;
using policies::Item;
using policies::Level;
using policies::PlanContext;
using policies::PlanFile;
using policies::PlannedImport;
namespace message = policies::plan_message;

const std::string kHeader =
    "uid,kind,parent,code,title,areas,implements,settlement,start,end,beneficiaries,official_status,progress,"
    "municipal_planned,municipal_secured,municipal_spent,erdf_planned\n";

formats::Table TableOf(const std::string& csv) {
  auto table = formats::ReadTable(csv);
  EXPECT_TRUE(table.ok()) << (table.ok() ? "" : table.error().message);
  return table.ok() ? *table : formats::Table{};
}

// The funding sources an installation starts with.
const policies::PlanLayout kLayout(std::vector<std::string>{"municipal", "state", "esf_plus", "erdf", "eea_norway",
                                                            "swiss", "rrp", "other"});

PlanFile Read(const std::string& csv) { return policies::ReadPlanFile(TableOf(csv), kLayout); }

std::string Describe(const std::vector<ImportProblem>& problems) {
  std::string text;
  for (const ImportProblem& problem : problems) {
    text += "line " + std::to_string(problem.line) + ", " + problem.column + " (" + problem.value +
            "): " + problem.message + "\n";
  }
  return text;
}

ImportProblem Problem(std::size_t line, const std::string& column, const std::string& value, std::string_view message) {
  return {line, column, value, std::string(message)};
}

// Лом's municipal plan (document 10), with the areas, the EU objectives and a few items of other documents.
PlanContext LomContext() {
  PlanContext context;
  context.document.id = 10;
  context.document.level = Level::kMunicipal;
  context.document.municipality_code = "MON24";
  context.areas = {{1, "bg2021", "education", "Образование", "Education", false},
                   {2, "eu2020", "education", "Образование", "Education", false},
                   {3, "bg2021", "health", "Здравеопазване", "Health", false}};
  context.elsewhere = {{100, "eu-2020-o4", 1, "objective", Level::kEu},
                       {101, "eu-2020-o6", 1, "objective", Level::kEu},
                       {300, "a-project", 30, "activity", Level::kMunicipal},
                       {400, "m-project", 40, "measure", Level::kProject},
                       {500, "m-vidin", 50, "measure", Level::kMunicipal}};
  context.settlements = {{"44238", "city", "Лом", "Lom"}};
  context.funding_sources = kLayout.Sources();
  return context;
}

Item Existing(std::int64_t id, const std::string& uid, const std::string& kind, const std::string& code,
              const std::string& title, std::optional<std::int64_t> parent = std::nullopt) {
  Item item;
  item.id = id;
  item.uid = uid;
  item.document_id = 10;
  item.kind = kind;
  item.code = code;
  item.title = title;
  item.parent_id = parent;
  item.position = id;
  return item;
}

PlannedImport Plan(const std::string& csv, const PlanContext& context = LomContext()) {
  return policies::PlanImport(Read(csv), context);
}

// --- Reading the file ---

TEST(ReadPlanFile, ReadsTheExampleFileOfTheLayoutWithoutAProblem) {
  std::ifstream in("docs/formats/action-plan-example.csv", std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const PlanFile file = Read(bytes.str());
  EXPECT_EQ(Describe(file.problems), "");
  ASSERT_EQ(file.lines.size(), 6u);
  EXPECT_EQ(file.columns.size(), kLayout.Columns().size());
  const auto& activity = file.lines[2];
  EXPECT_EQ(activity.line, 4u);
  EXPECT_EQ(activity.item.kind, "activity");
  EXPECT_EQ(activity.parent, "1.1");
  EXPECT_EQ(activity.item.title, "Наемане на четирима образователни медиатори");
  EXPECT_EQ(activity.item.deadline, "2027-12-31") << "31.12.2027 is read as ISO";
  EXPECT_EQ(activity.item.beneficiaries, 120);
  EXPECT_EQ(activity.item.progress, 50);
  ASSERT_EQ(activity.item.budgets.size(), 1u);
  EXPECT_EQ(activity.item.budgets[0].source, "municipal");
  EXPECT_EQ(activity.item.budgets[0].spent_cents, 2100000);
  EXPECT_EQ(file.lines[3].item.progress, std::nullopt) << "an empty progress is not reported, never 0";
  EXPECT_EQ(file.lines[0].areas, (std::vector<std::string>{"bg2021:education", "eu2020:education"}));
  EXPECT_EQ(file.lines[0].implements, (std::vector<std::string>{"eu-2020-o4"}));
}

TEST(ReadPlanFile, CollectsEveryBadValueWithItsLineAndColumnNotJustTheFirst) {
  const PlanFile file = Read(kHeader +
                             ",objective,,1,Образование,,,,31.02.2026,,,,,,,,\n"
                             ",measure,1,1.1,Медиатори,,,,,,,,150,-100,,,\n"
                             ",goal,1,1.2,,,,,2027-01-01,2026-12-31,много,late,abc,12.345,,,\n"
                             ",activity,1.1,1.1.1,Наемане,,,,,,-5,,,,,,1 500\n");
  const std::vector<ImportProblem> expected = {
      Problem(2, "start", "31.02.2026", message::kNotADate),
      Problem(3, "progress", "150", message::kProgressRange),
      Problem(3, "municipal_planned", "-100", message::kNegativeAmount),
      Problem(4, "kind", "goal", message::kUnknownKind),
      Problem(4, "title", "", message::kWriteTitle),
      Problem(4, "end", "2026-12-31", message::kEndBeforeStart),
      Problem(4, "beneficiaries", "много", message::kBeneficiariesNotWhole),
      Problem(4, "official_status", "late", message::kUnknownStatus),
      Problem(4, "progress", "abc", message::kMalformedProgress),
      Problem(4, "municipal_planned", "12.345", message::kMalformedAmount),
      Problem(5, "beneficiaries", "-5", message::kBeneficiariesNegative),
  };
  EXPECT_EQ(Describe(file.problems), Describe(expected));
  ASSERT_EQ(file.lines.size(), 4u);
  EXPECT_EQ(file.lines[3].item.budgets.at(0).source, "erdf");
  EXPECT_EQ(file.lines[3].item.budgets.at(0).planned_cents, 150000);
}

TEST(ReadPlanFile, AnUnknownColumnIsAProblemOfTheHeaderNamedAsWritten) {
  const PlanFile file = Read("uid,kind,parent,title,Budjet,Title\n,objective,,Образование,100,\n");
  EXPECT_EQ(Describe(file.problems), Describe({Problem(1, "Budjet", "Budjet", message::kUnknownColumn),
                                               Problem(1, "title", "Title", message::kRepeatedColumn)}));
  ASSERT_EQ(file.lines.size(), 1u) << "the lines are still read, to report their problems too";
}

TEST(ReadPlanFile, AMissingRequiredColumnIsReportedOnceNotOnEveryLine) {
  const PlanFile file = Read("uid,parent,code\n,,1\n,1,1.1\n");
  EXPECT_EQ(Describe(file.problems), Describe({Problem(1, "kind", "", message::kMissingColumn),
                                               Problem(1, "title", "", message::kMissingColumn)}));
  EXPECT_TRUE(file.lines.empty());
}

TEST(ReadPlanFile, AValueUnderAColumnWithoutANameIsAProblem) {
  const PlanFile file = Read("kind,title,,code\nobjective,Образование,забележка,1\nobjective,Здраве,,2\n");
  EXPECT_EQ(Describe(file.problems), Describe({Problem(2, "C", "забележка", message::kValueWithoutColumn)}));
}

TEST(ReadPlanFile, HeadersAreReadWithoutCaseOrSurroundingSpaces) {
  const PlanFile file = Read(" Kind , TITLE \nobjective,Образование\n");
  EXPECT_EQ(Describe(file.problems), "");
  EXPECT_TRUE(file.Has("kind"));
  EXPECT_TRUE(file.Has("title"));
}

TEST(ReadPlanFile, ReadsWhatSpreadsheetsDoToDatesAndCodes) {
  const PlanFile file = Read(kHeader + ",objective,,1,Образование,,,4238,2027-01-01 00:00:00,,,,50%,,,,\n");
  EXPECT_EQ(Describe(file.problems), "");
  EXPECT_EQ(file.lines[0].item.start_date, "2027-01-01");
  EXPECT_EQ(file.lines[0].item.settlement_ekatte, "04238") << "a leading zero lost as a number comes back";
  EXPECT_EQ(file.lines[0].item.progress, 50);
}

TEST(ReadPlanFile, ReadsTheStatusNotStartedAsTheFormsStoreIt) {
  const PlanFile file = Read(kHeader + ",objective,,1,Образование,,,,,,,not_started,,,,,\n" +
                             ",objective,,2,Здраве,,,,,,,planned,,,,,\n");
  EXPECT_EQ(Describe(file.problems), "");
  EXPECT_EQ(file.lines[0].item.official_status, "planned");
  EXPECT_EQ(file.lines[1].item.official_status, "planned");
}

// --- Checking the file against the document ---

TEST(PlanImport, AnUnknownAreaCodeIsAProblemOfItsLine) {
  const PlannedImport plan = Plan(kHeader + ",objective,,1,Образование,bg2021:education;bg2021:edukation,,,,,,,,,,,\n");
  EXPECT_EQ(Describe(plan.problems), Describe({Problem(2, "areas", "bg2021:edukation", message::kUnknownArea)}));
  EXPECT_TRUE(plan.items.empty()) << "nothing is planned when there is a problem";
}

TEST(PlanImport, AnActivityWithoutAParentIsAProblem) {
  const PlannedImport plan = Plan(kHeader +
                                  ",objective,,1,Образование,,,,,,,,,,,,\n"
                                  ",activity,,1.1.1,Наемане,,,,,,,,,,,,\n"
                                  ",measure,9,1.2,Медиатори,,,,,,,,,,,,\n");
  EXPECT_EQ(Describe(plan.problems), Describe({Problem(3, "parent", "", message::kMissingParent),
                                               Problem(4, "parent", "9", message::kUnknownParent)}));
}

TEST(PlanImport, AParentOfTheWrongKindIsAProblem) {
  const PlannedImport plan = Plan(kHeader +
                                  ",objective,,1,Образование,,,,,,,,,,,,\n"
                                  ",objective,1,2,Здраве,,,,,,,,,,,,\n"
                                  ",activity,1,1.1.1,Наемане,,,,,,,,,,,,\n");
  EXPECT_EQ(Describe(plan.problems), Describe({Problem(3, "parent", "1", message::kObjectiveWithParent),
                                               Problem(4, "parent", "1", message::kWrongParent)}));
}

TEST(PlanImport, AnUnknownImplementsUidIsAProblem) {
  const PlannedImport plan = Plan(kHeader + ",objective,,1,Образование,,eu-2020-o4;eu-2020-o99,,,,,,,,,,\n");
  EXPECT_EQ(Describe(plan.problems), Describe({Problem(2, "implements", "eu-2020-o99", message::kUnknownImplements)}));
}

TEST(PlanImport, LinksGoUpTheCascadeBetweenObjectivesAndMeasuresOnly) {
  const PlannedImport plan = Plan(kHeader +
                                  "o-1,objective,,1,Образование,,m-project;a-project;m-vidin;o-1,,,,,,,,,,\n"
                                  ",measure,o-1,1.1,Медиатори,,,,,,,,,,,,\n"
                                  ",activity,1.1,1.1.1,Наемане,,eu-2020-o4,,,,,,,,,,\n");
  EXPECT_EQ(Describe(plan.problems), Describe({
                                         Problem(2, "implements", "m-project", message::kLinkLevel),
                                         Problem(2, "implements", "a-project", message::kActivityLink),
                                         Problem(2, "implements", "o-1", message::kLinkLevel),
                                         Problem(4, "implements", "eu-2020-o4", message::kActivityLink),
                                     }))
      << "a municipal plan may implement another municipal plan (m-vidin), never a project or itself";
}

TEST(PlanImport, ALinkThatWouldCloseACycleIsAProblem) {
  PlanContext context = LomContext();
  context.items = {Existing(5, "m-lom", "measure", "1.1", "Медиатори", 4), Existing(4, "o-lom", "objective", "1", "О")};
  context.links = {{500, 5}};  // Видин's measure implements Лом's
  const PlannedImport plan = Plan(kHeader + "m-lom,measure,o-lom,1.1,Медиатори,,m-vidin,,,,,,,,,,\n", context);
  EXPECT_EQ(Describe(plan.problems), Describe({Problem(2, "implements", "m-vidin", message::kCycle)}));
}

TEST(PlanImport, ACycleClosedByTwoLinksOfTheFileIsAProblemOfTheSecond) {
  PlanContext context = LomContext();
  context.document.level = Level::kMunicipal;
  context.items = {Existing(4, "o-lom", "objective", "1", "Образование"),
                   Existing(5, "o-lom-2", "objective", "2", "Здраве")};
  context.elsewhere.push_back({600, "o-vidin", 60, "objective", Level::kMunicipal});
  context.links = {{500, 5}, {600, 4}};  // m-vidin → o-lom-2, o-vidin → o-lom
  // o-lom → m-vidin (→ o-lom-2), then o-lom-2 → o-vidin (→ o-lom → m-vidin → o-lom-2): the second closes the circle.
  const PlannedImport plan = Plan(kHeader +
                                      "o-lom,objective,,1,Образование,,m-vidin,,,,,,,,,,\n"
                                      "o-lom-2,objective,,2,Здраве,,o-vidin,,,,,,,,,,\n",
                                  context);
  EXPECT_EQ(Describe(plan.problems), Describe({Problem(3, "implements", "o-vidin", message::kCycle)}));
}

TEST(PlanImport, UidsAndCodesAreUniqueAndAnotherDocumentsUidIsRefused) {
  PlanContext context = LomContext();
  context.items = {Existing(4, "o-lom", "objective", "1", "Образование"),
                   Existing(5, "o-lom-2", "objective", "2", "Здраве")};
  const PlannedImport plan = Plan(kHeader +
                                      "o-lom,objective,,2,Образование,,,,,,,,,,,,\n"
                                      "eu-2020-o4,objective,,3,Заетост,,,,,,,,,,,,\n"
                                      "o-new,objective,,4,Жилища,,,,,,,,,,,,\n"
                                      "o-new,objective,,5,Жилища,,,,,,,,,,,,\n"
                                      "o-bad uid,objective,,6,Култура,,,,,,,,,,,,\n",
                                  context);
  EXPECT_EQ(Describe(plan.problems), Describe({Problem(2, "code", "2", message::kRepeatedCode),
                                               Problem(3, "uid", "eu-2020-o4", message::kUidOfAnotherDocument),
                                               Problem(5, "uid", "o-new", message::kRepeatedUid),
                                               Problem(6, "uid", "o-bad uid", message::kBadUid)}))
      << "o-lom takes code 2, which o-lom-2 (not in the file) keeps";
}

TEST(PlanImport, AnItemKeepsItsKind) {
  PlanContext context = LomContext();
  context.items = {Existing(4, "o-lom", "objective", "1", "Образование")};
  const PlannedImport plan = Plan(kHeader + "o-lom,measure,,1,Образование,,,,,,,,,,,,\n", context);
  EXPECT_EQ(Describe(plan.problems), Describe({Problem(2, "kind", "measure", message::kKindChanged)}));
}

TEST(PlanImport, ParentsAreFoundByUidOrCodeInTheFileOrTheDocumentAndComeFirst) {
  PlanContext context = LomContext();
  context.items = {Existing(4, "o-lom", "objective", "1", "Образование")};
  const PlannedImport plan = Plan(kHeader +
                                      ",activity,2.1,2.1.1,Наемане,,,,,,,,,,,,\n"
                                      ",measure,o-lom,1.1,Медиатори,,,,,,,,,,,,\n"
                                      ",measure,2,2.1,Здравни медиатори,,,,,,,,,,,,\n"
                                      ",objective,,2,Здраве,,,,,,,,,,,,\n",
                                  context);
  ASSERT_EQ(Describe(plan.problems), "");
  ASSERT_EQ(plan.items.size(), 4u);
  EXPECT_EQ(plan.items[0].item.title, "Здраве") << "objectives first, then measures, then activities";
  EXPECT_EQ(plan.items[1].item.parent_id, 4) << "an objective of the document, by uid";
  EXPECT_EQ(plan.items[2].new_parent, 0u) << "a new objective of the file, by code";
  EXPECT_EQ(plan.items[3].new_parent, 2u);
  for (const auto& planned : plan.items) EXPECT_EQ(planned.action, ImportAction::kCreate);
  EXPECT_GT(plan.items[0].item.position, 4) << "new items come after the document's";
}

TEST(PlanImport, ALineEqualToItsItemIsKeptAndColumnsLeftOutKeepTheirValues) {
  PlanContext context = LomContext();
  Item objective = Existing(4, "o-lom", "objective", "1", "Образование");
  objective.area_ids = {1, 2};
  objective.budgets = {{"municipal", 100, 50, 0}, {"erdf", 500, 0, 0}};
  objective.description = "Описание";
  context.items = {objective};
  context.links = {{4, 100}};
  PlannedImport plan = Plan(
      "uid,kind,title,areas,implements,municipal_planned,municipal_secured\n"
      "o-lom,objective,Образование,eu2020:education;bg2021:education,eu-2020-o4,1.00,0.50\n",
      context);
  ASSERT_EQ(Describe(plan.problems), "");
  EXPECT_EQ(plan.items.at(0).action, ImportAction::kKeep)
      << "the description and the ERDF budget are not in the file, and stay";

  plan = Plan(
      "uid,kind,title,implements,municipal_planned,municipal_secured\n"
      "o-lom,objective,Образование,eu-2020-o6,1.00,\n",
      context);
  ASSERT_EQ(Describe(plan.problems), "");
  ASSERT_EQ(plan.items.at(0).action, ImportAction::kChange);
  const Item& changed = plan.items[0].item;
  EXPECT_EQ(changed.description, "Описание");
  EXPECT_EQ(changed.area_ids, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(changed.budgets, (std::vector<policies::Budget>{{"municipal", 100, std::nullopt, 0}, {"erdf", 500, 0, 0}}))
      << "an empty cell of a column the file has is not reported; columns it leaves out keep their values";
  ASSERT_EQ(plan.items[0].new_links.size(), 1u) << "eu-2020-o4 stays linked, eu-2020-o6 is added";
  EXPECT_EQ(plan.items[0].new_links[0].uid, "eu-2020-o6");
}

TEST(PlanImport, ASettlementOutsideTheMunicipalityIsAProblem) {
  const PlannedImport plan = Plan(kHeader + ",objective,,1,Образование,,,04279,,,,,,,,,\n");
  EXPECT_EQ(Describe(plan.problems), Describe({Problem(2, "settlement", "04279", message::kSettlementElsewhere)}));
}

TEST(PlanImport, TheRulesOfAnItemHoldForItAsItWillBeStoredWithTheValuesTheFileLeavesOut) {
  PlanContext context = LomContext();
  Item activity = Existing(6, "a-lom", "activity", "1.1.1", "Наемане", 5);
  activity.start_date = "2027-06-01";
  context.items = {Existing(4, "o-lom", "objective", "1", "Образование"),
                   Existing(5, "m-lom", "measure", "1.1", "Медиатори", 4), activity};
  const PlannedImport plan = Plan(
      "uid,kind,title,end,settlement\n"
      "a-lom,activity,Наемане,31.12.2026,\n"
      "m-lom,measure,Медиатори,,4279\n",
      context);
  EXPECT_EQ(Describe(plan.problems), Describe({Problem(2, "end", "2026-12-31", message::kEndBeforeStart),
                                               Problem(3, "settlement", "04279", message::kSettlementElsewhere)}))
      << "the start the file leaves out is the activity's, 1 June 2027";
}

TEST(PlanImport, AMeasureBelongsToAnObjectiveAsInTheForm) {
  const PlannedImport plan = Plan(kHeader +
                                  ",objective,,1,Образование,,,,,,,,,,,,\n"
                                  ",measure,,1.1,Медиатори,,,,,,,,,,,,\n"
                                  ",measure,1.1,1.2,Медиатори,,,,,,,,,,,,\n");
  EXPECT_EQ(Describe(plan.problems), Describe({Problem(3, "parent", "", message::kMissingParent),
                                               Problem(4, "parent", "1.1", message::kWrongParent)}));
}

TEST(ReadPlanFile, CountsTheLimitsOfEveryTextColumnInCharacters) {
  std::string title, partners;
  for (int i = 0; i < 2000; ++i) title += "ж";
  for (int i = 0; i < 20001; ++i) partners += "я";
  const PlanFile file = Read("kind,title,title_en,partners\nobjective," + title + "," + title + "x," + partners + "\n");
  ASSERT_EQ(file.problems.size(), 2u) << Describe(file.problems);
  EXPECT_EQ(file.problems[0].column, "title_en");
  EXPECT_EQ(file.problems[0].message, message::kTooLongTitle);
  EXPECT_EQ(file.problems[1].column, "partners");
  EXPECT_EQ(file.problems[1].message, message::kTooLongText) << "the message states the limit";
  EXPECT_TRUE(file.problems[1].value.ends_with("…")) << "the start of the cell, not all of it";
}

// --- Export ---

TEST(ExportRows, WritesTheTreeInOrderWithEveryColumn) {
  Item activity = Existing(3, "a-1", "activity", "1.1.1", "Наемане", 2);
  activity.progress = 50;
  activity.beneficiaries = 120;
  activity.start_date = "2027-01-01";
  activity.budgets = {{"municipal", 4800000, 4800000, 2100000}};
  Item measure = Existing(2, "m-1", "measure", "1.1", "Медиатори", 1);
  Item health = Existing(4, "o-2", "objective", "2", "Здраве");
  Item education = Existing(1, "o-1", "objective", "1", "Образование");
  education.area_ids = {1, 2};
  education.position = 0;
  health.position = 1;
  measure.position = 5;
  activity.position = 6;
  const auto rows = policies::ExportRows(kLayout, {activity, health, measure, education}, LomContext().areas,
                                         {{1, "eu-2020-o4"}, {1, "eu-2020-o6"}});
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0], kLayout.Columns());
  std::vector<std::string> uids;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].size(), rows[0].size());
    uids.push_back(rows[i][0]);
  }
  EXPECT_EQ(uids, (std::vector<std::string>{"o-1", "m-1", "a-1", "o-2"}));
  const auto column = [&](const std::vector<std::string>& row, const std::string& name) {
    const auto& header = rows[0];
    return row.at(static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin()));
  };
  EXPECT_EQ(column(rows[1], "areas"), "bg2021:education;eu2020:education");
  EXPECT_EQ(column(rows[1], "implements"), "eu-2020-o4;eu-2020-o6");
  EXPECT_EQ(column(rows[1], "progress"), "") << "not reported";
  EXPECT_EQ(column(rows[2], "parent"), "o-1");
  EXPECT_EQ(column(rows[3], "parent"), "m-1");
  EXPECT_EQ(column(rows[3], "progress"), "50");
  EXPECT_EQ(column(rows[3], "beneficiaries"), "120");
  EXPECT_EQ(column(rows[3], "start"), "2027-01-01");
  EXPECT_EQ(column(rows[3], "municipal_spent"), "21000.00");
  EXPECT_EQ(column(rows[3], "erdf_planned"), "");
}

TEST(TotalsRows, GiveThePlanAndEachObjectiveInAllAndPerFundingSourceWithProgressOnTheLineOfAll) {
  policies::Document document;
  document.title = "План Лом";
  document.currency = "EUR";
  Item objective = Existing(1, "o-1", "objective", "1", "Образование");
  Item measure = Existing(2, "m-1", "measure", "1.1", "Медиатори", 1);
  Item activity = Existing(3, "a-1", "activity", "1.1.1", "Наемане", 2);
  activity.progress = 40;
  activity.budgets = {
      {"other", 150'050, 100'000, 0}, {"regional_fund", 1, std::nullopt, std::nullopt}, {"state", 2, 0, 0}};
  Item silent = Existing(4, "a-2", "activity", "1.1.2", "Лятно училище", 2);
  Item housing = Existing(5, "o-2", "objective", "2", "Жилища");
  const std::vector<Item> items = {objective, measure, activity, silent, housing};
  std::vector<policies::PlanNode> nodes = {{std::nullopt, std::nullopt, &items[0].budgets},
                                           {0, std::nullopt, &items[1].budgets},
                                           {1, 40, &items[2].budgets},
                                           {1, std::nullopt, &items[3].budgets},
                                           {std::nullopt, std::nullopt, &items[4].budgets}};
  const auto rolled = policies::RollUpPlan(nodes, policies::ProgressRule::kBudget);

  const auto rows = policies::TotalsRows(kLayout, document, rolled.plan,
                                         {{&items[0], &rolled.items[0]}, {&items[4], &rolled.items[4]}});
  // The sources in the layout's order (the state budget before "other"), then one it does not list.
  const std::vector<std::vector<std::string>> expected = {
      policies::TotalsColumns(),
      {"plan", "", "", "План Лом", "all", "1500.53", "1000.00", "0.00", "EUR", "40.00", "", "1", "2"},
      {"plan", "", "", "План Лом", "state", "0.02", "0.00", "0.00", "EUR", "", "", "", ""},
      {"plan", "", "", "План Лом", "other", "1500.50", "1000.00", "0.00", "EUR", "", "", "", ""},
      {"plan", "", "", "План Лом", "regional_fund", "0.01", "", "", "EUR", "", "", "", ""},
      {"objective", "o-1", "1", "Образование", "all", "1500.53", "1000.00", "0.00", "EUR", "40.00", "", "1", "1"},
      {"objective", "o-1", "1", "Образование", "state", "0.02", "0.00", "0.00", "EUR", "", "", "", ""},
      {"objective", "o-1", "1", "Образование", "other", "1500.50", "1000.00", "0.00", "EUR", "", "", "", ""},
      {"objective", "o-1", "1", "Образование", "regional_fund", "0.01", "", "", "EUR", "", "", "", ""},
      {"objective", "o-2", "2", "Жилища", "all", "0.00", "", "", "EUR", "", "nothing_reported", "0", "1"}};
  EXPECT_EQ(rows, expected);
}

TEST(ReadPlanFile, TheItemsEndAtTheTotalsMarkerAndWhatFollowsMustBeTheTotals) {
  const std::string items = kHeader + ",objective,,1,Образование,,,,,,,,50,,,,\n";
  const std::string totals =
      "#totals\nscope,uid,code,title,source,planned\nplan,,,План,all,1500.00\n"
      "objective,o-1,1,Образование,municipal,1500.00\n";
  const PlanFile file = Read(items + totals);
  EXPECT_EQ(Describe(file.problems), "");
  ASSERT_EQ(file.lines.size(), 1u) << "the totals are not items";

  const PlanFile added_below = Read(items + totals + ",activity,1,1.1.1,Добавена отдолу,,,,,,,,,,,,\n");
  EXPECT_EQ(Describe(added_below.problems), Describe({Problem(7, "A", "", message::kLineInTotals)}))
      << "an item written below the totals would be lost without a word";
  EXPECT_EQ(added_below.lines.size(), 1u);

  const PlanFile marker_with_more = Read(kHeader + "#totals,objective\n");
  EXPECT_FALSE(marker_with_more.problems.empty()) << "a line with more than the marker is a line of the plan";
}

TEST(ExportRows, AnExportWithItsTotalsReadBackChangesNothing) {
  Item objective = Existing(1, "o-1", "objective", "1", "Образование");
  Item measure = Existing(2, "m-1", "measure", "1.1", "Медиатори", 1);
  measure.progress = 30;
  measure.budgets = {{"municipal", 1234567, 0, 5}};
  PlanContext context = LomContext();
  context.items = {objective, measure};
  const std::vector<policies::PlanNode> nodes = {{std::nullopt, std::nullopt, &context.items[0].budgets},
                                                 {0, 30, &context.items[1].budgets}};
  const auto rolled = policies::RollUpPlan(nodes, policies::ProgressRule::kEqual);
  const auto totals =
      policies::TotalsRows(kLayout, context.document, rolled.plan, {{&context.items[0], &rolled.items[0]}});
  const auto rows = policies::ExportRows(kLayout, context.items, context.areas, {});
  for (const bool xlsx : {false, true}) {
    const std::string bytes = xlsx ? *policies::PlanXlsx(rows, totals, "plan") : policies::PlanCsv(rows, totals);
    const PlannedImport plan = policies::PlanImport(policies::ReadPlanFile(TableOf(bytes), kLayout), context);
    ASSERT_EQ(Describe(plan.problems), "");
    ASSERT_EQ(plan.items.size(), 2u);
    for (const auto& planned : plan.items) EXPECT_EQ(planned.action, ImportAction::kKeep) << planned.item.title;
  }
  EXPECT_TRUE(policies::PlanCsv(rows, totals).find("\r\n#totals\r\nscope,uid,") != std::string::npos);
}

TEST(ExportRows, AnExportReadBackChangesNothing) {
  Item objective = Existing(1, "o-1", "objective", "1", "Равен достъп, \"качество\"");
  objective.description = "Първи ред\r\nвтори ред; трети";
  objective.area_ids = {1};
  Item measure = Existing(2, "m-1", "measure", "1.1", "Медиатори", 1);
  measure.progress = 0;
  measure.official_status = "delayed";
  measure.settlement_ekatte = "44238";
  measure.deadline = "2027-12-31";
  measure.budgets = {{"erdf", 1, 0, 0}, {"municipal", 1234567, 0, 5}};
  PlanContext context = LomContext();
  context.items = {objective, measure};
  context.links = {{1, 100}};
  for (const bool xlsx : {false, true}) {
    const auto rows = policies::ExportRows(kLayout, context.items, context.areas, {{1, "eu-2020-o4"}});
    const std::string bytes = xlsx ? *formats::WriteXlsx(rows) : formats::WriteCsv(rows);
    const PlannedImport plan = policies::PlanImport(policies::ReadPlanFile(TableOf(bytes), kLayout), context);
    ASSERT_EQ(Describe(plan.problems), "");
    ASSERT_EQ(plan.items.size(), 2u);
    for (const auto& planned : plan.items) {
      EXPECT_EQ(planned.action, ImportAction::kKeep) << planned.item.title << (xlsx ? " (xlsx)" : " (csv)");
    }
  }
}

// --- Files in the reader's language ---

const web::Translations& Catalogues() {
  static const web::Translations translations(std::getenv("KHETANE_LOCALE_DIR"));
  return translations;
}
policies::PlanLanguage InBulgarian() { return policies::PlanLanguageOf(Catalogues(), web::Language::kBulgarian); }
std::vector<policies::PlanLanguage> EveryLanguage() { return policies::EveryPlanLanguage(Catalogues()); }

const policies::PlanLayout kNamedLayout(std::vector<policies::FundingSource>{
    {"municipal", "Общински бюджет", "Municipal budget"}, {"erdf", "ЕФРР", "ERDF"}});

// Лом's plan with an objective, a measure and an activity that has every kind of value.
PlanContext LomPlan() {
  Item objective = Existing(1, "o-1", "objective", "1", "Образование, равен достъп; качество");
  objective.area_ids = {1, 3};
  Item measure = Existing(2, "m-1", "measure", "1.1", "Медиатори", 1);
  measure.official_status = "in_progress";
  Item activity = Existing(3, "a-1", "activity", "1.1.1", "Обучение на медиатори", 2);
  activity.official_status = "delayed";
  activity.progress = 40;
  activity.beneficiaries = 1500;
  activity.start_date = "2027-01-15";
  activity.deadline = "2027-12-31";
  activity.budgets = {{"municipal", 1234567, 1000000, 5}, {"erdf", 29, 0, 0}};
  PlanContext context = LomContext();
  context.funding_sources = kNamedLayout.Sources();
  context.items = {objective, measure, activity};
  return context;
}

std::vector<std::vector<std::string>> TotalsOf(const PlanContext& context, const policies::PlanLanguage& language) {
  std::vector<policies::PlanNode> nodes;
  for (std::size_t i = 0; i < context.items.size(); ++i) {
    nodes.push_back({i == 0 ? std::nullopt : std::optional<std::size_t>(i - 1), context.items[i].progress,
                     &context.items[i].budgets});
  }
  const auto rolled = policies::RollUpPlan(nodes, policies::ProgressRule::kEqual);
  return policies::TotalsRows(kNamedLayout, context.document, rolled.plan, {{&context.items[0], &rolled.items[0]}},
                              language);
}

TEST(PlanFileInBulgarian, ExportWritesBulgarianHeadersKindsAndStatusesSeparatedBySemicolons) {
  const PlanContext context = LomPlan();
  const auto rows = policies::ExportRows(kNamedLayout, context.items, context.areas, {}, InBulgarian());
  ASSERT_EQ(rows.size(), 4u);
  const std::vector<std::string>& header = rows[0];
  EXPECT_EQ(std::vector<std::string>(header.begin(), header.begin() + 5),
            (std::vector<std::string>{"Постоянен идентификатор", "Вид", "Родител", "Код", "Заглавие"}));
  EXPECT_EQ(header[20], "Общински бюджет — планирано");
  EXPECT_EQ(header[25], "ЕФРР — изразходвано");
  EXPECT_EQ(rows[1][1], "Цел");
  EXPECT_EQ(rows[2][1], "Мярка");
  EXPECT_EQ(rows[3][1], "Дейност");
  EXPECT_EQ(rows[2][18], "В изпълнение");
  EXPECT_EQ(rows[1][7], "bg2021:education;bg2021:health") << "areas stay codes, which read back unambiguously";
  EXPECT_EQ(rows[3][0], "a-1");

  const std::string csv = policies::PlanCsv(rows, TotalsOf(context, InBulgarian()), InBulgarian());
  EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBFПостоянен идентификатор;Вид;Родител;Код;Заглавие;")) << csv.substr(0, 200);
  // Decimal commas, quoted (as every ',' is, so that no value misleads the separator's detection): Excel reads them
  // as numbers all the same.
  EXPECT_NE(csv.find(";1500;;Забавена;40;\"12345,67\";\"10000,00\";\"0,05\";\"0,29\";\"0,00\";\"0,00\"\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\"Образование, равен достъп; качество\""), std::string::npos);
  EXPECT_NE(csv.find("\r\n#totals\r\nОбхват;Постоянен идентификатор;Код;Заглавие;Източник;"), std::string::npos);
  EXPECT_NE(csv.find("План;;;;Всички източници;"), std::string::npos) << csv;

  const auto english = policies::PlanCsv(rows, {}, policies::PlanLanguageOf(Catalogues(), web::Language::kEnglish));
  EXPECT_NE(english.find("\"Образование, равен достъп; качество\","), std::string::npos) << "English CSV keeps ','";
}

TEST(PlanFileInBulgarian, ABulgarianCsvAndXlsxReadBackChangeNothing) {
  const PlanContext context = LomPlan();
  const auto rows = policies::ExportRows(kNamedLayout, context.items, context.areas, {}, InBulgarian());
  const auto totals = TotalsOf(context, InBulgarian());
  for (const bool xlsx : {false, true}) {
    const std::string bytes = xlsx ? *policies::PlanXlsx(rows, totals, "План", InBulgarian(), context.areas)
                                   : policies::PlanCsv(rows, totals, InBulgarian());
    const PlannedImport plan =
        policies::PlanImport(policies::ReadPlanFile(TableOf(bytes), kNamedLayout, EveryLanguage()), context);
    ASSERT_EQ(Describe(plan.problems), "") << (xlsx ? "xlsx" : "csv");
    ASSERT_EQ(plan.items.size(), 3u);
    for (const auto& planned : plan.items) {
      EXPECT_EQ(planned.action, ImportAction::kKeep) << planned.item.title << (xlsx ? " (xlsx)" : " (csv)");
    }
  }
}

TEST(PlanFileInBulgarian, TheXlsxHasNumberAndDateCellsAndDropdownsFromAListsSheet) {
  const PlanContext context = LomPlan();
  const auto rows = policies::ExportRows(kNamedLayout, context.items, context.areas, {}, InBulgarian());
  const auto xlsx =
      policies::PlanXlsx(rows, TotalsOf(context, InBulgarian()), "План за действие", InBulgarian(), context.areas);
  ASSERT_TRUE(xlsx.ok());
  const std::string sheet = test_support::XlsxPart(*xlsx, "xl/worksheets/sheet1.xml");
  const auto cell = [&](const std::string& reference) {
    const std::size_t start = sheet.find("<c r=\"" + reference + "\"");
    return start == std::string::npos ? std::string() : sheet.substr(start, sheet.find("</c>", start) - start);
  };
  // Row 4 is the activity: beneficiaries (Q), progress (T) and the amounts (U…) are numbers, start (N) a date.
  for (const std::string reference : {"Q4", "T4", "U4", "V4", "N4", "P4"}) {
    EXPECT_EQ(cell(reference).find(" t=\""), std::string::npos) << reference << ": " << cell(reference);
    EXPECT_NE(cell(reference).find("<v>"), std::string::npos) << reference;
  }
  EXPECT_NE(cell("U4").find("<v>12345.67</v>"), std::string::npos) << cell("U4");
  EXPECT_NE(cell("T4").find("<v>40</v>"), std::string::npos);
  EXPECT_NE(cell("A4").find("t=\"s\""), std::string::npos) << "a uid is text";
  EXPECT_NE(sheet.find("<dataValidation "), std::string::npos);
  EXPECT_NE(sheet.find("'Списъци'!$A$2:$A$4"), std::string::npos) << sheet.substr(sheet.find("<dataValidations"));
  EXPECT_NE(sheet.find("'Списъци'!$B$2:$B$6"), std::string::npos);
  EXPECT_NE(sheet.find("'Списъци'!$C$2:$C$4"), std::string::npos);
  const std::string totals = test_support::XlsxPart(*xlsx, "xl/worksheets/sheet2.xml");
  EXPECT_NE(totals.find("<v>12345.96</v>"), std::string::npos) << "the totals' amounts are numbers too";
  const std::string workbook = test_support::XlsxPart(*xlsx, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"Списъци\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"Общо\""), std::string::npos);
}

TEST(PlanFileInBulgarian, ReadsHeadersKindsAndStatusesInEitherLanguageAndAnyCase) {
  const std::string csv =
      "ВИД;родител;Код;Заглавие;Official status;Общински бюджет - Планирано;erdf_planned\n"
      "ЦЕЛ;;1;Образование;;;\n"
      "Measure;1;1.1;Медиатори;в изпълнение;1 234,50;\n"
      "  дейност ;1.1;1.1.1;Обучение;Not started;1234.5;\"1,5\"\n"
      "activity;1.1;1.1.2;Наем;not_started;;\n";
  const PlanFile file = policies::ReadPlanFile(TableOf(csv), kNamedLayout, EveryLanguage());
  ASSERT_EQ(Describe(file.problems), "");
  ASSERT_EQ(file.lines.size(), 4u);
  EXPECT_EQ(file.lines[0].item.kind, "objective");
  EXPECT_EQ(file.lines[1].item.kind, "measure");
  EXPECT_EQ(file.lines[2].item.kind, "activity");
  EXPECT_EQ(file.lines[1].item.official_status, "in_progress");
  EXPECT_EQ(file.lines[2].item.official_status, "planned");
  EXPECT_EQ(file.lines[3].item.official_status, "planned");
  const policies::Budget planned_only{"municipal", 123450, std::nullopt, std::nullopt};
  EXPECT_EQ(file.lines[1].item.budgets, (std::vector<policies::Budget>{planned_only}));
  EXPECT_EQ(file.lines[2].item.budgets,
            (std::vector<policies::Budget>{planned_only, {"erdf", 150, std::nullopt, std::nullopt}}));
  EXPECT_EQ(Describe(policies::PlanImport(file, LomContext()).problems), "");
}

TEST(PlanFileInBulgarian, AProblemNamesTheColumnAsTheFileWritesIt) {
  const std::string csv = "Вид;Заглавие;Напредък;Срок\nЦел;Образование;сто;31.02.2027\nдейност;;;\n";
  const PlannedImport plan =
      policies::PlanImport(policies::ReadPlanFile(TableOf(csv), kNamedLayout, EveryLanguage()), LomContext());
  EXPECT_EQ(Describe(plan.problems), "line 2, Срок (31.02.2027): " + std::string(message::kNotADate) + "\n" +
                                         "line 2, Напредък (сто): " + std::string(message::kMalformedProgress) + "\n" +
                                         "line 3, Заглавие (): " + std::string(message::kWriteTitle) + "\n" +
                                         "line 3, parent (): " + std::string(message::kMissingParent) + "\n");
  // Without the Bulgarian words, a Bulgarian header is unknown and named as written.
  const PlanFile codes = policies::ReadPlanFile(TableOf("Вид,title\nцел,Образование\n"), kNamedLayout);
  ASSERT_FALSE(codes.problems.empty());
  EXPECT_EQ(codes.problems[0].column, "Вид");
  EXPECT_EQ(codes.problems[0].message, message::kUnknownColumn);
}

TEST(PlanFileInBulgarian, AnAmountThatCouldBeReadTwoWaysIsRefusedWithItsOwnMessage) {
  const std::string csv =
      "kind;title;municipal_planned;municipal_secured;municipal_spent;erdf_planned\n"
      "objective;A;1,234;1.234,50;\"1,234.50\";1.234.567\n"
      "objective;B;1 234,50;1234.50;12,5;0,05\n";
  const PlanFile file = policies::ReadPlanFile(TableOf(csv), kNamedLayout);
  ASSERT_EQ(file.problems.size(), 4u) << Describe(file.problems);
  for (const ImportProblem& problem : file.problems) {
    EXPECT_EQ(problem.line, 2u);
    EXPECT_EQ(problem.message, message::kAmbiguousAmount) << problem.value;
  }
  EXPECT_EQ(file.lines[1].item.budgets, (std::vector<policies::Budget>{{"municipal", 123450, 123450, 1250},
                                                                       {"erdf", 5, std::nullopt, std::nullopt}}));
}

TEST(PlanFileInBulgarian, NoTwoColumnsOrValuesShareAWordInAnyLanguage) {
  const policies::PlanLayout layout(std::vector<policies::FundingSource>{
      {"municipal", "Общински бюджет", "Municipal budget"}, {"state", "Държавен бюджет", "State budget"}});
  for (const policies::PlanLanguage& language : EveryLanguage()) {
    const policies::PlanWords words(layout, language);
    std::set<std::string> headers;
    for (const std::string& header : words.Headers())
      EXPECT_TRUE(headers.insert(core::FoldCase(header)).second) << header;
    std::set<std::string> kinds;
    for (const std::string_view kind : policies::kItemKinds) {
      EXPECT_TRUE(kinds.insert(core::FoldCase(words.Value("kind", kind))).second);
    }
    std::set<std::string> statuses;
    for (const std::string_view status : policies::kOfficialStatuses) {
      EXPECT_TRUE(statuses.insert(core::FoldCase(words.Value("official_status", status))).second);
    }
  }
}

}  // namespace
