#include "modules/accounts/session.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/password.hpp"

namespace accounts {
namespace {

constexpr std::string_view kWrongCredentials = "The email address or the password is not right.";
constexpr std::string_view kTooManyAttempts = "Too many unsuccessful sign-ins. Wait {seconds} s, then try again.";

void EnsureSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
}

// Verifying against this hash when the account does not exist takes as long as a real check,
// so the answer's timing does not tell whether an account exists.
const std::string& DecoyHash() {
  static const std::string hash = HashPassword("decoy password that no account has");
  return hash;
}

// How long a try waits after the latest of `failures` when `free` of them pass without one: 1 s, 2, 4 … up to
// `longest`, less what has passed since.
std::int64_t Wait(const AccountsStore::Failures& failures, std::int64_t free, std::chrono::seconds longest,
                  std::int64_t now) {
  if (failures.count < free) return 0;
  const std::int64_t doublings = std::min<std::int64_t>(failures.count - free, 30);
  const std::int64_t wait = std::min<std::int64_t>(std::int64_t{1} << doublings, longest.count());
  return std::max<std::int64_t>(0, failures.latest_at + wait - now);
}

}  // namespace

std::string NewToken() {
  EnsureSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(text.data());
}

std::string HashToken(std::string_view token) {
  EnsureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

bool TokensMatch(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return false;
  EnsureSodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::int64_t SessionService::WaitBefore(std::int64_t attempt, const std::string& email, const std::string& address,
                                        std::int64_t now) {
  const std::int64_t since = now - policy_.attempt_window.count();
  const auto longest = policy_.longest_wait;
  std::int64_t wait =
      Wait(store_.FailuresBefore(attempt, email, address, since), policy_.free_failures_per_client, longest, now);
  if (store_.SignedInBefore(email, address, now - policy_.known_client_memory.count())) return wait;
  wait = std::max(
      wait, Wait(store_.FailuresBefore(attempt, email, "", since), policy_.free_failures_per_account, longest, now));
  return std::max(
      wait, Wait(store_.FailuresBefore(attempt, "", address, since), policy_.free_failures_per_address, longest, now));
}

core::Result<std::int64_t> SessionService::BeginAttempt(const std::string& email, std::optional<std::int64_t> user_id,
                                                        const Origin& origin, std::int64_t now) {
  const std::int64_t attempt = store_.BeginSignInAttempt(email, origin.remote_address, now);
  const std::int64_t wait = WaitBefore(attempt, email, origin.remote_address, now);
  if (wait == 0) return attempt;
  // A try refused unchecked is not a failure: hammering does not make the owner's wait longer.
  store_.ForgetSignInAttempt(attempt);
  audit_.Write(user_id, origin, "sign_in_throttled", email);
  core::Error refused = core::Error::RateLimited(std::string(kTooManyAttempts)).With("seconds", std::to_string(wait));
  refused.retry_after_seconds = wait;
  return refused;
}

core::Result<SignedIn> SessionService::SignIn(const std::string& email, const std::string& password,
                                              const Origin& origin) {
  const std::int64_t now = clock_.Now();
  const std::string normalised = NormaliseEmail(email).value_or(email);
  const auto attempt = BeginAttempt(normalised, std::nullopt, origin, now);
  if (!attempt) return attempt.error();

  const auto user = store_.FindUserByEmail(normalised);
  const bool password_right = VerifyPassword(password, user ? user->password_hash : DecoyHash());
  if (!user || !password_right) {
    audit_.Write(user ? std::optional(user->id) : std::nullopt, origin, "sign_in_failed", normalised);
    return core::Error::Unauthenticated(std::string(kWrongCredentials));
  }
  store_.MarkSignInSucceeded(*attempt);
  // A hash made with weaker parameters than today's is made again while the password is at hand.
  if (PasswordNeedsRehash(user->password_hash)) store_.SetPasswordHash(user->id, HashPassword(password));
  SignedIn signed_in{NewToken(), NewToken(), *user};
  store_.InsertSession(HashToken(signed_in.session_token), user->id, signed_in.csrf_token, now);
  audit_.Write(user->id, origin, "sign_in", user->email);
  return signed_in;
}

std::optional<CurrentSession> SessionService::Resume(const std::string& session_token) {
  if (session_token.empty()) return std::nullopt;
  const std::string hash = HashToken(session_token);
  auto record = store_.FindSession(hash);
  if (!record) return std::nullopt;
  const std::int64_t now = clock_.Now();
  if (now - record->last_seen_at > policy_.idle_timeout.count() ||
      now - record->created_at > policy_.absolute_lifetime.count()) {
    store_.DeleteSession(hash);
    return std::nullopt;
  }
  // Writing on every request would make every page view a write; a minute's precision is plenty for expiry.
  if (now - record->last_seen_at >= policy_.touch_interval.count()) store_.TouchSession(hash, now);
  auto roles = store_.ListRoles(record->user.id);
  return CurrentSession{std::move(record->user), std::move(record->csrf_token), std::move(roles)};
}

core::Result<std::string> SessionService::IssueApiToken(const std::string& email, const std::string& label,
                                                        const Origin& origin) {
  const auto user = store_.FindUserByEmail(NormaliseEmail(email).value_or(email));
  if (!user) return core::Error::NotFound("There is no user with this email address.");
  std::string token = std::string(kApiTokenPrefix) + NewToken();
  store_.InsertApiToken(user->id, HashToken(token), label, clock_.Now());
  audit_.Write(user->id, origin, "api_token_issued", user->email + (label.empty() ? "" : " (" + label + ")"));
  return token;
}

std::optional<CurrentSession> SessionService::ResumeApiToken(const std::string& token) {
  if (!token.starts_with(kApiTokenPrefix)) return std::nullopt;
  auto user = store_.FindUserByApiToken(HashToken(token), clock_.Now());
  if (!user) return std::nullopt;
  auto roles = store_.ListRoles(user->id);
  return CurrentSession{std::move(*user), "", std::move(roles)};
}

core::Result<std::int64_t> SessionService::RevokeApiTokens(const std::string& email, const Origin& origin) {
  const auto user = store_.FindUserByEmail(NormaliseEmail(email).value_or(email));
  if (!user) return core::Error::NotFound("There is no user with this email address.");
  const std::int64_t revoked = store_.RevokeApiTokens(user->id, clock_.Now());
  audit_.Write(user->id, origin, "api_tokens_revoked", user->email + ": " + std::to_string(revoked));
  return revoked;
}

void SessionService::SignOut(const std::string& session_token, const Origin& origin) {
  const std::string hash = HashToken(session_token);
  const auto record = store_.FindSession(hash);
  store_.DeleteSession(hash);
  if (record) audit_.Write(record->user.id, origin, "sign_out", record->user.email);
}

std::vector<SessionSummary> SessionService::SessionsOf(std::int64_t user_id, const std::string& current_token) {
  const std::string current = current_token.empty() ? "" : HashToken(current_token);
  const std::int64_t now = clock_.Now();
  std::vector<SessionSummary> sessions;
  for (const auto& row : store_.SessionsOf(user_id)) {
    // One that has ended by the clock is not shown; the next request that brings it deletes it.
    if (now - row.last_seen_at > policy_.idle_timeout.count() ||
        now - row.created_at > policy_.absolute_lifetime.count()) {
      continue;
    }
    sessions.push_back({row.token_hash.substr(0, 16), row.created_at, row.last_seen_at, row.token_hash == current});
  }
  return sessions;
}

core::Result<bool> SessionService::EndSession(std::int64_t user_id, const std::string& key, const Origin& origin) {
  if (key.size() != 16 || !store_.DeleteSessionOf(user_id, key)) {
    return core::Error::NotFound("This session has ended already.");
  }
  audit_.Write(user_id, origin, "session_ended", key);
  return true;
}

std::int64_t SessionService::EndOtherSessions(std::int64_t user_id, const std::string& current_token,
                                              const Origin& origin) {
  const std::int64_t ended = store_.DeleteOtherSessions(user_id, HashToken(current_token));
  if (ended > 0) audit_.Write(user_id, origin, "sessions_ended", std::to_string(ended));
  return ended;
}

core::Result<bool> SessionService::ChangePassword(std::int64_t user_id, const PasswordChange& change,
                                                  const std::string& current_token, const Origin& origin) {
  const auto user = store_.FindUserById(user_id);
  if (!user) return core::Error::NotFound("There is no user with this email address.");
  std::vector<core::FieldProblem> problems;
  if (change.chosen.size() < kMinimumPasswordLength) {
    problems.push_back({"new_password", "The password must have at least 10 characters.", ""});
  } else if (change.repeated != change.chosen) {
    problems.push_back({"repeat_password", "The two new passwords are not the same.", ""});
  }
  // The current password proves it is the person, not someone at a browser they left open: tried as a sign-in is,
  // so that a stolen session cannot guess it quickly.
  const std::int64_t now = clock_.Now();
  const auto attempt = BeginAttempt(user->email, user_id, origin, now);
  if (!attempt) return attempt.error();
  if (!VerifyPassword(change.current, user->password_hash)) {
    audit_.Write(user_id, origin, "password_change_refused", user->email);
    problems.insert(problems.begin(), {"current_password", "This is not your current password.", ""});
    return core::Error::InvalidFields(std::move(problems));
  }
  store_.MarkSignInSucceeded(*attempt);
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  store_.SetPasswordHash(user_id, HashPassword(change.chosen));
  store_.DeleteOtherSessions(user_id, HashToken(current_token));
  audit_.Write(user_id, origin, "password_changed", user->email);
  return true;
}

}  // namespace accounts
