#include "modules/advocacy/advocacy_service.hpp"

#include <gtest/gtest.h>

#include "db/migrator.hpp"
#include "modules/accounts/organisation_store.hpp"
#include "support/policies_fixture.hpp"

namespace advocacy {
namespace {

using core::Role;
using core::ScopeKind;

// Advocacy on the policies' fixture: an association of Лом with a CSO editor of Лом as member, an editor of
// Благоевград in another association, a plan of each municipality with a measure; the clock at 5 December 2026.
class AdvocacyServiceTest : public test_support::PoliciesFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PoliciesFixture::SetUp());
    db::Migrate(*database_, {{"places", "src/modules/places/migrations"},
                             {"accounts", "src/modules/accounts/migrations"},
                             {"policies", "src/modules/policies/migrations"},
                             {"advocacy", "src/modules/advocacy/migrations"}});
    keeper_ = organisations_.Create(admin_, {"Сдружение „Заедно“", "cso", "MON24"})->id;
    other_keeper_ = organisations_.Create(admin_, {"Сдружение в Благоевград", "cso", "BLG03"})->id;
    editor_ = Person("editor@zaedno.bg", {Role::kCsoEditor, {ScopeKind::kMunicipality, "MON24"}});
    ASSERT_TRUE(organisations_.AddMember(admin_, keeper_, "editor@zaedno.bg").ok());
    stranger_ = Person("editor@blg.bg", {Role::kCsoEditor, {ScopeKind::kMunicipality, "BLG03"}});
    ASSERT_TRUE(organisations_.AddMember(admin_, other_keeper_, "editor@blg.bg").ok());
    lom_measure_ = MeasureOf("MON24");
    blg_measure_ = MeasureOf("BLG03");
  }

  std::int64_t MeasureOf(const std::string& municipality) {
    policies::Document plan;
    plan.level = policies::Level::kMunicipal;
    plan.title = "План " + municipality;
    plan.period_start = 2027;
    plan.period_end = 2030;
    plan.municipality_code = municipality;
    const std::int64_t document = CreateDocument(plan).id;
    policies::Item objective;
    objective.document_id = document;
    objective.kind = "objective";
    objective.code = "1";
    objective.title = "Образование";
    const std::int64_t parent = service_.CreateItem(admin_, objective)->id;
    policies::Item measure;
    measure.document_id = document;
    measure.parent_id = parent;
    measure.kind = "measure";
    measure.code = "1.1";
    measure.title = "Образователни медиатори";
    return service_.CreateItem(admin_, measure)->id;
  }

  Stakeholder Added(std::string kind, std::string name, std::string basis = "public_role") {
    Stakeholder stakeholder;
    stakeholder.keeper_id = keeper_;
    stakeholder.kind = std::move(kind);
    stakeholder.name = std::move(name);
    stakeholder.sector = "institution";
    stakeholder.consent_basis = std::move(basis);
    stakeholder.consent_purpose = "Кампанията";
    stakeholder.consent_on = "2026-11-01";
    stakeholder.email = "someone@example.bg";
    const auto added = advocacy_.AddStakeholder(editor_, stakeholder);
    EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error().message);
    return added.ok() ? *added : Stakeholder{};
  }

  core::FixedClock fixed_clock_{1'796'472'000};  // 2026-12-05 12:00 UTC
  accounts::OrganisationStore organisation_store_{*database_};
  accounts::OrganisationService organisations_{organisation_store_, accounts_, audit_, fixed_clock_, *database_};
  AdvocacyStore store_a_{*database_};
  AdvocacyService advocacy_{store_a_, service_, organisations_, audit_, fixed_clock_};
  std::int64_t keeper_ = 0, other_keeper_ = 0, lom_measure_ = 0, blg_measure_ = 0;
  core::SignedIn editor_{0, "", {}, {}}, stranger_{0, "", {}, {}};
};

TEST_F(AdvocacyServiceTest, TheRegisterAndItsContactDetailsStayWithTheOrganisationsMembers) {
  const Stakeholder mayor = Added("person", "Кметът на Община Лом");
  EXPECT_EQ(advocacy_.FindStakeholder(stranger_, mayor.id).error().kind, core::ErrorKind::kNotFound);
  EXPECT_EQ(advocacy_.Register(stranger_, keeper_).error().kind, core::ErrorKind::kForbidden);
  EXPECT_EQ(advocacy_.Register(editor_, keeper_)->size(), 1u);
  Stakeholder without = mayor;
  without.keeper_id = keeper_;
  without.consent_basis.clear();
  const auto refused = advocacy_.AddStakeholder(editor_, without);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().problems.at(0).field, "consent_basis") << "a person without a recorded basis";
  EXPECT_EQ(advocacy_.AddStakeholder(stranger_, without).error().kind, core::ErrorKind::kForbidden);
}

TEST_F(AdvocacyServiceTest, ErasureKeepsTheCoalitionsHistoryInShape) {
  const Stakeholder teacher = Added("person", "Учителка М.", "consent");
  const auto coalition = advocacy_.CreateCoalition(editor_, {0, keeper_, "Коалиция", "Цели", "MON24", true, false});
  ASSERT_TRUE(coalition.ok());
  ASSERT_TRUE(*advocacy_.AddMember(editor_, coalition->id, teacher.id));
  const auto withdrawn = advocacy_.WithdrawConsent(editor_, teacher.id, "2026-12-04");
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.error().message;
  EXPECT_EQ(withdrawn->name, "Изтрито лице") << "without the consent it was kept on, the data goes";
  EXPECT_TRUE(withdrawn->email.empty());
  EXPECT_EQ(withdrawn->erased_on, "2026-12-05");
  const auto view = advocacy_.ReadCoalition(core::Actor{}, coalition->id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->members.size(), 1u) << "the coalition still counts the member";
  for (const LogEntry& entry : view->log) {
    EXPECT_EQ(entry.text.find("Учителка"), std::string::npos) << "the public log never named her: " << entry.text;
  }
  EXPECT_EQ(advocacy_.Erase(editor_, teacher.id)->name, "Изтрито лице");
}

