#include "modules/accounts/invitation_store.hpp"

namespace accounts {
namespace {

constexpr std::string_view kInsertLink = R"(
  INSERT INTO one_time_links (token_hash, purpose, user_id, grant_role, grant_scope_kind, grant_scope_code, created_by,
                              created_at, expires_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9))";
constexpr std::string_view kFindLink = R"(
  SELECT l.token_hash, l.purpose, l.user_id, l.grant_role, l.grant_scope_kind, l.grant_scope_code, l.created_by,
         l.created_at, l.expires_at, l.used_at, u.email
  FROM one_time_links l JOIN users u ON u.id = l.user_id WHERE l.token_hash = $1)";
// The one statement that decides a redeem: a used or expired link changes no row.
constexpr std::string_view kClaimLink = R"(
  UPDATE one_time_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2)";
constexpr std::string_view kSetPasswordHash = "UPDATE users SET password_hash = $2 WHERE id = $1";
constexpr std::string_view kEndSessions = "DELETE FROM sessions WHERE user_id = $1";
constexpr std::string_view kGrantRole = R"(
  INSERT INTO role_assignments (user_id, role, scope_kind, scope_code, granted_by, granted_at)
  VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, role, scope_kind, scope_code) DO NOTHING)";
constexpr std::string_view kLinkCounts = R"(
  SELECT COUNT(CASE WHEN purpose = 'invitation' THEN 1 END), COUNT(used_at) FROM one_time_links WHERE user_id = $1)";
constexpr std::string_view kCountLinksSince =
    "SELECT COUNT(*) FROM one_time_links WHERE user_id = $1 AND purpose = $2 AND created_at >= $3";

db::Value OptionalValue(const std::optional<std::int64_t>& value) {
  return value ? db::Value(*value) : db::Value(nullptr);
}

}  // namespace

std::string_view LinkPurposeName(LinkPurpose purpose) {
  return purpose == LinkPurpose::kInvitation ? "invitation" : "password_reset";
}

void InvitationStore::InsertLink(db::Connection& connection, const OneTimeLink& link) {
  const db::Value role = link.grant ? db::Value(std::string(RoleName(link.grant->role))) : db::Value(nullptr);
  const db::Value kind =
      link.grant ? db::Value(std::string(ScopeKindName(link.grant->scope.kind))) : db::Value(nullptr);
  const db::Value code = link.grant ? db::Value(link.grant->scope.code) : db::Value(nullptr);
  connection.Execute(kInsertLink, {link.token_hash, std::string(LinkPurposeName(link.purpose)), link.user_id, role,
                                   kind, code, OptionalValue(link.created_by), link.created_at, link.expires_at});
}

std::optional<OneTimeLink> InvitationStore::FindLink(const std::string& token_hash) {
  const auto row = database_.Acquire()->QueryOne(kFindLink, {token_hash});
  if (!row) return std::nullopt;
  OneTimeLink link;
  link.token_hash = row->Text(0);
  link.purpose = row->Text(1) == "invitation" ? LinkPurpose::kInvitation : LinkPurpose::kPasswordReset;
  link.user_id = row->Int(2);
  const auto role = RoleFromName(row->Text(3));
  const auto kind = ScopeKindFromName(row->Text(4));
  if (role && kind) link.grant = RoleAssignment{*role, {*kind, row->Text(5)}};
  link.created_by = row->OptionalInt(6);
  link.created_at = row->Int(7);
  link.expires_at = row->Int(8);
  link.used_at = row->OptionalInt(9);
  link.email = row->Text(10);
  return link;
}

bool InvitationStore::Redeem(const Redemption& redemption) {
  return database_.Transaction([&](db::Connection& connection) {
    if (connection.Execute(kClaimLink, {redemption.token_hash, redemption.now}) != 1) return false;
    connection.Execute(kSetPasswordHash, {redemption.user_id, redemption.password_hash});
    if (redemption.grant) {
      connection.Execute(kGrantRole,
                         {redemption.user_id, std::string(RoleName(redemption.grant->role)),
                          std::string(ScopeKindName(redemption.grant->scope.kind)), redemption.grant->scope.code,
                          OptionalValue(redemption.granted_by), redemption.now});
    }
    if (redemption.end_sessions) connection.Execute(kEndSessions, {redemption.user_id});
    return true;
  });
}

bool InvitationStore::HasOnlyUnacceptedInvitations(std::int64_t user_id) {
  const auto row = database_.Acquire()->QueryOne(kLinkCounts, {user_id});
  return row->Int(0) > 0 && row->Int(1) == 0;
}

std::int64_t InvitationStore::CountLinksSince(std::int64_t user_id, LinkPurpose purpose, std::int64_t since) {
  return database_.Acquire()
      ->QueryOne(kCountLinksSince, {user_id, std::string(LinkPurposeName(purpose)), since})
      ->Int(0);
}

}  // namespace accounts
