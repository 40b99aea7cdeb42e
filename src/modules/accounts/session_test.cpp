#include "modules/accounts/session.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

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

TEST_F(SessionServiceTest, AGuesserWaitsLongerAfterEachWrongPasswordAndIsToldHowLong) {
  core::FixedClock clock(1795251600);  // 2026-11-21 09:00 UTC
  accounts::SessionService sessions(store_, audit_, clock);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(sessions.SignIn("official@lom.bg", "guess", origin_).ok());
  // Past three failures a try waits 1 s after the latest, then 2, then 4: even with the right password.
  for (const std::int64_t wait : {1, 2, 4}) {
    const auto refused = sessions.SignIn("official@lom.bg", "correct horse battery", origin_);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, core::ErrorKind::kRateLimited);
    EXPECT_EQ(refused.error().retry_after_seconds, wait);
    // Hammering while refused does not make the wait longer.
    for (int i = 0; i < 5; ++i) EXPECT_FALSE(sessions.SignIn("official@lom.bg", "guess", origin_).ok());
    clock.Advance(std::chrono::seconds(wait));
    EXPECT_EQ(sessions.SignIn("official@lom.bg", "guess", origin_).error().kind, core::ErrorKind::kUnauthenticated)
        << "checked after waiting " << wait << " s";
  }
  clock.Advance(std::chrono::seconds(8));
  EXPECT_TRUE(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).ok());
  // A success starts the count again for this client.
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(sessions.SignIn("official@lom.bg", "typo", origin_).ok());
  EXPECT_EQ(sessions.SignIn("official@lom.bg", "typo", origin_).error().kind, core::ErrorKind::kRateLimited);
  // An account nobody has is throttled the same way: the answer does not reveal which accounts exist.
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(sessions.SignIn("nobody@lom.bg", "guess", origin_).ok());
  EXPECT_EQ(sessions.SignIn("nobody@lom.bg", "guess", origin_).error().kind, core::ErrorKind::kRateLimited);
}

TEST_F(SessionServiceTest, GuessesFromManyClientsDoNotKeepTheOwnerOutOfTheirAccount) {
  core::FixedClock clock(1795251600);
  accounts::SessionService sessions(store_, audit_, clock);
  ASSERT_TRUE(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).ok());  // the owner's computer
  for (int client = 0; client < 20; ++client) {
    const accounts::Origin guesser{"198.51.100." + std::to_string(client), "req-guess"};
    for (int i = 0; i < 2; ++i) EXPECT_FALSE(sessions.SignIn("official@lom.bg", "guess", guesser).ok());
  }
  // Forty failures on the account: a client new to it waits …
  const accounts::Origin stranger{"203.0.113.9", "req-new"};
  EXPECT_EQ(sessions.SignIn("official@lom.bg", "guess", stranger).error().kind, core::ErrorKind::kRateLimited);
  // … while the owner's computer, which signed in to it before, does not.
  EXPECT_TRUE(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).ok());
}

TEST_F(SessionServiceTest, OneAddressGuessingManyAccountsWaitsButDoesNotKeepOutItsKnownUsers) {
  core::FixedClock clock(1795251600);
  accounts::SessionService sessions(store_, audit_, clock);
  ASSERT_TRUE(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).ok());
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(sessions.SignIn("person" + std::to_string(i) + "@lom.bg", "guess", origin_).error().kind,
              core::ErrorKind::kUnauthenticated);
  }
  EXPECT_EQ(sessions.SignIn("another@lom.bg", "guess", origin_).error().kind, core::ErrorKind::kRateLimited)
      << "a thirty-first account tried from the same address";
  EXPECT_TRUE(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).ok())
      << "someone who signed in from this address before (an office behind one address) is not held back";
}

TEST_F(SessionServiceTest, TriesAtOnceCannotAllSlipUnderTheLimit) {
  // The tries at one instant: on a busy machine twenty may spread over more than the second the fourth waits, after
  // which a check is allowed by design.
  const core::FixedClock instant(accounts::UnixNow());
  accounts::SessionService sessions(store_, audit_, instant);
  std::atomic<int> checked{0};
  std::vector<std::thread> tries;
  for (int i = 0; i < 20; ++i) {
    tries.emplace_back([&] {
      const auto answer = sessions.SignIn("official@lom.bg", "guess", origin_);
      if (!answer.ok() && answer.error().kind == core::ErrorKind::kUnauthenticated) ++checked;
    });
  }
  for (auto& each : tries) each.join();
  EXPECT_LE(checked.load(), 3) << "at most the three free failures were checked against the password";
  EXPECT_GE(checked.load(), 1);
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

TEST_F(SessionServiceTest, FailuresOlderThanTheWindowNoLongerCount) {
  core::FixedClock clock(1795251600);
  accounts::SessionPolicy policy;
  policy.free_failures_per_client = 3;
  policy.longest_wait = std::chrono::hours(1);
  accounts::SessionService sessions(store_, audit_, clock, policy);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(sessions.SignIn("official@lom.bg", "guess", origin_).ok());
  for (int i = 0; i < 8; ++i) {  // waits of 1, 2 … 128 s
    clock.Advance(std::chrono::seconds(std::int64_t{1} << i));
    EXPECT_EQ(sessions.SignIn("official@lom.bg", "guess", origin_).error().kind, core::ErrorKind::kUnauthenticated);
  }
  EXPECT_EQ(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).error().retry_after_seconds, 256);
  clock.Advance(policy.attempt_window + std::chrono::seconds(1));
  EXPECT_TRUE(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).ok())
      << "the failures are older than the window";
}

