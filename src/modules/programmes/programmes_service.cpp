#include "modules/programmes/programmes_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "core/days.hpp"
#include "core/text.hpp"
#include "modules/programmes/iati_export.hpp"
#include "modules/programmes/projects.hpp"

namespace programmes {
namespace {

// The words that say "municipality" in the names of the platform's languages, as search keys: what is left names it.
constexpr std::string_view kMunicipalityWords[] = {
    "obshtina", "municipality", "municipal", "of",         "the",    "council",  "city",
    "town",     "obec",         "mesto",     "statutarni", "mestys", "gemeente", "stad",
    "commune",  "ville",        "de",        "la",         "le",     "gemeinde", "stadt"};

// "Община Русе" → "ruse".
std::string NameWithoutMunicipalityWords(const std::string& name) {
  std::string kept;
  std::string key = core::SearchKey(name);
  std::size_t start = 0;
  while (start <= key.size()) {
    const std::size_t end = std::min(key.find(' ', start), key.size());
    const std::string_view word = std::string_view(key).substr(start, end - start);
    if (!word.empty() &&
        std::find(std::begin(kMunicipalityWords), std::end(kMunicipalityWords), word) == std::end(kMunicipalityWords)) {
      if (!kept.empty()) kept += ' ';
      kept += word;
    }
    start = end + 1;
  }
  return kept;
}

}  // namespace

std::string ProgrammesService::MunicipalityNamedBy(const std::vector<Partner>& partners,
                                                   const std::vector<std::string>& countries) {
  for (const bool local_only : {true, false}) {
    for (const Partner& partner : partners) {
      if (local_only && partner.kind != "local_government") continue;
      const std::string name = NameWithoutMunicipalityWords(partner.name);
      if (name.empty()) continue;
      const auto found = places_.SearchMunicipalities(name, {200, 0});
      if (!found.ok()) continue;
      std::string code;
      int matches = 0;
      for (const places::Municipality& municipality : found->items) {
        const bool in_countries = countries.empty() || std::find(countries.begin(), countries.end(),
                                                                 municipality.country_code) != countries.end();
        // Both sides without those words: "Město Albrechtice" is a municipality's own name.
        if (in_countries && (NameWithoutMunicipalityWords(municipality.name_bg) == name ||
                             NameWithoutMunicipalityWords(municipality.name_en) == name)) {
          code = municipality.code;
          ++matches;
        }
      }
      if (matches == 1) return code;
    }
  }
  return "";
}

IatiImportReport ProgrammesService::ImportIati(const core::Actor& actor, const IatiActivitiesSchema& schema,
                                               std::string_view xml, const std::string& programme_for_the_rest,
                                               bool dry_run) {
  IatiImportReport report;
  if (!OperatesProgrammes(actor)) {
    report.file_problems.push_back({0, std::string(import_message::kOnlyTheOperator)});
    return report;
  }
  const IatiRead read = schema.Read(xml);
  report.file_problems = read.problems;
  report.warnings = read.warnings;
  report.activities = read.activities.size();
  if (!read.problems.empty()) return report;
  IatiImport plan = PlanIatiImport(read.activities, programme_for_the_rest);
  report.problems = std::move(plan.problems);
  report.programmes = plan.programmes.size();
  report.projects = plan.projects.size();
  for (const auto& programme : plan.programmes) {
    for (const IatiResult& result : programme.results) report.indicators += result.indicators.size();
  }
  for (const auto& project : plan.projects) {
    for (const IatiResult& result : project.results) report.indicators += result.indicators.size();
  }
  // Every project's programme must be in the file or stored.
  std::set<std::string> in_file;
  for (const ImportedProgramme& programme : plan.programmes) in_file.insert(programme.iati_identifier);
  std::set<std::string> wanted;  // each programme once: a file of 1,000 projects names one programme 1,000 times
  for (const ImportedProject& project : plan.projects) {
    if (!in_file.contains(project.programme_identifier)) wanted.insert(project.programme_identifier);
  }
  const std::vector<std::string> stored = store_.StoredProgrammes({wanted.begin(), wanted.end()});
  const std::set<std::string> known(stored.begin(), stored.end());
  for (const ImportedProject& project : plan.projects) {
    if (!in_file.contains(project.programme_identifier) && !known.contains(project.programme_identifier)) {
      report.problems.push_back({project.line, project.iati_identifier, std::string(import_message::kProgrammeUnknown),
                                 project.programme_identifier});
    }
  }
  if (!report.problems.empty() || dry_run) return report;
  // The same partners in many projects are looked up among the municipalities once.
  std::map<std::string, std::string> named;
  for (ImportedProject& project : plan.projects) {
    std::string key;
    for (const Partner& partner : project.partners) key += partner.name + '\x1f' + partner.kind + '\x1e';
    for (const std::string& country : project.recipient_countries) key += country + ',';
    const auto [found, added] = named.try_emplace(key);
    if (added) found->second = MunicipalityNamedBy(project.partners, project.recipient_countries);
    project.municipality_code = found->second;
  }
  report.saved = store_.SaveImport(plan, clock_.Now());
  audit_.Write(actor, "iati_imported",
               fmt::format("{} programmes and {} projects from an IATI file", report.programmes, report.projects));
  version_.Changed();
  return report;
}

std::optional<std::string> ProgrammesService::ExportIati(const IatiActivitiesSchema& schema,
                                                         const std::string& programme_identifier,
                                                         const IatiOrganisation& reporting) {
  const auto programme = store_.FindProgramme(programme_identifier);
  if (!programme) return std::nullopt;
  const std::string now = core::IsoUtc(clock_.Now());
  std::string file = WriteIatiActivities(ActivitiesOf(*programme, reporting, now), now);
  // Every export is checked as an import would be: what Khetane publishes must pass the schema.
  const IatiRead check = schema.Read(file);
  if (!check.problems.empty()) {
    throw std::logic_error(fmt::format("the IATI file written for {} fails the schema: line {}: {}",
                                       programme_identifier, check.problems.front().line,
                                       check.problems.front().message));
  }
  return file;
}

}  // namespace programmes
