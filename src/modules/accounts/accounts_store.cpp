#include "modules/accounts/accounts_store.hpp"

#include "core/days.hpp"
#include "core/text.hpp"

namespace accounts {
namespace {

constexpr std::string_view kInsertUser = R"(
  INSERT INTO users (email, display_name, password_hash, created_at, search_key) VALUES ($1, $2, $3, $4, $5)
  RETURNING id)";
constexpr std::string_view kFindUserById = "SELECT id, email, display_name, password_hash FROM users WHERE id = $1";
constexpr std::string_view kFindUserByEmail =
    "SELECT id, email, display_name, password_hash FROM users WHERE email = $1";

constexpr std::string_view kInsertSession = R"(
  INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4))";
constexpr std::string_view kFindSession = R"(
  SELECT u.id, u.email, u.display_name, u.password_hash, s.csrf_token, s.last_seen_at, s.created_at
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1)";
constexpr std::string_view kTouchSession = "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1";
constexpr std::string_view kDeleteSession = "DELETE FROM sessions WHERE token_hash = $1";
constexpr std::string_view kSessionsOf = R"(
  SELECT token_hash, created_at, last_seen_at FROM sessions WHERE user_id = $1 ORDER BY last_seen_at DESC, created_at DESC)";
constexpr std::string_view kDeleteSessionOf =
    "DELETE FROM sessions WHERE user_id = $1 AND substr(token_hash, 1, 16) = $2";
constexpr std::string_view kDeleteOtherSessions = "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2";

constexpr std::string_view kBeginAttempt = R"(
  INSERT INTO sign_in_attempts (email, remote_address, attempted_at, succeeded) VALUES ($1, $2, $3, 0) RETURNING id)";
constexpr std::string_view kMarkAttemptSucceeded = "UPDATE sign_in_attempts SET succeeded = 1 WHERE id = $1";
constexpr std::string_view kForgetAttempt = "DELETE FROM sign_in_attempts WHERE id = $1";
constexpr std::string_view kFailuresOfPair = R"(
  SELECT COUNT(*), COALESCE(MAX(attempted_at), 0) FROM sign_in_attempts
  WHERE email = $1 AND remote_address = $2 AND succeeded = 0 AND attempted_at >= $3 AND id < $4
    AND id > COALESCE((SELECT MAX(id) FROM sign_in_attempts
                       WHERE email = $1 AND remote_address = $2 AND succeeded = 1 AND id < $4), 0))";
constexpr std::string_view kFailuresOfEmail = R"(
  SELECT COUNT(*), COALESCE(MAX(attempted_at), 0) FROM sign_in_attempts
  WHERE email = $1 AND succeeded = 0 AND attempted_at >= $2 AND id < $3)";
constexpr std::string_view kFailuresFromAddress = R"(
  SELECT COUNT(*), COALESCE(MAX(attempted_at), 0) FROM sign_in_attempts
  WHERE remote_address = $1 AND succeeded = 0 AND attempted_at >= $2 AND id < $3)";
constexpr std::string_view kSignedInBefore = R"(
  SELECT COUNT(*) FROM sign_in_attempts
  WHERE email = $1 AND remote_address = $2 AND succeeded = 1 AND attempted_at >= $3)";

constexpr std::string_view kRecentAudit = R"(
  SELECT at, actor_user_id, action, subject, remote_address, request_id FROM audit_log ORDER BY id DESC LIMIT $1)";

constexpr std::string_view kInsertRole = R"(
  INSERT INTO role_assignments (user_id, role, scope_kind, scope_code, granted_by, granted_at)
  VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, role, scope_kind, scope_code) DO NOTHING)";
constexpr std::string_view kDeleteRole = R"(
  DELETE FROM role_assignments WHERE user_id = $1 AND role = $2 AND scope_kind = $3 AND scope_code = $4)";
constexpr std::string_view kListUsers = R"(
  SELECT id, email, display_name, '' FROM users
  WHERE $1 = '' OR email LIKE $2 ESCAPE '\' OR search_key LIKE $3 ESCAPE '\'
  ORDER BY email LIMIT $4 OFFSET $5)";
