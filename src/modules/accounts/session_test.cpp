#include "modules/accounts/session.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "db/migrator.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "notifications/outbox.hpp"
#include "support/test_database.hpp"

namespace {

class SessionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::Migrate(*database_,
                {{"places", "src/modules/places/migrations"}, {"accounts", "src/modules/accounts/migrations"}});
    accounts::AccountsService users(store_, audit_, outbox_, clock_, *database_);
    ASSERT_TRUE(users.AddUser("official@lom.bg", "Official", "correct horse battery").ok());
  }

  test_support::TestDatabase database_;
  const core::SystemClock clock_{};
  kernel::AuditLog audit_{*database_, clock_};
  notifications::Outbox outbox_{*database_, clock_};
  accounts::AccountsStore store_{*database_};
  const accounts::Origin origin_{"192.0.2.7", "req-1"};
};

TEST_F(SessionServiceTest, ASignInGivesANewSessionThatResumesFromItsToken) {
  accounts::SessionService sessions(store_, audit_, clock_);
  auto first = sessions.SignIn("Official@Lom.bg ", "correct horse battery", origin_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = sessions.SignIn("official@lom.bg", "correct horse battery", origin_);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(first->session_token, second->session_token) << "a new session id at every sign-in";
  const auto resumed = sessions.Resume(second->session_token);
  ASSERT_TRUE(resumed.has_value());
  EXPECT_EQ(resumed->user.email, "official@lom.bg");
  EXPECT_EQ(resumed->csrf_token, second->csrf_token);
  EXPECT_FALSE(sessions.Resume("not-a-token").has_value());
}

TEST_F(SessionServiceTest, ASignInHashesAgainAPasswordStoredWithWeakerParameters) {
  // A hash libargon2 made with m = 8 MiB, t = 1 for "correct horse battery", as an older installation stored it.
  const std::string older =
      "$argon2id$v=19$m=8192,t=1,p=1$BwECAwQFBgcICQoLDA0ODw$4iitUseTwQ6VX8FokTugjRlDeDCnBKmmLL1lZP22qgE";
  database_->Acquire()->Execute("UPDATE users SET password_hash = $1 WHERE email = 'official@lom.bg'", {older});
  accounts::SessionService sessions(store_, audit_, clock_);
  ASSERT_FALSE(sessions.SignIn("official@lom.bg", "wrong password", origin_).ok());
  EXPECT_EQ(store_.FindUserByEmail("official@lom.bg")->password_hash, older) << "a failed sign-in changes nothing";
  ASSERT_TRUE(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).ok()) << "the older hash verifies";
  const std::string now = store_.FindUserByEmail("official@lom.bg")->password_hash;
  EXPECT_TRUE(now.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << now;
  EXPECT_TRUE(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).ok());
}

TEST_F(SessionServiceTest, TheDatabaseHoldsOnlyAHashOfTheSessionToken) {
  accounts::SessionService sessions(store_, audit_, clock_);
  auto signed_in = sessions.SignIn("official@lom.bg", "correct horse battery", origin_);
  ASSERT_TRUE(signed_in.ok());
  const auto rows = database_->Acquire()->Query("SELECT token_hash FROM sessions");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].Text(0), signed_in->session_token);
  EXPECT_EQ(rows[0].Text(0), accounts::HashToken(signed_in->session_token));
}

TEST_F(SessionServiceTest, AWrongPasswordAndAnUnknownAccountGetTheSameAnswer) {
  accounts::SessionService sessions(store_, audit_, clock_);
  const auto wrong = sessions.SignIn("official@lom.bg", "wrong password", origin_);
  const auto unknown = sessions.SignIn("nobody@lom.bg", "correct horse battery", origin_);
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(wrong.error().kind, unknown.error().kind);
}

TEST_F(SessionServiceTest, TooManyFailuresForAnAccountStopFurtherTriesEvenWithTheRightPassword) {
  accounts::SessionPolicy policy;
  policy.max_failures_per_account = 3;
  accounts::SessionService sessions(store_, audit_, clock_, policy);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(sessions.SignIn("official@lom.bg", "guess", origin_).ok());
  const auto blocked = sessions.SignIn("official@lom.bg", "correct horse battery", origin_);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().kind, core::ErrorKind::kRateLimited);
  // An account nobody has is throttled the same way: the answer does not reveal which accounts exist.
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(sessions.SignIn("nobody@lom.bg", "guess", origin_).ok());
  EXPECT_EQ(sessions.SignIn("nobody@lom.bg", "guess", origin_).error().kind, core::ErrorKind::kRateLimited);
}

TEST_F(SessionServiceTest, ASessionUnusedForLongerThanTheIdleTimeoutIsGone) {
  accounts::SessionService sessions(store_, audit_, clock_);
  auto signed_in = sessions.SignIn("official@lom.bg", "correct horse battery", origin_);
  ASSERT_TRUE(signed_in.ok());
  const std::int64_t long_ago = accounts::UnixNow() - sessions.policy().idle_timeout.count() - 1;
  database_->Acquire()->Execute("UPDATE sessions SET last_seen_at = $1", {long_ago});
  EXPECT_FALSE(sessions.Resume(signed_in->session_token).has_value());
  EXPECT_EQ(database_->Acquire()->QueryOne("SELECT COUNT(*) FROM sessions")->Int(0), 0);
}

