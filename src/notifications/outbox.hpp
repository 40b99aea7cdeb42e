#pragma once
// Notifications: the messages any module sends to a person (an invitation, a password reset, a deadline reminder, a
// digest) are queued in the outbox. With a mail server configured, MailDelivery sends them (`khetane serve` in the
// background, `khetane mail send` once); without one, administrators read them at /admin/outbox and pass links on.
// The application provides one Outbox in the kernel's services, before the modules.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "notifications/outbox_store.hpp"

namespace notifications {

// A link that stops working at a time (a one-time link): the message is not worth sending after it.
struct ExpiringLink {
  std::string url;
  std::int64_t expires_at = 0;  // Unix seconds
};

// A message as a module queues it, already in the recipient's language.
struct Message {
  std::string recipient;  // an email address
  std::string subject;
  std::string text;     // plain text; every "{link}" in it becomes the link's URL
  std::string purpose;  // what it is for, shown with it: "invitation", "password_reset", "deadline_reminder" …
  std::optional<ExpiringLink> link;
};

struct OutboxListing {
  std::vector<OutboxMessage> messages;  // newest first
  std::int64_t total = 0;
};

class Outbox {
 public:
  Outbox(db::Database& database, const core::Clock& clock) : database_(database), store_(database), clock_(clock) {}

  // Queues `message`, written now; returns its id.
  std::int64_t Queue(const Message& message);
  // The same within the caller's transaction: the message goes with what it tells of, or not at all.
  std::int64_t Queue(db::Connection& connection, const Message& message);

  // The messages and how their delivery stands, for an administrator of the installation only: they hold one-time
  // links. kForbidden for anyone else.
  core::Result<OutboxListing> List(const core::Actor& reader, std::int64_t limit, std::int64_t offset);

  // Erasure (GDPR Art. 17): every message to `recipient` goes, within the caller's transaction.
  void Forget(db::Connection& connection, const std::string& recipient) { store_.DeleteFor(connection, recipient); }

 private:
  db::Database& database_;
  OutboxStore store_;
  const core::Clock& clock_;
};

}  // namespace notifications