constexpr std::string_view kCountUsers = R"(
  SELECT COUNT(*) FROM users
  WHERE $1 = '' OR email LIKE $2 ESCAPE '\' OR search_key LIKE $3 ESCAPE '\')";

constexpr std::string_view kListRoles = R"(
  SELECT role, scope_kind, scope_code FROM role_assignments WHERE user_id = $1 ORDER BY role, scope_kind, scope_code)";

constexpr std::string_view kInsertApiToken = R"(
  INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4) RETURNING id)";
constexpr std::string_view kFindUserByApiToken = R"(
  SELECT u.id, u.email, u.display_name, u.password_hash, t.last_used_at
  FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL)";
constexpr std::string_view kTouchApiToken = "UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1";
constexpr std::string_view kRevokeApiTokens =
    "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL";

constexpr std::string_view kExportUser = "SELECT id, email, display_name, created_at FROM users WHERE id = $1";
constexpr std::string_view kExportSessions =
    "SELECT created_at, last_seen_at FROM sessions WHERE user_id = $1 ORDER BY created_at";
constexpr std::string_view kExportApiTokens = R"(
  SELECT label, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY id)";
constexpr std::string_view kExportAttempts = R"(
  SELECT attempted_at, remote_address, succeeded FROM sign_in_attempts WHERE email = $1 ORDER BY attempted_at)";
constexpr std::string_view kExportAudit = R"(
  SELECT at, action, subject, remote_address FROM audit_log WHERE actor_user_id = $1 ORDER BY id)";

constexpr std::string_view kExportMemberships = R"(
  SELECT o.id, o.name FROM organisation_members m JOIN organisations o ON o.id = m.organisation_id
  WHERE m.user_id = $1 ORDER BY o.id)";
constexpr std::string_view kExportRegistrations = R"(
  SELECT municipality_code, motivation, state, created_at, decided_at, decision_note FROM registration_requests
  WHERE user_id = $1 ORDER BY id)";

constexpr std::string_view kPseudonymiseUser =
    "UPDATE users SET email = $2, display_name = $3, password_hash = $4, search_key = '' WHERE id = $1";
constexpr std::string_view kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = $1";
constexpr std::string_view kRevokeUserTokens =
    "UPDATE api_tokens SET revoked_at = $2, label = '' WHERE user_id = $1 AND revoked_at IS NULL";
constexpr std::string_view kDeleteUserRoles = "DELETE FROM role_assignments WHERE user_id = $1";
constexpr std::string_view kDeleteUserMemberships = "DELETE FROM organisation_members WHERE user_id = $1";
constexpr std::string_view kBlankRegistrations =
    "UPDATE registration_requests SET motivation = '', decision_note = '' WHERE user_id = $1";
constexpr std::string_view kDeleteAttempts = "DELETE FROM sign_in_attempts WHERE email = $1";
constexpr std::string_view kExpireUserLinks =
    "UPDATE one_time_links SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL";
// The audit log is append-only; erasure is its one exception: the address in its text becomes the pseudonym.
constexpr std::string_view kPseudonymiseAudit = "UPDATE audit_log SET subject = REPLACE(subject, $1, $2)";

constexpr std::string_view kOrganisationExists = "SELECT 1 FROM organisations WHERE id = $1";
constexpr std::string_view kOrganisationName = "SELECT name FROM organisations WHERE id = $1";

constexpr std::string_view kListAudit = R"(
  SELECT at, actor_user_id, action, subject, remote_address, request_id FROM audit_log
  WHERE ($1 = '' OR action = $1) ORDER BY id DESC LIMIT $2 OFFSET $3)";
constexpr std::string_view kCountAudit = "SELECT COUNT(*) FROM audit_log WHERE ($1 = '' OR action = $1)";

// users.created_at is text: "2026-11-21T09:00:00Z".
// The parameters of a search of users: the text, then patterns for the e-mail address (as typed, in lower case) and
// for the name's search key (accents and scripts aside), then `more`. A text without letters or digits finds by
// address only.
db::Params UserSearch(const std::string& search, db::Params more) {
  const std::string key = core::SearchKey(search);
  db::Params params{search, db::LikeContaining(core::FoldCase(search)),
                    key.empty() ? db::Value(nullptr) : db::Value(db::LikeContaining(key))};
  params.insert(params.end(), more.begin(), more.end());
  return params;
}

}  // namespace

