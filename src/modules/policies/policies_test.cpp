#include "modules/policies/policies.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace {

using policies::CheckItem;
using policies::Item;
using policies::PlanNode;
using policies::PlanRollUp;
using policies::ProgressRule;

TEST(NormaliseDate, AcceptsIsoAndBulgarianDatesAndWritesThemAsIso) {
  EXPECT_EQ(policies::NormaliseDate("2026-03-31"), "2026-03-31");
  EXPECT_EQ(policies::NormaliseDate("31.03.2026"), "2026-03-31");
  EXPECT_EQ(policies::NormaliseDate(" 01.12.2026 "), "2026-12-01");
}

TEST(NormaliseDate, LeavesAnEmptyDateEmpty) {
  EXPECT_EQ(policies::NormaliseDate(""), "");
  EXPECT_EQ(policies::NormaliseDate("   "), "");
}

TEST(NormaliseDate, RefusesDaysThatAreNotInTheCalendar) {
  EXPECT_EQ(policies::NormaliseDate("31.02.2026"), std::nullopt);
  EXPECT_EQ(policies::NormaliseDate("2026-02-30"), std::nullopt);
  EXPECT_EQ(policies::NormaliseDate("2026-13-01"), std::nullopt);
  EXPECT_EQ(policies::NormaliseDate("2026-04-31"), std::nullopt);
  EXPECT_EQ(policies::NormaliseDate("00.01.2026"), std::nullopt);
}

TEST(NormaliseDate, RefusesShortFormsAndText) {
  EXPECT_EQ(policies::NormaliseDate("1.3.2026"), std::nullopt);
  EXPECT_EQ(policies::NormaliseDate("abc"), std::nullopt);
  EXPECT_EQ(policies::NormaliseDate("2026/03/31"), std::nullopt);
  EXPECT_EQ(policies::NormaliseDate("3a.03.2026"), std::nullopt);
}

TEST(NormaliseDate, KnowsTheTwentyNinthOfFebruaryOnlyInLeapYears) {
  EXPECT_EQ(policies::NormaliseDate("29.02.2024"), "2024-02-29");
  EXPECT_EQ(policies::NormaliseDate("29.02.2026"), std::nullopt);
  EXPECT_EQ(policies::NormaliseDate("2000-02-29"), "2000-02-29");
  EXPECT_EQ(policies::NormaliseDate("2100-02-29"), std::nullopt);
}

TEST(ParseAmount, ReadsAmountsAsPeopleWriteThemIntoCents) {
  EXPECT_EQ(policies::ParseAmount("1500"), 150000);
  EXPECT_EQ(policies::ParseAmount("1 500,50"), 150050);
  EXPECT_EQ(policies::ParseAmount("1500.5"), 150050);
  EXPECT_EQ(policies::ParseAmount("0,05"), 5);
  EXPECT_EQ(policies::ParseAmount("1\u00a0500,50"), 150050) << "a no-break space, as Bulgarian number formats write";
}

TEST(ParseAmount, TakesNothingWrittenAsZero) { EXPECT_EQ(policies::ParseAmount(""), 0); }

TEST(ParseAmount, RefusesNegativeAndMalformedAmounts) {
  for (const char* text : {"-5", "1.234", "12abc", "1,2,3", ",5", "1.", "abc"}) {
    EXPECT_EQ(policies::ParseAmount(text), std::nullopt) << text;
  }
}

TEST(FormatAmount, WritesCentsWithTwoDecimals) {
  EXPECT_EQ(policies::FormatAmount(150050), "1500.50");
  EXPECT_EQ(policies::FormatAmount(150000), "1500.00");
  EXPECT_EQ(policies::FormatAmount(5), "0.05");
  EXPECT_EQ(policies::FormatAmount(0), "0.00");
}

TEST(FormatAmount, ReadsBackAsTheSameAmount) {
  for (const std::int64_t cents : {0, 1, 99, 100, 150050, 123456789}) {
    EXPECT_EQ(policies::ParseAmount(policies::FormatAmount(cents)), cents);
  }
}

Item AnActivity() {
  Item item;
  item.kind = "activity";
  item.title = "Two health mediators in Lom";
  return item;
}

std::string RefusalOf(const Item& item) {
  const auto checked = CheckItem(item);
  if (checked.ok()) return "(accepted)";
  EXPECT_EQ(checked.error().kind, core::ErrorKind::kInvalidInput);
  return checked.error().message;
}

TEST(PolicyItemCheck, AcceptsAnActivityAndTrimsItsTexts) {
  Item item = AnActivity();
  item.title = "  Two health mediators in Lom \n";
  item.responsible = " Municipality of Lom ";
  const auto checked = CheckItem(item);
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(checked->title, "Two health mediators in Lom");
  EXPECT_EQ(checked->responsible, "Municipality of Lom");
}

TEST(PolicyItemCheck, RefusesAnItemWithoutATitle) {
  Item item = AnActivity();
  item.title = "  \t ";
  EXPECT_EQ(RefusalOf(item), "Write a title.");
}

TEST(PolicyItemCheck, RefusesATitleOfSpacesAPersonCannotSeeAndTrimsThemFromTheEnds) {
  Item item = AnActivity();
  item.title = "\u00A0\u00A0";  // what a word processor leaves in a cell that looks empty
  EXPECT_EQ(RefusalOf(item), "Write a title.");
  item.title = "\u202FЗдравни медиатори\u00A0";
  const auto checked = CheckItem(item);
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(checked->title, "Здравни медиатори");
}

