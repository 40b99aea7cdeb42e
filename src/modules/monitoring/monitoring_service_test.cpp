#include "modules/monitoring/monitoring_service.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>

#include "db/migrator.hpp"
#include "modules/accounts/organisation_store.hpp"
#include "modules/indicators/indicators_store.hpp"
#include "support/policies_fixture.hpp"

namespace monitoring {
namespace {

using core::Role;
using core::ScopeKind;

// Monitoring on the policies' fixture: an adopted plan of Лом with a measure and two activities, a CSO that runs
// cycles, its editor and monitor, an official of Лом and one of Благоевград, and a clock at 5 December 2026.
class MonitoringServiceTest : public test_support::PoliciesFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PoliciesFixture::SetUp());
    db::Migrate(*database_, {{"places", "src/modules/places/migrations"},
                             {"accounts", "src/modules/accounts/migrations"},
                             {"policies", "src/modules/policies/migrations"},
                             {"indicators", "src/modules/indicators/migrations"},
                             {"monitoring", "src/modules/monitoring/migrations"}});
    ASSERT_TRUE(monitoring_.EnsureIndicators()) << "a library without them gets the two indicators";
    EXPECT_FALSE(monitoring_.EnsureIndicators()) << "and only once";
    const auto organisation = organisations_.Create(admin_, {"Сдружение „Заедно“", "cso", "MON24"});
    ASSERT_TRUE(organisation.ok()) << organisation.error().message;
    organisation_ = organisation->id;
    const std::string scope = std::to_string(organisation_);
    editor_ = UserWith("editor@zaedno.bg", {Role::kCsoEditor, {ScopeKind::kOrganisation, scope}});
    monitor_ = UserWith("roza@zaedno.bg", {Role::kCommunityMonitor, {ScopeKind::kOrganisation, scope}});
    outsider_ = UserWith("monitor@elsewhere.bg", {Role::kCommunityMonitor, {ScopeKind::kMunicipality, "BLG03"}});
    official_ = UserWith("official@lom.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "MON24"}});
    stranger_ = UserWith("official@blagoevgrad.bg", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BLG03"}});

    policies::Document plan;
    plan.level = policies::Level::kMunicipal;
    plan.title = "План на Лом";
    plan.period_start = 2026;
    plan.period_end = 2027;
    plan.municipality_code = "MON24";
    plan.status = "adopted";
    plan_ = CreateDocument(plan).id;
    policies::Item objective;
    objective.document_id = plan_;
    objective.kind = "objective";
    objective.title = "Достъп до здравни услуги";
    policies::Item measure;
    measure.document_id = plan_;
    measure.parent_id = Add(objective);
    measure.kind = "measure";
    measure.title = "Здравни медиатори";
    measure_ = Add(measure);
    mediators_ = Activity("Двама здравни медиатори", "in_progress", 80, "2027-12-31");
    info_days_ = Activity("Информационни дни", "completed", 100, "2026-06-30");
    course_ = Activity("Курсове", "planned", std::nullopt, "2026-09-30");
  }

  std::int64_t Add(policies::Item item) {
    const auto created = service_.CreateItem(admin_, item);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created->id : 0;
  }

  std::int64_t Activity(const std::string& title, const std::string& status, std::optional<int> progress,
                        const std::string& deadline) {
    policies::Item item;
    item.document_id = plan_;
    item.parent_id = measure_;
    item.kind = "activity";
    item.title = title;
    item.official_status = status;
    item.progress = progress;
    item.start_date = "2026-01-01";
    item.end_date = deadline;
    item.deadline = deadline;
    return Add(item);
  }

  Cycle Open(const std::string& identity_rule = "pseudonymous") {
    Cycle cycle;
    cycle.title = "Лом, 2026";
    cycle.municipality_code = "MON24";
    cycle.period_start = "2026-07-01";
    cycle.period_end = "2026-12-31";
    cycle.identity_rule = identity_rule;
    cycle.organisation_id = organisation_;
    cycle.criteria = ScorecardPreset();
    const auto opened = monitoring_.OpenCycle(editor_, cycle);
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
    return opened.ok() ? *opened : Cycle{};
  }

  static Filing Filed(const Cycle& cycle, std::int64_t item, const std::string& observed, std::vector<int> scores,
                      const std::string& key) {
    Filing filing;
    filing.key = key;
    filing.assessment.cycle_id = cycle.id;
    filing.assessment.item_id = item;
    filing.assessment.observed_status = observed;
    filing.assessment.pseudonym = "Роза";
    for (std::size_t n = 0; n < scores.size(); ++n)
      filing.assessment.scores.push_back({static_cast<int>(n), scores[n], "", ""});
    return filing;
  }

  static std::string Key(char c) { return std::string(40, c); }

  static std::string Photo() {
    std::ifstream in("data/monitoring/demo-photo.jpg", std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  std::int64_t FileAndVerify(const Cycle& cycle, std::int64_t item, const std::string& observed,
                             std::vector<int> scores, char key) {
    const auto filed = monitoring_.File(monitor_, Filed(cycle, item, observed, std::move(scores), Key(key)));
    EXPECT_TRUE(filed.ok()) << (filed.ok() ? "" : filed.error().error.message);
    if (!filed.ok()) return 0;
    const auto verified = monitoring_.Moderate(editor_, filed->id, 1, "verify", "");
    EXPECT_TRUE(verified.ok()) << (verified.ok() ? "" : verified.error().message);
    return filed->id;
  }

  core::FixedClock fixed_clock_{1'796'472'000};  // 2026-12-05 12:00 UTC
  accounts::OrganisationStore organisation_store_{*database_};
  accounts::OrganisationService organisations_{organisation_store_, accounts_, audit_, fixed_clock_, *database_};
  indicators::IndicatorsStore indicator_store_{*database_};
  indicators::IndicatorsService indicators_{indicator_store_, places_, service_, audit_, fixed_clock_, 5};
  MonitoringStore monitoring_store_{*database_};
  MonitoringService monitoring_{monitoring_store_, places_, service_, organisations_, indicators_, outbox_, audit_,
                                fixed_clock_,      30,      5};
  std::int64_t organisation_ = 0, plan_ = 0, measure_ = 0, mediators_ = 0, info_days_ = 0, course_ = 0;
  policies::Actor editor_, monitor_, outsider_, official_, stranger_;
};

TEST_F(MonitoringServiceTest, OnlyAnEditorOfTheOrganisationOpensACycleAndOnlyItsMonitorsFileInIt) {
  Cycle cycle = Open();
  ASSERT_GT(cycle.id, 0);
  EXPECT_EQ(monitoring_.OpenCycle(monitor_, cycle).error().kind, core::ErrorKind::kForbidden);
  const auto refused = monitoring_.File(outsider_, Filed(cycle, mediators_, "in_progress", {50}, Key('a')));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().error.kind, core::ErrorKind::kForbidden);
  EXPECT_TRUE(monitoring_.File(monitor_, Filed(cycle, mediators_, "in_progress", {50}, Key('b'))).ok());
}

TEST_F(MonitoringServiceTest, TheSameFormSentTwiceFilesOnceAndChangedContentUnderItsKeyIsRefused) {
  const Cycle cycle = Open();
  Filing filing = Filed(cycle, mediators_, "in_progress", {50, 60}, Key('k'));
  filing.uploads.push_back({"photo", "IMG_0001.jpg", Photo()});
  const auto first = monitoring_.File(monitor_, filing);
  ASSERT_TRUE(first.ok()) << first.error().error.message;
  const auto again = monitoring_.File(monitor_, filing);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, first->id);
  EXPECT_TRUE(again->repeated);
  EXPECT_EQ(CountRows("assessments"), 1);
  EXPECT_EQ(CountRows("evidence_files"), 1);

  filing.assessment.scores[0].score = 70;
  const auto changed = monitoring_.File(monitor_, filing);
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().error.kind, core::ErrorKind::kConflict);
  EXPECT_EQ(CountRows("assessments"), 1);
}

TEST_F(MonitoringServiceTest, ARefusedFormStoresNothingButKeepsItsPhotosForTheNextSending) {
  const Cycle cycle = Open();
  Filing filing = Filed(cycle, mediators_, "in_progress", {140}, Key('r'));
  filing.uploads.push_back({"photo", "IMG_0002.jpg", Photo()});
  const auto refused = monitoring_.File(monitor_, filing);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().error.problems.front().field, "score_0");
  EXPECT_EQ(CountRows("assessments"), 0);
  ASSERT_EQ(refused.error().kept.size(), 1u);
  EXPECT_EQ(refused.error().kept.front().original_name, "IMG_0002.jpg");