std::int64_t AccountsStore::InsertUser(const User& user, std::int64_t now) {
  auto connection = database_.Acquire();
  return connection
      ->QueryOne(kInsertUser, {user.email, user.display_name, user.password_hash, core::IsoUtc(now),
                               core::SearchKey(user.display_name)})
      ->Int(0);
}

std::optional<User> AccountsStore::FindUserById(std::int64_t user_id) {
  const auto row = database_.Acquire()->QueryOne(kFindUserById, {user_id});
  if (!row) return std::nullopt;
  return User{row->Int(0), row->Text(1), row->Text(2), row->Text(3)};
}

void AccountsStore::SetPasswordHash(std::int64_t user_id, const std::string& password_hash) {
  database_.Acquire()->Execute("UPDATE users SET password_hash = $2 WHERE id = $1", {user_id, password_hash});
}

std::optional<User> AccountsStore::FindUserByEmail(const std::string& email) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(kFindUserByEmail, {email});
  if (!row) return std::nullopt;
  return User{row->Int(0), row->Text(1), row->Text(2), row->Text(3)};
}

void AccountsStore::InsertSession(const std::string& token_hash, std::int64_t user_id, const std::string& csrf_token,
                                  std::int64_t now) {
  database_.Acquire()->Execute(kInsertSession, {token_hash, user_id, csrf_token, now});
}

std::optional<SessionRecord> AccountsStore::FindSession(const std::string& token_hash) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(kFindSession, {token_hash});
  if (!row) return std::nullopt;
  return SessionRecord{User{row->Int(0), row->Text(1), row->Text(2), row->Text(3)}, row->Text(4), row->Int(5),
                       row->Int(6)};
}

void AccountsStore::TouchSession(const std::string& token_hash, std::int64_t now) {
  database_.Acquire()->Execute(kTouchSession, {token_hash, now});
}

void AccountsStore::DeleteSession(const std::string& token_hash) {
  database_.Acquire()->Execute(kDeleteSession, {token_hash});
}

std::vector<AccountsStore::SessionRow> AccountsStore::SessionsOf(std::int64_t user_id) {
  std::vector<SessionRow> sessions;
  for (const auto& row : database_.Acquire()->Query(kSessionsOf, {user_id})) {
    sessions.push_back({row.Text(0), row.Int(1), row.Int(2)});
  }
  return sessions;
}

bool AccountsStore::DeleteSessionOf(std::int64_t user_id, const std::string& key) {
  return database_.Acquire()->Execute(kDeleteSessionOf, {user_id, key}) > 0;
}

std::int64_t AccountsStore::DeleteOtherSessions(std::int64_t user_id, const std::string& kept_token_hash) {
  return database_.Acquire()->Execute(kDeleteOtherSessions, {user_id, kept_token_hash});
}

std::int64_t AccountsStore::BeginSignInAttempt(const std::string& email, const std::string& remote_address,
                                               std::int64_t at) {
  return database_.Acquire()->QueryOne(kBeginAttempt, {email, remote_address, at})->Int(0);
}

void AccountsStore::MarkSignInSucceeded(std::int64_t attempt) {
  database_.Acquire()->Execute(kMarkAttemptSucceeded, {attempt});
}

void AccountsStore::ForgetSignInAttempt(std::int64_t attempt) {
  database_.Acquire()->Execute(kForgetAttempt, {attempt});
}

AccountsStore::Failures AccountsStore::FailuresBefore(std::int64_t attempt, const std::string& email,
                                                      const std::string& remote_address, std::int64_t since) {
  auto connection = database_.Acquire();
  const auto row = !email.empty() && !remote_address.empty()
                       ? connection->QueryOne(kFailuresOfPair, {email, remote_address, since, attempt})
                   : !email.empty() ? connection->QueryOne(kFailuresOfEmail, {email, since, attempt})
                                    : connection->QueryOne(kFailuresFromAddress, {remote_address, since, attempt});
  return {row->Int(0), row->Int(1)};
}

