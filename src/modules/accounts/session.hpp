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
  // Rate limits over `attempt_window`: per account, and per address (a shared office or NGO network has one).
  std::chrono::seconds attempt_window{std::chrono::minutes(15)};
  std::int64_t max_failures_per_account = 5;
  std::int64_t max_failures_per_address = 30;
};

struct SignedIn {
  std::string session_token;  // for the cookie; never stored
  std::string csrf_token;
  User user;
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
  // whether the account exists: kUnauthenticated for a wrong password or an unknown account alike, kRateLimited after
  // too many failures. Every attempt is audited.
  core::Result<SignedIn> SignIn(const std::string& email, const std::string& password, const Origin& origin);
  // The session of a cookie token, if it exists and has been used within the idle timeout.
  std::optional<CurrentSession> Resume(const std::string& session_token);
  void SignOut(const std::string& session_token, const Origin& origin);

  // A new API token for the user with `email` ("kht_" and 43 random characters); shown once, stored as a hash.
  core::Result<std::string> IssueApiToken(const std::string& email, const std::string& label, const Origin& origin);
  // The caller of `Authorization: Bearer <token>`, with their roles; no CSRF token (nothing is sent by a browser).
  std::optional<CurrentSession> ResumeApiToken(const std::string& token);
  core::Result<std::int64_t> RevokeApiTokens(const std::string& email, const Origin& origin);

  const SessionPolicy& policy() const { return policy_; }

 private:
  AccountsStore& store_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
  SessionPolicy policy_;
};

// The system's time, for the policies module, which has no clock of its own yet; the accounts services take a
// core::Clock.
using kernel::UnixNow;

}  // namespace accounts
