#pragma once
// The programmes module's rules (issue 17). So far: importing a donor's IATI activities file as programmes and their
// projects, all or nothing.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "kernel/audit_log.hpp"
#include "kernel/data_version.hpp"
#include "modules/places/places_service.hpp"
#include "modules/programmes/iati_activities.hpp"
#include "modules/programmes/iati_import.hpp"
#include "modules/programmes/programmes_store.hpp"

namespace programmes {

// What an import did, or why it stored nothing.
struct IatiImportReport {
  std::vector<IatiProblem> file_problems;  // the file itself: too large, a DOCTYPE, not XML, refused by the schema
  std::vector<ImportProblem> problems;     // its activities
  std::vector<IatiProblem> warnings;
  std::size_t activities = 0;
  std::size_t programmes = 0;
  std::size_t projects = 0;
  std::size_t indicators = 0;  // in the results frameworks read, which are stored with their programmes and projects
  ImportCounts saved;          // all zero for a dry run or a refused file
  bool stored() const { return file_problems.empty() && problems.empty(); }
};

class ProgrammesService {
 public:
  ProgrammesService(ProgrammesStore& store, places::PlacesService& places, kernel::AuditLog& audit,
                    const core::Clock& clock, kernel::DataVersion& version)
      : store_(store), places_(places), audit_(audit), clock_(clock), version_(version) {}

  // Reads `xml` against `schema` and stores its programmes and projects, adding or updating each by its IATI
  // identifier; stores nothing when the file or any activity has a problem, or for a dry run, or when `actor` does not
  // operate the programmes (OperatesProgrammes).
  // `programme_for_the_rest`: the IATI identifier of the programme that activities with neither parent nor children
  // belong to, in the file or stored.
  IatiImportReport ImportIati(const core::Actor& actor, const IatiActivitiesSchema& schema, std::string_view xml,
                              const std::string& programme_for_the_rest, bool dry_run);

  // The stored programme with its projects as an IATI activities file that passes `schema`, published by
  // `reporting`; nullopt when no programme has that IATI identifier. Throws std::logic_error when the written file
  // fails the schema (a fault of Khetane's, never of the data).
  std::optional<std::string> ExportIati(const IatiActivitiesSchema& schema, const std::string& programme_identifier,
                                        const IatiOrganisation& reporting);

  std::vector<ProgrammeSummary> Programmes() { return store_.Programmes(); }

  // The beneficiary municipality a project's partners name: a local government's, else any partner's name
  // ("Община Русе", "Ruse Municipality", "Statutární město Ostrava") that is one municipality's name in Khetane, once
  // the words for a municipality are set aside, in one of `countries` when the file names any (Czechia has four
  // municipalities named Lom); "" when none or several match.
  std::string MunicipalityNamedBy(const std::vector<Partner>& partners, const std::vector<std::string>& countries);
  std::vector<ProjectSummary> ProjectsOf(std::int64_t programme_id) { return store_.ProjectsOf(programme_id); }

 private:
  ProgrammesStore& store_;
  places::PlacesService& places_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
  kernel::DataVersion& version_;
};

namespace import_message {
inline constexpr std::string_view kOnlyTheOperator = "Only the programme's operator imports programmes and projects.";
inline constexpr std::string_view kProgrammeUnknown =
    "The project's programme is neither in the file nor in Khetane: import the programme first, or name it.";
}  // namespace import_message

}  // namespace programmes
