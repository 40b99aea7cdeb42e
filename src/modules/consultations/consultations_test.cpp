#include "modules/consultations/consultations.hpp"

#include <gtest/gtest.h>

namespace consultations {
namespace {

Consultation Period(std::string opens, std::string closes, std::string reason = "") {
  Consultation consultation;
  consultation.opens_on = std::move(opens);
  consultation.closes_on = std::move(closes);
  consultation.short_period_reason = std::move(reason);
  consultation.motives = "Мотиви";
  consultation.impact_assessment = "Оценка";
  return consultation;
}

std::vector<std::string> Fields(const std::vector<core::FieldProblem>& problems) {
  std::vector<std::string> fields;
  for (const core::FieldProblem& problem : problems) fields.push_back(problem.field);
  return fields;
}

TEST(ConsultationPeriod, ThirtyDaysNeedNoReasonAndFourteenNeedOne) {
  const std::string today = "2027-01-04";
  EXPECT_TRUE(ConsultationProblems(Period("2027-01-04", "2027-02-03"), today).empty()) << "30 days";
  const auto short_one = ConsultationProblems(Period("2027-01-04", "2027-01-18"), today);
  ASSERT_EQ(Fields(short_one), std::vector<std::string>{"short_period_reason"});
  EXPECT_EQ(short_one.front().message, message::kShortWithoutReason);
  EXPECT_TRUE(
      ConsultationProblems(Period("2027-01-04", "2027-01-18", "Срокът за кандидатстване по програмата"), today).empty())
      << "14 days with the exceptional reason";
  const auto too_short = ConsultationProblems(Period("2027-01-04", "2027-01-17", "Спешно"), today);
  ASSERT_EQ(Fields(too_short), std::vector<std::string>{"closes_on"});
  EXPECT_EQ(too_short.front().message, message::kTooShort) << "13 days are too few whatever the reason";
  EXPECT_EQ(ConsultationProblems(Period("2027-01-04", "2027-01-18", "   "), today).front().field, "short_period_reason")
      << "a reason of spaces is no reason";
}

TEST(ConsultationPeriod, CountsAcrossMonthsAndLeapYearsAndRefusesImpossibleDates) {
  EXPECT_EQ(DaysBetween("2028-02-01", "2028-03-02"), 30) << "February 2028 has 29 days";
  EXPECT_EQ(DaysBetween("2026-12-20", "2027-01-19"), 30);
  const auto problems = ConsultationProblems(Period("2027-02-30", "2027-13-01"), "2027-01-01");
  EXPECT_EQ(Fields(problems), (std::vector<std::string>{"opens_on", "closes_on"}));
  EXPECT_EQ(Fields(ConsultationProblems(Period("2027-03-01", "2027-02-01"), "2027-01-01")),
            std::vector<std::string>{"closes_on"});
  EXPECT_EQ(Fields(ConsultationProblems(Period("2026-12-01", "2027-01-15"), "2026-12-05")),
            std::vector<std::string>{"opens_on"})
      << "a consultation does not open in the past";
}

TEST(ConsultationPeriod, NeedsTheMotivesAndTheImpactAssessment) {
  Consultation consultation = Period("2027-01-04", "2027-02-03");
  consultation.motives = " \n ";
  consultation.impact_assessment.clear();
  EXPECT_EQ(Fields(ConsultationProblems(consultation, "2027-01-04")),
            (std::vector<std::string>{"motives", "impact_assessment"}));
}

TEST(ConsultationState, FollowsTheCalendarAndKnowsAReopening) {
  Consultation consultation = Period("2027-01-04", "2027-02-03");
  EXPECT_EQ(StateOn(consultation, "2027-01-03"), State::kPlanned);
  EXPECT_EQ(StateOn(consultation, "2027-01-04"), State::kActive);
  EXPECT_EQ(StateOn(consultation, "2027-02-03"), State::kActive) << "the last day still takes proposals";
  EXPECT_EQ(StateOn(consultation, "2027-02-04"), State::kCompleted);
  EXPECT_FALSE(TakesInput(consultation, "2027-02-04"));
  consultation.reopened_on = "2027-02-10";
  consultation.closes_on = "2027-02-24";
  EXPECT_EQ(StateOn(consultation, "2027-02-10"), State::kReopened);
  EXPECT_EQ(OpenConsultStatus(State::kReopened), "Re-opened");
  EXPECT_TRUE(TakesInput(consultation, "2027-02-10"));
}

TEST(ConsultationComment, RefusesEmptyOverlongAndScriptedText) {
  EXPECT_TRUE(CommentProblems("Съгласни сме, но с по-ясен срок.").empty());
  EXPECT_EQ(CommentProblems("   ").front().message, message::kWriteComment);
  EXPECT_EQ(CommentProblems(std::string(100'000, 'a')).front().message, message::kTooLongComment);
  std::string cyrillic;
  for (int i = 0; i < 2'500; ++i) cyrillic += "я";
  EXPECT_TRUE(CommentProblems(cyrillic).empty()) << "5,000 bytes of Cyrillic are 2,500 characters";
  EXPECT_EQ(CommentProblems("Вижте <SCRIPT>alert(1)</script>").front().message, message::kScript);
  EXPECT_EQ(CommentProblems("[линк](JavaScript:alert(1))").front().message, message::kScript);
  EXPECT_EQ(CommentProblems("\xff\xfe").front().message, message::kNotUtf8);
  EXPECT_TRUE(CommentProblems("Цената е < 5 000 лв. и > 1 000 лв.").empty()) << "a < in a sentence is not markup";
}

TEST(ConsultationProposal, NamesWhatItIsAboutWhenItsKindNeedsIt) {
  Proposal proposal;
  proposal.title = "Клуб за родители";
  proposal.body = "Веднъж месечно.";
  proposal.kind = "new_activity";
  EXPECT_EQ(Fields(ProposalProblems(proposal)), std::vector<std::string>{"item"});
  proposal.kind = "deletion";
  EXPECT_EQ(Fields(ProposalProblems(proposal)), std::vector<std::string>{"item"});
  proposal.kind = "new_measure";
  EXPECT_TRUE(ProposalProblems(proposal).empty()) << "a new measure may come without an objective";
  proposal.kind = "rewrite";
  proposal.title = "";
  EXPECT_EQ(Fields(ProposalProblems(proposal)), (std::vector<std::string>{"kind", "title"}));
}

TEST(ConsultationAnswer, AsksForReasonsUnlessAcceptedInFull) {
  EXPECT_TRUE(AnswerProblems("accepted", "").empty());
  EXPECT_EQ(Fields(AnswerProblems("partly_accepted", "")), std::vector<std::string>{"answer_reason"});
  EXPECT_EQ(Fields(AnswerProblems("rejected", " ")), std::vector<std::string>{"answer_reason"});
  EXPECT_TRUE(AnswerProblems("rejected", "Няма средства в бюджета за 2027 г.").empty());
  EXPECT_EQ(Fields(AnswerProblems("maybe", "")), std::vector<std::string>{"answer"});
}

TEST(ConsultationStatement, CountsThePublicsProposalsWithPublishedAnswers) {
  const auto proposal = [](std::string answer, bool published, bool by_authority = false, bool hidden = false) {
    Proposal each;
    each.answer = std::move(answer);
    if (published) each.answer_published_at = 1;
    each.by_authority = by_authority;
    if (hidden) each.hidden_at = 1;
    return each;
  };
  const ReportFigures figures = FiguresOf({proposal("accepted", true), proposal("partly_accepted", true),
                                           proposal("rejected", true), proposal("accepted", false), proposal("", false),
                                           proposal("accepted", true, true), proposal("", false, false, true)});
  EXPECT_EQ(figures.received, 5) << "the authority's own and hidden ones are not received";
  EXPECT_EQ(figures.accepted, 1) << "a prepared answer is not yet an answer";
  EXPECT_EQ(figures.partly_accepted, 1);
  EXPECT_EQ(figures.rejected, 1);
  EXPECT_EQ(figures.unanswered, 2);
  ASSERT_TRUE(figures.accepted_share());
  EXPECT_NEAR(*figures.accepted_share(), 100.0 / 3, 1e-9);
  EXPECT_FALSE(FiguresOf({}).accepted_share()) << "no answer, no share: never 0%";
}

}  // namespace
}  // namespace consultations