  filing.assessment.scores[0].score = 40;
  filing.uploads.clear();
  filing.keep = {refused.error().kept.front().file_sha256};
  const auto filed = monitoring_.File(monitor_, filing);
  ASSERT_TRUE(filed.ok()) << filed.error().error.message;
  const auto view = monitoring_.Read(monitor_, filed->id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->assessment.evidence.size(), 1u);
  EXPECT_EQ(view->assessment.evidence.front().kind, "photo");
  EXPECT_EQ(CountRows("pending_uploads"), 0);
}

TEST_F(MonitoringServiceTest, AMonitorsDeskPutsWhatTheModeratorsAskForFirstAndAnEditorsWhatWaits) {
  const Cycle cycle = Open();
  const auto first = monitoring_.File(monitor_, Filed(cycle, mediators_, "in_progress", {50}, Key('1')));
  fixed_clock_.Advance(std::chrono::seconds(60));
  const auto second = monitoring_.File(monitor_, Filed(cycle, info_days_, "not_visible", {10}, Key('2')));
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE(monitoring_.Moderate(editor_, first->id, 1, "ask", "Снимка, моля.").ok());
  const auto desk = monitoring_.DeskOf(monitor_);
  ASSERT_EQ(desk.mine.size(), 2u);
  EXPECT_EQ(desk.mine[0].assessment.id, first->id) << "asked for evidence: first, though older";
  EXPECT_TRUE(desk.mine[0].may_add_evidence);
  EXPECT_TRUE(desk.waiting.empty()) << "a monitor moderates nothing";
  const auto editors = monitoring_.DeskOf(editor_);
  ASSERT_EQ(editors.waiting.size(), 1u);
  EXPECT_EQ(editors.waiting[0].second, 1) << "one submitted; the other is back with the monitor";
  EXPECT_TRUE(monitoring_.DeskOf(official_).mine.empty());
  const auto added = monitoring_.AddEvidence(monitor_, first->id, "", {}, {"https://lom.bg/news/7"}, "public");
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(monitoring_.DeskOf(editor_).waiting[0].second, 2);
}

