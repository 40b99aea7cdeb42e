#include "modules/consultations/consultations_service.hpp"

#include <gtest/gtest.h>

#include "db/migrator.hpp"
#include "modules/accounts/organisation_store.hpp"
#include "modules/indicators/indicators_store.hpp"
#include "support/policies_fixture.hpp"

namespace consultations {
namespace {

using core::Role;
using core::ScopeKind;

// Consultations on the policies' fixture: a draft plan of Лом with an objective and a measure, an initiative group
// with a member, a second community member, an official of Лом, a CSO editor of Лом and an official of Благоевград;
// the clock at 5 December 2026.
class ConsultationsServiceTest : public test_support::PoliciesFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PoliciesFixture::SetUp());
    db::Migrate(*database_, {{"places", "src/modules/places/migrations"},
                             {"accounts", "src/modules/accounts/migrations"},
                             {"policies", "src/modules/policies/migrations"},
                             {"indicators", "src/modules/indicators/migrations"},
                             {"consultations", "src/modules/consultations/migrations"}});
    ASSERT_TRUE(consultations_.EnsureIndicator());
    EXPECT_FALSE(consultations_.EnsureIndicator()) << "made once";
    const auto group = organisations_.Create(admin_, {"Инициативна група „Младеново“", "initiative_group", "MON24"});
    ASSERT_TRUE(group.ok()) << group.error().message;
    group_ = group->id;
    rosa_ = Person("rosa@mladenovo.bg", "Роза", {Role::kCommunityMonitor, {ScopeKind::kMunicipality, "MON24"}});
    asen_ = Person("asen@example.bg", "Асен", {Role::kCommunityMonitor, {ScopeKind::kMunicipality, "MON24"}});
    ASSERT_TRUE(organisations_.AddMember(admin_, group_, "rosa@mladenovo.bg").ok());
    official_ = Person("official@lom.bg", "Служител", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "MON24"}});
    cso_editor_ = Person("editor@lom.bg", "Редактор", {Role::kCsoEditor, {ScopeKind::kMunicipality, "MON24"}});
    stranger_ = Person("official@blg.bg", "Другаде", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "BLG03"}});

    policies::Document draft;
    draft.level = policies::Level::kMunicipal;
    draft.title = "План на Лом 2027–2030, проект";
    draft.period_start = 2027;
    draft.period_end = 2030;
    draft.municipality_code = "MON24";
    draft.status = "draft";
    draft_ = CreateDocument(draft).id;
    policies::Item objective;
    objective.document_id = draft_;
    objective.kind = "objective";
    objective.code = "1";
    objective.title = "Образование";
    objective_ = Add(objective);
    policies::Item measure;
    measure.document_id = draft_;
    measure.parent_id = objective_;
    measure.kind = "measure";
    measure.code = "1.1";
    measure.title = "Образователни медиатори";
    measure_ = Add(measure);
  }

  std::int64_t Add(policies::Item item) {
    const auto created = service_.CreateItem(admin_, item);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created->id : 0;
  }

  Consultation Draft(int days = 30) const {
    Consultation consultation;
    consultation.document_id = draft_;
    consultation.opens_on = "2026-12-05";
    consultation.closes_on = IsoOf(*DayOf("2026-12-05") + std::chrono::days(days));
    consultation.motives = "## Защо\n\nЗа да учат всички деца. <script>alert(1)</script>";
    consultation.impact_assessment = "| Кой | Ефект |\n|---|---|\n| деца | повече записани |";
    return consultation;
  }

  Consultation OpenOne() {
    const auto opened = consultations_.Open(official_, Draft());
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
    return opened.ok() ? *opened : Consultation{};
  }

  Proposal Proposed(const std::string& kind, std::optional<std::int64_t> item, const std::string& title) {
    Proposal proposal;
    proposal.kind = kind;
    proposal.item_id = item;
    proposal.title = title;
    proposal.body = "Защото така децата ще ходят на училище.";
    return proposal;
  }

  void PassTheLastDay(const Consultation& consultation) {
    fixed_clock_.Advance(std::chrono::days(DaysBetween("2026-12-05", consultation.closes_on) + 1));
  }

  core::FixedClock fixed_clock_{1'796'472'000};  // 2026-12-05 12:00 UTC
  accounts::OrganisationStore organisation_store_{*database_};
  accounts::OrganisationService organisations_{organisation_store_, accounts_, audit_, fixed_clock_, *database_};
  indicators::IndicatorsStore indicator_store_{*database_};
  indicators::IndicatorsService indicators_{indicator_store_, places_, service_, audit_, fixed_clock_, 5};
  ConsultationsStore store_c_{*database_};
  ConsultationsService consultations_{store_c_, service_, places_, organisations_, indicators_, audit_, fixed_clock_};
  std::int64_t group_ = 0, draft_ = 0, objective_ = 0, measure_ = 0;
  core::SignedIn rosa_{0, "", {}, {}}, asen_{0, "", {}, {}}, official_{0, "", {}, {}}, cso_editor_{0, "", {}, {}},
      stranger_{0, "", {}, {}};
};