bool AccountsStore::SignedInBefore(const std::string& email, const std::string& remote_address, std::int64_t since) {
  return database_.Acquire()->QueryOne(kSignedInBefore, {email, remote_address, since})->Int(0) > 0;
}

bool AccountsStore::InsertRole(std::int64_t user_id, const RoleAssignment& assignment,
                               std::optional<std::int64_t> granted_by, std::int64_t at) {
  const db::Value by = granted_by ? db::Value(*granted_by) : db::Value(nullptr);
  return database_.Acquire()->Execute(
             kInsertRole, {user_id, std::string(RoleName(assignment.role)),
                           std::string(ScopeKindName(assignment.scope.kind)), assignment.scope.code, by, at}) > 0;
}

bool AccountsStore::DeleteRole(std::int64_t user_id, const RoleAssignment& assignment) {
  return database_.Acquire()->Execute(kDeleteRole,
                                      {user_id, std::string(RoleName(assignment.role)),
                                       std::string(ScopeKindName(assignment.scope.kind)), assignment.scope.code}) > 0;
}

std::vector<User> AccountsStore::ListUsers(const std::string& search, std::int64_t limit, std::int64_t offset) {
  std::vector<User> users;
  for (const auto& row : database_.Acquire()->Query(kListUsers, UserSearch(search, {limit, offset}))) {
    users.push_back({row.Int(0), row.Text(1), row.Text(2), {}});
  }
  return users;
}

std::int64_t AccountsStore::CountUsers(const std::string& search) {
  return database_.Acquire()->QueryOne(kCountUsers, UserSearch(search, {}))->Int(0);
}

std::vector<RoleAssignment> AccountsStore::ListRoles(std::int64_t user_id) {
  std::vector<RoleAssignment> roles;
  for (const auto& row : database_.Acquire()->Query(kListRoles, {user_id})) {
    const auto role = RoleFromName(row.Text(0));
    const auto kind = ScopeKindFromName(row.Text(1));
    if (role && kind) roles.push_back({*role, {*kind, row.Text(2)}});  // the CHECK constraints keep this total
  }
  return roles;
}

std::int64_t AccountsStore::InsertApiToken(std::int64_t user_id, const std::string& token_hash,
                                           const std::string& label, std::int64_t now) {
  return database_.Acquire()->QueryOne(kInsertApiToken, {user_id, token_hash, label, now})->Int(0);
}

std::optional<User> AccountsStore::FindUserByApiToken(const std::string& token_hash, std::int64_t now) {
  auto connection = database_.Acquire();
  const auto row = connection->QueryOne(kFindUserByApiToken, {token_hash});
  if (!row) return std::nullopt;
  // A write per call would make every API read a write; the hour is enough to see which tokens are in use.
  if (row->IsNull(4) || now - row->Int(4) >= 3600) connection->Execute(kTouchApiToken, {token_hash, now});
  return User{row->Int(0), row->Text(1), row->Text(2), row->Text(3)};
}

std::int64_t AccountsStore::RevokeApiTokens(std::int64_t user_id, std::int64_t now) {
  return database_.Acquire()->Execute(kRevokeApiTokens, {user_id, now});
}