TEST_F(MonitoringServiceTest, PhotosOfAFormNeverSentAgainAreLetGoAfterAWeek) {
  const Cycle cycle = Open();
  Filing abandoned = Filed(cycle, mediators_, "in_progress", {140}, Key('a'));
  abandoned.uploads.push_back({"photo", "IMG_0003.jpg", Photo()});
  ASSERT_FALSE(monitoring_.File(monitor_, abandoned).ok());
  ASSERT_EQ(CountRows("pending_uploads"), 1);
  ASSERT_EQ(CountRows("evidence_files"), 1);

  fixed_clock_.Advance(std::chrono::seconds(kKeptUploadsLifetime + 1));
  Filing later = Filed(cycle, info_days_, "not_visible", {150}, Key('b'));
  later.uploads.push_back({"document", "letter.pdf", "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"});
  ASSERT_FALSE(monitoring_.File(monitor_, later).ok());
  EXPECT_EQ(CountRows("pending_uploads"), 1) << "only the new form's file is kept";
  EXPECT_EQ(CountRows("evidence_files"), 1) << "the abandoned photo is gone";
  EXPECT_TRUE(monitoring_.KeptUploads(Key('a')).empty());
}

TEST_F(MonitoringServiceTest, AMeasureOfAnotherPlaceAndAnSvgAreRefusedBesideTheirFields) {
  const Cycle cycle = Open();
  policies::Document other;
  other.level = policies::Level::kMunicipal;
  other.title = "План на Благоевград";
  other.period_start = 2026;
  other.period_end = 2027;
  other.municipality_code = "BLG03";
  other.status = "adopted";
  policies::Item goal;
  goal.document_id = CreateDocument(other).id;
  goal.kind = "objective";
  goal.title = "Цел";
  policies::Item elsewhere;
  elsewhere.document_id = goal.document_id;
  elsewhere.parent_id = Add(goal);
  elsewhere.kind = "measure";
  elsewhere.title = "Другаде";
  Filing filing = Filed(cycle, Add(elsewhere), "completed", {50}, Key('s'));
  filing.uploads.push_back({"photo", "cat.jpg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>1</script></svg>"});
  const auto refused = monitoring_.File(monitor_, filing);
  ASSERT_FALSE(refused.ok());
  std::map<std::string, std::string> problems;
  for (const auto& problem : refused.error().error.problems) problems.emplace(problem.field, problem.value);
  EXPECT_TRUE(problems.contains("item"));
  EXPECT_EQ(problems.at("photos"), "cat.jpg") << "the refused file is named";
}

