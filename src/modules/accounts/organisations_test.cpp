#include "modules/accounts/organisations.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "notifications/outbox.hpp"
#include "support/sample_places.hpp"
#include "support/saves_at_once.hpp"
#include "support/test_database.hpp"

namespace {

class OrganisationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test_support::MigrateWithSamplePlaces(*database_);
    auto member = users_.AddUser("Monitor@Lom.bg", "Monitor of Lom", "correct horse battery");
    ASSERT_TRUE(member.ok());
    member_id_ = member->id;
  }

  std::int64_t CountAudit(const std::string& action) {
    return database_->Acquire()->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = $1", {action})->Int(0);
  }

  accounts::Organisation CreateAmalipe() {
    auto created = service_.Create(admin_, {"  Амалипе  ", "cso", "MON24"});
    EXPECT_TRUE(created.ok()) << created.error().message;
    return *created;
  }

  test_support::TestDatabase database_;
  const core::SystemClock clock_{};
  kernel::AuditLog audit_{*database_, clock_};
  notifications::Outbox outbox_{*database_, clock_};
  accounts::AccountsStore accounts_{*database_};
  accounts::AccountsService users_{accounts_, audit_, outbox_, clock_, *database_};
  accounts::OrganisationStore store_{*database_};
  accounts::OrganisationService service_{store_, accounts_, audit_, clock_, *database_};
  // An administrator of the installation (who names no user here, as the command line does not).
  const core::Actor admin_{
      std::nullopt, {{core::Role::kAdministrator, {core::ScopeKind::kInstallation, ""}}}, {"192.0.2.7", "req-1"}};
  std::int64_t member_id_ = 0;
};

