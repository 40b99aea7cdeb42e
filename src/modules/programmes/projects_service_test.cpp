#include "modules/programmes/projects_service.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "support/meetings_fixture.hpp"

namespace programmes {
namespace {

using core::Role;
using core::ScopeKind;

// The partner network of a programme on the meetings' fixture (Лом and Благоевград, 5 December 2026): the operator sets
// up the programme with a project in each municipality; their officials keep their projects' work.
class ProjectsServiceTest : public test_support::MeetingsFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(MeetingsFixture::SetUp());
    db::Migrate(*database_, {{"kernel", "src/kernel/migrations"},
                             {"places", "src/modules/places/migrations"},
                             {"accounts", "src/modules/accounts/migrations"},
                             {"policies", "src/modules/policies/migrations"},
                             {"meetings", "src/modules/meetings/migrations"},
                             {"programmes", "src/modules/programmes/migrations"}});
    agenda_sources_.Add([this](std::int64_t body) { return projects_.AgendaFor(body); });
    operator_ = Person("operator@sdc.example", "Оператор", {Role::kProgrammeOperator, {ScopeKind::kInstallation, ""}});
    lom_ = Person("official@lom.bg", "Мария от Лом", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "MON24"}});
    blagoevgrad_ = Person("official@blg.bg", "Иван от Благоевград",
                          {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BLG03"}});
    outsider_ = Person("resident@lom.bg", {Role::kCommunityMonitor, {ScopeKind::kMunicipality, "MON24"}});

    Programme programme;
    programme.title = "Social inclusion of Roma and other vulnerable groups";
    programme.donor = "Swiss Confederation";
    programme.currency = "CHF";
    programme.period_start = "2026-01-01";
    programme.period_end = "2028-12-31";
    const auto saved = projects_.SaveProgramme(operator_, programme);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    programme_ = *saved;
    lom_project_ = ProjectOf("Kindergartens for all in Lom", "MON24", "BGN", "0.51", "2026-01-01");
    blg_project_ = ProjectOf("Mediators in Blagoevgrad", "BLG03", "CHF", "", "");
  }

  // A project of the programme as the operator sets it up.
  Project ProjectOf(const std::string& title, const std::string& place, const std::string& currency,
                    const std::string& rate, const std::string& rate_on) {
    Project project;
    project.programme_id = programme_.id;
    project.title = title;
    project.municipality_code = place;
    project.currency = currency;
    project.exchange_rate = rate;
    project.exchange_rate_on = rate_on;
    project.planned_start = "2026-03-01";
    project.planned_end = "2027-12-31";
    const auto saved = projects_.SaveProject(operator_, project);
    EXPECT_TRUE(saved.ok()) << (saved.ok() ? "" : saved.error().message);
    return saved.ok() ? *saved : Project{};
  }

  BudgetLine Line(const programmes::Project& project, const std::string& name, std::int64_t planned) {
    const auto line =
        projects_.AddBudgetLine(lom_, BudgetLine{0, project.id, name, "Swiss contribution", 2026, planned, 0});
    EXPECT_TRUE(line.ok()) << (line.ok() ? "" : line.error().message);
    return line.ok() ? *line : BudgetLine{};
  }

  Report Draft(const std::string& start, const std::string& end, std::vector<Spending> spending = {}) {
    Report report;
    report.project_id = lom_project_.id;
    report.period_start = start;
    report.period_end = end;
    report.narrative = "Two groups opened.";
    report.spending = std::move(spending);
    return report;
  }

  static Problem MakeProblem(std::int64_t project, std::string title, std::string kind, int rating, std::string owner,
                             std::string state = "open") {
    Problem problem;
    problem.project_id = project;
    problem.title = std::move(title);
    problem.kind = std::move(kind);
    problem.rating = rating;
    problem.owner = std::move(owner);
    problem.state = std::move(state);
    return problem;
  }

  std::set<std::string> FieldsOf(const core::Error& error) {
    std::set<std::string> fields;
    for (const core::FieldProblem& problem : error.problems) fields.insert(problem.field);
    return fields;
  }

  kernel::DataVersion version_{*database_};
  ProjectsStore store_p_{*database_};
  ProjectsService projects_{store_p_, places_, service_, audit_, fixed_clock_, version_};
  core::SignedIn operator_{0, "", {}, {}}, lom_{0, "", {}, {}}, blagoevgrad_{0, "", {}, {}}, outsider_{0, "", {}, {}};
  Programme programme_;
  Project lom_project_, blg_project_;
};

