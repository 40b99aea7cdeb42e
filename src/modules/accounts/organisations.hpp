#pragma once
// Organisations that users belong to: civil-society organisations, initiative groups, municipalities, schools,
// clinics, donors… A role can hold for one organisation (scope "organisation:ID"). Every change is audited.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "db/database.hpp"
#include "kernel/audit_log.hpp"
#include "modules/accounts/accounts_store.hpp"
#include "modules/accounts/organisation_store.hpp"
#include "modules/accounts/session.hpp"

namespace accounts {

// The kinds the database accepts, in the order forms offer them.
const std::vector<std::string_view>& OrganisationKinds();
// "Civil-society organisation": a msgid for the translator; the kind itself for an unknown one.
std::string_view OrganisationKindTitle(std::string_view kind);

// What a form or the command line gives; the service checks it.
struct OrganisationFields {
  std::string name;
  std::string kind;
  std::string municipality_code;  // optional
};

// Changes are for administrators of the installation (the command line acts as one: core::CommandLineActor);
// anyone else gets kForbidden.
class OrganisationService {
 public:
  OrganisationService(OrganisationStore& store, AccountsStore& accounts, kernel::AuditLog& audit,
                      const core::Clock& clock, db::Database& database)
      : store_(store), accounts_(accounts), audit_(audit), clock_(clock), database_(database) {}

  // Refuses an empty or overlong name, an unknown kind or municipality, and a second organisation of the same name in
  // the same municipality (kConflict). Errors are msgids.
  core::Result<Organisation> Create(const core::Actor& actor, const OrganisationFields& fields);
  // The same rules, and kConflict when the organisation is no longer at `version` (the one the form showed).
  core::Result<Organisation> Update(const core::Actor& actor, std::int64_t id, std::int64_t version,
                                    const OrganisationFields& fields);
  std::optional<Organisation> Find(std::int64_t id) { return store_.Find(id); }
  // `search` matches names in either script and any case.
  std::vector<Organisation> List(std::string_view search, const std::string& kind, std::int64_t limit,
                                 std::int64_t offset);
  std::int64_t Count(std::string_view search, const std::string& kind);

  core::Result<User> AddMember(const core::Actor& actor, std::int64_t organisation_id, const std::string& email);
  core::Result<User> RemoveMember(const core::Actor& actor, std::int64_t organisation_id, std::int64_t user_id);
  std::vector<User> Members(std::int64_t organisation_id) { return store_.Members(organisation_id); }
  std::vector<Organisation> OrganisationsOf(std::int64_t user_id) { return store_.OrganisationsOf(user_id); }

 private:
  core::Result<OrganisationFields> Check(const OrganisationFields& fields, std::int64_t except_id);

  OrganisationStore& store_;
  AccountsStore& accounts_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
  db::Database& database_;  // to check municipalities through their module's store
};

}  // namespace accounts
