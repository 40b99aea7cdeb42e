#pragma once
// Signing in and out, sessions, and the sign-in rate limit. Pure rules and token helpers are here;
// SQL is in AccountsStore.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/accounts_store.hpp"
#include "modules/accounts/roles.hpp"

namespace accounts {

inline constexpr std::string_view kApiTokenPrefix = "kht_";

// A random token of 32 bytes from libsodium, as 43 URL-safe characters.
std::string NewToken();
// SHA-256 of a token, hex: what the database keeps instead of the token.
std::string HashToken(std::string_view token);
// Compares in time independent of where the texts differ (for CSRF tokens).
bool TokensMatch(std::string_view a, std::string_view b);

struct SessionPolicy {
  std::chrono::seconds idle_timeout{std::chrono::hours(8)};
  // However much it is used, a session ends this long after sign-in: a stolen cookie does not last for ever.
  std::chrono::seconds absolute_lifetime{std::chrono::days(7)};
  std::chrono::seconds touch_interval{std::chrono::minutes(1)};  // last_seen_at is written at most this often
  // Sign-in throttling: growing waits, never a wall that an attacker could hold shut. Failures count over
  // `attempt_window`. Past its free failures, each further try waits after the latest failure 1 s, then 2, 4, 8 …
  // up to `longest_wait`. The account and the client together have few free failures (a guesser at one account);
  // the account from every client, and the client for every account (one address guessing many accounts), have
  // more, and do not hold back a client from an account it has signed in to within `known_client_memory`, so that
  // neither a distributed guesser nor a neighbour behind the same address keeps the owner out.
  std::chrono::seconds attempt_window{std::chrono::minutes(15)};
  std::int64_t free_failures_per_client = 3;
  std::int64_t free_failures_per_account = 10;
  std::int64_t free_failures_per_address = 30;
  std::chrono::seconds longest_wait{std::chrono::minutes(15)};
  std::chrono::seconds known_client_memory{std::chrono::days(90)};
};

struct SignedIn {
  std::string session_token;  // for the cookie; never stored
  std::string csrf_token;
  User user;
};

// One of a person's sessions, as their page of sessions lists it.
struct SessionSummary {
  std::string key;  // names it in the form that ends it: the first 16 hex digits of its token's hash
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  bool current = false;  // the browser asking
};

// What a person types to change their password while signed in.
struct PasswordChange {
  std::string current;
  std::string chosen;
  std::string repeated;
};

struct CurrentSession {
  User user;
  std::string csrf_token;
  std::vector<RoleAssignment> roles;
};

// Who is asking, for the audit log.
using core::Origin;

class SessionService {
 public:
  SessionService(AccountsStore& store, kernel::AuditLog& audit, const core::Clock& clock, SessionPolicy policy = {})
      : store_(store), audit_(audit), clock_(clock), policy_(policy) {}

  // Checks the password; on success a new session (a new id at every sign-in). The failure message never says
  // whether the account exists: kUnauthenticated for a wrong password or an unknown account alike, kRateLimited
  // (with the seconds to wait, Error::retry_after_seconds) while a try must wait. Every attempt is audited.
  core::Result<SignedIn> SignIn(const std::string& email, const std::string& password, const Origin& origin);
  // The session of a cookie token, if it exists and has been used within the idle timeout.
  std::optional<CurrentSession> Resume(const std::string& session_token);
  void SignOut(const std::string& session_token, const Origin& origin);

  // A new API token for the user with `email` ("kht_" and 43 random characters); shown once, stored as a hash.
  core::Result<std::string> IssueApiToken(const std::string& email, const std::string& label, const Origin& origin);
  // The caller of `Authorization: Bearer <token>`, with their roles; no CSRF token (nothing is sent by a browser).
  std::optional<CurrentSession> ResumeApiToken(const std::string& token);
  core::Result<std::int64_t> RevokeApiTokens(const std::string& email, const Origin& origin);

  // A person's own sessions (each browser they signed in on), newest first; `current_token` marks this browser's.
  std::vector<SessionSummary> SessionsOf(std::int64_t user_id, const std::string& current_token);
  // Ends one of the person's sessions (kNotFound when it is not theirs or over already), or all but this browser's.
  core::Result<bool> EndSession(std::int64_t user_id, const std::string& key, const Origin& origin);
  std::int64_t EndOtherSessions(std::int64_t user_id, const std::string& current_token, const Origin& origin);
  // Changes the password of the signed-in person, who proves it with the current one (throttled as a sign-in is),
  // and ends every other session: a browser someone else opened is signed out. Problems by field: current_password,
  // new_password, repeat_password.
  core::Result<bool> ChangePassword(std::int64_t user_id, const PasswordChange& change,
                                    const std::string& current_token, const Origin& origin);

  const SessionPolicy& policy() const { return policy_; }

 private:
  // Records a try with the password of `email` (a sign-in, or the current password when changing it) and gives its
  // number, or kRateLimited with the seconds to wait, the try then forgotten and audited as throttled.
  core::Result<std::int64_t> BeginAttempt(const std::string& email, std::optional<std::int64_t> user_id,
                                          const Origin& origin, std::int64_t now);
  // Seconds the attempt numbered `attempt` must still wait; 0 when it may be checked now.
  std::int64_t WaitBefore(std::int64_t attempt, const std::string& email, const std::string& address, std::int64_t now);

  AccountsStore& store_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
  SessionPolicy policy_;
};

// The system's time, for the policies module, which has no clock of its own yet; the accounts services take a
// core::Clock.
using kernel::UnixNow;

}  // namespace accounts