TEST_F(MonitoringServiceTest, APseudonymHidesTheMonitorFromThePublicButNotFromTheModerators) {
  const Cycle cycle = Open("pseudonymous");
  const std::int64_t id = FileAndVerify(cycle, mediators_, "in_progress", {60}, 'p');
  const auto seen_by_public = monitoring_.Read(core::Actor{}, id);
  ASSERT_TRUE(seen_by_public.ok());
  EXPECT_EQ(seen_by_public->filer, "Роза");
  EXPECT_FALSE(seen_by_public->assessment.filed_by.has_value());
  EXPECT_EQ(seen_by_public->assessment.filed_by_name, "");
  for (const Event& event : seen_by_public->events) EXPECT_EQ(event.actor, "") << event.action;
  const auto seen_by_editor = monitoring_.Read(editor_, id);
  ASSERT_TRUE(seen_by_editor.ok());
  EXPECT_EQ(seen_by_editor->assessment.filed_by_name, "roza");
}

TEST_F(MonitoringServiceTest, AnAnonymousAssessmentRecordsNobodyAnywhereAndItsReceiptStillLeadsBack) {
  const Cycle cycle = Open("anonymous");
  const auto filed = monitoring_.File(monitor_, Filed(cycle, mediators_, "delayed", {30}, Key('n')));
  ASSERT_TRUE(filed.ok());
  const auto row =
      database_->Acquire()->QueryOne("SELECT filed_by, filed_at FROM assessments WHERE id = $1", {filed->id});
  EXPECT_TRUE(row->IsNull(0));
  EXPECT_EQ(row->Int(1) % 86400, 0) << "dated to the day";
  EXPECT_EQ(database_->Acquire()
                ->QueryOne("SELECT COUNT(*) FROM assessment_events WHERE actor_id IS NOT NULL AND assessment_id = $1",
                           {filed->id})
                ->Int(0),
            0);
  EXPECT_EQ(database_->Acquire()
                ->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'assessment_filed' AND "
                           "(actor_user_id IS NOT NULL OR remote_address <> '' OR request_id <> '')")
                ->Int(0),
            0);
  const auto admin_view = monitoring_.Read(admin_, filed->id);
  ASSERT_TRUE(admin_view.ok());
  EXPECT_EQ(admin_view->filer, "");
  EXPECT_EQ(admin_view->assessment.filed_by_name, "");
  const auto receipt = monitoring_.ReadByReceipt(monitor_, Key('n'));
  ASSERT_TRUE(receipt.ok());
  EXPECT_EQ(receipt->assessment.id, filed->id);
}

