#include "modules/indicators/indicators_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "db/migrator.hpp"
#include "formats/table.hpp"
#include "modules/indicators/value_checks.hpp"
#include "support/policies_fixture.hpp"
#include "support/saves_at_once.hpp"

namespace {

using accounts::Role;
using accounts::ScopeKind;
using indicators::Entry;
using indicators::Observation;

// The indicators service on the policies' fixture (sample places, Лом, the policy reference data) with the shipped
// indicator library, a clock at 5 December 2026, an official of Лом, a CSO editor and a coordinator of Montana.
class IndicatorsServiceTest : public test_support::PoliciesFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PoliciesFixture::SetUp());
    db::Migrate(*database_, {{"places", "src/modules/places/migrations"},
                             {"accounts", "src/modules/accounts/migrations"},
                             {"policies", "src/modules/policies/migrations"},
                             {"indicators", "src/modules/indicators/migrations"}});
    const auto loaded = indicators_.LoadReferenceData("data/indicators", {});
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    official_ = UserWith("official@lom.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "MON24"}});
    coordinator_ = UserWith("coordinator@montana.bg", {Role::kCoordinator, {ScopeKind::kOblast, "MON"}});
    monitor_ = UserWith("monitor@example.org", {Role::kCommunityMonitor, {ScopeKind::kMunicipality, "MON24"}});
    stranger_ = UserWith("official@blagoevgrad.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BLG03"}});
  }

  static Entry Value(const std::string& indicator, const std::string& value, const std::string& period = "2026",
                     const std::string& source_kind = "official") {
    Entry entry;
    entry.indicator = indicator;
    entry.place = "MON24";
    entry.period = period;
    entry.source_kind = source_kind;
    entry.value = value;
    return entry;
  }

  // The problems of a refused entry, as field → message.
  static std::map<std::string, std::string> ProblemsOf(const core::Result<Observation>& result) {
    std::map<std::string, std::string> problems;
    if (result.ok()) return problems;
    for (const core::FieldProblem& problem : result.error().problems) problems.emplace(problem.field, problem.message);
    return problems;
  }

  static std::string Said(const core::Error& error) {
    return core::FillArguments(error.message, error.arguments,
                               [](const core::MessageArgument& argument) { return argument.value; });
  }

  core::FixedClock fixed_clock_{1'796'472'000};  // 2026-12-05 12:00 UTC
  indicators::IndicatorsStore indicator_store_{*database_};
  indicators::IndicatorsService indicators_{indicator_store_, places_, service_, audit_, fixed_clock_, 5};
  policies::Actor official_, coordinator_, monitor_, stranger_;
};

TEST_F(IndicatorsServiceTest, TheLibraryComesWithTheFraFiguresAndTheEu2030TargetsComputedFromTheirRules) {
  const auto indicator = indicators_.Find("early_childhood_education");
  ASSERT_TRUE(indicator.ok());
  const auto targets = indicators_.Targets(*indicator);
  ASSERT_EQ(targets.size(), 1u);
  // Halve the gap to the general population (95%) from the 2016 baseline of 42%.
  EXPECT_EQ(targets[0].target.rule.rule, "gap");
  ASSERT_TRUE(targets[0].baseline.has_value());
  EXPECT_DOUBLE_EQ(*targets[0].baseline, 42);
  ASSERT_TRUE(targets[0].value.value.has_value());
  EXPECT_DOUBLE_EQ(*targets[0].value.value, 68.5);
  const auto values = indicators_.Current({{indicator->id}, {"EU"}, {}, "", true});
  ASSERT_FALSE(values.empty());
  EXPECT_EQ(values.front().source_kind, "survey");
  EXPECT_FALSE(values.front().evidence_url.empty()) << "a survey figure links to its source";
}