TEST_F(OrganisationServiceTest, ACreatedOrganisationIsKeptTrimmedAndAudited) {
  const auto amalipe = CreateAmalipe();
  const auto found = service_.Find(amalipe.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Амалипе");
  EXPECT_EQ(found->kind, "cso");
  EXPECT_EQ(found->municipality_code, "MON24");
  EXPECT_EQ(CountAudit("organisation_created"), 1);
  // A role can now hold for it.
  EXPECT_TRUE(users_.ScopeExists({accounts::ScopeKind::kOrganisation, std::to_string(amalipe.id)}));
}

TEST_F(OrganisationServiceTest, BadFieldsAreRefusedWithAMessageAndNothingIsStored) {
  const std::vector<std::pair<accounts::OrganisationFields, std::string>> cases = {
      {{"   ", "cso", ""}, "Write the organisation's name."},
      {{"Амалипе", "party", ""}, "Choose what kind of organisation it is."},
      {{"Амалипе", "cso", "XXX99"}, "There is no municipality with this code."},
      {{std::string(301, 'a'), "cso", ""}, "The name is too long: at most 300 bytes."},
      {{"\xff\xfe", "cso", ""}, "The name is too long: at most 300 bytes."},
  };
  for (const auto& [fields, message] : cases) {
    const auto refused = service_.Create(admin_, fields);
    ASSERT_FALSE(refused.ok()) << fields.name;
    EXPECT_EQ(refused.error().kind, core::ErrorKind::kInvalidInput);
    EXPECT_EQ(refused.error().message, message);
  }
  EXPECT_EQ(service_.Count("", ""), 0);
  EXPECT_EQ(CountAudit("organisation_created"), 0);
}

TEST_F(OrganisationServiceTest, TheSameNameInTheSameMunicipalityIsRefusedInEitherScript) {
  CreateAmalipe();
  const auto again = service_.Create(admin_, {"AMALIPE", "initiative_group", "MON24"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, core::ErrorKind::kConflict);
  EXPECT_TRUE(service_.Create(admin_, {"Амалипе", "cso", "BLG03"}).ok()) << "another municipality";
  EXPECT_EQ(service_.Count("", ""), 2);
}

TEST_F(OrganisationServiceTest, SearchMatchesNamesInEitherScriptAndFiltersByKind) {
  CreateAmalipe();
  ASSERT_TRUE(service_.Create(admin_, {"Средно училище „Христо Ботев“", "school", "MON24"}).ok());
  ASSERT_TRUE(service_.Create(admin_, {"Общинска администрация Лом", "municipality", "MON24"}).ok());
  const auto latin = service_.List("amalipe", "", 10, 0);
  ASSERT_EQ(latin.size(), 1u);
  EXPECT_EQ(latin[0].name, "Амалипе");
  EXPECT_EQ(service_.List("ботев", "", 10, 0).size(), 1u);
  const auto schools = service_.List("", "school", 10, 0);
  ASSERT_EQ(schools.size(), 1u);
  EXPECT_EQ(schools[0].kind, "school");
  EXPECT_EQ(service_.Count("", ""), 3);
  // Paging: by name, two then one.
  EXPECT_EQ(service_.List("", "", 2, 0).size(), 2u);
  EXPECT_EQ(service_.List("", "", 2, 2).size(), 1u);
}

// Names in Turkish, Czech and Romani spelling are found however they are typed: with or without their accents, in any
// case; a person's name too, and what is typed is matched as it is ("100%" is not a pattern).
TEST_F(OrganisationServiceTest, SearchFindsNamesWithAccentsTypedWithoutThem) {
  ASSERT_TRUE(service_.Create(admin_, {"Фондация „Ünal Çelik“", "cso", "MON24"}).ok());
  ASSERT_TRUE(service_.Create(admin_, {"Spolek Přívoz", "cso", ""}).ok());
  ASSERT_TRUE(service_.Create(admin_, {"Сдружение 100% ромско", "cso", ""}).ok());
  ASSERT_TRUE(service_.Create(admin_, {"Сдружение 1000 ромски", "cso", ""}).ok());
  for (const char* typed :
       {"unal", "ÜNAL", "Ünal Çelik", "celik", "fondatsia unal" /* Фондация by the Act: -ия at the end is -ia */}) {
    const auto found = service_.List(typed, "", 10, 0);
    ASSERT_EQ(found.size(), 1u) << typed;
    EXPECT_EQ(found[0].name, "Фондация „Ünal Çelik“") << typed;
  }
  for (const char* typed : {"privoz", "PŘÍVOZ", "Pri\u0301voz" /* í typed as i + combining acute */}) {
    EXPECT_EQ(service_.Count(typed, ""), 1) << typed;
  }
  EXPECT_EQ(service_.Count("%", ""), 4) << "a search of only signs finds everyone, as an empty one does";

  ASSERT_TRUE(users_.AddUser("ferdi@example.org", "Ferdi Ünal", "correct horse battery").ok());
  ASSERT_TRUE(users_.AddUser("percent@example.org", "Someone Else", "correct horse battery").ok());
  for (const char* typed : {"unal", "FERDI ÜNAL", "ferdi@"}) {
    const auto users = users_.ListUsers(admin_, typed, 10, 0);
    ASSERT_TRUE(users.ok()) << typed;
    ASSERT_EQ(users->total, 1) << typed;
    EXPECT_EQ(users->users[0].user.display_name, "Ferdi Ünal") << typed;
  }
  EXPECT_EQ(users_.ListUsers(admin_, "_", 10, 0)->total, 0) << "an underscore is a character, not any character";
}

TEST_F(OrganisationServiceTest, AMemberIsAddedOnceByEmailAndCanBeRemoved) {
  const auto amalipe = CreateAmalipe();
  ASSERT_TRUE(service_.AddMember(admin_, amalipe.id, " monitor@LOM.bg ").ok());
  ASSERT_TRUE(service_.AddMember(admin_, amalipe.id, "monitor@lom.bg").ok());
  EXPECT_EQ(CountAudit("member_added"), 1) << "adding again changes nothing";
  ASSERT_EQ(service_.Members(amalipe.id).size(), 1u);
  EXPECT_EQ(service_.Find(amalipe.id)->member_count, 1);
  ASSERT_EQ(service_.OrganisationsOf(member_id_).size(), 1u);
  EXPECT_EQ(users_.PersonalData(member_id_)["organisations"][0]["name"], "Амалипе");

  const auto unknown = service_.AddMember(admin_, amalipe.id, "nobody@example.org");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, core::ErrorKind::kNotFound);

  ASSERT_TRUE(service_.RemoveMember(admin_, amalipe.id, member_id_).ok());
  EXPECT_TRUE(service_.Members(amalipe.id).empty());
  EXPECT_FALSE(service_.RemoveMember(admin_, amalipe.id, member_id_).ok()) << "no longer a member";
  EXPECT_EQ(CountAudit("member_removed"), 1);
}

TEST_F(OrganisationServiceTest, ChangingAnOrganisationKeepsTheRulesOfCreation) {
  const auto amalipe = CreateAmalipe();
  const auto other = service_.Create(admin_, {"Романи бахт", "cso", "MON24"});
  ASSERT_TRUE(other.ok());
  const auto clash = service_.Update(admin_, other->id, other->version, {"Амалипе", "cso", "MON24"});
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().kind, core::ErrorKind::kConflict);
  const auto renamed = service_.Update(admin_, amalipe.id, amalipe.version, {"Амалипе — Лом", "initiative_group", ""});
  ASSERT_TRUE(renamed.ok()) << renamed.error().message;
  EXPECT_EQ(service_.Find(amalipe.id)->name, "Амалипе — Лом");
  EXPECT_EQ(service_.Find(amalipe.id)->municipality_code, "");
  EXPECT_EQ(CountAudit("organisation_changed"), 1);
}

