#pragma once
// All SQL of invitations, password resets and the outbox (its delivery too).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/accounts/roles.hpp"

namespace accounts {

enum class LinkPurpose { kInvitation, kPasswordReset };

std::string_view LinkPurposeName(LinkPurpose purpose);  // "invitation", "password_reset"

struct OneTimeLink {
  std::string token_hash;
  LinkPurpose purpose = LinkPurpose::kInvitation;
  std::int64_t user_id = 0;
  std::string email;                    // the user's, read with the link
  std::optional<RoleAssignment> grant;  // invitations only
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> used_at;
};

struct OutboxMessage {
  std::int64_t id = 0;
  std::string recipient;
  std::string subject;
  std::string body_text;
  std::string purpose;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> sent_at;
  std::optional<std::int64_t> expires_at;  // not worth sending after this (its link no longer works); nullopt: no limit
  // Delivery by SMTP (MailDelivery), when a mail server is configured.
  std::int64_t attempts = 0;
  std::optional<std::string> last_error;
  std::int64_t next_attempt_at = 0;  // not tried before this: the back-off after a failure, or a sender's claim
  std::optional<std::int64_t> given_up_at;
};

// What redeeming a link changes, all in one transaction.
struct Redemption {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string password_hash;
  std::optional<RoleAssignment> grant;
  std::optional<std::int64_t> granted_by;  // the inviter
  bool end_sessions = false;               // a password reset signs the account out everywhere
  std::int64_t now = 0;
};

class InvitationStore {
 public:
  explicit InvitationStore(db::Database& database) : database_(database) {}

  // The link and its message are written together, or neither is.
  void InsertLinkWithMessage(const OneTimeLink& link, const OutboxMessage& message);
  std::optional<OneTimeLink> FindLink(const std::string& token_hash);
  // Marks the link used, sets the password, grants the role (and ends sessions when asked) in one transaction.
  // Returns false, changing nothing, when the link is used, expired or unknown by then: of two concurrent redeems,
  // only one wins.
  bool Redeem(const Redemption& redemption);

  // Whether the user was invited and has never used any link: such an account has no password anyone knows yet.
  bool HasOnlyUnacceptedInvitations(std::int64_t user_id);
  // Links of `purpose` made for the user since `since` (Unix seconds): for the password-reset rate limit.
  std::int64_t CountLinksSince(std::int64_t user_id, LinkPurpose purpose, std::int64_t since);
  std::vector<OutboxMessage> ListOutboxFor(const std::string& recipient);
  // Newest first.
  std::vector<OutboxMessage> ListOutbox(std::int64_t limit, std::int64_t offset);
  std::int64_t CountOutbox();

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

}  // namespace accounts