TEST_F(MonitoringServiceTest, AskingForEvidenceSendsItBackToTheMonitorWhoseAdditionReturnsItToTheModerators) {
  const Cycle cycle = Open();
  const auto filed = monitoring_.File(monitor_, Filed(cycle, info_days_, "not_visible", {10}, Key('e')));
  ASSERT_TRUE(filed.ok());
  EXPECT_EQ(monitoring_.Moderate(editor_, filed->id, 1, "ask", "").error().problems.front().field, "reason");
  ASSERT_TRUE(monitoring_.Moderate(editor_, filed->id, 1, "ask", "Снимка от мястото, моля.").ok());
  const auto receipt = monitoring_.ReadByReceipt(monitor_, Key('e'));
  ASSERT_TRUE(receipt.ok());
  EXPECT_TRUE(receipt->may_add_evidence);
  EXPECT_EQ(receipt->assessment.state_reason, "Снимка от мястото, моля.");
  const auto added =
      monitoring_.AddEvidence(monitor_, filed->id, Key('e'), {{"photo", "place.jpg", Photo()}}, {}, "public");
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->assessment.state, "submitted");
  EXPECT_EQ(monitoring_.Moderate(monitor_, filed->id, 3, "verify", "").error().kind, core::ErrorKind::kForbidden);
  ASSERT_TRUE(monitoring_.Moderate(editor_, filed->id, 3, "verify", "").ok());
  const auto read = monitoring_.Read(core::Actor{}, filed->id);
  ASSERT_TRUE(read.ok());
  std::vector<std::string> steps;
  for (const Event& event : read->events) steps.push_back(event.action);
  EXPECT_EQ(steps, (std::vector<std::string>{"submitted", "evidence_requested", "evidence_added", "verified"}));
}

TEST_F(MonitoringServiceTest, OnlyTheVerifiedArePublicAndModeratorOnlyEvidenceStaysWithTheModerators) {
  const Cycle cycle = Open();
  Filing filing = Filed(cycle, mediators_, "in_progress", {60}, Key('v'));
  filing.uploads.push_back({"photo", "face.jpg", Photo()});
  filing.visibility = "moderators";
  const auto filed = monitoring_.File(monitor_, filing);
  ASSERT_TRUE(filed.ok());
  EXPECT_EQ(monitoring_.Read(core::Actor{}, filed->id).error().kind, core::ErrorKind::kNotFound);
  ASSERT_TRUE(monitoring_.Moderate(editor_, filed->id, 1, "verify", "").ok());
  const auto view = monitoring_.Read(core::Actor{}, filed->id);
  ASSERT_TRUE(view.ok());
  EXPECT_TRUE(view->assessment.evidence.empty());
  const std::string sha = monitoring_.Read(editor_, filed->id)->assessment.evidence.at(0).file_sha256;
  EXPECT_EQ(monitoring_.FileFor(core::Actor{}, sha, "").error().kind, core::ErrorKind::kNotFound);
  EXPECT_EQ(monitoring_.FileFor(official_, sha, "").error().kind, core::ErrorKind::kNotFound);
  EXPECT_TRUE(monitoring_.FileFor(editor_, sha, "").ok());
}

TEST_F(MonitoringServiceTest, TheOfficialOfTheMunicipalityAnswersAndAnOfficialOfAnotherIsRefused) {
  const Cycle cycle = Open();
  const std::int64_t id = FileAndVerify(cycle, mediators_, "in_progress", {60}, 'o');
  const auto refused = monitoring_.Reply(stranger_, id, "Не е наша работа.");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kForbidden);
  ASSERT_EQ(refused.error().arguments.size(), 1u);
  EXPECT_EQ(refused.error().arguments.front().value, "Лом");
  const auto answered = monitoring_.Reply(official_, id, "Вторият медиатор започва през януари.");
  ASSERT_TRUE(answered.ok());
  const auto seen = monitoring_.Read(core::Actor{}, id);
  ASSERT_EQ(seen->assessment.replies.size(), 1u);
  EXPECT_EQ(seen->assessment.replies.front().body, "Вторият медиатор започва през януари.");
  EXPECT_EQ(seen->assessment.replies.front().replied_by, "official");
}

