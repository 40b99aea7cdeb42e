#pragma once
// The policies service on a fresh database, as the service's tests in src/modules/policies/ start from it:
//
//   class PlanImportTest : public test_support::PoliciesFixture {};
//   TEST_F(PlanImportTest, AnOfficialOfLomImportsLomsPlan) {
//     const policies::Actor official = UserWith("official@lom.bg", {accounts::Role::kMunicipalOfficial, …});
//     …
//   }

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "formats/table.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/session.hpp"
#include "modules/places/places_store.hpp"
#include "modules/policies/policies_service.hpp"
#include "modules/policies/reference_data.hpp"
#include "notifications/outbox.hpp"
#include "support/sample_places.hpp"
#include "support/test_database.hpp"

namespace test_support {

// The service and the stores beneath it on a fresh database (test_database.hpp) with the sample places, Лом's
// settlement (44238), the policy reference data and an administrator, `admin_`.
class PoliciesFixture : public ::testing::Test {
 protected:
  // Where the users' requests come from: an address of the documentation range (RFC 5737) and a request id.
  static inline const accounts::Origin kOrigin{"192.0.2.7", "req-1"};

  void SetUp() override {
    MigrateWithSamplePlacesAndPolicies(*database_);
    database_->Acquire()->Execute(
        "INSERT INTO settlements (ekatte, municipality_code, kind, name_bg, name_en, search_key) VALUES "
        "('44238', 'MON24', 'city', 'Лом', 'Lom', 'lom')");
    const auto seeded = policies::SeedPolicyReferenceData(store_, "data/policy");
    ASSERT_TRUE(seeded.ok()) << seeded.error().message;
    ASSERT_TRUE(*seeded) << "a fresh database takes the whole reference data";
    admin_ = UserWith("admin@example.org", {accounts::Role::kAdministrator, {accounts::ScopeKind::kInstallation, ""}});
  }

  // A new user holding `role`, as the service sees them once signed in.
  policies::Actor UserWith(const std::string& email, const accounts::RoleAssignment& role) {
    const auto user = users_.AddUser(email, email.substr(0, email.find('@')), "correct horse battery");
    EXPECT_TRUE(user.ok()) << user.error().message;
    if (!user.ok()) return {};
    accounts_.InsertRole(user->id, role, std::nullopt, accounts::UnixNow());
    return {user->id, accounts_.ListRoles(user->id), kOrigin};
  }

  // A new user holding `role`, signed in, named `name` (their email's when "").
  core::SignedIn Person(const std::string& email, const std::string& name, const accounts::RoleAssignment& role) {
    const policies::Actor actor = UserWith(email, role);
    return core::SignedIn(actor.user_id.value_or(0), name, actor.roles, kOrigin);
  }
  core::SignedIn Person(const std::string& email, const accounts::RoleAssignment& role) {
    return Person(email, email, role);
  }

  // Belgian municipalities as `khetane import places` loads them, from CSV rows of its layout after the header
  // ("44021,Gent,BE234,Arr. Gent,265086,2022\n"): Gent is then BE-44021.
  void ImportBelgianMunicipalities(const std::string& rows) {
    const auto table = formats::ReadTable("lau_code,name,nuts3_code,nuts3_name,population,population_year\n" + rows);
    ASSERT_TRUE(table.ok());
    const places::Country belgium{"BE", "Белгия", "Belgium", "België", "nl fr de", "Statbel", 0, 0};
    ASSERT_TRUE(places_.ImportCountryPlaces(core::CommandLineActor(), *table, belgium, false).problems.empty());
  }

  // `document` as the administrator creates it; an empty document, and a failure of the test, when it is refused.
  policies::Document CreateDocument(const policies::Document& document) {
    auto created = service_.CreateDocument(admin_, document);
    if (!created.ok()) {
      ADD_FAILURE() << document.title << ": " << created.error().message;
      return {};
    }
    return *created;
  }

  std::int64_t CountRows(const std::string& table) {
    return database_->Acquire()->QueryOne("SELECT COUNT(*) FROM " + table)->Int(0);
  }

  TestDatabase database_;
  const core::SystemClock clock_{};
  kernel::AuditLog audit_{*database_, clock_};
  notifications::Outbox outbox_{*database_, clock_};
  accounts::AccountsStore accounts_{*database_};
  accounts::AccountsService users_{accounts_, audit_, outbox_, clock_, *database_};
  policies::PoliciesStore store_{*database_};
  places::PlacesStore places_store_{*database_};
  places::PlacesService places_{places_store_, audit_};
  policies::PoliciesService service_{store_, places_, audit_, *database_};
  policies::Actor admin_;
};

}  // namespace test_support