TEST_F(ProjectsServiceTest, OnlyTheOperatorSetsUpProgrammesAndProjects) {
  Programme programme;
  programme.title = "Another";
  programme.currency = "EUR";
  const auto refused = projects_.SaveProgramme(lom_, programme);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kForbidden);
  programme.currency = "euro";
  const auto invalid = projects_.SaveProgramme(operator_, programme);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(FieldsOf(invalid.error()), std::set<std::string>{"currency"});

  Project project;
  project.programme_id = programme_.id;
  project.title = "Without a rate";
  project.currency = "EUR";
  const auto without_rate = projects_.SaveProject(operator_, project);
  ASSERT_FALSE(without_rate.ok());
  EXPECT_EQ(FieldsOf(without_rate.error()), std::set<std::string>{"exchange_rate"})
      << "a project counting in euros in a programme counting in francs needs the rate";
}

TEST_F(ProjectsServiceTest, AReportIsSubmittedReturnedWithAReasonResubmittedAndAcceptedWithEveryStepKept) {
  const auto written = projects_.SaveReport(lom_, Draft("2026-03-01", "2026-06-30"));
  ASSERT_TRUE(written.ok()) << written.error().message;
  ASSERT_FALSE(projects_.SaveReport(blagoevgrad_, Draft("2026-07-01", "2026-09-30")).ok())
      << "Благоевград's official does not keep Лом's project";

  auto submitted = projects_.Submit(lom_, written->id, written->version);
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  Report change = *submitted;
  change.narrative = "Changed after submitting";
  const auto locked = projects_.SaveReport(lom_, change);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().kind, core::ErrorKind::kConflict);
  EXPECT_NE(locked.error().message.find("it can be changed again only if the operator returns it"), std::string::npos);

  ASSERT_FALSE(projects_.Return(lom_, submitted->id, submitted->version, "no").ok()) << "the team does not review";
  const auto without_reason = projects_.Return(operator_, submitted->id, submitted->version, "  ");
  ASSERT_FALSE(without_reason.ok());
  EXPECT_EQ(FieldsOf(without_reason.error()), std::set<std::string>{"reason"});
  const auto returned = projects_.Return(operator_, submitted->id, submitted->version, "The spending is missing.");
  ASSERT_TRUE(returned.ok()) << returned.error().message;

  change = *returned;
  change.narrative = "Two groups opened; the spending is added.";
  const auto changed = projects_.SaveReport(lom_, change);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  const auto resubmitted = projects_.Submit(lom_, changed->id, changed->version);
  ASSERT_TRUE(resubmitted.ok());
  const auto accepted = projects_.Accept(operator_, resubmitted->id, resubmitted->version);
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  EXPECT_EQ(accepted->state, ReportState::kAccepted);

  const auto after = projects_.SaveReport(lom_, *accepted);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().message,
            "{name} accepted this report on {date}: an accepted report can no longer be changed.");
  EXPECT_EQ(after.error().arguments.at(0).value, "Оператор");
  EXPECT_FALSE(projects_.Return(operator_, accepted->id, accepted->version, "Too late").ok());

  const auto view = projects_.ReadReport(lom_, accepted->id);
  ASSERT_TRUE(view.ok());
  std::vector<std::pair<ReportState, std::string>> steps;
  for (const ReportStep& step : view->steps) steps.emplace_back(step.state, step.reason);
  const std::vector<std::pair<ReportState, std::string>> expected = {
      {ReportState::kDraft, ""},
      {ReportState::kSubmitted, ""},
      {ReportState::kReturned, "The spending is missing."},
      {ReportState::kSubmitted, ""},
      {ReportState::kAccepted, ""}};
  EXPECT_EQ(steps, expected);
  EXPECT_EQ(view->report.narrative, "Two groups opened; the spending is added.");
}