TEST_F(MonitoringServiceTest, WorkDoneOnPaperThatTheCommunityDidNotSeeIsADiscrepancyUntilResolvedWithANote) {
  const Cycle cycle = Open();
  FileAndVerify(cycle, info_days_, "not_visible", {20, 10}, 'd');
  FileAndVerify(cycle, mediators_, "in_progress", {70, 70}, 'm');  // 80 official, 70 community: within 30
  auto discrepancies = monitoring_.Discrepancies("MON24");
  ASSERT_EQ(discrepancies.size(), 1u);
  EXPECT_EQ(discrepancies.front().item.id, info_days_);
  EXPECT_EQ(discrepancies.front().community.status, "not_visible");
  EXPECT_FALSE(discrepancies.front().resolution.has_value());
  EXPECT_EQ(monitoring_.Discrepancies("MON24", plan_).size(), 1u) << "listed for its plan";
  EXPECT_TRUE(monitoring_.Discrepancies("MON24", plan_ + 1000).empty()) << "and for no other";

  EXPECT_EQ(monitoring_.Resolve(stranger_, info_days_, cycle.id, "x").error().kind, core::ErrorKind::kForbidden);
  EXPECT_EQ(monitoring_.Resolve(official_, info_days_, cycle.id, " ").error().problems.front().field, "note");
  ASSERT_TRUE(monitoring_.Resolve(official_, info_days_, cycle.id, "Информационните дни са в читалището.").ok());
  discrepancies = monitoring_.Discrepancies("MON24");
  ASSERT_EQ(discrepancies.size(), 1u);
  ASSERT_TRUE(discrepancies.front().resolution.has_value());
  EXPECT_EQ(discrepancies.front().resolution->side, "authority");
  const auto views = monitoring_.ViewsOfItem(info_days_);
  ASSERT_EQ(views.size(), 1u);
  EXPECT_TRUE(views.front().differs);
}

TEST_F(MonitoringServiceTest, MeasuresPastTheirDeadlineAndNotCompletedAreOverdue) {
  const auto overdue = monitoring_.Overdue("MON24");
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue.front().id, course_) << "the completed activity is past its end too, but done";
}

TEST_F(MonitoringServiceTest, AClosingNeedsItsMeetingsDateAndEachActionItsOwnerAndKeepsTheCycleOpenUntilThen) {
  const Cycle cycle = Open();
  const auto refused =
      monitoring_.CloseCycle(editor_, cycle.id, {"", "", "", 0}, {{0, 0, "Нов конкурс", "", "", "open", "", 0}});
  ASSERT_FALSE(refused.ok());
  std::map<std::string, std::string> problems;
  for (const auto& problem : refused.error().problems) problems.emplace(problem.field, problem.message);
  EXPECT_TRUE(problems.contains("meeting_date"));
  EXPECT_EQ(problems.at("action_0_owner"), "Say who does it.");
  EXPECT_EQ(monitoring_.FindCycle(cycle.id)->status, "open");
  EXPECT_EQ(monitoring_.CloseCycle(official_, cycle.id, {"2026-12-04", "", "", 0}, {}).error().kind,
            core::ErrorKind::kForbidden);
}

TEST_F(MonitoringServiceTest, AClosedCycleFeedsItsScoresAndTheNextOneTheShareOfTheJointPlanDone) {
  const Cycle first = Open();
  FileAndVerify(first, mediators_, "in_progress", {60, 40}, 'f');
  FileAndVerify(first, info_days_, "not_visible", {20}, 'g');
  const auto closed =
      monitoring_.CloseCycle(editor_, first.id, {"04.12.2026", "Общината ще назначи втори медиатор.", "", 0},
                             {{0, 0, "Втори здравен медиатор", "Община Лом", "2027-03-31", "open", "", 0},
                              {0, 0, "Информационен ден в Младеново", "Бюро по труда", "", "open", "", 0}});
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_TRUE(closed->unfed.empty());
  EXPECT_EQ(monitoring_.FindCycle(first.id)->status, "closed");
  EXPECT_EQ(monitoring_.OutcomeOf(first.id)->meeting_date, "2026-12-04");
  const auto actions = monitoring_.ActionsOf(first.id);
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(monitoring_.File(monitor_, Filed(first, mediators_, "completed", {90}, Key('h'))).error().error.kind,
            core::ErrorKind::kConflict)
      << "a closed cycle takes no more assessments";

  const auto score =
      indicators_.Current({{indicators_.Find(std::string(kScorecardScore))->id}, {"MON24"}, {}, "", true});
  ASSERT_EQ(score.size(), 1u);
  EXPECT_DOUBLE_EQ(score.front().value, 40.0) << "(60 + 40 + 20) / 3";
  EXPECT_EQ(score.front().period, "2026");
  EXPECT_EQ(score.front().source_kind, "civic");

  EXPECT_EQ(monitoring_.UpdateAction(stranger_, actions[0].id, actions[0].version, "done", "").error().kind,
            core::ErrorKind::kForbidden);
  ASSERT_TRUE(
      monitoring_.UpdateAction(official_, actions[0].id, actions[0].version, "done", "Назначен от 1 март.").ok());
  Cycle second = Open();
  ASSERT_EQ(monitoring_.FollowUps(second).size(), 1u) << "the action not done is followed up";
  FileAndVerify(second, mediators_, "completed", {80}, 'i');
  ASSERT_TRUE(monitoring_.CloseCycle(editor_, second.id, {"2026-12-05", "", "", 0}, {}).ok());
  const auto closed_share =
      indicators_.Current({{indicators_.Find(std::string(kActionsClosed))->id}, {"MON24"}, {}, "", true});
  ASSERT_EQ(closed_share.size(), 1u);
  EXPECT_DOUBLE_EQ(closed_share.front().value, 50.0) << "one of the first cycle's two actions is done";
}

