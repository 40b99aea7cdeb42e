#include "modules/accounts/registrations.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/password.hpp"
#include "notifications/outbox.hpp"
#include "support/sample_places.hpp"
#include "support/test_database.hpp"

namespace {

using accounts::RegistrationForm;

class RegistrationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test_support::MigrateWithSamplePlaces(*database_);
    auto admin = users_.AddUser("admin@example.org", "Admin", "correct horse battery");
    ASSERT_TRUE(admin.ok());
    admin_id_ = admin->id;
  }

  std::int64_t RegisterMonitor(const std::string& address = "192.0.2.7") {
    const auto registered = service_.Register(
        {"Monitor@Lom.bg", "Мария", "a long enough password", "MON24", "I live in Mladenovo."}, {address, "req"});
    EXPECT_TRUE(registered.ok()) << registered.error().message;
    const auto pending = service_.List("pending", 10, 0);
    EXPECT_EQ(pending.size(), 1u);
    return pending.empty() ? 0 : pending[0].id;
  }

  std::int64_t CountAudit(const std::string& action) {
    return database_->Acquire()->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = $1", {action})->Int(0);
  }

  // The administrator who decides, as the administration pages pass them on.
  core::Actor Admin() const {
    return {admin_id_, {{core::Role::kAdministrator, {core::ScopeKind::kInstallation, ""}}}, origin_};
  }

  test_support::TestDatabase database_;
  const core::SystemClock clock_{};
  kernel::AuditLog audit_{*database_, clock_};
  notifications::Outbox outbox_{*database_, clock_};
  accounts::AccountsStore accounts_{*database_};
  accounts::AccountsService users_{accounts_, audit_, outbox_, clock_, *database_};
  accounts::RegistrationStore store_{*database_};
  accounts::RegistrationService service_{store_, users_, accounts_, audit_, clock_, *database_};
  const accounts::Origin origin_{"192.0.2.9", "req-admin"};
  std::int64_t admin_id_ = 0;
};

TEST_F(RegistrationServiceTest, ARegistrationMakesAnAccountWithoutAnyRoleAndAPendingRequest) {
  const std::int64_t id = RegisterMonitor();
  const auto request = service_.Find(id);
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(request->email, "monitor@lom.bg");
  EXPECT_EQ(request->display_name, "Мария");
  EXPECT_EQ(request->municipality_code, "MON24");
  EXPECT_EQ(request->state, "pending");
  const auto user = accounts_.FindUserByEmail("monitor@lom.bg");
  ASSERT_TRUE(user.has_value());
  EXPECT_TRUE(accounts::VerifyPassword("a long enough password", user->password_hash));
  EXPECT_TRUE(accounts_.ListRoles(user->id).empty()) << "no role before an administrator approves";
  EXPECT_EQ(CountAudit("registration_requested"), 1);
}

TEST_F(RegistrationServiceTest, AnAddressWithAnAccountGetsTheSameAnswerAndNothingChanges) {
  const auto registered =
      service_.Register({"admin@example.org", "Intruder", "another long password", "MON24", ""}, {"192.0.2.7", "r"});
  ASSERT_TRUE(registered.ok());
  EXPECT_FALSE(*registered) << "nothing was created";
  EXPECT_TRUE(service_.List("", 10, 0).empty());
  const auto admin = accounts_.FindUserByEmail("admin@example.org");
  EXPECT_EQ(admin->display_name, "Admin");
  EXPECT_TRUE(accounts::VerifyPassword("correct horse battery", admin->password_hash)) << "the password stays";
}

TEST_F(RegistrationServiceTest, BadFormsAreRefusedWithAMessageAndCreateNothing) {
  const std::vector<std::pair<RegistrationForm, std::string>> cases = {
      {{"not an address", "", "a long enough password", "MON24", ""}, "This is not an email address."},
      {{"m@lom.bg", "", "short", "MON24", ""}, "The password must have at least 10 characters."},
      {{"m@lom.bg", "", "a long enough password", "", ""}, "Choose the municipality you want to monitor."},
      {{"m@lom.bg", "", "a long enough password", "XXX01", ""}, "Choose the municipality you want to monitor."},
      {{"m@lom.bg", "", "a long enough password", "MON24", std::string(2001, 'x')},
       "Say in at most 2000 bytes why you want to monitor."},
  };
  for (const auto& [form, message] : cases) {
    const auto refused = service_.Register(form, {"192.0.2.7", "r"});
    ASSERT_FALSE(refused.ok()) << message;
    EXPECT_EQ(refused.error().message, message);
  }
  EXPECT_FALSE(accounts_.FindUserByEmail("m@lom.bg").has_value());
}