nlohmann::json AccountsStore::PersonalData(std::int64_t user_id) {
  using nlohmann::json;
  auto connection = database_.Acquire();
  const auto user = connection->QueryOne(kExportUser, {user_id});
  if (!user) return json::object();
  const auto optional_int = [](const db::Row& row, std::size_t column) -> json {
    return row.IsNull(column) ? json(nullptr) : json(row.Int(column));
  };
  json data = {{"account",
                {{"id", user->Int(0)},
                 {"email", user->Text(1)},
                 {"display_name", user->Text(2)},
                 {"created_at", user->Text(3)}}}};
  json roles = json::array();
  for (const auto& role : ListRoles(user_id)) {
    roles.push_back({{"role", RoleName(role.role)}, {"scope", ScopeText(role.scope)}});
  }
  data["roles"] = std::move(roles);
  data["sessions"] = json::array();
  for (const auto& row : connection->Query(kExportSessions, {user_id})) {
    data["sessions"].push_back({{"created_at", row.Int(0)}, {"last_seen_at", row.Int(1)}});
  }
  data["api_tokens"] = json::array();
  for (const auto& row : connection->Query(kExportApiTokens, {user_id})) {
    data["api_tokens"].push_back({{"label", row.Text(0)},
                                  {"created_at", row.Int(1)},
                                  {"last_used_at", optional_int(row, 2)},
                                  {"revoked_at", optional_int(row, 3)}});
  }
  data["sign_in_attempts"] = json::array();
  for (const auto& row : connection->Query(kExportAttempts, {user->Text(1)})) {
    data["sign_in_attempts"].push_back(
        {{"at", row.Int(0)}, {"remote_address", row.Text(1)}, {"succeeded", row.Int(2) == 1}});
  }
  data["organisations"] = json::array();
  for (const auto& row : connection->Query(kExportMemberships, {user_id})) {
    data["organisations"].push_back({{"id", row.Int(0)}, {"name", row.Text(1)}});
  }
  data["registration_requests"] = json::array();
  for (const auto& row : connection->Query(kExportRegistrations, {user_id})) {
    data["registration_requests"].push_back({{"municipality", row.Text(0)},
                                             {"motivation", row.Text(1)},
                                             {"state", row.Text(2)},
                                             {"created_at", row.Int(3)},
                                             {"decided_at", optional_int(row, 4)},
                                             {"decision_note", row.Text(5)}});
  }
  data["audit_entries"] = json::array();
  for (const auto& row : connection->Query(kExportAudit, {user_id})) {
    data["audit_entries"].push_back(
        {{"at", row.Int(0)}, {"action", row.Text(1)}, {"subject", row.Text(2)}, {"remote_address", row.Text(3)}});
  }
  return data;
}

void AccountsStore::Pseudonymise(db::Connection& connection, const User& user, const std::string& pseudonym_email,
                                 const std::string& pseudonym_name, const std::string& unusable_password_hash,
                                 std::int64_t now) {
  connection.Execute(kPseudonymiseUser, {user.id, pseudonym_email, pseudonym_name, unusable_password_hash});
  connection.Execute(kDeleteUserSessions, {user.id});
  connection.Execute(kRevokeUserTokens, {user.id, now});
  connection.Execute(kDeleteUserRoles, {user.id});
  connection.Execute(kDeleteUserMemberships, {user.id});
  connection.Execute(kBlankRegistrations, {user.id});
  connection.Execute(kDeleteAttempts, {user.email});
  connection.Execute(kExpireUserLinks, {user.id, now});
  connection.Execute(kPseudonymiseAudit, {user.email, pseudonym_email});
}

std::optional<std::string> AccountsStore::OrganisationName(std::int64_t organisation_id) {
  const auto row = database_.Acquire()->QueryOne(kOrganisationName, {organisation_id});
  if (!row) return std::nullopt;
  return row->Text(0);
}

bool AccountsStore::OrganisationExists(std::int64_t organisation_id) {
  return database_.Acquire()->QueryOne(kOrganisationExists, {organisation_id}).has_value();
}

std::vector<AuditEntry> AccountsStore::ListAudit(const std::string& action, std::int64_t limit, std::int64_t offset) {
  std::vector<AuditEntry> entries;
  for (const auto& row : database_.Acquire()->Query(kListAudit, {action, limit, offset})) {
    entries.push_back({row.Int(0), row.OptionalInt(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5)});
  }
  return entries;
}

std::int64_t AccountsStore::CountAudit(const std::string& action) {
  return database_.Acquire()->QueryOne(kCountAudit, {action})->Int(0);
}

std::vector<AuditEntry> AccountsStore::RecentAudit(std::int64_t limit) {
  std::vector<AuditEntry> entries;
  for (const auto& row : database_.Acquire()->Query(kRecentAudit, {limit})) {
    entries.push_back({row.Int(0), row.OptionalInt(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5)});
  }
  return entries;
}

}  // namespace accounts