TEST_F(MonitoringServiceTest, AnActionSavedFromAFormOpenedBeforeSomeoneElseSavedItIsRefusedAndTheirsStays) {
  const Cycle cycle = Open();
  ASSERT_TRUE(monitoring_
                  .CloseCycle(editor_, cycle.id, {"2026-12-04", "", "", 0},
                              {{0, 0, "Втори здравен медиатор", "Община Лом", "2027-03-31", "open", "", 0}})
                  .ok());
  // The editor and the official both open the cycle's page, with the action at the same version.
  const Action opened = monitoring_.ActionsOf(cycle.id).at(0);
  const auto first = monitoring_.UpdateAction(official_, opened.id, opened.version, "in_progress", "Обявен конкурс.");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->version, opened.version + 1);

  const auto second = monitoring_.UpdateAction(editor_, opened.id, opened.version, "open", "Още нищо.");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind, core::ErrorKind::kConflict);
  const Action stored = *monitoring_.FindAction(opened.id);
  EXPECT_EQ(stored.status, "in_progress") << "the first save is not undone";
  EXPECT_EQ(stored.note, "Обявен конкурс.");
  EXPECT_EQ(stored.version, opened.version + 1);

  // Having seen it, the editor saves again from the version shown now.
  const auto again =
      monitoring_.UpdateAction(editor_, opened.id, stored.version, "in_progress", "Обявен конкурс; два кандидата.");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(monitoring_.FindAction(opened.id)->note, "Обявен конкурс; два кандидата.");
}

TEST_F(MonitoringServiceTest, AFollowerGetsOneDigestOfWhatWasVerifiedAndAnsweredAndNothingTwice) {
  const Cycle cycle = Open();
  EXPECT_EQ(monitoring_.Follow(official_, "item", "999999").error().kind, core::ErrorKind::kNotFound);
  ASSERT_TRUE(monitoring_.Follow(official_, "item", std::to_string(mediators_)).ok());
  ASSERT_TRUE(monitoring_.Follow(editor_, "municipality", "BLG03").ok());
  EXPECT_TRUE(monitoring_.IsFollowing(official_, "item", std::to_string(mediators_)));
  const auto waiting = monitoring_.File(monitor_, Filed(cycle, mediators_, "delayed", {30}, Key('w')));
  ASSERT_TRUE(waiting.ok());
  EXPECT_EQ(monitoring_.QueueDigests("https://khetane.example.org"), 0) << "nothing public happened yet";

  const std::int64_t id = FileAndVerify(cycle, mediators_, "in_progress", {60}, 'x');
  FileAndVerify(cycle, info_days_, "not_visible", {10}, 'y');  // not followed by the official
  EXPECT_EQ(monitoring_.QueueDigests("https://khetane.example.org"), 1) << "only the official follows what changed";
  const auto message =
      database_->Acquire()->QueryOne("SELECT recipient, subject, body_text FROM outbox ORDER BY id DESC LIMIT 1");
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(message->Text(0), "official@lom.bg");
  const std::string text = message->Text(2);
  EXPECT_NE(text.find("Двама здравни медиатори"), std::string::npos) << text;
  EXPECT_NE(text.find("https://khetane.example.org/monitoring/assessments/" + std::to_string(id)), std::string::npos);
  EXPECT_EQ(text.find("Информационни дни"), std::string::npos) << "what they do not follow stays out";
  EXPECT_EQ(monitoring_.QueueDigests("https://khetane.example.org"), 0) << "the same changes are not told twice";

  fixed_clock_.Advance(std::chrono::seconds(3600));
  ASSERT_TRUE(monitoring_.Reply(official_, id, "Отговор.").ok());
  fixed_clock_.Advance(std::chrono::seconds(3600));
  EXPECT_EQ(monitoring_.QueueDigests(""), 1) << "the answer is news";
  ASSERT_TRUE(monitoring_.Unfollow(official_, "item", std::to_string(mediators_)).ok());
  EXPECT_FALSE(monitoring_.IsFollowing(official_, "item", std::to_string(mediators_)));
}

