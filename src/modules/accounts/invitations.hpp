#pragma once
// Invitations and password resets by one-time, expiring links. Each message is queued in the outbox
// (notifications::Outbox), which is sent when a mail server is configured; the inviter sees the link either way. The
// database keeps only a hash of each link's token.

#include <chrono>
#include <cstdint>
#include <string>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/accounts_store.hpp"
#include "modules/accounts/invitation_store.hpp"
#include "modules/accounts/roles.hpp"
#include "modules/accounts/session.hpp"
#include "notifications/outbox.hpp"

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

// What the invitation service works with: the accounts it creates and reads, its own store, the outbox its messages
// go to, the audit log and the clock that tells when a link expires.
struct InvitationDependencies {
  AccountsService& accounts;
  AccountsStore& accounts_store;
  InvitationStore& store;
  notifications::Outbox& outbox;
  kernel::AuditLog& audit;
  const core::Clock& clock;
  db::Database& database;  // for the transaction that writes a link with its message
};

class InvitationService {
 public:
  // `public_url` ("https://khetane.example.org", without a trailing slash) goes before the path of every link in a
  // message, so that the link works from a mail program; "" leaves paths. It comes from the configuration, never from
  // a request's Host header, which the client chooses.
  explicit InvitationService(const InvitationDependencies& dependencies, std::string public_url = "")
      : accounts_(dependencies.accounts),
        accounts_store_(dependencies.accounts_store),
        store_(dependencies.store),
        outbox_(dependencies.outbox),
        audit_(dependencies.audit),
        clock_(dependencies.clock),
        database_(dependencies.database),
        public_url_(std::move(public_url)) {}

  // `path` as it appears in a message: after the public URL when there is one.
  std::string LinkUrl(std::string_view path) const { return public_url_ + std::string(path); }

  // Creates the account (with a password nobody knows) unless it exists, and a link valid for 7 days that sets the
  // password and grants `assignment`. An account that exists can be invited again only while it has never used a
  // link: otherwise the inviter could take over an account that someone already uses. Only an administrator of the
  // installation invites (kForbidden for anyone else).
  core::Result<Invited> Invite(const core::Actor& inviter, const std::string& email, const std::string& display_name,
                               const RoleAssignment& assignment, const MessageText& message);
  // A link valid for 2 hours when the account exists (and has asked fewer than kMaxPasswordResetsPerHour times in the
  // last hour); nothing otherwise. The caller answers the same either way.
  void RequestPasswordReset(const std::string& email, const MessageText& message, const Origin& origin);
  // The link of `token` if it can still be used for `purpose`; a refusal (audited) otherwise: kNotFound when
  // unknown, kConflict when used, kGone when expired.
  core::Result<OneTimeLink> OpenLink(const std::string& token, LinkPurpose purpose, const Origin& origin);
  // Sets the password, grants the invitation's role and uses up the link, at once. A password that is too short
  // leaves the link usable.
  core::Result<Redeemed> Redeem(const std::string& token, LinkPurpose purpose, const std::string& new_password,
                                const Origin& origin);

 private:
  core::Error Refuse(std::string_view message, core::ErrorKind kind, LinkPurpose purpose, std::string_view reason,
                     std::optional<std::int64_t> user_id, const Origin& origin);

  AccountsService& accounts_;
  AccountsStore& accounts_store_;
  InvitationStore& store_;
  notifications::Outbox& outbox_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
  db::Database& database_;
  std::string public_url_;
};

}  // namespace accounts