TEST_F(AdvocacyServiceTest, AnAskIsLinkedOnlyToAPlanOfAPlaceTheAskerWorksFor) {
  const auto coalition = advocacy_.CreateCoalition(editor_, {0, keeper_, "Коалиция", "", "MON24", false, false});
  const auto campaign = advocacy_.StartCampaign(
      editor_, {0, coalition->id, "Медиатори", "Медиатор във всяко училище", "action", false, 1});
  ASSERT_TRUE(campaign.ok()) << campaign.error().message;
  EXPECT_EQ(advocacy_.StartCampaign(stranger_, {0, coalition->id, "Чужда", "Цел", "action", false, 1}).error().kind,
            core::ErrorKind::kForbidden);
  EXPECT_EQ(advocacy_.AddAsk(editor_, {0, campaign->id, "Медиатори и в Благоевград", blg_measure_}).error().kind,
            core::ErrorKind::kForbidden)
      << "another municipality's measure, without a role there";
  ASSERT_TRUE(advocacy_.AddAsk(editor_, {0, campaign->id, "Медиатор във всяко училище", lom_measure_}).ok());
  ASSERT_TRUE(advocacy_.AddAsk(editor_, {0, campaign->id, "Нова мярка за стипендии", std::nullopt}).ok())
      << "a measure the plan lacks";
  const auto result = advocacy_.AddResult(
      editor_, {0, campaign->id, "budget_line_added", "2026-12-01", "Добавено бюджетно перо.", lom_measure_, 99});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->item_version, service_.FindItem(lom_measure_)->version) << "the item's version now, not as typed";
  const auto on_item = advocacy_.CampaignsOnItem(lom_measure_);
  ASSERT_EQ(on_item.size(), 1u);
  EXPECT_EQ(on_item[0].ask, "Медиатор във всяко училище");
  ASSERT_EQ(on_item[0].results.size(), 1u);
  EXPECT_TRUE(advocacy_.CampaignsOnItem(blg_measure_).empty());
}

TEST_F(AdvocacyServiceTest, AnAskForAMeasureThePlanLacksIsForAnObjectiveAboveThatNothingThereImplements) {
  const auto coalition = advocacy_.CreateCoalition(editor_, {0, keeper_, "Коалиция", "", "MON24", false, false});
  const auto campaign =
      advocacy_.StartCampaign(editor_, {0, coalition->id, "Стипендии", "Стипендии за ученици", "action", false, 1});
  ASSERT_TRUE(campaign.ok()) << campaign.error().message;
  const auto gaps = service_.FindMunicipalityGaps("MON24");
  ASSERT_TRUE(gaps.has_value());
  ASSERT_FALSE(gaps->unimplemented.empty()) << "Лом's plan implements none of the national strategy's objectives";
  const std::int64_t national = gaps->unimplemented.front().id;
  const auto asked = advocacy_.AddAsk(editor_, {0, campaign->id, "Стипендии за всеки ученик", national, "MON24"});
  ASSERT_TRUE(asked.ok()) << asked.error().message;
  EXPECT_EQ(store_a_.Asks(campaign->id).at(0).gap_place_code, "MON24");
  EXPECT_EQ(advocacy_.AddAsk(editor_, {0, campaign->id, "Стипендии", national, "BLG03"}).error().kind,
            core::ErrorKind::kForbidden)
      << "what Благоевград's plans lack is asked by those who work there";
  const auto implemented = advocacy_.AddAsk(editor_, {0, campaign->id, "Медиатори", lom_measure_, "MON24"});
  ASSERT_FALSE(implemented.ok()) << "Лом's own measure is not missing from its plan";
  EXPECT_EQ(implemented.error().problems.at(0).field, "item");
  EXPECT_EQ(advocacy_.AddAsk(editor_, {0, campaign->id, "Нищо", national, "XXX99"}).error().kind,
            core::ErrorKind::kNotFound);
  EXPECT_EQ(store_a_.Asks(campaign->id).size(), 1u) << "nothing refused was kept";
}

TEST_F(AdvocacyServiceTest, AMapRefusesAScoreOutsideOneToFiveNamingItsRow) {
  const Stakeholder mayor = Added("person", "Кметът");
  const auto coalition = advocacy_.CreateCoalition(editor_, {0, keeper_, "Коалиция", "", "MON24", false, false});
  StakeholderMap map{0, coalition->id, "Медиатори", "", {{mayor.id, 9, 3, "neutral", "", std::nullopt}}};
  const auto refused = advocacy_.DrawMap(editor_, map);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().problems.at(0).field, "influence_" + std::to_string(mayor.id));
  map.positions[0].influence = 5;
  ASSERT_TRUE(advocacy_.DrawMap(editor_, map).ok());
  map.positions[0].stance = "ally";
  ASSERT_TRUE(advocacy_.DrawMap(editor_, map).ok());
  const auto view = advocacy_.ReadCoalition(editor_, coalition->id);
  ASSERT_EQ(view->maps.size(), 2u) << "the earlier map is kept";
  EXPECT_TRUE(advocacy_.ReadCoalition(core::Actor{}, coalition->id)->maps.empty()) << "maps are the coalition's";
  EXPECT_TRUE(advocacy_.ReadCoalition(core::Actor{}, coalition->id)->members.empty()) << "private membership";
}

}  // namespace
}  // namespace advocacy
