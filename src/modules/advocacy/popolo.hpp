#pragma once
// The register as Popolo JSON (persons, organizations, memberships, posts), and its validation against the Popolo
// schemas (JSON Schema draft-03) as data/popolo ships them: the keywords those schemas use (type, properties,
// required, items, $ref, pattern, format), each problem named by the path of the offending field.

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "modules/advocacy/advocacy.hpp"

namespace advocacy {

// A register's people, organisations and memberships as one Popolo document; contact details included (it is for the
// organisation that keeps the register), an erased person without any.
nlohmann::json PopoloOf(const std::vector<Stakeholder>& stakeholders, const std::vector<Membership>& memberships);

class PopoloSchemas {
 public:
  // Reads every *.json of `directory`, each known by its "id" ("http://www.popoloproject.com/schemas/person.json#").
  static core::Result<PopoloSchemas> Load(const std::filesystem::path& directory);
  // The problems of `value` against the schema of `name` ("person"): "persons[2].email: …", at most `limit`.
  std::vector<std::string> Validate(const nlohmann::json& value, std::string_view name, const std::string& path,
                                    std::size_t limit = 20) const;

 private:
  void Check(const nlohmann::json& value, const nlohmann::json& schema, const std::string& path,
             std::vector<std::string>& problems, std::size_t limit, int depth) const;
  std::map<std::string, nlohmann::json, std::less<>> schemas_;  // by id
};

// What an import would store: the stakeholders and the memberships between them (by their index in the file).
struct PopoloImport {
  std::vector<Stakeholder> stakeholders;
  std::vector<std::pair<std::size_t, std::size_t>> memberships;  // member, organization
  std::vector<Membership> membership_fields;                     // role, post, dates of each
};
// Reads a Popolo document (an object with "persons", "organizations", "memberships"): every problem of the schemas,
// then of Khetane's rules (each person gets `basis`, which the file cannot carry), each named by its path.
core::Result<PopoloImport> ReadPopolo(const nlohmann::json& document, const PopoloSchemas& schemas,
                                      const std::string& basis, const std::string& purpose, const std::string& today);

}  // namespace advocacy