TEST_F(ConsultationsServiceTest, OpeningPutsTheDraftInConsultationWithItsMotivesRenderedSafely) {
  const Consultation consultation = OpenOne();
  ASSERT_GT(consultation.id, 0);
  EXPECT_EQ(service_.FindDocument(draft_)->status, "in_consultation");
  EXPECT_NE(consultation.motives_html.find("<h2>Защо</h2>"), std::string::npos);
  EXPECT_EQ(consultation.motives_html.find("<script"), std::string::npos) << consultation.motives_html;
  EXPECT_NE(consultation.impact_assessment_html.find("<table>"), std::string::npos);
  const auto again = consultations_.Open(official_, Draft());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, core::ErrorKind::kConflict) << "one consultation at a time on a draft";
}

TEST_F(ConsultationsServiceTest, OnlyTheAuthorityOpensAndAShortPeriodNeedsItsReason) {
  EXPECT_EQ(consultations_.Open(stranger_, Draft()).error().kind, core::ErrorKind::kForbidden);
  EXPECT_EQ(consultations_.Open(cso_editor_, Draft()).error().kind, core::ErrorKind::kForbidden)
      << "a CSO editor helps write the plan but does not speak for the municipality";
  const auto short_one = consultations_.Open(official_, Draft(20));
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().problems.front().field, "short_period_reason");
  EXPECT_EQ(service_.FindDocument(draft_)->status, "draft") << "a refused opening leaves the draft as it was";
  Consultation with_reason = Draft(20);
  with_reason.short_period_reason = "Срокът за кандидатстване по програмата изтича през януари.";
  EXPECT_TRUE(consultations_.Open(official_, with_reason).ok());
}

TEST_F(ConsultationsServiceTest, CommentsGoWhereTheyBelongAndRepliesJoinTheirThread) {
  const Consultation consultation = OpenOne();
  const auto on_measure =
      consultations_.AddComment(rosa_, consultation.id, {measure_, {}, {}, group_, "Нужни са шест."});
  ASSERT_TRUE(on_measure.ok()) << on_measure.error().message;
  EXPECT_EQ(on_measure->organisation_name, "Инициативна група „Младеново“");
  EXPECT_EQ(on_measure->author_name, "Роза");
  const auto reply = consultations_.AddComment(asen_, consultation.id, {{}, {}, on_measure->id, {}, "Съгласен."});
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->item_id, measure_) << "a reply is on what the comment it answers is on";
  const auto not_member = consultations_.AddComment(asen_, consultation.id, {{}, {}, {}, group_, "От групата."});
  ASSERT_FALSE(not_member.ok());
  EXPECT_EQ(not_member.error().problems.front().field, "organisation");
  const auto elsewhere = consultations_.AddComment(asen_, consultation.id, {999999, {}, {}, {}, "Тук?"});
  EXPECT_EQ(elsewhere.error().problems.front().field, "item");
}

