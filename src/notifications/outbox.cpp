#include "notifications/outbox.hpp"

namespace notifications {
namespace {

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

std::int64_t Outbox::Queue(const Message& message) {
  auto connection = database_.Acquire();
  return Queue(*connection, message);
}

std::int64_t Outbox::Queue(db::Connection& connection, const Message& message) {
  OutboxMessage queued;
  queued.recipient = message.recipient;
  queued.subject = message.subject;
  queued.body_text = message.link ? ReplaceAll(message.text, "{link}", message.link->url) : message.text;
  queued.purpose = message.purpose;
  queued.created_at = clock_.Now();
  if (message.link) queued.expires_at = message.link->expires_at;
  return store_.Insert(connection, queued);
}

core::Result<OutboxListing> Outbox::List(const core::Actor& reader, std::int64_t limit, std::int64_t offset) {
  if (!reader.IsAdministrator())
    return core::Error::Forbidden("Only an administrator of the installation may do this.");
  return OutboxListing{store_.List(limit, offset), store_.Count()};
}

}  // namespace notifications