TEST(PolicyItemCheck, CallsAPlannedActivityNotStartedAndReadsThatNameToo) {
  EXPECT_EQ(policies::StatusTitle("planned"), "Not started");
  Item item = AnActivity();
  item.official_status = "not_started";
  const auto checked = CheckItem(item);
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(checked->official_status, "planned") << "the code older files and the database use";
}

TEST(PolicyItemCheck, RefusesAnUnknownKindOrStatus) {
  Item kind = AnActivity();
  kind.kind = "task";
  EXPECT_EQ(RefusalOf(kind), "The kind must be objective, measure or activity.");
  Item status = AnActivity();
  status.official_status = "done";
  EXPECT_EQ(RefusalOf(status), "Unknown official status.");
  status.official_status = "completed";
  EXPECT_EQ(RefusalOf(status), "(accepted)");
}

TEST(PolicyItemCheck, WritesDatesAsIsoAndRefusesOnesThatAreNotDates) {
  Item item = AnActivity();
  item.start_date = "01.03.2026";
  item.end_date = "2026-06-30";
  item.deadline = "15.07.2026";
  const auto checked = CheckItem(item);
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(checked->start_date, "2026-03-01");
  EXPECT_EQ(checked->end_date, "2026-06-30");
  EXPECT_EQ(checked->deadline, "2026-07-15");

  item.deadline = "31.02.2026";
  EXPECT_EQ(RefusalOf(item), "This is not a date: write it as 2026-03-31 or 31.03.2026.");
}

TEST(PolicyItemCheck, RefusesAnEndBeforeTheStartWhicheverWayTheyAreWritten) {
  Item item = AnActivity();
  item.start_date = "01.05.2026";
  item.end_date = "2026-04-30";
  EXPECT_EQ(RefusalOf(item), "The end comes before the start.");
  // Compared as dates, not as the text typed: 01.06.2026 would sort before 30.05.2026 as text.
  item.start_date = "30.05.2026";
  item.end_date = "01.06.2026";
  EXPECT_EQ(RefusalOf(item), "(accepted)");
  item.end_date = "30.05.2026";
  EXPECT_EQ(RefusalOf(item), "(accepted)") << "a one-day activity";
}

TEST(PolicyItemCheck, TakesProgressFromZeroToAHundred) {
  Item item = AnActivity();
  for (const int progress : {101, -1}) {
    item.progress = progress;
    EXPECT_EQ(RefusalOf(item), "Progress is a percentage from 0 to 100.") << progress;
  }
  for (const int progress : {0, 100}) {
    item.progress = progress;
    EXPECT_EQ(RefusalOf(item), "(accepted)") << progress;
  }
}

TEST(PolicyItemCheck, RefusesNegativeBeneficiariesAndAmounts) {
  Item beneficiaries = AnActivity();
  beneficiaries.beneficiaries = -1;
  EXPECT_EQ(RefusalOf(beneficiaries), "The number of beneficiaries cannot be negative.");
  beneficiaries.beneficiaries = 0;
  EXPECT_EQ(RefusalOf(beneficiaries), "(accepted)");

  for (const policies::Budget& budget : {policies::Budget{"municipal", -1, 0, 0}, policies::Budget{"erdf", 0, -1, 0},
                                         policies::Budget{"swiss", 0, 0, -1}}) {
    Item item = AnActivity();
    item.budgets = {budget};
    EXPECT_EQ(RefusalOf(item), "An amount cannot be negative.") << budget.source;
  }
}

TEST(PolicyItemCheck, RefusesAFundingSourceTheInstallationDoesNotHave) {
  policies::DocumentFacts facts;
  facts.funding_sources = {"municipal", "state", "esf_plus", "unicef"};
  const auto refusal = [&](const Item& item) {
    const auto checked = CheckItem(item, {.document = &facts,
                                          .stored = nullptr,
                                          .parent = policies::ParentFacts{true, true, "measure", false},
                                          .code_taken = false});
    return checked.ok() ? "(accepted)" : checked.error().message;
  };
  Item item = AnActivity();
  item.budgets = {{"municipal", 100, 0, 0}, {"lottery", 100, 0, 0}};
  EXPECT_EQ(refusal(item), "Unknown funding source.");
  item.budgets[1].source = "unicef";
  EXPECT_EQ(refusal(item), "(accepted)") << "a source an administrator added";
  item.budgets[1].source = "state";
  EXPECT_EQ(refusal(item), "(accepted)");
}