TEST_F(ConsultationsServiceTest, NothingIsTakenAfterTheLastDayAndTheMessageSaysWhen) {
  const Consultation consultation = OpenOne();
  PassTheLastDay(consultation);
  const auto late = consultations_.AddComment(rosa_, consultation.id, {{}, {}, {}, {}, "Късно."});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().kind, core::ErrorKind::kConflict);
  EXPECT_EQ(late.error().arguments.front().value, consultation.closes_on);
  EXPECT_EQ(consultations_.Propose(rosa_, consultation.id, Proposed("new_measure", objective_, "Късно")).error().kind,
            core::ErrorKind::kConflict);
  EXPECT_EQ(CountRows("consultation_comments"), 0);
}

TEST_F(ConsultationsServiceTest, ProposalsAreNumberedAndSupportedByOthers) {
  const Consultation consultation = OpenOne();
  Proposal proposal = Proposed("new_activity", measure_, "Клуб за родители");
  proposal.organisation_id = group_;
  const auto first = consultations_.Propose(rosa_, consultation.id, proposal);
  ASSERT_TRUE(first.ok()) << first.error().message;
  const auto second = consultations_.Propose(asen_, consultation.id, Proposed("deletion", measure_, "Без медиатори"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->number, 1);
  EXPECT_EQ(second->number, 2);
  EXPECT_EQ(consultations_.Propose(asen_, consultation.id, Proposed("new_activity", objective_, "Под целта"))
                .error()
                .problems.front()
                .message,
            message::kChooseMeasure)
      << "an activity goes under a measure";
  EXPECT_FALSE(consultations_.Support(rosa_, first->id, true).ok()) << "one's own proposal";
  EXPECT_TRUE(*consultations_.Support(asen_, first->id, true));
  EXPECT_FALSE(*consultations_.Support(asen_, first->id, true)) << "supported once";
  EXPECT_EQ(consultations_.FindProposal(first->id)->supports, 1);
  EXPECT_EQ(consultations_
                .Propose(asen_, consultation.id,
                         [&] {
                           Proposal own = Proposed("new_measure", objective_, "От името на общината");
                           own.by_authority = true;
                           return own;
                         }())
                .error()
                .kind,
            core::ErrorKind::kForbidden)
      << "only the authority publishes its own proposals";
}

TEST_F(ConsultationsServiceTest, AnAcceptedProposalBecomesAMeasureLinkedBothWaysOnceTheAnswerIsPublished) {
  const Consultation consultation = OpenOne();
  const auto proposal =
      consultations_.Propose(rosa_, consultation.id, Proposed("new_measure", objective_, "Стипендии за гимназисти"));
  ASSERT_TRUE(proposal.ok());
  EXPECT_EQ(consultations_.Answer(stranger_, proposal->id, {"accepted", "", 0, Outcome::kCreateItem, {}}).error().kind,
            core::ErrorKind::kForbidden);
  const auto answered =
      consultations_.Answer(official_, proposal->id, {"accepted", "", proposal->version, Outcome::kCreateItem, {}});
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  ASSERT_TRUE(answered->became_item_id);
  const auto item = service_.FindItem(*answered->became_item_id);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->title, "Стипендии за гимназисти");
  EXPECT_EQ(item->kind, "measure");
  EXPECT_EQ(item->parent_id, objective_);
  EXPECT_TRUE(consultations_.OriginsOf(item->id).empty()) << "a prepared answer is not public";
  const auto public_view = consultations_.Read(core::Actor{}, consultation.id);
  EXPECT_TRUE(public_view->proposals.front().answer.empty()) << "nor is it shown to visitors";

  ASSERT_EQ(*consultations_.PublishAnswers(official_, consultation.id), 1);
  const auto origins = consultations_.OriginsOf(item->id);
  ASSERT_EQ(origins.size(), 1u);
  EXPECT_EQ(origins.front().number, 1);
  EXPECT_EQ(origins.front().author_name, "Роза");
  const auto changed = consultations_.Answer(official_, proposal->id, {"rejected", "Не.", 0, Outcome::kNone, {}});
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().kind, core::ErrorKind::kConflict) << "a published answer stays";
}

