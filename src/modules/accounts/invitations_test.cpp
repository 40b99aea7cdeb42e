#include "modules/accounts/invitations.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/clock.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "notifications/outbox.hpp"
#include "support/sample_places.hpp"
#include "support/test_database.hpp"

namespace {

using accounts::LinkPurpose;

class InvitationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test_support::MigrateWithSamplePlaces(*database_);  // invitations below are for Лом
    auto admin = users_.AddUser("admin@example.org", "Admin", "correct horse battery");
    ASSERT_TRUE(admin.ok());
    admin_id_ = admin->id;
  }

  // The administrator who invites, as the administration pages pass them on.
  core::Actor Admin() const {
    return {admin_id_, {{accounts::Role::kAdministrator, {accounts::ScopeKind::kInstallation, ""}}}, origin_};
  }
  accounts::InvitationDependencies Dependencies(const core::Clock& clock) {
    return {users_, accounts_, store_, outbox_, audit_, clock, *database_};
  }

  accounts::Invited InviteOfficial() {
    auto invited = service_.Invite(Admin(), "Official@Lom.bg", "Official of Lom", kOfficialOfLom,
                                   {"Your invitation", "Open {link} to choose your password."});
    EXPECT_TRUE(invited.ok()) << invited.error().message;
    return *invited;
  }

  static std::string TokenOf(const std::string& path) { return path.substr(path.rfind('/') + 1); }

  std::int64_t CountRows(const std::string& table) {
    return database_->Acquire()->QueryOne("SELECT COUNT(*) FROM " + table)->Int(0);
  }
  std::int64_t CountAudit(const std::string& action) {
    return database_->Acquire()->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = $1", {action})->Int(0);
  }

  const accounts::RoleAssignment kOfficialOfLom{accounts::Role::kMunicipalOfficial,
                                                {accounts::ScopeKind::kMunicipality, "MON24"}};
  test_support::TestDatabase database_;
  const core::SystemClock clock_{};
  kernel::AuditLog audit_{*database_, clock_};
  notifications::Outbox outbox_{*database_, clock_};
  notifications::OutboxStore outbox_store_{*database_};
  accounts::AccountsStore accounts_{*database_};
  accounts::AccountsService users_{accounts_, audit_, outbox_, clock_, *database_};
  accounts::InvitationStore store_{*database_};
  accounts::InvitationService service_{Dependencies(clock_)};
  const accounts::Origin origin_{"192.0.2.7", "req-1"};
  std::int64_t admin_id_ = 0;
};

TEST_F(InvitationServiceTest, AnInvitationWritesItsLinkToTheOutboxAndKeepsOnlyAHashOfTheToken) {
  const auto invited = InviteOfficial();
  EXPECT_TRUE(invited.link_path.starts_with("/invitations/"));
  EXPECT_EQ(invited.link, invited.link_path) << "without a public URL, a path as before";
  EXPECT_EQ(invited.email, "official@lom.bg");
  const auto messages = outbox_store_.ListFor("official@lom.bg");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].subject, "Your invitation");
  EXPECT_EQ(messages[0].body_text, "Open " + invited.link_path + " to choose your password.");
  EXPECT_EQ(messages[0].purpose, "invitation");
  EXPECT_FALSE(messages[0].sent_at.has_value());

  const auto row = database_->Acquire()->QueryOne("SELECT token_hash, expires_at - created_at FROM one_time_links");
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->Text(0), accounts::HashToken(TokenOf(invited.link_path)));
  EXPECT_EQ(row->Int(1), 7 * 24 * 3600);
  EXPECT_EQ(CountAudit("invitation_created"), 1);
}

TEST_F(InvitationServiceTest, ANameLongerThanTwoHundredCharactersIsRefusedAndNobodyIsInvited) {
  std::string long_name;
  for (int i = 0; i < 201; ++i) long_name += "л";  // 201 characters, 402 bytes
  const auto refused = service_.Invite(Admin(), "official@lom.bg", long_name, kOfficialOfLom,
                                       {"Your invitation", "Open {link} to choose your password."});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "The name is too long: at most 200 characters.");
  EXPECT_EQ(CountRows("one_time_links"), 0);
  EXPECT_TRUE(service_
                  .Invite(Admin(), "official@lom.bg", long_name.substr(0, 400), kOfficialOfLom,
                          {"Your invitation", "Open {link} to choose your password."})
                  .ok())
      << "200 Cyrillic letters are 400 bytes: characters count, not bytes";
}