TEST_F(ProjectsServiceTest, AReportOutsideTheProjectOrOverAnotherReportsDaysIsRefused) {
  const auto before = projects_.SaveReport(lom_, Draft("2026-01-01", "2026-03-31"));
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(FieldsOf(before.error()), std::set<std::string>{"period_start"}) << "the project begins on 1 March 2026";
  const auto backwards = projects_.SaveReport(lom_, Draft("2026-06-30", "2026-04-01"));
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(FieldsOf(backwards.error()), std::set<std::string>{"period_end"});
  ASSERT_TRUE(projects_.SaveReport(lom_, Draft("2026-03-01", "2026-06-30")).ok());
  const auto overlapping = projects_.SaveReport(lom_, Draft("2026-06-01", "2026-09-30"));
  ASSERT_FALSE(overlapping.ok());
  EXPECT_EQ(overlapping.error().problems.at(0).message, "The report of {start} – {end} already covers these days.");
}

TEST_F(ProjectsServiceTest, SpendingAboveABudgetLineIsRefusedUntilTheReportSaysWhyAndThenShowsAboveThePlan) {
  const BudgetLine staff = Line(lom_project_, "Staff", 1'000'000);
  ASSERT_TRUE(projects_.SaveReport(lom_, Draft("2026-03-01", "2026-06-30", {{staff.id, 600'000}})).ok());
  Report second = Draft("2026-07-01", "2026-09-30", {{staff.id, 500'000}});
  const auto refused = projects_.SaveReport(lom_, second);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().problems.size(), 1u);
  const core::FieldProblem& problem = refused.error().problems[0];
  EXPECT_EQ(problem.field, "spent_" + std::to_string(staff.id));
  ASSERT_EQ(problem.arguments.size(), 2u);
  EXPECT_EQ(problem.arguments[0].value, "1100000") << "600 000 and 500 000 leva cents spent";
  EXPECT_EQ(problem.arguments[0].currency, "BGN");
  EXPECT_EQ(problem.arguments[1].value, "1000000");

  second.overspend_reason = "The mediators' salaries rose with the minimum wage.";
  ASSERT_TRUE(projects_.SaveReport(lom_, second).ok());
  const auto view = projects_.ReadProject(lom_, lom_project_.id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->lines.size(), 1u);
  EXPECT_EQ(view->lines[0].spent_cents, 1'100'000);
  EXPECT_TRUE(view->lines[0].over());
}

TEST_F(ProjectsServiceTest, TheProgrammesBudgetCountsEachProjectAtItsStatedRate) {
  Line(lom_project_, "Staff", 1'000'000);  // 10 000 leva at 0.51 francs
  const auto view = projects_.ReadProgramme(operator_, programme_.id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->budget.size(), 1u);
  EXPECT_EQ(view->budget[0].planned_cents, 510'000);
  EXPECT_EQ(view->budget[0].funding_source, "Swiss contribution");
  EXPECT_EQ(view->budget[0].year, 2026);
}

TEST_F(ProjectsServiceTest, ARiskIsScoredOneToFiveEachWay) {
  Risk risk;
  risk.project_id = lom_project_.id;
  risk.title = "A partner school withdraws";
  risk.likelihood = 7;
  risk.impact = 3;
  risk.mitigation = "Agreements signed early";
  risk.owner = "Мария";
  risk.review_on = "2027-01-15";
  const auto refused = projects_.SaveRisk(lom_, risk);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(FieldsOf(refused.error()), std::set<std::string>{"likelihood"});
  risk.likelihood = 4;
  const auto saved = projects_.SaveRisk(lom_, risk);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->Score(), 12);
  EXPECT_EQ(RiskTone(saved->Score()), "warning");
}

TEST_F(ProjectsServiceTest, TheNetworksMeetingGetsEveryOpenProblemOnItsAgendaAndItsFollowUpsShowOnTheProblem) {
  const auto body = meetings_.CreateBody(operator_, {0, "partner_network", "Partner network", "BG", false});
  ASSERT_TRUE(body.ok()) << body.error().message;
  Programme programme = programme_;
  programme.network_body_id = body->id;
  ASSERT_TRUE(projects_.SaveProgramme(operator_, programme).ok());

  const Problem school = MakeProblem(lom_project_.id, "A partner school withdrew", "partners", 4, "Мария");
  const auto lom_problem = projects_.SaveProblem(lom_, school);
  ASSERT_TRUE(lom_problem.ok()) << lom_problem.error().message;
  ASSERT_TRUE(
      projects_.SaveProblem(blagoevgrad_, MakeProblem(blg_project_.id, "Two mediators left", "staff", 3, "Иван")).ok());
  ASSERT_TRUE(
      projects_
          .SaveProblem(blagoevgrad_, MakeProblem(blg_project_.id, "Late transfer", "funding", 2, "Иван", "resolved"))
          .ok());
  ASSERT_FALSE(projects_.SaveProblem(blagoevgrad_, school).ok()) << "Благоевград does not keep Лом's register";

  meetings::Meeting meeting;
  meeting.body_id = body->id;
  meeting.title = "Network meeting";
  meeting.starts_at = "2026-12-10T10:00";
  meeting.ends_at = "2026-12-10T13:00";
  meeting.location = "Sofia";
  const auto scheduled = meetings_.Schedule(operator_, meeting);
  ASSERT_TRUE(scheduled.ok()) << scheduled.error().message;
  const auto read = meetings_.Read(operator_, scheduled->id);
  ASSERT_TRUE(read.ok());
  std::vector<std::pair<std::string, std::string>> agenda;
  for (const meetings::AgendaEntry& entry : read->agenda) agenda.emplace_back(entry.item.title, entry.item.link);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Лом: A partner school withdrew", ProblemPath(lom_problem->id)},
      {"Благоевград: Two mediators left", ProblemPath(lom_problem->id + 1)}};
  EXPECT_EQ(agenda, expected) << "the resolved problem stays off";

  const auto follow_up = meetings_.AddFollowUp(
      operator_, {0, scheduled->id, read->agenda[0].item.id, "Find another school", "Мария", "2027-01-31", "open", ""});
  ASSERT_TRUE(follow_up.ok()) << follow_up.error().message;
  const auto on_problem = meetings_.FollowUpsOn(ProblemPath(lom_problem->id));
  ASSERT_EQ(on_problem.size(), 1u);
  EXPECT_EQ(on_problem[0].action, "Find another school");
}

TEST_F(ProjectsServiceTest, OnlyTheNetworkReadsReportsProblemsAndRisks) {
  ASSERT_TRUE(projects_.SaveProblem(lom_, MakeProblem(lom_project_.id, "A problem", "other", 2, "M")).ok());
  const auto report = projects_.SaveReport(lom_, Draft("2026-03-01", "2026-06-30"));
  ASSERT_TRUE(report.ok());
  const auto seen_by_network = projects_.ReadProject(blagoevgrad_, lom_project_.id);
  ASSERT_TRUE(seen_by_network.ok());
  EXPECT_EQ(seen_by_network->problems.size(), 1u) << "Благоевград is in the network through its own project";
  EXPECT_FALSE(seen_by_network->on_team);
  const auto seen_by_outsider = projects_.ReadProject(outsider_, lom_project_.id);
  ASSERT_TRUE(seen_by_outsider.ok());
  EXPECT_TRUE(seen_by_outsider->problems.empty());
  EXPECT_TRUE(seen_by_outsider->reports.empty());
  EXPECT_FALSE(projects_.ReadReport(outsider_, report->id).ok());
  EXPECT_FALSE(projects_.ReadReport(core::Actor{}, report->id).ok());
}

TEST_F(ProjectsServiceTest, TheTeamNamesItsPartnersByKindAndRoleAndTakesThemOut) {
  for (const char* name : {"Primary school No. 5", "Health centre", "Roma Youth NGO"}) {
    const auto added = projects_.AddPartner(lom_, lom_project_.id, {name, "", "implementing", "academic"});
    ASSERT_TRUE(added.ok()) << added.error().message;
  }
  const auto refused = projects_.AddPartner(lom_, lom_project_.id, {" ", "", "sponsor", "school"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(FieldsOf(refused.error()), (std::set<std::string>{"name", "role", "kind"}));
  EXPECT_FALSE(projects_.AddPartner(blagoevgrad_, lom_project_.id, {"A school", "", "implementing", "academic"}).ok());

  ASSERT_TRUE(projects_.RemovePartner(lom_, lom_project_.id, 1).ok());
  std::vector<std::string> names;
  for (const Partner& partner : store_p_.PartnersOf(lom_project_.id)) names.push_back(partner.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Health centre", "Roma Youth NGO"}));
  ASSERT_TRUE(projects_.RemovePartner(lom_, lom_project_.id, 2).ok()) << "the positions follow the list";
  EXPECT_EQ(store_p_.PartnersOf(lom_project_.id).size(), 1u);
  EXPECT_FALSE(projects_.RemovePartner(lom_, lom_project_.id, 2).ok());
}

TEST_F(ProjectsServiceTest, AnActivityTakesOnlyAMeasureOfItsOwnMunicipalitysPlan) {
  policies::Document plan;
  plan.level = policies::Level::kMunicipal;
  plan.title = "План на Благоевград";
  plan.title_en = "Blagoevgrad's plan";
  plan.period_start = 2026;
  plan.period_end = 2027;
  plan.oblast_code = "BLG";
  plan.municipality_code = "BLG03";
  const policies::Document created = CreateDocument(plan);
  policies::Item objective;
  objective.document_id = created.id;
  objective.kind = "objective";
  objective.code = "1";
  objective.title = "Образование";
  const auto parent = service_.CreateItem(admin_, objective);
  ASSERT_TRUE(parent.ok()) << parent.error().message;
  policies::Item measure;
  measure.document_id = created.id;
  measure.parent_id = parent->id;
  measure.kind = "measure";
  measure.code = "1.1";
  measure.title = "Медиатори";
  const auto item = service_.CreateItem(admin_, measure);
  ASSERT_TRUE(item.ok()) << item.error().message;

  Activity activity;
  activity.project_id = lom_project_.id;
  activity.title = "Training";
  activity.starts_on = "2026-04-01";
  activity.ends_on = "2026-06-30";
  activity.progress = 20;
  activity.measure_id = item->id;
  const auto refused = projects_.SaveActivity(lom_, activity);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().problems.at(0).message, "The measure belongs to another municipality's plan.");
  activity.project_id = blg_project_.id;
  const auto saved = projects_.SaveActivity(blagoevgrad_, activity);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->measure_id, item->id);
  EXPECT_EQ(projects_.PlanItemsOf(blg_project_.id), (std::vector<std::int64_t>{item->id, parent->id}))
      << "the indicators of the measure and of its objective measure the project's results";
  activity.starts_on = "2025-12-01";
  EXPECT_FALSE(projects_.SaveActivity(blagoevgrad_, activity).ok()) << "before the project begins";

  // The gap analysis of a scope counts the activities that implement the plan.
  const auto in_blg = store_p_.ProjectsInScope("BLG");
  ASSERT_EQ(in_blg.size(), 1u);
  EXPECT_EQ(in_blg[0].project.id, blg_project_.id);
  EXPECT_EQ(in_blg[0].activities, 1);
  EXPECT_EQ(in_blg[0].linked, 1);
  EXPECT_EQ(store_p_.ProjectsInScope("").size(), 2u);
  EXPECT_TRUE(store_p_.ProjectsInScope("%").empty()) << "what a scope names is matched as text";
}

// Two of Лом's team open one record's form at one version; the first saves. The second's save is refused, and what the
// first saved stays (the page then shows it beside what the second typed).
TEST_F(ProjectsServiceTest, OfTwoWhoOpenedAReportTheSecondToSaveIsRefusedAndTheFirstsNarrativeStays) {
  const auto draft = projects_.SaveReport(lom_, Draft("2026-03-01", "2026-06-30"));
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  const core::SignedIn colleague =
      Person("coordinator@lom.bg", "Петя от Лом", {Role::kCoordinator, {ScopeKind::kMunicipality, "MON24"}});
  Report first = *draft;
  first.narrative = "Two groups opened; the third waits for its room.";
  Report second = *draft;
  second.narrative = "Three groups opened.";
  ASSERT_TRUE(projects_.SaveReport(lom_, first).ok());
  const auto refused = projects_.SaveReport(colleague, second);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kConflict);
  const auto stored = store_p_.FindReport(draft->id);
  EXPECT_EQ(stored->narrative, first.narrative);
  EXPECT_EQ(stored->version, draft->version + 1);
  // Saved again from the version the refused form comes back with, the second's text goes in.
  second.version = stored->version;
  ASSERT_TRUE(projects_.SaveReport(colleague, second).ok());
  EXPECT_EQ(store_p_.FindReport(draft->id)->narrative, "Three groups opened.");
}

TEST_F(ProjectsServiceTest, OfTwoWhoOpenedARiskTheSecondToSaveIsRefusedAndTheFirstsReviewStays) {
  Risk risk;
  risk.project_id = lom_project_.id;
  risk.title = "A partner school withdraws";
  risk.mitigation = "Agreements signed early";
  risk.owner = "Мария";
  risk.review_on = "2027-01-15";
  const auto saved = projects_.SaveRisk(lom_, risk);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  const core::SignedIn colleague =
      Person("coordinator@lom.bg", "Петя от Лом", {Role::kCoordinator, {ScopeKind::kMunicipality, "MON24"}});
  Risk first = *saved;
  first.likelihood = 2;
  first.mitigation = "Agreements signed with both schools";
  Risk second = *saved;
  second.likelihood = 5;
  second.mitigation = "A third school asked";
  ASSERT_TRUE(projects_.SaveRisk(lom_, first).ok());
  const auto refused = projects_.SaveRisk(colleague, second);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kConflict);
  const auto stored = store_p_.FindRisk(saved->id);
  EXPECT_EQ(stored->likelihood, 2);
  EXPECT_EQ(stored->mitigation, "Agreements signed with both schools");
  EXPECT_EQ(stored->version, saved->version + 1);
}

TEST_F(ProjectsServiceTest, OfTwoWhoOpenedAnActivityTheSecondToSetItsProgressIsRefusedAndTheFirstsStays) {
  Activity activity;
  activity.project_id = lom_project_.id;
  activity.title = "Groups in the kindergartens";
  activity.starts_on = "2026-04-01";
  activity.ends_on = "2026-12-31";
  activity.progress = 20;
  const auto saved = projects_.SaveActivity(lom_, activity);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  const core::SignedIn colleague =
      Person("coordinator@lom.bg", "Петя от Лом", {Role::kCoordinator, {ScopeKind::kMunicipality, "MON24"}});
  Activity first = *saved;
  first.progress = 40;
  Activity second = *saved;
  second.progress = 35;
  ASSERT_TRUE(projects_.SaveActivity(lom_, first).ok());
  const auto refused = projects_.SaveActivity(colleague, second);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kConflict);
  const auto stored = store_p_.FindActivity(saved->id);
  EXPECT_EQ(stored->progress, 40);
  EXPECT_EQ(stored->version, saved->version + 1);
}

}  // namespace
}  // namespace programmes