TEST_F(ConsultationsServiceTest, TheStatementWaitsForTheEndAndEveryAnswerThenFeedsTheIndicator) {
  const Consultation consultation = OpenOne();
  const auto accepted = consultations_.Propose(rosa_, consultation.id, Proposed("new_measure", objective_, "Едно"));
  const auto partly = consultations_.Propose(asen_, consultation.id, Proposed("change", measure_, "Две"));
  const auto rejected = consultations_.Propose(asen_, consultation.id, Proposed("deletion", measure_, "Три"));
  ASSERT_TRUE(accepted.ok() && partly.ok() && rejected.ok());
  ASSERT_TRUE(consultations_.Answer(official_, accepted->id, {"accepted", "", 0, Outcome::kNone, {}}).ok());
  const auto no_reason = consultations_.Answer(official_, partly->id, {"partly_accepted", "", 0, Outcome::kNone, {}});
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().problems.front().field, "answer_reason");
  ASSERT_TRUE(consultations_
                  .Answer(official_, partly->id,
                          {"partly_accepted", "Езикът ще е предимство, не условие.", 0, Outcome::kLinkItem, measure_})
                  .ok());
  EXPECT_EQ(consultations_.PublishStatement(official_, consultation.id).error().kind, core::ErrorKind::kConflict)
      << "not before the consultation closes";
  PassTheLastDay(consultation);
  ASSERT_TRUE(consultations_.PublishAnswers(official_, consultation.id).ok());
  const auto waiting = consultations_.PublishStatement(official_, consultation.id);
  ASSERT_FALSE(waiting.ok()) << "one proposal has no answer";
  EXPECT_EQ(waiting.error().arguments.front().value, "1");
  ASSERT_TRUE(
      consultations_.Answer(official_, rejected->id, {"rejected", "Медиаторите остават.", 0, Outcome::kNone, {}}).ok());
  ASSERT_TRUE(consultations_.PublishAnswers(official_, consultation.id).ok());
  const auto statement = consultations_.PublishStatement(official_, consultation.id);
  ASSERT_TRUE(statement.ok()) << statement.error().message;
  EXPECT_EQ(statement->figures.accepted, 1);
  EXPECT_EQ(statement->figures.partly_accepted, 1);
  EXPECT_EQ(statement->figures.rejected, 1);
  EXPECT_FALSE(statement->unfed) << statement->unfed->message;
  const auto values = indicators_.Current({});
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values.front().place, "MON24");
  EXPECT_EQ(values.front().period, "2027");
  EXPECT_NEAR(values.front().value, 33.3, 1e-9);
  EXPECT_EQ(consultations_.PublishStatement(official_, consultation.id).error().kind, core::ErrorKind::kConflict)
      << "published once";
  EXPECT_EQ(consultations_.Reopen(official_, consultation.id, 0, "2027-03-01", "Още").error().kind,
            core::ErrorKind::kConflict);
}

TEST_F(ConsultationsServiceTest, AModeratorHidesWithAReasonThatStaysVisible) {
  const Consultation consultation = OpenOne();
  const auto comment = consultations_.AddComment(asen_, consultation.id, {{}, {}, {}, {}, "Обидни думи"});
  ASSERT_TRUE(comment.ok());
  EXPECT_EQ(consultations_.HideComment(rosa_, comment->id, "Обида").error().kind, core::ErrorKind::kForbidden);
  EXPECT_EQ(consultations_.HideComment(official_, comment->id, " ").error().problems.front().field, "reason");
  ASSERT_TRUE(consultations_.HideComment(official_, comment->id, "Обижда участник").ok());
  const auto view = consultations_.Read(core::Actor{}, consultation.id);
  ASSERT_EQ(view->comments.size(), 1u);
  EXPECT_TRUE(view->comments.front().body.empty()) << "the text is withheld";
  EXPECT_EQ(view->comments.front().hidden_reason, "Обижда участник") << "the reason is not";
}