TEST_F(MonitoringServiceTest, FieldSubmissionsAreFiledOnceAndAFileWithABadRowStoresNothing) {
  const Cycle cycle = Open();
  const auto table = [](std::vector<std::vector<std::string>> rows) {
    formats::Table made;
    for (std::size_t i = 0; i < rows.size(); ++i) made.rows.push_back({i + 1, std::move(rows[i])});
    return made;
  };
  const std::vector<std::string> header = {"item", "observed_status", "score_0", "pseudonym", "meta-instanceID"};
  const std::string mediators = std::to_string(mediators_);
  const std::string info_days = std::to_string(info_days_);

  const auto refused = monitoring_.ImportSubmissions(editor_, cycle.id,
                                                     table({header,
                                                            {mediators, "in_progress", "60", "Роза", "uuid:1"},
                                                            {info_days, "not_visible", "140", "Асен", "uuid:2"}}),
                                                     false);
  ASSERT_TRUE(refused.ok());
  ASSERT_EQ(refused->problems.size(), 1u);
  EXPECT_EQ(refused->problems[0].line, 3u);
  EXPECT_EQ(refused->problems[0].column, "score_0");
  EXPECT_EQ(refused->problems[0].instance_id, "uuid:2");
  EXPECT_EQ(CountRows("assessments"), 0) << "all or nothing";

  const auto good = table(
      {header, {mediators, "in_progress", "60", "Роза", "uuid:1"}, {info_days, "not_visible", "14", "Асен", "uuid:2"}});
  const auto checked = monitoring_.ImportSubmissions(editor_, cycle.id, good, true);
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(checked->filed, 2);
  EXPECT_EQ(CountRows("assessments"), 0) << "a dry run stores nothing";
  const auto filed = monitoring_.ImportSubmissions(editor_, cycle.id, good, false);
  ASSERT_TRUE(filed.ok());
  EXPECT_EQ(filed->filed, 2);
  EXPECT_EQ(CountRows("assessments"), 2);
  const auto again = monitoring_.ImportSubmissions(editor_, cycle.id, good, false);
  EXPECT_EQ(again->filed, 0);
  EXPECT_EQ(again->repeated, 2);
  EXPECT_EQ(CountRows("assessments"), 2) << "the same export imported twice files nothing twice";

  const auto changed = monitoring_.ImportSubmissions(
      editor_, cycle.id, table({header, {mediators, "completed", "90", "Роза", "uuid:1"}}), false);
  ASSERT_EQ(changed->problems.size(), 1u);
  EXPECT_EQ(changed->problems[0].column, "instanceID");
  EXPECT_EQ(monitoring_.ImportSubmissions(monitor_, cycle.id, good, false).error().kind, core::ErrorKind::kForbidden);
}

TEST_F(MonitoringServiceTest, TheXlsFormIsAWorkbookWhoseSurveyAsksTheCyclesCriteria) {
  const Cycle cycle = Open();
  const auto workbook = monitoring_.XlsFormOf(editor_, cycle.id);
  ASSERT_TRUE(workbook.ok()) << workbook.error().message;
  const auto survey = formats::ReadTable(*workbook);
  ASSERT_TRUE(survey.ok());
  bool asks_access = false;
  for (const auto& row : survey->rows) asks_access = asks_access || row.fields[3] == "Access: score from 0 to 100";
  EXPECT_TRUE(asks_access);
  EXPECT_EQ(monitoring_.XlsFormOf(monitor_, cycle.id).error().kind, core::ErrorKind::kForbidden);
}

}  // namespace
}  // namespace monitoring