TEST_F(InvitationServiceTest, WithAPublicUrlTheMessagesCarryFullLinksThatExpireWithThem) {
  accounts::InvitationService service(Dependencies(clock_), "https://khetane.example.org");
  const auto invited = service.Invite(Admin(), "official@lom.bg", "Official of Lom", kOfficialOfLom,
                                      {"Your invitation", "Open {link} to choose your password."});
  ASSERT_TRUE(invited.ok()) << invited.error().message;
  EXPECT_EQ(invited->link, "https://khetane.example.org" + invited->link_path);
  service.RequestPasswordReset("admin@example.org", {"Reset", "Open {link}"}, origin_);

  const auto invitation = outbox_store_.ListFor("official@lom.bg");
  ASSERT_EQ(invitation.size(), 1u);
  EXPECT_EQ(invitation[0].body_text, "Open " + invited->link + " to choose your password.");
  EXPECT_EQ(invitation[0].expires_at, invited->expires_at) << "not worth sending once the link expires";
  const auto reset = outbox_store_.ListFor("admin@example.org");
  ASSERT_EQ(reset.size(), 1u);
  EXPECT_TRUE(reset[0].body_text.starts_with("Open https://khetane.example.org/password-reset/")) << reset[0].body_text;
  EXPECT_EQ(*reset[0].expires_at - reset[0].created_at, 2 * 3600);
}

TEST_F(InvitationServiceTest, NobodyCanSignInToAnInvitedAccountBeforeTheLinkIsUsed) {
  InviteOfficial();
  accounts::SessionService sessions(accounts_, audit_, clock_);
  EXPECT_FALSE(sessions.SignIn("official@lom.bg", "", origin_).ok());
  EXPECT_FALSE(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).ok());
}

TEST_F(InvitationServiceTest, RedeemingSetsThePasswordGrantsTheRoleAndWorksOnlyOnce) {
  const auto invited = InviteOfficial();
  const std::string token = TokenOf(invited.link_path);
  ASSERT_TRUE(service_.OpenLink(token, LinkPurpose::kInvitation, origin_).ok());
  const auto redeemed = service_.Redeem(token, LinkPurpose::kInvitation, "a good long password", origin_);
  ASSERT_TRUE(redeemed.ok()) << redeemed.error().message;
  EXPECT_EQ(redeemed->email, "official@lom.bg");

  accounts::SessionService sessions(accounts_, audit_, clock_);
  ASSERT_TRUE(sessions.SignIn("official@lom.bg", "a good long password", origin_).ok());
  const auto roles = accounts_.ListRoles(redeemed->user_id);
  ASSERT_EQ(roles.size(), 1u);
  EXPECT_EQ(roles[0].role, accounts::Role::kMunicipalOfficial);
  EXPECT_EQ(roles[0].scope, kOfficialOfLom.scope);
  EXPECT_EQ(CountAudit("invitation_accepted"), 1);

  const auto again = service_.Redeem(token, LinkPurpose::kInvitation, "another long password", origin_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, accounts::kUsedLinkMessage);
  EXPECT_EQ(again.error().kind, core::ErrorKind::kConflict);
  EXPECT_TRUE(sessions.SignIn("official@lom.bg", "a good long password", origin_).ok()) << "the password stays";
  EXPECT_EQ(CountAudit("link_refused"), 1);
}

TEST_F(InvitationServiceTest, AnExpiredLinkIsRefused) {
  const auto invited = InviteOfficial();
  database_->Acquire()->Execute("UPDATE one_time_links SET expires_at = $1", {accounts::UnixNow() - 1});
  const auto redeemed =
      service_.Redeem(TokenOf(invited.link_path), LinkPurpose::kInvitation, "a good long password", origin_);
  ASSERT_FALSE(redeemed.ok());
  EXPECT_EQ(redeemed.error().message, accounts::kExpiredLinkMessage);
  EXPECT_TRUE(accounts_.ListRoles(invited.user_id).empty());
  EXPECT_EQ(CountAudit("link_refused"), 1);
}