TEST_F(SessionServiceTest, APersonSeesWhereTheyAreSignedInAndEndsOneOrEveryOther) {
  accounts::SessionService sessions(store_, audit_, clock_);
  const auto laptop = sessions.SignIn("official@lom.bg", "correct horse battery", origin_);
  const auto library = sessions.SignIn("official@lom.bg", "correct horse battery", {"203.0.113.5", "req-2"});
  const auto phone = sessions.SignIn("official@lom.bg", "correct horse battery", {"198.51.100.3", "req-3"});
  ASSERT_TRUE(laptop.ok() && library.ok() && phone.ok());
  const std::int64_t id = laptop->user.id;
  auto listed = sessions.SessionsOf(id, laptop->session_token);
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(std::count_if(listed.begin(), listed.end(), [](const auto& each) { return each.current; }), 1);
  // The library's computer, ended from the laptop; the key names it, and only to its owner.
  const std::string library_key = accounts::HashToken(library->session_token).substr(0, 16);
  EXPECT_EQ(sessions.EndSession(id + 1, library_key, origin_).error().kind, core::ErrorKind::kNotFound);
  ASSERT_TRUE(sessions.EndSession(id, library_key, origin_).ok());
  EXPECT_FALSE(sessions.Resume(library->session_token).has_value());
  EXPECT_EQ(sessions.EndSession(id, library_key, origin_).error().kind, core::ErrorKind::kNotFound);
  EXPECT_EQ(sessions.EndOtherSessions(id, laptop->session_token, origin_), 1);
  EXPECT_FALSE(sessions.Resume(phone->session_token).has_value());
  EXPECT_TRUE(sessions.Resume(laptop->session_token).has_value()) << "this browser stays signed in";
  listed = sessions.SessionsOf(id, laptop->session_token);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed.front().current);
}

TEST_F(SessionServiceTest, ChangingThePasswordNeedsTheCurrentOneAndSignsOutEveryOtherBrowser) {
  accounts::SessionService sessions(store_, audit_, clock_);
  const auto here = sessions.SignIn("official@lom.bg", "correct horse battery", origin_);
  const auto elsewhere = sessions.SignIn("official@lom.bg", "correct horse battery", {"203.0.113.5", "req-2"});
  ASSERT_TRUE(here.ok() && elsewhere.ok());
  const std::int64_t id = here->user.id;
  const auto wrong = sessions.ChangePassword(id, {"not my password", "staple battery horse", "staple battery horse"},
                                             here->session_token, origin_);
  ASSERT_FALSE(wrong.ok());
  ASSERT_EQ(wrong.error().problems.size(), 1u);
  EXPECT_EQ(wrong.error().problems.front().field, "current_password");
  EXPECT_EQ(wrong.error().problems.front().value, "") << "a password is never typed back in";
  const auto mismatch = sessions.ChangePassword(id, {"correct horse battery", "staple battery horse", "staple horse"},
                                                here->session_token, origin_);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().problems.front().field, "repeat_password");
  const auto short_one =
      sessions.ChangePassword(id, {"correct horse battery", "short", "short"}, here->session_token, origin_);
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().problems.front().field, "new_password");
  EXPECT_TRUE(sessions.Resume(elsewhere->session_token).has_value()) << "nothing changed yet";

  ASSERT_TRUE(sessions
                  .ChangePassword(id, {"correct horse battery", "staple battery horse", "staple battery horse"},
                                  here->session_token, origin_)
                  .ok());
  EXPECT_FALSE(sessions.Resume(elsewhere->session_token).has_value()) << "the other browser is signed out";
  EXPECT_TRUE(sessions.Resume(here->session_token).has_value());
  EXPECT_EQ(sessions.SignIn("official@lom.bg", "correct horse battery", origin_).error().kind,
            core::ErrorKind::kUnauthenticated);
  EXPECT_TRUE(sessions.SignIn("official@lom.bg", "staple battery horse", origin_).ok());
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
