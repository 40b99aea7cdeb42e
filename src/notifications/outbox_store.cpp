#include "notifications/outbox_store.hpp"

namespace notifications {
namespace {

constexpr std::string_view kInsert = R"(
  INSERT INTO outbox (recipient, subject, body_text, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
  RETURNING id)";
// Queries of whole messages read these columns in this order (MessageOf).
constexpr std::string_view kListFor = R"(
  SELECT id, recipient, subject, body_text, purpose, created_at, sent_at, expires_at, attempts, last_error,
         next_attempt_at, given_up_at
  FROM outbox WHERE recipient = $1 ORDER BY id)";
constexpr std::string_view kList = R"(
  SELECT id, recipient, subject, body_text, purpose, created_at, sent_at, expires_at, attempts, last_error,
         next_attempt_at, given_up_at
  FROM outbox ORDER BY id DESC LIMIT $1 OFFSET $2)";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM outbox";
constexpr std::string_view kCountWaiting = "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL";
constexpr std::string_view kDeleteFor = "DELETE FROM outbox WHERE recipient = $1";
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

std::int64_t OutboxStore::Insert(db::Connection& connection, const OutboxMessage& message) {
  return connection
      .QueryOne(kInsert, {message.recipient, message.subject, message.body_text, message.purpose, message.created_at,
                          OptionalValue(message.expires_at)})
      ->Int(0);
}

std::vector<OutboxMessage> OutboxStore::ListFor(const std::string& recipient) {
  return MessagesOf(database_.Acquire()->Query(kListFor, {recipient}));
}

std::vector<OutboxMessage> OutboxStore::List(std::int64_t limit, std::int64_t offset) {
  return MessagesOf(database_.Acquire()->Query(kList, {limit, offset}));
}

std::int64_t OutboxStore::Count() { return database_.Acquire()->QueryOne(kCount)->Int(0); }

std::int64_t OutboxStore::CountWaiting() { return database_.Acquire()->QueryOne(kCountWaiting)->Int(0); }

void OutboxStore::DeleteFor(db::Connection& connection, const std::string& recipient) {
  connection.Execute(kDeleteFor, {recipient});
}

std::vector<OutboxMessage> OutboxStore::ListDue(std::int64_t now, std::int64_t limit) {
  return MessagesOf(database_.Acquire()->Query(kListDue, {now, limit}));
}

bool OutboxStore::Claim(std::int64_t id, std::int64_t now, std::int64_t until) {
  return database_.Acquire()->Execute(kClaim, {id, now, until}) == 1;
}

void OutboxStore::MarkSent(std::int64_t id, std::int64_t now) { database_.Acquire()->Execute(kMarkSent, {id, now}); }

void OutboxStore::MarkFailed(std::int64_t id, const std::string& error, std::int64_t retry_at) {
  database_.Acquire()->Execute(kMarkFailed, {id, error, retry_at});
}

void OutboxStore::MarkGivenUp(std::int64_t id, const std::string& error, std::int64_t now) {
  database_.Acquire()->Execute(kMarkGivenUp, {id, error, now});
}

std::int64_t OutboxStore::GiveUpExpired(std::int64_t now, const std::string& reason) {
  return database_.Acquire()->Execute(kGiveUpExpired, {now, reason});
}

}  // namespace notifications