TEST(FundingSourceProblems, ACodeNamesColumnsSoItIsPlainLatinAndNewAndBothNamesAreWritten) {
  const std::vector<policies::FundingSource> existing = {{"municipal", "Общински бюджет", "Municipal budget"}};
  const auto problems = [&](const policies::FundingSource& source) {
    std::string text;
    for (const auto& problem : policies::FundingSourceProblems(source, existing)) {
      text += problem.field + ": " + problem.message + "\n";
    }
    return text;
  };
  EXPECT_EQ(problems({"unicef", "УНИЦЕФ", "UNICEF"}), "");
  EXPECT_EQ(problems({"interreg_6a", "Интеррег", "Interreg"}), "");
  for (const std::string& code :
       std::vector<std::string>{"", "Unicef", "1fund", "фонд", "eu-fund", "a b", std::string(33, 'a')}) {
    EXPECT_EQ(problems({code, "Фонд", "Fund"}),
              std::string("code: ") + std::string(policies::rule_message::kBadFundingSourceCode) + "\n")
        << code;
  }
  EXPECT_EQ(problems({"municipal", "Фонд", "Fund"}),
            std::string("code: ") + std::string(policies::rule_message::kFundingSourceCodeTaken) + "\n");
  EXPECT_EQ(problems({"all", "Всички", "All"}),
            std::string("code: ") + std::string(policies::rule_message::kFundingSourceCodeReserved) + "\n");
  EXPECT_EQ(problems({"fund", "", std::string(201, 'x')}),
            "name_bg: " + std::string(policies::rule_message::kWriteFundingSourceName) +
                "\nname_en: " + std::string(policies::rule_message::kTooLongFundingSourceName) + "\n");
  EXPECT_EQ(problems({"fund", std::string(100, 'x') + std::string(100, 'x'), "Fund"}), "") << "200 is allowed";
}

// --- The one rule set: every problem, by field ---

using core::FieldProblem;
using policies::DocumentFacts;
using policies::ItemContext;
using policies::ItemProblems;
using policies::ParentFacts;
namespace rule = policies::rule_message;

std::string Describe(const std::vector<FieldProblem>& problems) {
  std::string text;
  for (const FieldProblem& problem : problems) {
    text += problem.field + ": " + problem.message + " (" + problem.value + ")\n";
  }
  return text;
}

FieldProblem Problem(const std::string& field, std::string_view message, const std::string& value = "") {
  return {field, std::string(message), value};
}

std::string Repeated(std::string_view text, std::size_t times) {
  std::string repeated;
  for (std::size_t i = 0; i < times; ++i) repeated += text;
  return repeated;
}

// Лом's plan: its one settlement, three priority areas and the shipped funding sources.
const DocumentFacts kLom{
    {"44238"}, {1, 2, 3}, {}, {"municipal", "state", "esf_plus", "erdf", "eea_norway", "swiss", "rrp", "other"}};

// A measure of Лом's plan, under an objective of the plan, with the code 1.1 free.
ItemContext InLom() {
  return {
      .document = &kLom, .stored = nullptr, .parent = ParentFacts{true, true, "objective", false}, .code_taken = false};
}

Item AMeasure() {
  Item item;
  item.kind = "measure";
  item.code = "1.1";
  item.title = "Образователни медиатори";
  return item;
}

TEST(ItemProblems, ListsEveryProblemOfAnItemUnderItsFieldNotJustTheFirst) {
  Item item = AMeasure();
  item.title = "";
  item.official_status = "done";
  item.start_date = "01.05.2026";
  item.end_date = "30.04.2026";
  item.deadline = "31.02.2026";
  item.progress = 101;
  item.beneficiaries = -3;
  item.budgets = {{"municipal", 100, -1, 0}, {"municipal", 5, 0, 0}, {"lottery", 1, 0, 0}};
  item.uid = "m 1";
  EXPECT_EQ(
      Describe(ItemProblems(item, InLom())),
      Describe({Problem("title", rule::kWriteTitle), Problem("official_status", rule::kUnknownStatus, "done"),
                Problem("deadline", rule::kNotADate, "31.02.2026"), Problem("end", rule::kEndBeforeStart, "30.04.2026"),
                Problem("beneficiaries", rule::kBeneficiariesNegative, "-3"),
                Problem("progress", rule::kProgressRange, "101"),
                Problem("municipal_secured", rule::kNegativeAmount, "-0.01"),
                Problem("budgets", rule::kRepeatedFundingSource, "municipal"),
                Problem("budgets", rule::kUnknownFundingSource, "lottery"), Problem("uid", rule::kBadUid, "m 1")}));
}

TEST(ItemProblems, CountsTheLimitsInCharactersAsTheFormDoes) {
  Item item = AMeasure();
  item.title = Repeated("ж", 2000);  // 4,000 bytes
  item.title_en = Repeated("w", 2000);
  item.code = Repeated("1", 2000);
  item.description = Repeated("опис ", 4000);
  for (std::string* text : {&item.responsible, &item.partners, &item.target_group, &item.expected_result}) {
    *text = Repeated("я", 20000);
  }
  EXPECT_EQ(Describe(ItemProblems(item, InLom())), "") << "the longest texts a form lets through";
  item.title += "ж";
  item.partners += "я";
  item.description += "!";
  const auto problems = ItemProblems(item, InLom());
  ASSERT_EQ(problems.size(), 3u) << Describe(problems);
  EXPECT_EQ(problems[0].field, "title");
  EXPECT_EQ(problems[0].message, rule::kTooLongTitle);
  EXPECT_TRUE(problems[0].value.ends_with("…")) << "the start of the text, not all of it";
  EXPECT_EQ(problems[1].field, "description");
  EXPECT_EQ(problems[2].field, "partners");
}