TEST_F(RegistrationServiceTest, OneAddressCannotRegisterWithoutLimit) {
  for (std::int64_t i = 0; i < accounts::kMaxRegistrationsPerHour; ++i) {
    ASSERT_TRUE(service_
                    .Register({"m" + std::to_string(i) + "@lom.bg", "", "a long enough password", "MON24", ""},
                              {"198.51.100.1", "r"})
                    .ok());
  }
  const auto refused =
      service_.Register({"late@lom.bg", "", "a long enough password", "MON24", ""}, {"198.51.100.1", "r"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kRateLimited);
  EXPECT_FALSE(accounts_.FindUserByEmail("late@lom.bg").has_value());
  EXPECT_TRUE(service_.Register({"late@lom.bg", "", "a long enough password", "MON24", ""}, {"198.51.100.2", "r"}).ok())
      << "another address may";
}

TEST_F(RegistrationServiceTest, ApprovingGrantsCommunityMonitorForTheMunicipalityOnce) {
  const std::int64_t id = RegisterMonitor();
  const auto approved = service_.Approve(Admin(), id);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  const auto user = accounts_.FindUserByEmail("monitor@lom.bg");
  const auto roles = accounts_.ListRoles(user->id);
  ASSERT_EQ(roles.size(), 1u);
  EXPECT_EQ(roles[0].role, accounts::Role::kCommunityMonitor);
  EXPECT_EQ(roles[0].scope, (accounts::Scope{accounts::ScopeKind::kMunicipality, "MON24"}));
  EXPECT_EQ(service_.Find(id)->state, "approved");

  const auto again = service_.Reject(Admin(), id, "");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, core::ErrorKind::kConflict);
  EXPECT_EQ(accounts_.ListRoles(user->id).size(), 1u) << "the decision stands";
  EXPECT_EQ(CountAudit("registration_approved"), 1);
  EXPECT_EQ(CountAudit("role_granted"), 1);
}

TEST_F(RegistrationServiceTest, ARejectedRequestKeepsItsNoteAndGrantsNothing) {
  const std::int64_t id = RegisterMonitor();
  ASSERT_TRUE(service_.Reject(Admin(), id, "We could not confirm who you are.").ok());
  const auto request = service_.Find(id);
  EXPECT_EQ(request->state, "rejected");
  EXPECT_EQ(request->decision_note, "We could not confirm who you are.");
  EXPECT_TRUE(accounts_.ListRoles(request->user_id).empty());
  EXPECT_FALSE(service_.Approve(Admin(), id).ok());
  EXPECT_TRUE(service_.List("pending", 10, 0).empty());
  EXPECT_EQ(service_.Count("rejected"), 1);
}

TEST_F(RegistrationServiceTest, TheRequestIsInThePersonalDataAndItsTextGoesWithTheAccount) {
  const std::int64_t id = RegisterMonitor();
  const auto request = service_.Find(id);
  const auto data = users_.PersonalData(request->user_id);
  ASSERT_EQ(data["registration_requests"].size(), 1u);
  EXPECT_EQ(data["registration_requests"][0]["motivation"], "I live in Mladenovo.");
  ASSERT_TRUE(users_.DeleteAccount(request->user_id, "a long enough password", "192.0.2.7", "r").ok());
  EXPECT_EQ(service_.Find(id)->motivation, "") << "what they wrote goes; the request stays, pseudonymised";
}

TEST_F(RegistrationServiceTest, OnlyAnAdministratorOfTheInstallationDecides) {
  const std::int64_t id = RegisterMonitor();
  const core::Actor coordinator{
      admin_id_, {{core::Role::kCoordinator, {core::ScopeKind::kInstallation, ""}}}, {"192.0.2.9", "r"}};
  EXPECT_EQ(service_.Approve(coordinator, id).error().kind, core::ErrorKind::kForbidden);
  EXPECT_EQ(service_.Reject(coordinator, id, "").error().kind, core::ErrorKind::kForbidden);
  EXPECT_EQ(service_.Find(id)->state, "pending");
  EXPECT_EQ(CountAudit("role_granted"), 0);
}

}  // namespace