TEST_F(InvitationServiceTest, AnInvitationLinkWorksForItsLifetimeAndThenIsGoneWithItsMessage) {
  core::FixedClock clock(1795251600);  // 2026-11-21 09:00 UTC
  accounts::InvitationService service(Dependencies(clock));
  const auto invited =
      service.Invite(Admin(), "official@lom.bg", "Official of Lom", kOfficialOfLom, {"Your invitation", "Open {link}"});
  ASSERT_TRUE(invited.ok()) << invited.error().message;
  EXPECT_EQ(invited->expires_at, 1795251600 + accounts::kInvitationLifetime.count());
  const std::string token = TokenOf(invited->link_path);

  clock.Advance(accounts::kInvitationLifetime - std::chrono::seconds(1));
  EXPECT_TRUE(service.OpenLink(token, LinkPurpose::kInvitation, origin_).ok()) << "a second before it expires";
  clock.Advance(std::chrono::seconds(1));
  const auto expired = service.OpenLink(token, LinkPurpose::kInvitation, origin_);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().kind, core::ErrorKind::kGone);
  EXPECT_EQ(expired.error().message, accounts::kExpiredLinkMessage);
  const auto redeemed = service.Redeem(token, LinkPurpose::kInvitation, "a good long password", origin_);
  ASSERT_FALSE(redeemed.ok());
  EXPECT_EQ(redeemed.error().kind, core::ErrorKind::kGone);
  EXPECT_TRUE(accounts_.ListRoles(invited->user_id).empty());
  // The message expires with its link: it is not worth sending any more.
  EXPECT_EQ(outbox_store_.ListFor("official@lom.bg").at(0).expires_at, clock.Now());
}

TEST_F(InvitationServiceTest, OnlyAnAdministratorOfTheInstallationInvites) {
  const core::Actor official{
      admin_id_, {{accounts::Role::kMunicipalOfficial, {accounts::ScopeKind::kMunicipality, "MON24"}}}, origin_};
  const auto refused = service_.Invite(official, "someone@lom.bg", "", kOfficialOfLom, {"s", "{link}"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, core::ErrorKind::kForbidden);
  EXPECT_EQ(CountRows("one_time_links"), 0);
  EXPECT_EQ(CountRows("outbox"), 0);
  EXPECT_FALSE(accounts_.FindUserByEmail("someone@lom.bg").has_value()) << "no account is made either";
}

TEST_F(InvitationServiceTest, AnUnknownLinkAndALinkOfTheOtherKindAreRefusedAlike) {
  const auto invited = InviteOfficial();
  const auto unknown = service_.Redeem("made-up-token", LinkPurpose::kInvitation, "a good long password", origin_);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, core::ErrorKind::kNotFound);
  EXPECT_EQ(unknown.error().message, accounts::kUnknownLinkMessage);
  const auto wrong_kind =
      service_.Redeem(TokenOf(invited.link_path), LinkPurpose::kPasswordReset, "a good long password", origin_);
  ASSERT_FALSE(wrong_kind.ok());
  EXPECT_EQ(wrong_kind.error().message, accounts::kUnknownLinkMessage);
  EXPECT_TRUE(service_.OpenLink(TokenOf(invited.link_path), LinkPurpose::kInvitation, origin_).ok());
}

TEST_F(InvitationServiceTest, AShortPasswordIsRefusedAndTheLinkStaysUsable) {
  const auto invited = InviteOfficial();
  const std::string token = TokenOf(invited.link_path);
  const auto short_one = service_.Redeem(token, LinkPurpose::kInvitation, "short", origin_);
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().kind, core::ErrorKind::kInvalidInput);
  EXPECT_TRUE(service_.Redeem(token, LinkPurpose::kInvitation, "a good long password", origin_).ok());
}

TEST_F(InvitationServiceTest, AnAccountInUseCannotBeInvitedButAnUnacceptedInvitationCanBeRepeated) {
  InviteOfficial();
  const auto second = InviteOfficial();
  EXPECT_EQ(CountRows("one_time_links"), 2);
  ASSERT_TRUE(service_.Redeem(TokenOf(second.link_path), LinkPurpose::kInvitation, "a good long password", origin_));
  const auto third = service_.Invite(Admin(), "official@lom.bg", "", kOfficialOfLom, {"s", "{link}"});
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().kind, core::ErrorKind::kConflict);
  const auto admin = service_.Invite(Admin(), "admin@example.org", "", kOfficialOfLom, {"s", "{link}"});
  EXPECT_FALSE(admin.ok()) << "an administrator cannot take over another account by inviting it";
}