TEST_F(IndicatorsServiceTest, NotANumberAShareAbove100AndAWrongPeriodAreRefusedTogetherWithTheirReasons) {
  Entry entry = Value("in_paid_work", "140", "2026Q5");
  EXPECT_EQ(ProblemsOf(indicators_.Enter(official_, entry)),
            (std::map<std::string, std::string>{{"period", std::string(indicators::kPeriodProblem)},
                                                {"value", "A share is between 0 and 100."}}));
  const auto na = indicators_.Enter(official_, Value("in_paid_work", "N/A", "2026-13"));
  EXPECT_EQ(ProblemsOf(na).at("value"), std::string(indicators::kValueNotANumber))
      << "the message points to the note field";
  EXPECT_EQ(ProblemsOf(indicators_.Enter(official_, Value("health_mediator_posts", "-1"))).at("value"),
            "A count cannot be below 0.");
  EXPECT_EQ(CountRows("observations"), 24) << "only the shipped survey figures";
}

TEST_F(IndicatorsServiceTest, UnknownIndicatorPlaceOrBreakdownAndABreakdownTheIndicatorDoesNotAllowAreRefused) {
  Entry entry = Value("no_such_indicator", "3");
  entry.place = "XYZ99";
  entry.breakdown = "roma";
  const auto problems = ProblemsOf(indicators_.Enter(official_, entry));
  EXPECT_TRUE(problems.contains("indicator"));
  EXPECT_TRUE(problems.contains("place"));
  EXPECT_EQ(problems.at("breakdown"), "No breakdown has this code.");
  Entry by_sex = Value("health_mediator_posts", "3");
  by_sex.breakdown = "female";
  EXPECT_EQ(ProblemsOf(indicators_.Enter(official_, by_sex)).at("breakdown"),
            "This indicator's values are not broken down this way.");
  EXPECT_TRUE(ProblemsOf(indicators_.Enter(official_, Value("plan_budget_executed", "50"))).contains("indicator"))
      << "a computed indicator is never typed";
}

TEST_F(IndicatorsServiceTest, OfficialAndCivicValuesOfOneCellStandSideBySideAndACorrectionKeepsTheOldVersion) {
  const auto official = indicators_.Enter(official_, Value("health_mediator_posts", "4"));
  ASSERT_TRUE(official.ok()) << official.error().message;
  EXPECT_EQ(official->status, "submitted");
  const auto civic = indicators_.Enter(monitor_, Value("health_mediator_posts", "2", "2026", "civic"));
  ASSERT_TRUE(civic.ok()) << civic.error().message;
  EXPECT_EQ(civic->status, "recorded");
  const auto corrected = indicators_.Enter(official_, Value("health_mediator_posts", "5"));
  ASSERT_TRUE(corrected.ok());
  EXPECT_EQ(corrected->version, 2);

  const auto indicator = indicators_.Find("health_mediator_posts");
  const auto current = indicators_.Current({{indicator->id}, {"MON24"}, {"2026"}, "", true});
  ASSERT_EQ(current.size(), 2u) << "one current value per source";
  std::vector<double> values;
  for (const Observation& each : current) values.push_back(each.value);
  std::ranges::sort(values);
  EXPECT_EQ(values, (std::vector<double>{2, 5}));
  const auto history = indicators_.History(*corrected);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_DOUBLE_EQ(history[1].value, 4);
  EXPECT_FALSE(history[1].current);
}

TEST_F(IndicatorsServiceTest, AValueStoredFromAFormOpenedBeforeSomeoneElseEnteredOneIsRefusedAndTheirsStays) {
  const auto first = indicators_.Enter(official_, Value("health_mediator_posts", "4"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  // The official and the oblast's coordinator open the grid (or the form) with 4, version 1, in the cell.
  Entry coordinators = Value("health_mediator_posts", "5");
  coordinators.based_on = first->version;
  const auto saved = indicators_.Enter(coordinator_, coordinators);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->version, 2);

  Entry officials = Value("health_mediator_posts", "6");
  officials.based_on = first->version;
  const auto stale = indicators_.Enter(official_, officials);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, core::ErrorKind::kConflict);
  const auto stored = indicators_.CurrentFor(official_, officials);
  ASSERT_TRUE(stored.has_value());
  EXPECT_DOUBLE_EQ(stored->value, 5) << "the coordinator's value is not undone";
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(indicators_.History(*stored).size(), 2u) << "and no version was added";

  officials.based_on = 0;  // a form that showed no value, where one is stored
  EXPECT_EQ(indicators_.Enter(official_, officials).error().kind, core::ErrorKind::kConflict);
  officials.based_on = stored->version;  // having seen it, the official stores theirs over it
  const auto merged = indicators_.Enter(official_, officials);
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_EQ(merged->version, 3);
  EXPECT_TRUE(indicators_.Enter(official_, Value("health_mediator_posts", "7")).ok())
      << "a value given without a version it was based on (a file, another module) is entered as before";
}

