#pragma once
// All SQL of one-time links: invitations and password resets. Their messages go to the outbox
// (notifications::Outbox).

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

  // Within the caller's transaction, which queues the link's message too: both are written, or neither.
  void InsertLink(db::Connection& connection, const OneTimeLink& link);
  std::optional<OneTimeLink> FindLink(const std::string& token_hash);
  // Marks the link used, sets the password, grants the role (and ends sessions when asked) in one transaction.
  // Returns false, changing nothing, when the link is used, expired or unknown by then: of two concurrent redeems,
  // only one wins.
  bool Redeem(const Redemption& redemption);

  // Whether the user was invited and has never used any link: such an account has no password anyone knows yet.
  bool HasOnlyUnacceptedInvitations(std::int64_t user_id);
  // Links of `purpose` made for the user since `since` (Unix seconds): for the password-reset rate limit.
  std::int64_t CountLinksSince(std::int64_t user_id, LinkPurpose purpose, std::int64_t since);

 private:
  db::Database& database_;
};

}  // namespace accounts