TEST_F(InvitationServiceTest, AnInvitationToAScopeThatDoesNotExistIsRefused) {
  const auto invited =
      service_.Invite(Admin(), "someone@example.org", "",
                      {accounts::Role::kCoordinator, {accounts::ScopeKind::kOblast, "XXX"}}, {"s", "{link}"});
  ASSERT_FALSE(invited.ok());
  EXPECT_EQ(CountRows("one_time_links"), 0);
  EXPECT_FALSE(accounts_.FindUserByEmail("someone@example.org").has_value());
}

TEST_F(InvitationServiceTest, APasswordResetForAnUnknownEmailCreatesNothing) {
  service_.RequestPasswordReset("nobody@example.org", {"Reset", "{link}"}, origin_);
  EXPECT_EQ(CountRows("one_time_links"), 0);
  EXPECT_EQ(CountRows("outbox"), 0);
  EXPECT_EQ(CountAudit("password_reset_requested"), 1);
}

TEST_F(InvitationServiceTest, PasswordResetsForOneAccountAreLimitedPerHour) {
  for (int i = 0; i < 5; ++i) service_.RequestPasswordReset("admin@example.org", {"Reset", "{link}"}, origin_);
  EXPECT_EQ(CountRows("outbox"), accounts::kMaxPasswordResetsPerHour);
  EXPECT_EQ(CountAudit("password_reset_throttled"), 5 - accounts::kMaxPasswordResetsPerHour);
}

TEST_F(InvitationServiceTest, APasswordResetSetsANewPasswordAndEndsTheOldSessions) {
  service_.RequestPasswordReset(" Admin@Example.org", {"Reset", "Open {link}"}, origin_);
  const auto messages = outbox_store_.ListFor("admin@example.org");
  ASSERT_EQ(messages.size(), 1u);
  const std::string path = messages[0].body_text.substr(5);
  ASSERT_TRUE(path.starts_with("/password-reset/")) << path;
  EXPECT_EQ(database_->Acquire()->QueryOne("SELECT expires_at - created_at FROM one_time_links")->Int(0), 2 * 3600);

  accounts::SessionService sessions(accounts_, audit_, clock_);
  const auto old_session = sessions.SignIn("admin@example.org", "correct horse battery", origin_);
  ASSERT_TRUE(old_session.ok());
  ASSERT_TRUE(service_.Redeem(TokenOf(path), LinkPurpose::kPasswordReset, "a brand new password", origin_).ok());
  EXPECT_FALSE(sessions.Resume(old_session->session_token).has_value());
  EXPECT_FALSE(sessions.SignIn("admin@example.org", "correct horse battery", origin_).ok());
  EXPECT_TRUE(sessions.SignIn("admin@example.org", "a brand new password", origin_).ok());
  EXPECT_TRUE(accounts_.ListRoles(admin_id_).empty()) << "a reset grants no role";
  EXPECT_EQ(CountAudit("password_reset"), 1);
}

TEST_F(InvitationServiceTest, OfTwoRedeemsOfOneLinkOnlyOneWins) {
  const auto invited = InviteOfficial();
  const std::string hash = accounts::HashToken(TokenOf(invited.link_path));
  accounts::Redemption redemption{hash, invited.user_id, "hash", kOfficialOfLom, admin_id_, false, accounts::UnixNow()};
  EXPECT_TRUE(store_.Redeem(redemption));
  EXPECT_FALSE(store_.Redeem(redemption));
}

TEST_F(InvitationServiceTest, TwoConcurrentRedeemsOfOneLinkCannotBothSucceed) {
  const std::string token = TokenOf(InviteOfficial().link_path);
  std::atomic<int> succeeded = 0;
  std::atomic<int> refused_as_used = 0;
  std::vector<std::thread> threads;
  for (const char* password : {"first long password", "second long password"}) {
    threads.emplace_back([&, password] {
      const auto redeemed = service_.Redeem(token, LinkPurpose::kInvitation, password, origin_);
      if (redeemed.ok()) ++succeeded;
      if (!redeemed.ok() && redeemed.error().message == accounts::kUsedLinkMessage) ++refused_as_used;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(succeeded, 1);
  EXPECT_EQ(refused_as_used, 1);
}

}  // namespace