TEST(ItemProblems, RefusesTextThatNoDatabaseCanStore) {
  Item item = AMeasure();
  item.responsible = std::string("Община\0Лом", sizeof("Община\0Лом") - 1);
  item.partners = "\xC3\x28";
  EXPECT_EQ(Describe(ItemProblems(item, InLom())),
            Describe({Problem("responsible", rule::kNotUtf8), Problem("partners", rule::kNotUtf8)}));
}

TEST(ItemProblems, TakesAmountsUpToWhatAnAmountFieldHolds) {
  Item item = AMeasure();
  item.budgets = {{"erdf", policies::kMaxAmountCents, 0, 0}};
  EXPECT_EQ(Describe(ItemProblems(item, InLom())), "");
  item.budgets[0].spent_cents = policies::kMaxAmountCents + 1;
  EXPECT_EQ(Describe(ItemProblems(item, InLom())),
            Describe({Problem("erdf_spent", rule::kAmountTooLarge, "10000000000000.00")}));
}

TEST(ItemProblems, PutsAMeasureUnderAnObjectiveAndAnActivityUnderAMeasureOfTheSameDocument) {
  Item measure = AMeasure();
  ItemContext context = InLom();
  EXPECT_EQ(Describe(ItemProblems(measure, context)), "");
  context.parent.reset();
  EXPECT_EQ(Describe(ItemProblems(measure, context)), Describe({Problem("parent", rule::kMeasureWithoutParent)}))
      << "a measure without its objective could not be imported again";
  context.parent = ParentFacts{true, false, "objective", false};
  EXPECT_EQ(Describe(ItemProblems(measure, context)), Describe({Problem("parent", rule::kWrongParent)}))
      << "an objective of another document";
  context.parent = ParentFacts{true, true, "measure", false};
  EXPECT_EQ(Describe(ItemProblems(measure, context)), Describe({Problem("parent", rule::kWrongParent)}));
  context.parent = ParentFacts{};
  EXPECT_EQ(Describe(ItemProblems(measure, context)), Describe({Problem("parent", rule::kWrongParent)}))
      << "a parent that is not there";
  context.parent = ParentFacts{true, true, "objective", true};
  EXPECT_EQ(Describe(ItemProblems(measure, context)), Describe({Problem("parent", rule::kParentWithdrawn)}));

  Item activity = AMeasure();
  activity.kind = "activity";
  context.parent.reset();
  EXPECT_EQ(Describe(ItemProblems(activity, context)), Describe({Problem("parent", rule::kActivityWithoutParent)}));
  context.parent = ParentFacts{true, true, "measure", false};
  EXPECT_EQ(Describe(ItemProblems(activity, context)), "");

  Item objective = AMeasure();
  objective.kind = "objective";
  EXPECT_EQ(Describe(ItemProblems(objective, context)), Describe({Problem("parent", rule::kObjectiveWithParent)}));
  context.parent.reset();
  EXPECT_EQ(Describe(ItemProblems(objective, context)), "");
}

TEST(ItemProblems, AnItemKeepsItsKindAndNothingIsSaidOfItsParentThen) {
  Item stored = AMeasure();
  Item changed = stored;
  changed.kind = "objective";
  ItemContext context = InLom();
  context.stored = &stored;
  EXPECT_EQ(Describe(ItemProblems(changed, context)), Describe({Problem("kind", rule::kKindChanged, "objective")}));
}

TEST(ItemProblems, ChecksTheCodeTheSettlementAndTheAreasAgainstTheDocument) {
  Item item = AMeasure();
  item.settlement_ekatte = "04279";
  item.area_ids = {1, 9};
  ItemContext context = InLom();
  context.code_taken = true;
  EXPECT_EQ(Describe(ItemProblems(item, context)),
            Describe({Problem("settlement", rule::kSettlementElsewhere, "04279"),
                      Problem("code", rule::kRepeatedCode, "1.1"), Problem("areas", rule::kUnknownArea, "9")}));
  EXPECT_EQ(Describe(ItemProblems(item, {})), "") << "on its own, as a line of a file is read, none of this is known";
}

TEST(CheckItem, HoldsEveryProblemInItsErrorWithTheFirstAsTheMessage) {
  Item item = AnActivity();
  item.title = " ";
  item.progress = -1;
  const auto checked = CheckItem(item);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().message, rule::kWriteTitle);
  EXPECT_EQ(Describe(checked.error().problems),
            Describe({Problem("title", rule::kWriteTitle), Problem("progress", rule::kProgressRange, "-1")}));
}

// --- The rules of a document ---

TEST(DocumentProblems, ListsEveryProblemOfADocumentUnderItsField) {
  policies::Document document;
  document.level = policies::Level::kMunicipal;
  document.title = Repeated("ж", 2000);
  document.period_start = 2027;
  document.period_end = 2030;
  document.municipality_code = "MON24";
  const policies::DocumentContext lom{false, "MON", std::nullopt, {1}};
  EXPECT_EQ(Describe(policies::DocumentProblems(document, lom)), "") << "2,000 Cyrillic letters fit, as the form says";

  document.title = " ";
  document = policies::NormaliseDocument(document);
  document.kind = "law";
  document.period_end = 2020;
  document.decision_date = "31.02.2026";
  document.source_url = "ftp://example.org";
  document.implements_document_id = 7;
  document.area_ids = {1, 2};
  policies::DocumentContext context{false, std::nullopt, policies::Level::kProject, {1}};
  EXPECT_EQ(
      Describe(policies::DocumentProblems(document, context)),
      Describe({Problem("title", rule::kWriteTitle), Problem("kind", policies::document_message::kChooseKind, "law"),
                Problem("period", policies::document_message::kPeriod, "2027–2020"),
                Problem("decision_date", rule::kNotADate, "31.02.2026"),
                Problem("source_url", policies::document_message::kSourceUrl, "ftp://example.org"),
                Problem("municipality", policies::document_message::kChooseMunicipality, "MON24"),
                Problem("implements_document", policies::document_message::kImplementsLevel, "7"),
                Problem("areas", rule::kUnknownArea, "2")}));
}

