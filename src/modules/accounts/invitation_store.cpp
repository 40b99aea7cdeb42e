#include "modules/accounts/invitation_store.hpp"

namespace accounts {
namespace {

constexpr std::string_view kInsertLink = R"(
  INSERT INTO one_time_links (token_hash, purpose, user_id, grant_role, grant_scope_kind, grant_scope_code, created_by,
                              created_at, expires_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9))";
constexpr std::string_view kInsertMessage = R"(
  INSERT INTO outbox (recipient, subject, body_text, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6))";
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
// Queries of whole messages read these columns in this order (MessageOf).
constexpr std::string_view kListOutboxFor = R"(
  SELECT id, recipient, subject, body_text, purpose, created_at, sent_at, expires_at, attempts, last_error,
         next_attempt_at, given_up_at
  FROM outbox WHERE recipient = $1 ORDER BY id)";
constexpr std::string_view kListOutbox = R"(
  SELECT id, recipient, subject, body_text, purpose, created_at, sent_at, expires_at, attempts, last_error,
         next_attempt_at, given_up_at
  FROM outbox ORDER BY id DESC LIMIT $1 OFFSET $2)";
constexpr std::string_view kListDue = R"(
  SELECT id, recipient, subject, body_text, purpose, created_at, sent_at, expires_at, attempts, last_error,
         next_attempt_at, given_up_at
  FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT $2)";
// The one statement that decides who sends a message: of two processes, only one changes the row.
constexpr std::string_view kClaim = R"(
  UPDATE outbox SET next_attempt_at = $3
  WHERE id = $1 AND sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= $2)";
constexpr std::string_view kMarkSent = "UPDATE outbox SET sent_at = $2, attempts = attempts + 1 WHERE id = $1";
constexpr std::string_view kMarkFailed =
    "UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $1";
constexpr std::string_view kMarkGivenUp =
    "UPDATE outbox SET attempts = attempts + 1, last_error = $2, given_up_at = $3 WHERE id = $1";
constexpr std::string_view kGiveUpExpired = R"(
  UPDATE outbox
  SET given_up_at = $1,
      last_error = CASE WHEN last_error IS NULL THEN CAST($2 AS TEXT)
                        ELSE CAST($2 AS TEXT) || ' (last error: ' || last_error || ')' END
  WHERE sent_at IS NULL AND given_up_at IS NULL AND expires_at <= $1)";
constexpr std::string_view kCountOutbox = "SELECT COUNT(*) FROM outbox";

db::Value OptionalValue(const std::optional<std::int64_t>& value) {
  return value ? db::Value(*value) : db::Value(nullptr);
}

OutboxMessage MessageOf(const db::Row& row) {
  OutboxMessage message;
  message.id = row.Int(0);
  message.recipient = row.Text(1);
  message.subject = row.Text(2);
  message.body_text = row.Text(3);
  message.purpose = row.Text(4);
  message.created_at = row.Int(5);
  message.sent_at = row.OptionalInt(6);
  message.expires_at = row.OptionalInt(7);
  message.attempts = row.Int(8);
  message.last_error = row.OptionalText(9);
  message.next_attempt_at = row.Int(10);
  message.given_up_at = row.OptionalInt(11);
  return message;
}

std::vector<OutboxMessage> MessagesOf(const db::Rows& rows) {
  std::vector<OutboxMessage> messages;
  messages.reserve(rows.size());
  for (const auto& row : rows) messages.push_back(MessageOf(row));
  return messages;
}

}  // namespace

std::string_view LinkPurposeName(LinkPurpose purpose) {
  return purpose == LinkPurpose::kInvitation ? "invitation" : "password_reset";
}

void InvitationStore::InsertLinkWithMessage(const OneTimeLink& link, const OutboxMessage& message) {
  const db::Value role = link.grant ? db::Value(std::string(RoleName(link.grant->role))) : db::Value(nullptr);
  const db::Value kind =
      link.grant ? db::Value(std::string(ScopeKindName(link.grant->scope.kind))) : db::Value(nullptr);
  const db::Value code = link.grant ? db::Value(link.grant->scope.code) : db::Value(nullptr);
  database_.Transaction([&](db::Connection& connection) {
    connection.Execute(kInsertLink, {link.token_hash, std::string(LinkPurposeName(link.purpose)), link.user_id, role,
                                     kind, code, OptionalValue(link.created_by), link.created_at, link.expires_at});
    connection.Execute(kInsertMessage, {message.recipient, message.subject, message.body_text, message.purpose,
                                        message.created_at, OptionalValue(message.expires_at)});
  });
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

std::vector<OutboxMessage> InvitationStore::ListOutbox(std::int64_t limit, std::int64_t offset) {
  return MessagesOf(database_.Acquire()->Query(kListOutbox, {limit, offset}));
}

std::int64_t InvitationStore::CountOutbox() { return database_.Acquire()->QueryOne(kCountOutbox)->Int(0); }

std::vector<OutboxMessage> InvitationStore::ListOutboxFor(const std::string& recipient) {
  return MessagesOf(database_.Acquire()->Query(kListOutboxFor, {recipient}));
}

std::vector<OutboxMessage> InvitationStore::ListDue(std::int64_t now, std::int64_t limit) {
  return MessagesOf(database_.Acquire()->Query(kListDue, {now, limit}));
}

bool InvitationStore::Claim(std::int64_t id, std::int64_t now, std::int64_t until) {
  return database_.Acquire()->Execute(kClaim, {id, now, until}) == 1;
}

void InvitationStore::MarkSent(std::int64_t id, std::int64_t now) {
  database_.Acquire()->Execute(kMarkSent, {id, now});
}

void InvitationStore::MarkFailed(std::int64_t id, const std::string& error, std::int64_t retry_at) {
  database_.Acquire()->Execute(kMarkFailed, {id, error, retry_at});
}

void InvitationStore::MarkGivenUp(std::int64_t id, const std::string& error, std::int64_t now) {
  database_.Acquire()->Execute(kMarkGivenUp, {id, error, now});
}

std::int64_t InvitationStore::GiveUpExpired(std::int64_t now, const std::string& reason) {
  return database_.Acquire()->Execute(kGiveUpExpired, {now, reason});
}

}  // namespace accounts
