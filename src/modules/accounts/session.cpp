#include "modules/accounts/session.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/password.hpp"

namespace accounts {
namespace {

constexpr std::string_view kWrongCredentials = "The email address or the password is not right.";
constexpr std::string_view kTooManyAttempts =
    "Too many unsuccessful sign-ins. Wait a quarter of an hour, then try again.";

void EnsureSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
}

// Verifying against this hash when the account does not exist takes as long as a real check,
// so the answer's timing does not tell whether an account exists.
const std::string& DecoyHash() {
  static const std::string hash = HashPassword("decoy password that no account has");
  return hash;
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

core::Result<SignedIn> SessionService::SignIn(const std::string& email, const std::string& password,
                                              const Origin& origin) {
  const std::int64_t now = clock_.Now();
  const std::string normalised = NormaliseEmail(email).value_or(email);
  const std::int64_t since = now - policy_.attempt_window.count();
  if (store_.CountFailedSignInsForEmail(normalised, since) >= policy_.max_failures_per_account ||
      store_.CountFailedSignInsFromAddress(origin.remote_address, since) >= policy_.max_failures_per_address) {
    audit_.Write(std::nullopt, origin, "sign_in_throttled", normalised);
    return core::Error::RateLimited(std::string(kTooManyAttempts));
  }

  const auto user = store_.FindUserByEmail(normalised);
  const bool password_right = VerifyPassword(password, user ? user->password_hash : DecoyHash());
  if (!user || !password_right) {
    store_.RecordSignInAttempt(normalised, origin.remote_address, now, false);
    audit_.Write(user ? std::optional(user->id) : std::nullopt, origin, "sign_in_failed", normalised);
    return core::Error::Unauthenticated(std::string(kWrongCredentials));
  }
  store_.RecordSignInAttempt(normalised, origin.remote_address, now, true);
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

}  // namespace accounts