// A plan as the roll-up reads it, written line by line: each item with its parent, its reported progress and its
// planned budget in cents (from one funding source unless told).
class Plan {
 public:
  std::size_t Add(std::optional<std::size_t> parent, std::optional<int> progress, std::int64_t planned_cents = 0,
                  const std::string& source = "municipal") {
    nodes_.push_back({parent, progress, nullptr});
    budgets_.emplace_back();
    if (planned_cents > 0) budgets_.back().push_back({source, planned_cents, 0, 0});
    return nodes_.size() - 1;
  }
  void AddBudget(std::size_t item, policies::Budget budget) { budgets_[item].push_back(std::move(budget)); }
  PlanRollUp RollUp(ProgressRule rule) {
    for (std::size_t i = 0; i < nodes_.size(); ++i) nodes_[i].budgets = &budgets_[i];
    return policies::RollUpPlan(nodes_, rule);
  }

 private:
  std::vector<PlanNode> nodes_;
  std::vector<std::vector<policies::Budget>> budgets_;
};

using Units = std::vector<std::size_t>;
constexpr auto kBudget = ProgressRule::kBudget;
constexpr auto kEqual = ProgressRule::kEqual;

// The case issue 22 found in a real plan: a measure with three activities, one of which does not report. Its money
// must not be credited at its siblings' rate.
TEST(RollUpPlan, UnderTheBudgetRuleWhatDidNotReportWeighsNothingAtAnyLevel) {
  Plan plan;
  const auto objective = plan.Add(std::nullopt, std::nullopt);
  const auto mediators = plan.Add(objective, std::nullopt);
  const auto hiring = plan.Add(mediators, 60, 1'000'000);            // 10,000.00
  const auto training = plan.Add(mediators, 20, 3'000'000);          // 30,000.00
  const auto summer = plan.Add(mediators, std::nullopt, 6'000'000);  // 60,000.00, not reported
  const auto grants = plan.Add(objective, std::nullopt);
  const auto scholarships = plan.Add(grants, 80, 5'000'000);  // 50,000.00

  const auto rolled = plan.RollUp(kBudget);
  // The measure: (60 × 10,000 + 20 × 30,000) / (10,000 + 30,000) = 30.
  EXPECT_DOUBLE_EQ(*rolled.items[mediators].progress, 30.0);
  // The objective: (60 × 10,000 + 20 × 30,000 + 80 × 50,000) / 90,000 = 57.78. Weighing the measure with its whole
  // 100,000 (as parent-by-parent roll-up did) gave (30 × 100,000 + 80 × 50,000) / 150,000 = 46.67.
  EXPECT_DOUBLE_EQ(*rolled.items[objective].progress, 5'200'000.0 / 90'000.0);
  EXPECT_EQ(rolled.items[objective].counted, (Units{hiring, training, scholarships}));
  EXPECT_EQ(rolled.items[objective].not_reported, (Units{summer}));
  EXPECT_EQ(rolled.items[objective].counted_planned_cents, 9'000'000);
  EXPECT_EQ(rolled.items[objective].money.all.planned_cents, 15'000'000) << "the money counts in the totals";
  EXPECT_FALSE(rolled.items[objective].own);
  EXPECT_DOUBLE_EQ(*rolled.plan.progress, 5'200'000.0 / 90'000.0);

  // Under the equal rule: the measure is the mean of 60 and 20, the objective the mean of its measures' 40 and 80.
  const auto equal = plan.RollUp(kEqual);
  EXPECT_DOUBLE_EQ(*equal.items[mediators].progress, 40.0);
  EXPECT_DOUBLE_EQ(*equal.items[objective].progress, 60.0);
  EXPECT_EQ(equal.items[objective].not_reported, (Units{summer})) << "listed whatever the rule";
}

TEST(RollUpPlan, AnActivityWithoutAPlannedBudgetWeighsNothingEvenAtOneHundredPercent) {
  Plan plan;
  const auto measure = plan.Add(std::nullopt, std::nullopt);
  const auto paid = plan.Add(measure, 50, 10'000);
  const auto volunteers = plan.Add(measure, 100);  // no budget

  const auto budget = plan.RollUp(kBudget);
  EXPECT_DOUBLE_EQ(*budget.items[measure].progress, 50.0);
  EXPECT_EQ(budget.items[measure].counted, (Units{paid, volunteers})) << "it reported, and is listed as counted";
  EXPECT_DOUBLE_EQ(*plan.RollUp(kEqual).items[measure].progress, 75.0) << "each activity counts equally";
}

TEST(RollUpPlan, UnderTheBudgetRuleThereIsNoFigureWhenNothingThatReportedHasABudgetAndNoOtherRuleStandsIn) {
  Plan plan;
  const auto objective = plan.Add(std::nullopt, std::nullopt);
  const auto unfunded = plan.Add(objective, std::nullopt);
  plan.Add(unfunded, 40);
  plan.Add(unfunded, 60);
  const auto funded = plan.Add(objective, std::nullopt);
  plan.Add(funded, 20, 100'000);

  const auto budget = plan.RollUp(kBudget);
  EXPECT_EQ(budget.items[unfunded].progress, std::nullopt) << "not the mean of 40 and 60";
  EXPECT_EQ(budget.items[unfunded].no_progress, policies::NoProgress::kNoPlannedBudget);
  EXPECT_EQ(budget.items[unfunded].counted.size(), 2u);
  EXPECT_DOUBLE_EQ(*budget.items[objective].progress, 20.0) << "the unfunded activities weigh nothing above either";
  EXPECT_DOUBLE_EQ(*plan.RollUp(kEqual).items[unfunded].progress, 50.0);
}

TEST(RollUpPlan, AMeasureWhoseActivitiesAllDidNotReportIsLeftOutOfItsObjective) {
  Plan plan;
  const auto objective = plan.Add(std::nullopt, std::nullopt);
  const auto reporting = plan.Add(objective, std::nullopt);
  const auto hiring = plan.Add(reporting, 50, 100'000);
  const auto silent = plan.Add(objective, std::nullopt);
  const auto first = plan.Add(silent, std::nullopt, 900'000);
  const auto second = plan.Add(silent, std::nullopt);

  for (const ProgressRule rule : {kEqual, kBudget}) {
    const auto rolled = plan.RollUp(rule);
    EXPECT_EQ(rolled.items[silent].progress, std::nullopt);
    EXPECT_EQ(rolled.items[silent].no_progress, policies::NoProgress::kNothingReported);
    EXPECT_EQ(rolled.items[silent].not_reported, (Units{first, second}));
    EXPECT_DOUBLE_EQ(*rolled.items[objective].progress, 50.0) << "not (50 + 0) / 2: nothing reported is no 0";
    EXPECT_EQ(rolled.items[objective].counted, (Units{hiring}));
    EXPECT_EQ(rolled.items[objective].not_reported, (Units{first, second}));
  }
}

TEST(RollUpPlan, AMeasureThatReportsItsOwnProgressIsOneUnitWithTheBudgetOfEverythingUnderIt) {
  Plan plan;
  const auto objective = plan.Add(std::nullopt, std::nullopt);
  const auto housing = plan.Add(objective, 40, 20'000);  // reports 40 itself; its own line of 200.00
  const auto survey = plan.Add(housing, 100, 5'000);     // 50.00, reported, but the measure's figure stands
  const auto silent = plan.Add(housing, std::nullopt);   // not reported, and not looked at either
  const auto roads = plan.Add(objective, std::nullopt);
  const auto paving = plan.Add(roads, 70, 75'000);  // 750.00

  const auto budget = plan.RollUp(kBudget);
  EXPECT_TRUE(budget.items[housing].own);
  EXPECT_DOUBLE_EQ(*budget.items[housing].progress, 40.0);
  EXPECT_EQ(budget.items[housing].counted, (Units{housing}));
  EXPECT_TRUE(budget.items[housing].not_reported.empty()) << "what is under it is not looked at";
  EXPECT_EQ(budget.items[housing].counted_planned_cents, 25'000) << "its own 200.00 and the 50.00 under it";
  EXPECT_EQ(budget.items[survey].reported_above, housing);
  EXPECT_EQ(budget.items[silent].reported_above, housing);
  EXPECT_EQ(budget.items[paving].reported_above, std::nullopt);
  EXPECT_DOUBLE_EQ(*budget.items[survey].progress, 100.0) << "its own report is still shown on it";
  // (40 × 250 + 70 × 750) / 1,000 = 62.5
  EXPECT_DOUBLE_EQ(*budget.items[objective].progress, 62.5);
  EXPECT_EQ(budget.items[objective].counted, (Units{housing, paving}));
  EXPECT_TRUE(budget.items[objective].not_reported.empty());
  EXPECT_DOUBLE_EQ(*plan.RollUp(kEqual).items[objective].progress, 55.0);
}

TEST(RollUpPlan, TheWholePlanCountsEveryReportingUnitUnderTheBudgetRuleAndEachObjectiveEquallyUnderTheOther) {
  Plan plan;
  const auto education = plan.Add(std::nullopt, std::nullopt);
  const auto mediators = plan.Add(education, std::nullopt);
  plan.Add(mediators, 60, 1'000'000);
  plan.Add(mediators, 20, 3'000'000);
  const auto summer = plan.Add(mediators, std::nullopt, 6'000'000);
  const auto grants = plan.Add(education, std::nullopt);
  plan.Add(grants, 80, 5'000'000);
  const auto housing = plan.Add(std::nullopt, std::nullopt);
  const auto legalising = plan.Add(housing, 40, 2'000'000);
  plan.Add(legalising, 100, 500'000);
  const auto health = plan.Add(std::nullopt, std::nullopt);  // an objective with nothing under it yet

  // (60 × 10,000 + 20 × 30,000 + 80 × 50,000 + 40 × 25,000) / 115,000 = 53.91
  const auto budget = plan.RollUp(kBudget);
  EXPECT_DOUBLE_EQ(*budget.plan.progress, 6'200'000.0 / 115'000.0);
  EXPECT_EQ(budget.plan.counted.size(), 4u);
  EXPECT_EQ(budget.plan.not_reported, (Units{summer, health}));
  EXPECT_EQ(budget.plan.counted_planned_cents, 11'500'000);
  EXPECT_EQ(budget.plan.money.all.planned_cents, 17'500'000);
  EXPECT_FALSE(budget.plan.own);
  // Education: the mean of 40 (its mediators) and 80; housing: 40; health has no figure and is left out.
  EXPECT_DOUBLE_EQ(*plan.RollUp(kEqual).plan.progress, 50.0);
}

TEST(RollUpPlan, APlanWhereNothingReportedHasNoFigure) {
  Plan plan;
  const auto objective = plan.Add(std::nullopt, std::nullopt);
  plan.Add(objective, std::nullopt, 100);
  for (const ProgressRule rule : {kEqual, kBudget}) {
    const auto rolled = plan.RollUp(rule);
    EXPECT_EQ(rolled.plan.progress, std::nullopt);
    EXPECT_EQ(rolled.plan.no_progress, policies::NoProgress::kNothingReported);
    EXPECT_EQ(rolled.plan.not_reported.size(), 1u);
  }
  const auto empty = Plan().RollUp(kBudget);
  EXPECT_EQ(empty.plan.progress, std::nullopt);
  EXPECT_TRUE(empty.plan.counted.empty() && empty.plan.not_reported.empty());
}

TEST(RollUpPlan, ReportedZeroCountsAsZero) {
  Plan plan;
  const auto measure = plan.Add(std::nullopt, std::nullopt);
  plan.Add(measure, 0, 300);
  plan.Add(measure, 100, 100);
  EXPECT_DOUBLE_EQ(*plan.RollUp(kBudget).items[measure].progress, 25.0);
  EXPECT_DOUBLE_EQ(*plan.RollUp(kEqual).items[measure].progress, 50.0);
}

TEST(RollUpPlan, AddsUpMoneyPerFundingSourceAsStoredAndInAll) {
  Plan plan;
  const auto objective = plan.Add(std::nullopt, std::nullopt);
  plan.AddBudget(objective, {"municipal", 100, 50, 10});
  const auto measure = plan.Add(objective, std::nullopt);
  const auto activity = plan.Add(measure, 10);
  plan.AddBudget(activity, {"municipal", 1'000, 500, 100});
  plan.AddBudget(activity, {"regional_fund", 2'000, 0, 0});  // a source the shipped list does not name
  const auto other = plan.Add(std::nullopt, std::nullopt);
  plan.AddBudget(other, {"esf_plus", 7, 7, 7});

  const auto rolled = plan.RollUp(kEqual);
  const policies::MoneyTotals& education = rolled.items[objective].money;
  EXPECT_EQ(education.by_source.size(), 2u);
  EXPECT_EQ(education.by_source.at("municipal"), (policies::Amounts{1'100, 550, 110}));
  EXPECT_EQ(education.by_source.at("regional_fund"), (policies::Amounts{2'000, 0, 0}));
  EXPECT_EQ(education.all, (policies::Amounts{3'100, 550, 110}));
  EXPECT_EQ(rolled.items[measure].money.all, (policies::Amounts{3'000, 500, 100})) << "not the objective's own line";
  EXPECT_EQ(rolled.plan.money.by_source.size(), 3u);
  EXPECT_EQ(rolled.plan.money.all, (policies::Amounts{3'107, 557, 117}));
}

TEST(RollUpPlan, SumsStopAtTheLargestAmountInsteadOfOverflowing) {
  constexpr std::int64_t kLargest = std::numeric_limits<std::int64_t>::max();
  policies::Amounts amounts{kLargest - 1, 1, 0};
  amounts.Add({5, 2, 3});
  EXPECT_EQ(amounts, (policies::Amounts{kLargest, 3, 3}));
}

TEST(RollUpPlan, ReadsAParentThatDoesNotComeBeforeItsItemAsNone) {
  const std::vector<PlanNode> nodes = {{1, 50, nullptr}, {std::nullopt, 10, nullptr}};
  const auto rolled = policies::RollUpPlan(nodes, kEqual);
  EXPECT_EQ(rolled.plan.counted, (Units{0, 1}));
  EXPECT_DOUBLE_EQ(*rolled.plan.progress, 30.0);
}

TEST(ProgressRule, IsReadFromItsNameAndSaysWhatItMeans) {
  EXPECT_EQ(policies::ProgressRuleOf("budget"), kBudget);
  EXPECT_EQ(policies::ProgressRuleOf("equal"), kEqual);
  EXPECT_NE(policies::ProgressRuleMeaning(kBudget), policies::ProgressRuleMeaning(kEqual));
  EXPECT_EQ(policies::NoProgressName(policies::NoProgress::kNoPlannedBudget), "no_planned_budget");
  EXPECT_EQ(policies::NoProgressTitle(policies::NoProgress::kNothingReported), "not reported");
}

TEST(WouldCloseCycle, FindsADirectCycle) {
  const std::multimap<std::int64_t, std::int64_t> links = {{1, 2}};  // 1 implements 2
  EXPECT_TRUE(policies::WouldCloseCycle(links, 2, 1));
  EXPECT_TRUE(policies::WouldCloseCycle(links, 3, 3)) << "an item cannot implement itself";
}

TEST(WouldCloseCycle, FindsACycleThroughSeveralLinks) {
  const std::multimap<std::int64_t, std::int64_t> links = {{1, 2}, {2, 3}, {3, 4}};
  EXPECT_TRUE(policies::WouldCloseCycle(links, 4, 1));
  EXPECT_TRUE(policies::WouldCloseCycle(links, 3, 1));
}

TEST(WouldCloseCycle, AllowsLinksThatCloseNoCycle) {
  const std::multimap<std::int64_t, std::int64_t> links = {{1, 3}, {2, 3}, {3, 4}};
  EXPECT_FALSE(policies::WouldCloseCycle(links, 1, 2)) << "two items implementing the same one";
  EXPECT_FALSE(policies::WouldCloseCycle(links, 1, 4)) << "a shortcut up the cascade";
  EXPECT_FALSE(policies::WouldCloseCycle(links, 5, 1));
  EXPECT_FALSE(policies::WouldCloseCycle({}, 1, 2));
}

}  // namespace

namespace settlement_names {

const std::vector<policies::SettlementName> kLom = {{"44238", "city", "Лом", "Lom"},
                                                    {"54047", "village", "Орсоя", "Orsoya"},
                                                    {"10001", "village", "Сливата", "Slivata"},
                                                    {"10002", "city", "Сливата", "Slivata"}};

std::string Found(std::string_view written) {
  std::string codes;
  for (const auto* each : policies::SettlementsNamed(written, kLom)) codes += (codes.empty() ? "" : " ") + each->ekatte;
  return codes;
}

TEST(SettlementsNamed, FindsASettlementByCodeOrByNameAsOfficialsWriteIt) {
  EXPECT_EQ(Found("44238"), "44238");
  EXPECT_EQ(Found("гр. Лом"), "44238");
  EXPECT_EQ(Found("Лом"), "44238");
  EXPECT_EQ(Found("ЛОМ"), "44238");
  EXPECT_EQ(Found("с. Орсоя"), "54047");
  EXPECT_EQ(Found("s. Orsoya"), "54047");
  EXPECT_EQ(Found("село Орсоя"), "54047");
  EXPECT_EQ(Found("гр. Орсоя"), "") << "Орсоя is a village, not a town";
  EXPECT_EQ(Found("Видин"), "");
}

TEST(SettlementsNamed, AnAmbiguousNameGivesEveryCandidateAndTheKindTellsThemApart) {
  EXPECT_EQ(Found("Сливата"), "10001 10002");
  EXPECT_EQ(Found("с. Сливата"), "10001");
  EXPECT_EQ(Found("гр. Сливата"), "10002");
}

TEST(ItemProblems, AnAmbiguousSettlementIsRefusedWithItsCandidates) {
  policies::DocumentFacts facts;
  for (const auto& each : kLom) {
    facts.settlements.insert(each.ekatte);
    facts.settlement_names.push_back(each);
  }
  Item item = AnActivity();
  item.kind = "objective";  // an objective needs no parent: the settlement is the only problem
  item.settlement_ekatte = "гр. Лом";
  policies::ResolveSettlement(item, facts);
  EXPECT_EQ(item.settlement_ekatte, "44238");
  item.settlement_ekatte = "Сливата";
  policies::ResolveSettlement(item, facts);
  const auto problems = policies::ItemProblems(
      item, {.document = &facts, .stored = nullptr, .parent = std::nullopt, .code_taken = false});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, policies::rule_message::kSettlementAmbiguous);
  EXPECT_EQ(problems[0].value, "Сливата (10001); Сливата (10002)");
}

}  // namespace settlement_names

TEST(BudgetWarnings, SpendingAbovePlanIsFlaggedAndTenTimesAboveIsRefusedAsATypingMistake) {
  Item item = AnActivity();
  item.budgets = {{"municipal", 100000, 80000, 90000}};  // planned 1,000.00, secured 800.00, spent 900.00
  ASSERT_EQ(policies::BudgetWarnings(item).size(), 1u);
  EXPECT_EQ(policies::BudgetWarnings(item)[0].message, policies::rule_message::kSpentAboveSecured);
  EXPECT_EQ(policies::BudgetWarnings(item)[0].field, "municipal_spent");
  item.budgets[0].spent_cents = 120000;
  EXPECT_EQ(policies::BudgetWarnings(item)[0].message, policies::rule_message::kSpentAbovePlanned);
  EXPECT_EQ(RefusalOf(item), "(accepted)") << "overspending happens: flagged, not refused";

  item.budgets[0].spent_cents = 100000000;  // 1,000,000.00: a thousand times the plan, a decimal mark lost
  EXPECT_EQ(RefusalOf(item), policies::rule_message::kSpentFarBeyondPlan);
  item.budgets[0].spent_cents = 1000000;  // exactly ten times: allowed, flagged
  EXPECT_EQ(RefusalOf(item), "(accepted)");
  item.budgets = {{"municipal", 0, 0, 5000}};  // spent without a plan: flagged, nothing to compare a mistake to
  EXPECT_EQ(RefusalOf(item), "(accepted)");
  EXPECT_EQ(policies::BudgetWarnings(item).size(), 1u);
}