TEST_F(SessionServiceTest, SignOutEndsTheSessionAndEverythingIsAudited) {
  accounts::SessionService sessions(store_, audit_, clock_);
  EXPECT_FALSE(sessions.SignIn("official@lom.bg", "wrong", origin_).ok());
  auto signed_in = sessions.SignIn("official@lom.bg", "correct horse battery", origin_);
  ASSERT_TRUE(signed_in.ok());
  sessions.SignOut(signed_in->session_token, origin_);
  EXPECT_FALSE(sessions.Resume(signed_in->session_token).has_value());

  std::vector<std::string> actions;
  for (const auto& entry : store_.RecentAudit(10)) actions.push_back(entry.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"sign_out", "sign_in", "sign_in_failed"}));
  EXPECT_EQ(store_.RecentAudit(1).front().remote_address, "192.0.2.7");
}

TEST_F(SessionServiceTest, AnApiTokenActsForItsUserUntilRevokedAndIsStoredOnlyAsAHash) {
  accounts::SessionService sessions(store_, audit_, clock_);
  accounts::AccountsService users(store_, audit_, outbox_, clock_, *database_);
  // This database has no places loaded, so the role holds for the installation.
  ASSERT_TRUE(users
                  .GrantRole(core::CommandLineActor(), "official@lom.bg",
                             {accounts::Role::kCoordinator, {accounts::ScopeKind::kInstallation, ""}})
                  .ok());
  const auto token = sessions.IssueApiToken("official@lom.bg", "reporting script", origin_);
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(token->starts_with("kht_"));
  EXPECT_EQ(database_->Acquire()->QueryOne("SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1", {*token})->Int(0),
            0);

  const auto caller = sessions.ResumeApiToken(*token);
  ASSERT_TRUE(caller.has_value());
  EXPECT_EQ(caller->user.email, "official@lom.bg");
  ASSERT_EQ(caller->roles.size(), 1u);
  EXPECT_EQ(caller->roles[0].role, accounts::Role::kCoordinator);
  EXPECT_FALSE(sessions.ResumeApiToken("kht_" + token->substr(5)).has_value());

  EXPECT_EQ(*sessions.RevokeApiTokens("official@lom.bg", origin_), 1);
  EXPECT_FALSE(sessions.ResumeApiToken(*token).has_value());

  std::vector<std::string> actions;
  for (const auto& entry : store_.RecentAudit(3)) actions.push_back(entry.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"api_tokens_revoked", "api_token_issued", "role_granted"}));
}

TEST_F(SessionServiceTest, ASessionTimesOutAfterTheIdleTimeoutOnTheClockAndUseKeepsItAlive) {
  core::FixedClock clock(1795251600);  // 2026-11-21 09:00 UTC
  accounts::SessionService sessions(store_, audit_, clock);
  const auto idle_timeout = sessions.policy().idle_timeout;
  auto signed_in = sessions.SignIn("official@lom.bg", "correct horse battery", origin_);
  ASSERT_TRUE(signed_in.ok());

  clock.Advance(idle_timeout);
  ASSERT_TRUE(sessions.Resume(signed_in->session_token).has_value()) << "idle for exactly the timeout: still open";
  // That use counts: the timeout starts again from it.
  clock.Advance(idle_timeout);
  ASSERT_TRUE(sessions.Resume(signed_in->session_token).has_value());

  clock.Advance(idle_timeout + std::chrono::seconds(1));
  EXPECT_FALSE(sessions.Resume(signed_in->session_token).has_value()) << "one second more and it is gone";
  EXPECT_EQ(database_->Acquire()->QueryOne("SELECT COUNT(*) FROM sessions")->Int(0), 0);
}

TEST_F(SessionServiceTest, ASessionUsedEveryHourStillEndsAWeekAfterSignIn) {
  core::FixedClock clock(1795251600);  // 2026-11-21 09:00 UTC
  accounts::SessionService sessions(store_, audit_, clock);
  auto signed_in = sessions.SignIn("official@lom.bg", "correct horse battery", origin_);
  ASSERT_TRUE(signed_in.ok());
  for (int hour = 1; hour <= 7 * 24; ++hour) {
    clock.Advance(std::chrono::hours(1));
    ASSERT_TRUE(sessions.Resume(signed_in->session_token).has_value()) << "hour " << hour;
  }
  clock.Advance(std::chrono::seconds(1));
  EXPECT_FALSE(sessions.Resume(signed_in->session_token).has_value()) << "a week and a second after signing in";
}

TEST_F(SessionServiceTest, TheSignInLimitHoldsForItsWindowAndThenLiftsOnTheClock) {
  core::FixedClock clock(1795251600);
  accounts::SessionPolicy policy;
  policy.max_failures_per_account = 3;
  accounts::SessionService sessions(store_, audit_, clock, policy);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(sessions.SignIn("official@lom.bg", "guess", origin_).ok());
  clock.Advance(policy.attempt_window);
  EXPECT_EQ(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).error().kind,
            core::ErrorKind::kRateLimited)
      << "a failure counts for the whole window";
  clock.Advance(std::chrono::seconds(1));
  EXPECT_TRUE(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).ok())
      << "the failures are older than the window";
}

TEST(Tokens, AreLongRandomAndComparedWhole) {
  const std::string a = accounts::NewToken();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, accounts::NewToken());
  EXPECT_TRUE(accounts::TokensMatch(a, a));
  EXPECT_FALSE(accounts::TokensMatch(a, a.substr(0, 42) + (a.back() == 'x' ? "y" : "x")));
  EXPECT_FALSE(accounts::TokensMatch("", ""));
}

}  // namespace
