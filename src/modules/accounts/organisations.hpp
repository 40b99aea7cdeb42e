#pragma once
// Organisations that users belong to: civil-society organisations, initiative groups, municipalities, schools,
// clinics, donors… A role can hold for one organisation (scope "organisation:ID"). Every change is audited.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "db/database.hpp"
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

class OrganisationService {
 public:
  OrganisationService(OrganisationStore& store, AccountsStore& accounts, db::Database& database)
      : store_(store), accounts_(accounts), database_(database) {}

  // Refuses an empty or overlong name, an unknown kind or municipality, and a second organisation of the same name in
  // the same municipality (kConflict). Errors are msgids.
  core::Result<Organisation> Create(const OrganisationFields& fields, std::optional<std::int64_t> actor,
                                    const Origin& origin);
  core::Result<Organisation> Update(std::int64_t id, const OrganisationFields& fields, std::int64_t actor,
                                    const Origin& origin);
  std::optional<Organisation> Find(std::int64_t id) { return store_.Find(id); }
  // `search` matches names in either script and any case.
  std::vector<Organisation> List(std::string_view search, const std::string& kind, std::int64_t limit,
                                 std::int64_t offset);
  std::int64_t Count(std::string_view search, const std::string& kind);

  core::Result<User> AddMember(std::int64_t organisation_id, const std::string& email,
                               std::optional<std::int64_t> actor, const Origin& origin);
  core::Result<User> RemoveMember(std::int64_t organisation_id, std::int64_t user_id, std::int64_t actor,
                                  const Origin& origin);
  std::vector<User> Members(std::int64_t organisation_id) { return store_.Members(organisation_id); }
  std::vector<Organisation> OrganisationsOf(std::int64_t user_id) { return store_.OrganisationsOf(user_id); }

 private:
  core::Result<OrganisationFields> Check(const OrganisationFields& fields, std::int64_t except_id);

  OrganisationStore& store_;
  AccountsStore& accounts_;
  db::Database& database_;  // to check municipalities through their module's store
};

}  // namespace accounts
