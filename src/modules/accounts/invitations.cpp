#include "modules/accounts/invitations.hpp"

#include <fmt/format.h>

#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/password.hpp"

namespace accounts {
namespace {

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The outbox message that carries `url`, written at `now`; not worth sending once the link expires.
OutboxMessage MessageWithLink(const std::string& recipient, const MessageText& text, const std::string& url,
                              LinkPurpose purpose, std::int64_t now, std::int64_t expires_at) {
  OutboxMessage message;
  message.recipient = recipient;
  message.subject = text.subject;
  message.body_text = ReplaceAll(text.body, "{link}", url);
  message.purpose = std::string(LinkPurposeName(purpose));
  message.created_at = now;
  message.expires_at = expires_at;
  return message;
}

}  // namespace

std::string LinkPath(LinkPurpose purpose, std::string_view token) {
  return std::string(purpose == LinkPurpose::kInvitation ? "/invitations/" : "/password-reset/") + std::string(token);
}

void InvitationService::Audit(std::optional<std::int64_t> actor, std::string action, std::string subject,
                              const Origin& origin) {
  accounts_.AppendAudit(
      {UnixNow(), actor, std::move(action), std::move(subject), origin.remote_address, origin.request_id});
}

core::Error InvitationService::Refuse(std::string_view message, core::ErrorKind kind, LinkPurpose purpose,
                                      std::string_view reason, std::optional<std::int64_t> user_id,
                                      const Origin& origin) {
  Audit(std::nullopt, "link_refused",
        fmt::format("{} {}{}", LinkPurposeName(purpose), reason,
                    user_id ? fmt::format(" (user {})", *user_id) : std::string()),
        origin);
  return core::Error{kind, std::string(message), {}};
}

core::Result<Invited> InvitationService::Invite(std::int64_t inviter_user_id, const std::string& email,
                                                const std::string& display_name, const RoleAssignment& assignment,
                                                const MessageText& message, const Origin& origin) {
  const auto normalised = NormaliseEmail(email);
  if (!normalised) return core::Error::InvalidInput("This is not an email address.");
  AccountsService users(accounts_, database_);
  if (!users.ScopeExists(assignment.scope)) {
    return core::Error::InvalidInput("There is no place or organisation for this scope.");
  }

  std::int64_t user_id = 0;
  if (const auto existing = accounts_.FindUserByEmail(*normalised)) {
    if (!store_.HasOnlyUnacceptedInvitations(existing->id)) {
      return core::Error::Conflict("A user with this email address exists already.");
    }
    user_id = existing->id;
  } else {
    // A random password nobody learns: the account cannot be signed into until the link sets a real one.
    auto added = users.AddUser(*normalised, display_name, NewToken());
    if (!added) return added.error();
    user_id = added->id;
  }

  const std::string token = NewToken();
  const std::int64_t now = UnixNow();
  OneTimeLink link;
  link.token_hash = HashToken(token);
  link.purpose = LinkPurpose::kInvitation;
  link.user_id = user_id;
  link.grant = assignment;
  link.created_by = inviter_user_id;
  link.created_at = now;
  link.expires_at = now + kInvitationLifetime.count();
  const std::string path = LinkPath(LinkPurpose::kInvitation, token);
  const std::string url = LinkUrl(path);
  store_.InsertLinkWithMessage(
      link, MessageWithLink(*normalised, message, url, LinkPurpose::kInvitation, now, link.expires_at));
  Audit(inviter_user_id, "invitation_created",
        fmt::format("{} as {} for {}", *normalised, RoleName(assignment.role), ScopeText(assignment.scope)), origin);
  return Invited{user_id, *normalised, path, url, link.expires_at};
}

void InvitationService::RequestPasswordReset(const std::string& email, const MessageText& message,
                                             const Origin& origin) {
  const std::string normalised = NormaliseEmail(email).value_or(email);
  const auto user = accounts_.FindUserByEmail(normalised);
  if (!user) {
    Audit(std::nullopt, "password_reset_requested", normalised + " (no such account)", origin);
    return;
  }
  const std::int64_t now = UnixNow();
  if (store_.CountLinksSince(user->id, LinkPurpose::kPasswordReset, now - 3600) >= kMaxPasswordResetsPerHour) {
    Audit(std::nullopt, "password_reset_throttled", user->email, origin);
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
  store_.InsertLinkWithMessage(
      link, MessageWithLink(user->email, message, url, LinkPurpose::kPasswordReset, now, link.expires_at));
  Audit(std::nullopt, "password_reset_requested", user->email, origin);
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
  if (link->expires_at <= UnixNow()) {
    return Refuse(kExpiredLinkMessage, core::ErrorKind::kConflict, purpose, "expired", link->user_id, origin);
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
  redemption.now = UnixNow();
  // Another request may have used the link, or time run out, since it was opened above: the store decides.
  if (!store_.Redeem(redemption)) {
    const auto again = store_.FindLink(link->token_hash);
    const bool used = again && again->used_at;
    return Refuse(used ? kUsedLinkMessage : kExpiredLinkMessage, core::ErrorKind::kConflict, purpose,
                  used ? "used" : "expired", link->user_id, origin);
  }
  std::string subject = link->email;
  if (link->grant) subject += fmt::format(" as {} for {}", RoleName(link->grant->role), ScopeText(link->grant->scope));
  Audit(link->user_id, purpose == LinkPurpose::kInvitation ? "invitation_accepted" : "password_reset", subject, origin);
  return Redeemed{purpose, link->user_id, link->email};
}

}  // namespace accounts
