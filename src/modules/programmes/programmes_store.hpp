#pragma once
// Programmes and their projects in the database (migration 0036): what an IATI import brings, stored by IATI
// identifier, so that importing the same file again updates rather than duplicates.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/programmes/iati_import.hpp"

namespace programmes {

struct ImportCounts {
  int programmes_added = 0;
  int programmes_updated = 0;
  int projects_added = 0;
  int projects_updated = 0;
};

struct ProgrammeSummary {
  std::int64_t id = 0;
  std::string iati_identifier;
  std::string title;
  std::string donor;
  std::string currency;
  std::optional<std::int64_t> budget_cents;
  std::string period_start;
  std::string period_end;
  int projects = 0;
};

struct ProjectSummary {
  std::int64_t id = 0;
  std::string iati_identifier;
  std::string title;
  std::string status;
  std::string currency;
  std::string municipality_code;  // the beneficiary municipality; "" when not known
  std::int64_t budget_cents = 0;  // the sum of its budgets in its currency
  int partners = 0;
};

class ProgrammesStore {
 public:
  explicit ProgrammesStore(db::Database& database) : database_(database) {}

  // The programmes among `identifiers` that are stored.
  std::vector<std::string> StoredProgrammes(const std::vector<std::string>& identifiers);
  // Stores the import in one transaction: programmes first, then their projects (whose programmes are in the file or
  // stored), each added or updated by its IATI identifier with its partners, budgets and transactions replaced.
  ImportCounts SaveImport(const IatiImport& import, std::int64_t now);

  // A stored programme with its projects, their partners, budgets and transactions, as an import brings them (its
  // results framework is not stored yet); nullopt when no programme has that IATI identifier.
  std::optional<IatiImport> FindProgramme(const std::string& iati_identifier);

  std::vector<ProgrammeSummary> Programmes();
  std::vector<ProjectSummary> ProjectsOf(std::int64_t programme_id);

 private:
  db::Database& database_;
};

}  // namespace programmes