TEST_F(IndicatorsServiceTest, ValuesStoredAtTheSameMomentFromOneVersionLeaveExactlyOneNewVersion) {
  const auto first = indicators_.Enter(official_, Value("education_mediator_posts", "6"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  const auto saves = test_support::SaveAtOnce(6, [&](int i) {
    Entry entry = Value("education_mediator_posts", std::to_string(10 + i));
    entry.based_on = first->version;
    return indicators_.Enter(i % 2 == 0 ? official_ : coordinator_, entry);
  });
  EXPECT_EQ(saves.accepted, 1);
  EXPECT_EQ(saves.conflicts, 5);
  EXPECT_EQ(indicators_.History(*first).size(), 2u) << "one new version, as one value got through";
}

TEST_F(IndicatorsServiceTest, NoRoleForThePlaceIsRefusedNamingThePlace) {
  const auto refused = indicators_.Enter(stranger_, Value("health_mediator_posts", "4"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kForbidden);
  EXPECT_NE(Said(refused.error()).find("Лом"), std::string::npos) << Said(refused.error());
}

TEST_F(IndicatorsServiceTest, AnApprovedValueAndAClosedPeriodRefuseChangesNamingWhoAndWhen) {
  const auto entered = indicators_.Enter(official_, Value("education_mediator_posts", "6"));
  ASSERT_TRUE(entered.ok());
  EXPECT_FALSE(indicators_.Approve(official_, entered->id).ok()) << "an official does not approve their own values";
  const auto approved = indicators_.Approve(coordinator_, entered->id);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->status, "approved");

  const auto after_approval = indicators_.Enter(official_, Value("education_mediator_posts", "7"));
  ASSERT_FALSE(after_approval.ok());
  EXPECT_EQ(after_approval.error().kind, core::ErrorKind::kConflict);
  EXPECT_EQ(Said(after_approval.error()),
            "The value for 2026 was approved by coordinator on 2026-12-05. A coordinator of Лом may reopen it, and "
            "then it can be changed.");

  ASSERT_TRUE(indicators_.ClosePeriod(coordinator_, "MON", "2026").ok()) << "the oblast's closure covers Лом";
  const auto closed = indicators_.Enter(official_, Value("health_mediator_posts", "3", "2026Q2"));
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(Said(closed.error()),
            "The period 2026 is closed for Монтана: coordinator closed it on 2026-12-05. A coordinator of Монтана may "
            "reopen it.");
  EXPECT_TRUE(indicators_.Enter(official_, Value("health_mediator_posts", "3", "2027")).ok())
      << "the next year is open";
  ASSERT_TRUE(indicators_.ReopenPeriod(coordinator_, "MON", "2026").ok());
  EXPECT_TRUE(indicators_.Enter(official_, Value("health_mediator_posts", "3", "2026Q2")).ok());
}

TEST_F(IndicatorsServiceTest, AValueFarFromThePlacesOwnSeriesIsStoredButFlaggedForReview) {
  for (const auto& [year, value] : std::vector<std::pair<std::string, std::string>>{
           {"2020", "4"}, {"2021", "5"}, {"2022", "4"}, {"2023", "5"}, {"2024", "4"}}) {
    const auto entered = indicators_.Enter(official_, Value("health_mediator_posts", value, year));
    ASSERT_TRUE(entered.ok());
    EXPECT_TRUE(entered->review_reason.empty()) << year;
  }
  const auto far = indicators_.Enter(official_, Value("health_mediator_posts", "40", "2025"));
  ASSERT_TRUE(far.ok());
  EXPECT_TRUE(far->review_reason.starts_with("outlier;")) << far->review_reason;
  EXPECT_EQ(far->status, "submitted");
}

TEST_F(IndicatorsServiceTest, SmallCountsOfPeopleAndSharesOfFewPeopleAreSuppressedForThoseWithoutARole) {
  indicators::Indicator people;
  people.code = "pupils_with_mediator";
  people.name_bg = "Ученици с медиатор";
  people.name_en = "Pupils with a mediator";
  people.unit = "people";
  people.kind = "output";
  ASSERT_TRUE(indicators_.Create(admin_, people).ok());
  const auto few = indicators_.Enter(official_, Value("pupils_with_mediator", "3"));
  ASSERT_TRUE(few.ok());
  const auto indicator = indicators_.Find("pupils_with_mediator");
  EXPECT_TRUE(indicators_.Suppressed(core::Actor{}, *indicator, *few)) << "a visitor does not see 3 people";
  EXPECT_FALSE(indicators_.Suppressed(official_, *indicator, *few)) << "the official who reports it does";
  Entry share = Value("in_paid_work", "50");
  share.base = "4";
  const auto small_share = indicators_.Enter(official_, share);
  ASSERT_TRUE(small_share.ok());
  EXPECT_TRUE(indicators_.Suppressed(core::Actor{}, *indicators_.Find("in_paid_work"), *small_share));
  const auto exported = indicators_.ExportDataValues(core::Actor{}, {{indicator->id}, {}, {}, "", true});
  EXPECT_TRUE(exported.empty()) << "exports leave suppressed values out";
}

TEST_F(IndicatorsServiceTest, AnImportWithAnyBadRowStoresNothingAndNamesEachRowsLineCodeAndColumn) {
  const std::string csv =
      "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
      "health_mediator_posts,2026,MON24,,,4\n"
      "in_paid_work,2026,MON24,,,140\n"
      "health_mediator_posts,2026Q5,MON24,,,3\n"
      "no_such_indicator,2026,MON24,,,1\n"
      "in_paid_work,2026,MON24,roma,,50\n"
      "health_mediator_posts,2026,MON24,,,5\n";
  const auto table = formats::ReadTable(csv);
  ASSERT_TRUE(table.ok());
  const auto report = indicators_.ImportDataValues(official_, *table, false);
  EXPECT_EQ(report.stored, 0u);
  std::vector<std::tuple<std::size_t, std::string, std::string>> where;
  for (const auto& problem : report.problems) where.emplace_back(problem.line, problem.column, problem.code);
  EXPECT_EQ(where, (std::vector<std::tuple<std::size_t, std::string, std::string>>{
                       {3, "value", "in_paid_work 2026 MON24"},
                       {4, "period", "health_mediator_posts 2026Q5 MON24"},
                       {5, "dataelement", "no_such_indicator 2026 MON24"},
                       {6, "categoryoptioncombo", "in_paid_work 2026 MON24"},
                       {7, "dataelement", "health_mediator_posts 2026 MON24"}}));
  EXPECT_EQ(CountRows("observations"), 24);
}

TEST_F(IndicatorsServiceTest, AnImportIntoAClosedPeriodStoresNothingAndAGoodFileStoresEveryRow) {
  const auto good = formats::ReadTable(
      "dataelement,period,orgunit,value,comment\n"
      "health_mediator_posts,2025,MON24,4,по щат\n"
      "education_mediator_posts,2025,MON24,6,\n");
  ASSERT_TRUE(good.ok());
  const auto dry = indicators_.ImportDataValues(official_, *good, true);
  EXPECT_TRUE(dry.problems.empty());
  EXPECT_EQ(CountRows("observations"), 24) << "a dry run stores nothing";
  const auto stored = indicators_.ImportDataValues(official_, *good, false);
  EXPECT_EQ(stored.stored, 2u);
  EXPECT_EQ(CountRows("observations"), 26);

  ASSERT_TRUE(indicators_.ClosePeriod(coordinator_, "MON24", "2025").ok());
  const auto refused = indicators_.ImportDataValues(official_, *good, false);
  ASSERT_EQ(refused.problems.size(), 2u);
  EXPECT_NE(refused.problems[0].message.find("closed"), std::string::npos) << refused.problems[0].message;
  EXPECT_EQ(CountRows("observations"), 26);
}

TEST_F(IndicatorsServiceTest, ActivitiesCompletedAndBudgetExecutedAreComputedFromTheAdoptedPlan) {
  policies::Document plan;
  plan.level = policies::Level::kMunicipal;
  plan.title = "План на Лом";
  plan.period_start = 2026;
  plan.period_end = 2027;
  plan.municipality_code = "MON24";
  plan.status = "adopted";
  plan = CreateDocument(plan);
  const auto add = [&](policies::Item item) {
    item.document_id = plan.id;
    const auto created = service_.CreateItem(admin_, item);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created->id : 0;
  };
  policies::Item objective;
  objective.kind = "objective";
  objective.title = "Образование";
  const auto objective_id = add(objective);
  policies::Item measure;
  measure.kind = "measure";
  measure.title = "Медиатори";
  measure.parent_id = objective_id;
  const auto measure_id = add(measure);
  const auto activity = [&](const std::string& title, const std::string& status, std::int64_t planned,
                            std::optional<std::int64_t> spent) {
    policies::Item item;
    item.kind = "activity";
    item.title = title;
    item.parent_id = measure_id;
    item.official_status = status;
    item.start_date = "2026-01-01";
    item.end_date = "2026-12-31";
    item.budgets = {{"municipal", planned, std::nullopt, spent}};
    add(item);
  };
  activity("Назначаване", "completed", 100'000, 100'000);
  activity("Обучение", "in_progress", 300'000, 50'000);
  activity("Кампания", "planned", 200'000, std::nullopt);

  const auto completed =
      indicators_.Compute(*indicators_.Find("plan_activities_completed"), "MON24", *indicators::ParsePeriod("2026"));
  ASSERT_TRUE(completed.value.has_value());
  EXPECT_EQ(completed.numerator, 1);
  EXPECT_EQ(completed.denominator, 3);
  const auto budget =
      indicators_.Compute(*indicators_.Find("plan_budget_executed"), "MON24", *indicators::ParsePeriod("2026"));
  ASSERT_TRUE(budget.value.has_value());
  // Spent over planned, of the activities that reported what they spent: 1 500 € of 4 000 €.
  EXPECT_DOUBLE_EQ(*budget.value, 37.5);
  const auto next_plan_year =
      indicators_.Compute(*indicators_.Find("plan_activities_completed"), "MON24", *indicators::ParsePeriod("2028"));
  EXPECT_FALSE(next_plan_year.value.has_value());
  EXPECT_FALSE(next_plan_year.why_none.empty());
}

TEST_F(IndicatorsServiceTest, LinkingAnIndicatorToAnObjectiveTakesItOffTheObjectivesWithoutAnIndicator) {
  const auto participation = service_.FindItemByUid("eu-2020-o3");
  ASSERT_TRUE(participation.has_value());
  const auto unmeasured = [&] {
    std::vector<std::int64_t> ids;
    for (const auto& objective : indicators_.UnmeasuredObjectives("country")) ids.push_back(objective.id);
    return ids;
  };
  EXPECT_EQ(unmeasured(), std::vector<std::int64_t>{participation->id})
      << "the library ships no indicator of participation; the other six EU objectives are measured";

  const auto unknown = indicators_.Link(admin_, "discrimination_reported", "eu-2020-o99");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().problems.at(0).field, "item");
  EXPECT_FALSE(indicators_.Link(official_, "discrimination_reported", "eu-2020-o3").ok())
      << "an official does not edit the library";
  EXPECT_FALSE(indicators_.Link(coordinator_, "discrimination_reported", "eu-2020-o3").ok())
      << "nor does a coordinator of one oblast: the library is the installation's";
  ASSERT_TRUE(indicators_.Link(admin_, "discrimination_reported", "eu-2020-o3").ok());
  EXPECT_TRUE(unmeasured().empty());
  const auto measuring = indicators_.IndicatorsOfItem(participation->id);
  ASSERT_EQ(measuring.size(), 1u);
  EXPECT_EQ(measuring[0].code, "discrimination_reported");
  EXPECT_EQ(indicators_.PlaceOfItem(participation->id), "EU");
}

TEST_F(IndicatorsServiceTest, ACoordinatorSetsATargetAsARuleAndEveryMissingOrWrongNumberIsNamed) {
  const auto indicator = indicators_.Find("health_mediator_posts");
  ASSERT_TRUE(indicator.ok());
  indicators::IndicatorsService::TargetEntry entry;
  entry.place = "MON24";
  entry.period = "2030";
  entry.rule = "change";
  entry.factor = "н/д";
  const auto refused = indicators_.SetTarget(coordinator_, *indicator, entry);
  ASSERT_FALSE(refused.ok());
  std::vector<std::string> fields;
  for (const auto& problem : refused.error().problems) fields.push_back(problem.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"factor", "baseline_period"}));

  entry.factor = "2";
  entry.baseline_period = "2025";
  EXPECT_EQ(indicators_.SetTarget(official_, *indicator, entry).error().kind, core::ErrorKind::kForbidden)
      << "an official proposes, a coordinator sets";
  ASSERT_TRUE(indicators_.SetTarget(coordinator_, *indicator, entry).ok());
  ASSERT_TRUE(indicators_.Enter(official_, Value("health_mediator_posts", "3", "2025")).ok());
  const auto targets = indicators_.Targets(*indicator);
  ASSERT_EQ(targets.size(), 1u);
  ASSERT_TRUE(targets[0].value.value.has_value());
  EXPECT_DOUBLE_EQ(*targets[0].value.value, 6) << "double the 2025 value of 3";
}

