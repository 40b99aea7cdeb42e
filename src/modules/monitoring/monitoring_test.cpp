#include "modules/monitoring/monitoring.hpp"

#include <gtest/gtest.h>

#include <map>

namespace monitoring {
namespace {

std::map<std::string, std::string> ByField(const std::vector<core::FieldProblem>& problems) {
  std::map<std::string, std::string> fields;
  for (const core::FieldProblem& problem : problems) fields.emplace(problem.field, problem.message);
  return fields;
}

Cycle ScorecardCycle(std::string identity_rule = "named") {
  Cycle cycle;
  cycle.id = 1;
  cycle.title = "Лом, 2027";
  cycle.municipality_code = "MON24";
  cycle.period_start = "2027-01-01";
  cycle.period_end = "2027-06-30";
  cycle.identity_rule = std::move(identity_rule);
  cycle.organisation_id = 3;
  cycle.criteria = ScorecardPreset();
  return cycle;
}

Assessment Filed(std::vector<Score> scores) {
  Assessment assessment;
  assessment.cycle_id = 1;
  assessment.item_id = 7;
  assessment.observed_status = "in_progress";
  assessment.scores = std::move(scores);
  return assessment;
}

TEST(Cycle, ACompleteCycleHasNoProblemAndEachMissingPartIsNamedByItsField) {
  EXPECT_TRUE(CycleProblems(ScorecardCycle()).empty());
  Cycle empty;
  empty.method = "survey";
  empty.identity_rule = "secret";
  const auto problems = ByField(CycleProblems(empty));
  for (const char* field :
       {"title", "municipality", "period_start", "period_end", "method", "identity_rule", "organisation", "criteria"}) {
    EXPECT_TRUE(problems.contains(field)) << field;
  }
}

TEST(Cycle, ACycleThatEndsBeforeItStartsOrHasElevenCriteriaIsRefused) {
  Cycle backwards = ScorecardCycle();
  backwards.period_end = "2026-12-31";
  EXPECT_EQ(ByField(CycleProblems(backwards)).at("period_end"), "The cycle cannot end before it starts.");
  Cycle crowded = ScorecardCycle();
  crowded.criteria.assign(11, {"Достъпност", ""});
  EXPECT_EQ(ByField(CycleProblems(crowded)).at("criteria"), "A cycle has at most ten criteria.");
}

TEST(Assessment, AScoreOf140AndACriterionTheCycleDoesNotHaveAreRefusedBesideTheirFields) {
  const auto problems =
      ByField(AssessmentProblems(Filed({{0, 140, "", ""}, {1, 80, "", ""}, {9, 50, "", ""}}), ScorecardCycle(), {}));
  EXPECT_EQ(problems.at("score_0"), "A score is a whole number from 0 to 100.");
  EXPECT_FALSE(problems.contains("score_1"));
  EXPECT_EQ(problems.at("score_9"), "The cycle has no such criterion.");
}

TEST(Assessment, NeitherAScoreNorANarrativeIsRefusedButEitherIsEnough) {
  EXPECT_TRUE(ByField(AssessmentProblems(Filed({}), ScorecardCycle(), {})).contains("narrative"));
  EXPECT_TRUE(AssessmentProblems(Filed({{2, 0, "", ""}}), ScorecardCycle(), {}).empty()) << "0 is a score";
  Assessment told = Filed({});
  told.narrative = "Нищо не е направено.";
  EXPECT_TRUE(AssessmentProblems(told, ScorecardCycle(), {}).empty());
}

TEST(Assessment, APseudonymousCycleAsksForAPseudonymAndOthersDoNot) {
  const Assessment assessment = Filed({{0, 50, "", ""}});
  EXPECT_TRUE(ByField(AssessmentProblems(assessment, ScorecardCycle("pseudonymous"), {})).contains("pseudonym"));
  EXPECT_TRUE(AssessmentProblems(assessment, ScorecardCycle("anonymous"), {}).empty());
}

TEST(Assessment, OnlyWebLinksAreEvidence) {
  EXPECT_TRUE(LinkProblems({"https://lom.bg/news/1", "http://example.org/a?b=c"}).empty());
  for (const char* link : {"javascript:alert(1)", "file:///etc/passwd", "https://a.bg/<script>", "lom.bg"}) {
    EXPECT_EQ(LinkProblems({link}).size(), 1u) << link;
  }
  EXPECT_FALSE(LinkProblems(std::vector<std::string>(9, "https://lom.bg")).empty());
}

TEST(Assessment, TheMeanScoreIsRoundedAndLeavesOutCriteriaNotScored) {
  EXPECT_EQ(MeanScore({{0, 50, "", ""}, {1, 55, "", ""}, {2, std::nullopt, "", ""}}), 53);
  EXPECT_EQ(MeanScore({{0, std::nullopt, "", ""}}), std::nullopt);
}

TEST(Discrepancy, TheOfficialProgressAheadOfTheCommunitysScoreByMoreThanTheThresholdDiffers) {
  const CommunityView found{3, "in_progress", 40};
  EXPECT_TRUE(Differs({"in_progress", 75}, found, 30));
  EXPECT_FALSE(Differs({"in_progress", 70}, found, 30)) << "30 points is the threshold itself";
  EXPECT_FALSE(Differs({"in_progress", 20}, found, 30)) << "a community more positive than the official story";
  EXPECT_FALSE(Differs({"in_progress", 75}, {0, "", std::nullopt}, 30)) << "no verified assessment, no view";
}

TEST(Discrepancy, WorkDoneOnPaperThatNobodySawOnTheGroundDiffersWhateverTheScores) {
  EXPECT_TRUE(Differs({"completed", std::nullopt}, {2, "not_visible", 90}, 30));
  EXPECT_TRUE(Differs({"in_progress", 10}, {1, "not_visible", std::nullopt}, 50));
  EXPECT_FALSE(Differs({"planned", std::nullopt}, {1, "not_visible", std::nullopt}, 30));
}

TEST(Discrepancy, WithoutScoresOrReportedProgressTheStatusesAreCompared) {
  EXPECT_TRUE(Differs({"completed", std::nullopt}, {2, "not_started", std::nullopt}, 30));
  EXPECT_FALSE(Differs({"completed", std::nullopt}, {2, "completed", std::nullopt}, 30));
  EXPECT_FALSE(Differs({"", std::nullopt}, {2, "not_started", std::nullopt}, 30)) << "nothing reported to compare";
}

TEST(Overdue, PastItsDeadlineOrItsEndAndNotCompletedOrCancelled) {
  EXPECT_TRUE(IsOverdue("2026-11-30", "2027-12-31", "in_progress", "2026-12-05"));
  EXPECT_TRUE(IsOverdue("", "2026-06-30", "", "2026-12-05")) << "the end when there is no deadline";
  EXPECT_FALSE(IsOverdue("2026-12-05", "", "planned", "2026-12-05")) << "due today is not yet overdue";
  EXPECT_FALSE(IsOverdue("2026-01-31", "", "completed", "2026-12-05"));
  EXPECT_FALSE(IsOverdue("2026-01-31", "", "cancelled", "2026-12-05"));
  EXPECT_FALSE(IsOverdue("", "", "planned", "2026-12-05"));
}

TEST(Idempotency, TheSameContentHasTheSameDigestAndAnyChangeAnother) {
  const Assessment assessment = Filed({{0, 50, "Далеч е.", ""}});
  const std::string digest = ContentDigest(assessment, {"https://lom.bg"}, {"abc"});
  EXPECT_EQ(ContentDigest(assessment, {"https://lom.bg"}, {"abc"}), digest);
  Assessment changed = assessment;
  changed.scores[0].score = 51;
  EXPECT_NE(ContentDigest(changed, {"https://lom.bg"}, {"abc"}), digest);
  EXPECT_NE(ContentDigest(assessment, {"https://lom.bg"}, {}), digest) << "a photo more";
  EXPECT_NE(ContentDigest(assessment, {}, {"abc"}), digest) << "a link less";
  Assessment moved = assessment;
  moved.scores[0].reason = "";
  moved.scores[0].suggestion = "Далеч е.";
  EXPECT_NE(ContentDigest(moved, {"https://lom.bg"}, {"abc"}), digest) << "the same words in another field";
}

}  // namespace
}  // namespace monitoring