TEST_F(ConsultationsServiceTest, ASecondModeratorHidingWhatIsHiddenAlreadyIsToldAndTheFirstReasonStays) {
  const Consultation consultation = OpenOne();
  const auto comment = consultations_.AddComment(asen_, consultation.id, {{}, {}, {}, {}, "Обидни думи"});
  ASSERT_TRUE(comment.ok());
  const auto proposal = consultations_.Propose(rosa_, consultation.id, Proposed("new_activity", measure_, "Реклама"));
  ASSERT_TRUE(proposal.ok()) << proposal.error().message;
  // Two officials of Лом open the page with the comment and the proposal shown; the first hides each.
  const core::SignedIn colleague =
      Person("colleague@lom.bg", "Колега", {Role::kMunicipalOfficial, {ScopeKind::kMunicipality, "MON24"}});
  ASSERT_TRUE(consultations_.HideComment(official_, comment->id, "Обижда участник").ok());
  ASSERT_TRUE(consultations_.HideProposal(official_, proposal->id, "Реклама на фирма").ok());

  const auto again = consultations_.HideComment(colleague, comment->id, "Спам");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, core::ErrorKind::kConflict);
  EXPECT_EQ(again.error().message, "Another moderator hid this comment already, on {date}: {reason}");
  EXPECT_EQ(core::FillArguments(again.error().message, again.error().arguments,
                                [](const core::MessageArgument& argument) { return argument.value; }),
            "Another moderator hid this comment already, on 2026-12-05: Обижда участник")
      << "the second moderator reads the first one's reason";
  EXPECT_EQ(consultations_.FindComment(comment->id)->hidden_reason, "Обижда участник") << "and it stays";
  // Two hiding at the same moment both pass the service's check; the write itself lets only the first through.
  EXPECT_FALSE(store_c_.HideComment(comment->id, colleague.user_id(), "Спам", fixed_clock_.Now()));
  EXPECT_FALSE(store_c_.HideProposal(proposal->id, colleague.user_id(), "Спам", fixed_clock_.Now()));
  EXPECT_EQ(consultations_.FindComment(comment->id)->hidden_reason, "Обижда участник");

  const auto proposal_again = consultations_.HideProposal(colleague, proposal->id, "Спам");
  ASSERT_FALSE(proposal_again.ok());
  EXPECT_EQ(proposal_again.error().kind, core::ErrorKind::kConflict);
  EXPECT_EQ(consultations_.FindProposal(proposal->id)->hidden_reason, "Реклама на фирма");
}

TEST_F(ConsultationsServiceTest, ReopeningAfterTheEndNeedsAReasonAndALaterDay) {
  const Consultation consultation = OpenOne();
  PassTheLastDay(consultation);
  const auto no_reason = consultations_.Reopen(official_, consultation.id, consultation.version, "2027-02-15", "");
  EXPECT_EQ(no_reason.error().problems.front().field, "short_period_reason");
  const auto earlier = consultations_.Reopen(official_, consultation.id, consultation.version, "2027-01-01", "Още");
  EXPECT_EQ(earlier.error().problems.front().field, "closes_on");
  const auto reopened =
      consultations_.Reopen(official_, consultation.id, consultation.version, "2027-02-15", "Малко предложения");
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_EQ(StateOn(*reopened, consultations_.Today()), State::kReopened);
  EXPECT_TRUE(consultations_.AddComment(rosa_, consultation.id, {{}, {}, {}, {}, "Сега да."}).ok());
}

}  // namespace
}  // namespace consultations