TEST_F(OrganisationServiceTest, AChangeFromAStaleVersionIsAConflictAndTheFirstChangeStays) {
  // Two administrators open the form at version 1; the first saves.
  const auto amalipe = CreateAmalipe();
  const auto first = service_.Update(admin_, amalipe.id, amalipe.version, {"Амалипе — Лом", "cso", "MON24"});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->version, 2);
  const auto second = service_.Update(admin_, amalipe.id, amalipe.version, {"Амалипе", "initiative_group", ""});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind, core::ErrorKind::kConflict);
  const auto stored = service_.Find(amalipe.id);
  EXPECT_EQ(stored->name, "Амалипе — Лом");
  EXPECT_EQ(stored->kind, "cso");
  EXPECT_EQ(stored->municipality_code, "MON24");
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(CountAudit("organisation_changed"), 1);
  // Having seen the saved version, the second saves from it.
  const auto merged = service_.Update(admin_, amalipe.id, stored->version, {"Амалипе — Лом", "initiative_group", ""});
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_EQ(service_.Find(amalipe.id)->version, 3);
}

TEST_F(OrganisationServiceTest, SavesAtTheSameMomentFromOneVersionLeaveExactlyOneChange) {
  // Eight administrators save the organisation they all opened at version 1, at once: the store's write checks the
  // version, so one change wins and the others are told, though all of them pass the service's check before it.
  const auto amalipe = CreateAmalipe();
  const auto saves = test_support::SaveAtOnce(8, [&](int i) {
    return service_.Update(admin_, amalipe.id, amalipe.version, {"Амалипе " + std::to_string(i), "cso", ""});
  });
  EXPECT_EQ(saves.accepted, 1);
  EXPECT_EQ(saves.conflicts, 7);
  EXPECT_EQ(service_.Find(amalipe.id)->version, 2);
  EXPECT_EQ(CountAudit("organisation_changed"), 1) << "one change recorded, as one was made";
}

TEST_F(OrganisationServiceTest, OnlyAnAdministratorOfTheInstallationChangesOrganisations) {
  const auto amalipe = CreateAmalipe();
  const core::Actor official{
      member_id_, {{core::Role::kMunicipalOfficial, {core::ScopeKind::kMunicipality, "MON24"}}}, {"192.0.2.7", "r"}};
  const core::Actor oblast_administrator{
      member_id_, {{core::Role::kAdministrator, {core::ScopeKind::kOblast, "MON"}}}, {"192.0.2.7", "r"}};
  for (const core::Actor& actor : {official, oblast_administrator, core::Actor{}}) {
    EXPECT_EQ(service_.Create(actor, {"Романи бахт", "cso", "MON24"}).error().kind, core::ErrorKind::kForbidden);
    EXPECT_EQ(service_.Update(actor, amalipe.id, amalipe.version, {"Друго", "cso", ""}).error().kind,
              core::ErrorKind::kForbidden);
    EXPECT_EQ(service_.AddMember(actor, amalipe.id, "monitor@lom.bg").error().kind, core::ErrorKind::kForbidden);
    EXPECT_EQ(service_.RemoveMember(actor, amalipe.id, member_id_).error().kind, core::ErrorKind::kForbidden);
  }
  EXPECT_EQ(service_.Count("", ""), 1);
  EXPECT_EQ(service_.Find(amalipe.id)->name, "Амалипе");
  EXPECT_TRUE(service_.Members(amalipe.id).empty());
  EXPECT_EQ(CountAudit("organisation_changed") + CountAudit("member_added"), 0);
  // The command line acts as an administrator of the installation.
  EXPECT_TRUE(service_.AddMember(core::CommandLineActor(), amalipe.id, "monitor@lom.bg").ok());
}

}  // namespace
