#pragma once
// All SQL of the outbox: the messages the modules queue and their delivery (MailDelivery). The table is made by the
// accounts module's migrations (0005, 0008), which every installation has.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace notifications {

struct OutboxMessage {
  std::int64_t id = 0;
  std::string recipient;
  std::string subject;
  std::string body_text;
  std::string purpose;  // what it is for: "invitation", "password_reset" …
  std::int64_t created_at = 0;
  std::optional<std::int64_t> sent_at;
  std::optional<std::int64_t> expires_at;  // not worth sending after this (its link no longer works); nullopt: no limit
  // Delivery by SMTP (MailDelivery), when a mail server is configured.
  std::int64_t attempts = 0;
  std::optional<std::string> last_error;
  std::int64_t next_attempt_at = 0;  // not tried before this: the back-off after a failure, or a sender's claim
  std::optional<std::int64_t> given_up_at;
};

class OutboxStore {
 public:
  explicit OutboxStore(db::Database& database) : database_(database) {}

  // Within the caller's transaction, so that a message goes with what it tells of (an invitation's link), or not at
  // all. Returns its id.
  std::int64_t Insert(db::Connection& connection, const OutboxMessage& message);
  std::vector<OutboxMessage> ListFor(const std::string& recipient);
  // Newest first.
  std::vector<OutboxMessage> List(std::int64_t limit, std::int64_t offset);
  std::int64_t Count();
  // Messages still to be sent (neither sent nor given up): the backlog a mail server has not taken yet.
  std::int64_t CountWaiting();
  // Every message to `recipient`, sent or not, within the caller's transaction (erasure of an account).
  void DeleteFor(db::Connection& connection, const std::string& recipient);

  // Delivery of the outbox (MailDelivery). Several processes may deliver at once: a message is sent by the one that
  // claims it.
  // Unsent messages, not given up, whose next attempt is due at `now`: oldest first.
  std::vector<OutboxMessage> ListDue(std::int64_t now, std::int64_t limit);
  // Takes the message until `until` (a process that dies while sending leaves it to be tried again then). False,
  // changing nothing, when it was sent, given up or claimed by someone else since it was listed.
  bool Claim(std::int64_t id, std::int64_t now, std::int64_t until);
  void MarkSent(std::int64_t id, std::int64_t now);
  // One more failed attempt: tried again at `retry_at`.
  void MarkFailed(std::int64_t id, const std::string& error, std::int64_t retry_at);
  // One more failed attempt, and the last one.
  void MarkGivenUp(std::int64_t id, const std::string& error, std::int64_t now);
  // Gives up the unsent messages whose expires_at has come, with `reason` (and the last error, if any); returns how
  // many.
  std::int64_t GiveUpExpired(std::int64_t now, const std::string& reason);

 private:
  db::Database& database_;
};

}  // namespace notifications
