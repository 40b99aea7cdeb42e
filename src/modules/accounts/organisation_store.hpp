#pragma once
// All SQL of organisations and their members.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/accounts/accounts_store.hpp"

namespace accounts {

struct Organisation {
  std::int64_t id = 0;
  std::string name;
  std::string kind;               // one of OrganisationKinds(): "cso", "initiative_group", …
  std::string municipality_code;  // empty when the organisation is not tied to one municipality
  std::int64_t created_at = 0;
  std::int64_t member_count = 0;  // filled by the listings
  std::int64_t version = 1;       // moved on by every change: a form sent from an older one is refused
};

class OrganisationStore {
 public:
  explicit OrganisationStore(db::Database& database) : database_(database) {}

  std::int64_t Insert(const Organisation& organisation, const std::string& search_key);
  // Writes the organisation if it is still at `organisation.version`, moving the version on: false when someone
  // changed it meanwhile.
  bool Update(const Organisation& organisation, const std::string& search_key);
  std::optional<Organisation> Find(std::int64_t id);
  // Another organisation with the same name key in the same municipality (or none), other than `except_id`.
  std::optional<std::int64_t> FindNamesake(const std::string& search_key, const std::string& municipality_code,
                                           std::int64_t except_id);
  // By name; `search_key` (a core::SearchKey) and `kind` narrow the list when not empty.
  std::vector<Organisation> List(const std::string& search_key, const std::string& kind, std::int64_t limit,
                                 std::int64_t offset);
  std::int64_t Count(const std::string& search_key, const std::string& kind);

  // Adding a member who is one already changes nothing; returns whether they were new.
  bool AddMember(std::int64_t organisation_id, std::int64_t user_id);
  bool RemoveMember(std::int64_t organisation_id, std::int64_t user_id);
  std::vector<User> Members(std::int64_t organisation_id);  // by name; no password hashes
  std::vector<Organisation> OrganisationsOf(std::int64_t user_id);

 private:
  db::Database& database_;
};

}  // namespace accounts