TEST_F(IndicatorsServiceTest, ATargetSetFromAFormOpenedBeforeSomeoneElseSetItIsRefusedAndTheirsStays) {
  const auto indicator = indicators_.Find("health_mediator_posts");
  ASSERT_TRUE(indicator.ok());
  const policies::Actor colleague =
      UserWith("second.coordinator@montana.bg", {Role::kCoordinator, {ScopeKind::kOblast, "MON"}});
  const auto stored = [&] {
    const auto targets = indicators_.Targets(*indicator);
    return targets.size() == 1 ? targets[0].target : indicators::Target{};
  };
  // Both coordinators open the page when Лом has no target for 2030: their forms carry no version.
  indicators::IndicatorsService::TargetEntry entry;
  entry.place = "MON24";
  entry.period = "2030";
  entry.value = "6";
  const auto set = indicators_.SetTarget(coordinator_, *indicator, entry);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->version, 1);
  indicators::IndicatorsService::TargetEntry theirs = entry;
  theirs.value = "8";
  EXPECT_EQ(indicators_.SetTarget(colleague, *indicator, theirs).error().kind, core::ErrorKind::kConflict)
      << "an insert that finds a target set meanwhile does not replace it";
  EXPECT_EQ(stored().rule.value, 6);

  // Both open the target to change it, at version 1; the first saves.
  entry.version = theirs.version = stored().version;
  entry.value = "7";
  ASSERT_TRUE(indicators_.SetTarget(coordinator_, *indicator, entry).ok());
  const auto stale = indicators_.SetTarget(colleague, *indicator, theirs);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, core::ErrorKind::kConflict);
  EXPECT_EQ(stored().rule.value, 7) << "the first change stays";
  EXPECT_EQ(stored().version, 2);

  theirs.version = stored().version;  // having seen it, the colleague sets theirs over it
  ASSERT_TRUE(indicators_.SetTarget(colleague, *indicator, theirs).ok());
  EXPECT_EQ(stored().rule.value, 8);
  EXPECT_EQ(stored().version, 3);
}

}  // namespace
