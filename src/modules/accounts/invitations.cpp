#include "modules/accounts/invitations.hpp"

#include <fmt/format.h>

#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/password.hpp"

namespace accounts {
namespace {

// The message that carries the link to `url`: the outbox puts the URL in place of "{link}", and does not send it once
// the link has expired.
notifications::Message MessageWithLink(const std::string& recipient, const MessageText& text, const std::string& url,
                                       LinkPurpose purpose, std::int64_t expires_at) {
  return {recipient, text.subject, text.body, std::string(LinkPurposeName(purpose)),
          notifications::ExpiringLink{url, expires_at}};
}

}  // namespace

std::string LinkPath(LinkPurpose purpose, std::string_view token) {
  return std::string(purpose == LinkPurpose::kInvitation ? "/invitations/" : "/password-reset/") + std::string(token);
}

core::Error InvitationService::Refuse(std::string_view message, core::ErrorKind kind, LinkPurpose purpose,
                                      std::string_view reason, std::optional<std::int64_t> user_id,
                                      const Origin& origin) {
  audit_.Write(std::nullopt, origin, "link_refused",
               fmt::format("{} {}{}", LinkPurposeName(purpose), reason,
                           user_id ? fmt::format(" (user {})", *user_id) : std::string()));
  return core::Error{kind, std::string(message), {}};
}

core::Result<Invited> InvitationService::Invite(const core::Actor& inviter, const std::string& email,
                                                const std::string& display_name, const RoleAssignment& assignment,
                                                const MessageText& message) {
  if (auto refused = RefuseUnlessAdministrator(inviter)) return *refused;
  const auto normalised = NormaliseEmail(email);
  if (!normalised) return core::Error::InvalidInput("This is not an email address.");
  if (!accounts_.ScopeExists(assignment.scope)) {
    return core::Error::InvalidInput("There is no place or organisation for this scope.");
  }

  std::int64_t user_id = 0;
  if (const auto existing = accounts_store_.FindUserByEmail(*normalised)) {
    if (!store_.HasOnlyUnacceptedInvitations(existing->id)) {
      return core::Error::Conflict("A user with this email address exists already.");
    }
    user_id = existing->id;
  } else {
    // A random password nobody learns: the account cannot be signed into until the link sets a real one.
    auto added = accounts_.AddUser(*normalised, display_name, NewToken());
    if (!added) return added.error();
    user_id = added->id;
  }

  const std::string token = NewToken();
  const std::int64_t now = clock_.Now();
  OneTimeLink link;
  link.token_hash = HashToken(token);
  link.purpose = LinkPurpose::kInvitation;
  link.user_id = user_id;
  link.grant = assignment;
  link.created_by = inviter.user_id;
  link.created_at = now;
  link.expires_at = now + kInvitationLifetime.count();
  const std::string path = LinkPath(LinkPurpose::kInvitation, token);
  const std::string url = LinkUrl(path);
  // The link, its message and the audit entry are written together, or none is.
  database_.Transaction([&](db::Connection& connection) {
    store_.InsertLink(connection, link);
    outbox_.Queue(connection, MessageWithLink(*normalised, message, url, LinkPurpose::kInvitation, link.expires_at));
    audit_.Write(connection, inviter, "invitation_created",
                 fmt::format("{} as {} for {}", *normalised, RoleName(assignment.role), ScopeText(assignment.scope)));
  });
  return Invited{user_id, *normalised, path, url, link.expires_at};
}

void InvitationService::RequestPasswordReset(const std::string& email, const MessageText& message,
                                             const Origin& origin) {
  const std::string normalised = NormaliseEmail(email).value_or(email);
  const auto user = accounts_store_.FindUserByEmail(normalised);
  if (!user) {
    audit_.Write(std::nullopt, origin, "password_reset_requested", normalised + " (no such account)");
    return;
  }
  const std::int64_t now = clock_.Now();
  if (store_.CountLinksSince(user->id, LinkPurpose::kPasswordReset, now - 3600) >= kMaxPasswordResetsPerHour) {
    audit_.Write(std::nullopt, origin, "password_reset_throttled", user->email);
    return;
  }
  const std::string token = NewToken();
  OneTimeLink link;
  link.token_hash = HashToken(token);
  link.purpose = LinkPurpose::kPasswordReset;
  link.user_id = user->id;
  link.created_at = now;
  link.expires_at = now + kPasswordResetLifetime.count();
  const std::string url = LinkUrl(LinkPath(LinkPurpose::kPasswordReset, token));
  database_.Transaction([&](db::Connection& connection) {
    store_.InsertLink(connection, link);
    outbox_.Queue(connection, MessageWithLink(user->email, message, url, LinkPurpose::kPasswordReset, link.expires_at));
    audit_.Write(connection, std::nullopt, origin, "password_reset_requested", user->email);
  });
}

core::Result<OneTimeLink> InvitationService::OpenLink(const std::string& token, LinkPurpose purpose,
                                                      const Origin& origin) {
  auto link = token.empty() ? std::nullopt : store_.FindLink(HashToken(token));
  // A reset token under /invitations/ (or the reverse) is as unknown as a made-up one.
  if (!link || link->purpose != purpose) {
    return Refuse(kUnknownLinkMessage, core::ErrorKind::kNotFound, purpose, "unknown", std::nullopt, origin);
  }
  if (link->used_at) {
    return Refuse(kUsedLinkMessage, core::ErrorKind::kConflict, purpose, "used", link->user_id, origin);
  }
  if (link->expires_at <= clock_.Now()) {
    return Refuse(kExpiredLinkMessage, core::ErrorKind::kGone, purpose, "expired", link->user_id, origin);
  }
  return std::move(*link);
}

core::Result<Redeemed> InvitationService::Redeem(const std::string& token, LinkPurpose purpose,
                                                 const std::string& new_password, const Origin& origin) {
  auto link = OpenLink(token, purpose, origin);
  if (!link) return link.error();
  if (new_password.size() < kMinimumPasswordLength) {
    return core::Error::InvalidInput(
        fmt::format("The password must have at least {} characters.", kMinimumPasswordLength));
  }
  Redemption redemption;
  redemption.token_hash = link->token_hash;
  redemption.user_id = link->user_id;
  redemption.password_hash = HashPassword(new_password);
  redemption.grant = link->grant;
  redemption.granted_by = link->created_by;
  redemption.end_sessions = purpose == LinkPurpose::kPasswordReset;
  redemption.now = clock_.Now();
  // Another request may have used the link, or time run out, since it was opened above: the store decides.
  if (!store_.Redeem(redemption)) {
    const auto again = store_.FindLink(link->token_hash);
    const bool used = again && again->used_at;
    return Refuse(used ? kUsedLinkMessage : kExpiredLinkMessage,
                  used ? core::ErrorKind::kConflict : core::ErrorKind::kGone, purpose, used ? "used" : "expired",
                  link->user_id, origin);
  }
  std::string subject = link->email;
  if (link->grant) subject += fmt::format(" as {} for {}", RoleName(link->grant->role), ScopeText(link->grant->scope));
  audit_.Write(link->user_id, origin, purpose == LinkPurpose::kInvitation ? "invitation_accepted" : "password_reset",
               subject);
  return Redeemed{purpose, link->user_id, link->email};
}

}  // namespace accounts
