#pragma once
// Self-registration as a community monitor, when the installation allows it (off by default). The account exists at
// once but holds no role: an administrator approves the request, which grants community_monitor for the municipality
// the person wants to monitor, or rejects it. Nobody learns from the form whether an email address has an account.

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/accounts_service.hpp"
#include "modules/accounts/registration_store.hpp"
#include "modules/accounts/session.hpp"

namespace accounts {

// At most this many registrations from one address per hour.
inline constexpr std::int64_t kMaxRegistrationsPerHour = 5;

struct RegistrationForm {
  std::string email;
  std::string name;
  std::string password;
  std::string municipality_code;
  std::string motivation;  // why they want to monitor; read by the administrator who decides
};

// "waiting for review", "approved", "rejected": msgids for a request's state.
std::string_view RegistrationStateTitle(std::string_view state);

class RegistrationService {
 public:
  RegistrationService(RegistrationStore& store, AccountsService& accounts, AccountsStore& accounts_store,
                      kernel::AuditLog& audit, const core::Clock& clock, db::Database& database)
      : store_(store),
        accounts_(accounts),
        accounts_store_(accounts_store),
        audit_(audit),
        clock_(clock),
        database_(database) {}

  // Checks the form (errors are msgids) and records the request. When the email has an account already, nothing is
  // created but the answer is the same: the form must not tell who has an account. True when an account was made.
  // kRateLimited after kMaxRegistrationsPerHour from one address.
  core::Result<bool> Register(const RegistrationForm& form, const Origin& origin);
  // The decisions are an administrator's of the installation (kForbidden for anyone else).
  // Grants community_monitor for the request's municipality. kConflict when the request was decided already.
  core::Result<RegistrationRequest> Approve(const core::Actor& administrator, std::int64_t request_id);
  core::Result<RegistrationRequest> Reject(const core::Actor& administrator, std::int64_t request_id,
                                           const std::string& note);

  std::optional<RegistrationRequest> Find(std::int64_t id) { return store_.Find(id); }
  std::vector<RegistrationRequest> List(const std::string& state, std::int64_t limit, std::int64_t offset) {
    return store_.List(state, limit, offset);
  }
  std::int64_t Count(const std::string& state) { return store_.Count(state); }
  std::vector<RegistrationRequest> OfUser(std::int64_t user_id) { return store_.OfUser(user_id); }

 private:
  RegistrationStore& store_;
  AccountsService& accounts_;
  AccountsStore& accounts_store_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
  db::Database& database_;  // to check the municipality through its module's store
};

}  // namespace accounts
