#pragma once
// Invitations and password resets by one-time, expiring links. Each message goes to the outbox table, which
// MailDelivery sends when a mail server is configured; the inviter sees the link either way. The database keeps only a
// hash of each link's token.

#include <chrono>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "db/database.hpp"
#include "modules/accounts/accounts_store.hpp"
#include "modules/accounts/invitation_store.hpp"
#include "modules/accounts/roles.hpp"
#include "modules/accounts/session.hpp"

namespace accounts {

inline constexpr std::chrono::seconds kInvitationLifetime = std::chrono::days(7);
inline constexpr std::chrono::seconds kPasswordResetLifetime = std::chrono::hours(2);

// At most this many password-reset links per account per hour: asking again and again fills no outbox.
inline constexpr std::int64_t kMaxPasswordResetsPerHour = 3;

// Messages a refused link gets: msgids for the translator.
inline constexpr std::string_view kUnknownLinkMessage =
    "This link is not known. Check that it was copied whole, or ask for a new one.";
inline constexpr std::string_view kUsedLinkMessage = "This link has been used already. Each link works only once.";
inline constexpr std::string_view kExpiredLinkMessage = "This link has expired. Ask for a new one.";

// A message for the outbox, already in the recipient's language (the routes translate it: the catalogues are theirs).
// Every "{link}" in the body becomes the link: the public URL and the path, or the path alone (LinkUrl).
struct MessageText {
  std::string subject;
  std::string body;
};

struct Invited {
  std::int64_t user_id = 0;
  std::string email;
  std::string link_path;  // "/invitations/<token>": never stored
  std::string link;       // what the message carries and the inviter sees: LinkUrl(link_path)
  std::int64_t expires_at = 0;
};

struct Redeemed {
  LinkPurpose purpose = LinkPurpose::kInvitation;
  std::int64_t user_id = 0;
  std::string email;
};

std::string LinkPath(LinkPurpose purpose, std::string_view token);  // "/invitations/…" or "/password-reset/…"

class InvitationService {
 public:
  // What is waiting in the outbox, newest first: with no mail server, an administrator passes links on from here.
  std::vector<OutboxMessage> ListOutbox(std::int64_t limit, std::int64_t offset) {
    return store_.ListOutbox(limit, offset);
  }
  std::int64_t CountOutbox() { return store_.CountOutbox(); }

  // `public_url` ("https://khetane.example.org", without a trailing slash) goes before the path of every link in a
  // message, so that the link works from a mail program; "" leaves paths. It comes from the configuration, never from
  // a request's Host header, which the client chooses.
  InvitationService(AccountsStore& accounts, InvitationStore& store, db::Database& database,
                    std::string public_url = "")
      : accounts_(accounts), store_(store), database_(database), public_url_(std::move(public_url)) {}

  // `path` as it appears in a message: after the public URL when there is one.
  std::string LinkUrl(std::string_view path) const { return public_url_ + std::string(path); }

  // Creates the account (with a password nobody knows) unless it exists, and a link valid for 7 days that sets the
  // password and grants `assignment`. An account that exists can be invited again only while it has never used a
  // link: otherwise the inviter could take over an account that someone already uses.
  core::Result<Invited> Invite(std::int64_t inviter_user_id, const std::string& email, const std::string& display_name,
                               const RoleAssignment& assignment, const MessageText& message, const Origin& origin);
  // A link valid for 2 hours when the account exists (and has asked fewer than kMaxPasswordResetsPerHour times in the
  // last hour); nothing otherwise. The caller answers the same either way.
  void RequestPasswordReset(const std::string& email, const MessageText& message, const Origin& origin);
  // The link of `token` if it can still be used for `purpose`; a refusal (audited) otherwise: kNotFound when
  // unknown, kConflict when used or expired.
  core::Result<OneTimeLink> OpenLink(const std::string& token, LinkPurpose purpose, const Origin& origin);
  // Sets the password, grants the invitation's role and uses up the link, at once. A password that is too short
  // leaves the link usable.
  core::Result<Redeemed> Redeem(const std::string& token, LinkPurpose purpose, const std::string& new_password,
                                const Origin& origin);

 private:
  void Audit(std::optional<std::int64_t> actor, std::string action, std::string subject, const Origin& origin);
  core::Error Refuse(std::string_view message, core::ErrorKind kind, LinkPurpose purpose, std::string_view reason,
                     std::optional<std::int64_t> user_id, const Origin& origin);

  AccountsStore& accounts_;
  InvitationStore& store_;
  db::Database& database_;
  std::string public_url_;
};

}  // namespace accounts
