#include "modules/programmes/programmes_module.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <memory>

#include "formats/table.hpp"
#include "kernel/agenda_sources.hpp"
#include "modules/programmes/programme_demo.hpp"
#include "modules/programmes/programmes_routes.hpp"
#include "modules/programmes/programmes_service.hpp"
#include "modules/programmes/projects_service.hpp"

namespace programmes {
namespace {

// "1 programme", "2 programmes".
std::string Counted(std::size_t count, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

struct ImportOptions {
  std::string file;
  std::string programme;
  bool dry_run = false;
};

int RunImport(const ImportOptions& options, kernel::CommandContext& context) {
  const IatiActivitiesSchema schema(context.data_directory / "iati" / "iati-activities-schema.xsd");
  context.err << "reading " << options.file << " ...\n";
  const std::string xml = formats::ReadWholeFile(options.file, kMaxIatiBytes + 1);
  const IatiImportReport report = context.services.Get<ProgrammesService>().ImportIati(
      core::CommandLineActor(), schema, xml, options.programme, options.dry_run);
  for (const IatiProblem& problem : report.file_problems) {
    context.err << options.file << (problem.line > 0 ? fmt::format(": line {}", problem.line) : "") << ": "
                << problem.message << "\n";
  }
  for (const IatiProblem& warning : report.warnings) {
    context.err << options.file << ": line " << warning.line << ": " << warning.message << "\n";
  }
  for (const ImportProblem& problem : report.problems) {
    context.err << fmt::format("{}: line {}: activity {}: {}{}\n", options.file, problem.line, problem.identifier,
                               problem.message, problem.value.empty() ? "" : " (" + problem.value + ")");
  }
  if (!report.stored()) {
    context.err << "nothing was stored: "
                << Counted(report.file_problems.size() + report.problems.size(), "problem", "problems") << "\n";
    return 1;
  }
  const std::string indicators =
      report.indicators == 0
          ? ""
          : fmt::format("; their results frameworks hold {}", Counted(report.indicators, "indicator", "indicators"));
  if (options.dry_run) {
    context.out << fmt::format("the file is correct: {} and {} would be stored{}\n",
                               Counted(report.programmes, "programme", "programmes"),
                               Counted(report.projects, "project", "projects"), indicators);
    return 0;
  }
  context.out << fmt::format("programmes: {} added, {} updated; projects: {} added, {} updated{}\n",
                             report.saved.programmes_added, report.saved.programmes_updated,
                             report.saved.projects_added, report.saved.projects_updated, indicators);
  return 0;
}

struct ExportOptions {
  std::string programme;
  std::string file;
  IatiOrganisation reporting;
  std::string reporting_name;
};

int RunExport(const ExportOptions& options, kernel::CommandContext& context) {
  const IatiActivitiesSchema schema(context.data_directory / "iati" / "iati-activities-schema.xsd");
  IatiOrganisation reporting = options.reporting;
  if (!options.reporting_name.empty()) reporting.name = {{"", options.reporting_name}};
  const auto file = context.services.Get<ProgrammesService>().ExportIati(schema, options.programme, reporting);
  if (!file) {
    context.err << "no programme has the IATI identifier " << options.programme << "\n";
    return 1;
  }
  std::ofstream out(options.file, std::ios::binary | std::ios::trunc);
  out << *file;
  out.close();
  if (!out) {
    context.err << "cannot write " << options.file << "\n";
    return 1;
  }
  context.out << fmt::format("{}: {} bytes, checked against the IATI 2.03 schema\n", options.file, file->size());
  return 0;
}

}  // namespace

void Register(kernel::Module& module) {
  module.Name("programmes");
  module.Audit("iati_imported", "Programmes and projects imported from an IATI file");
  module.Audit("programme_saved", "Programme or project set up or changed");
  module.Audit("project_work_saved", "Project's activity, budget line, problem or risk recorded");
  module.Audit("project_report_changed", "Progress report written, submitted, returned or accepted");
  module.Provide([](kernel::ModuleContext& context) {
    auto& services = context.services;
    auto& store = services.Keep<ProgrammesStore>(context.database);
    services.Make<ProgrammesService>(store, services.Get<places::PlacesService>(), services.Get<kernel::AuditLog>(),
                                     services.Get<core::Clock>(), services.Get<kernel::DataVersion>());
    auto& projects = services.Make<ProjectsService>(
        services.Keep<ProjectsStore>(context.database), services.Get<places::PlacesService>(),
        services.Get<policies::PoliciesService>(), services.Get<kernel::AuditLog>(), services.Get<core::Clock>(),
        services.Get<kernel::DataVersion>());
    // A meeting of a programme's partner network discusses the open problems of its projects.
    services.Get<kernel::AgendaSources>().Add(
        [&projects](std::int64_t body_id) { return projects.AgendaFor(body_id); });
  });
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    auto& projects = services.Get<ProjectsService>();
    auto& places = services.Get<places::PlacesService>();
    AddProgrammesApi(routes, site, projects);
    AddProgrammePages(routes, site, projects, services.Get<meetings::MeetingsService>(), places);
    AddIatiPages(routes, site, projects, services.Get<ProgrammesService>());
    AddProjectPages(routes, site, projects);
    AddReportPages(routes, site, projects, services.Get<indicators::IndicatorsService>(),
                   services.Get<kernel::DiscussedSections>());
    services.Get<kernel::ItemSections>().Add(ProjectsOfTheMeasure(site, projects));
    services.Get<kernel::GapSections>().Add(ProjectsBesideThePlan(site, projects));
  });
  module.Seed([](kernel::SeedContext& context) {
    return LoadDemoProgrammes(context.services.Get<ProjectsService>(),
                              context.services.Get<meetings::MeetingsService>(), context.log);
  });
  module.Navigation("Programmes", "/programmes");
  module.AddCommand(
      {{"import", "iati"},
       "Add or update programmes and their projects from a donor's IATI 2.03 activities file (by IATI identifier)",
       kernel::Prepare::kMigrate,
       [](CLI::App& command) -> kernel::CommandRun {
         auto options = std::make_shared<ImportOptions>();
         command.add_option("file", options->file, "The iati-activities XML file")
             ->required()
             ->check(CLI::ExistingFile);
         command.add_option("--programme", options->programme,
                            "The IATI identifier of the programme that activities with neither parent nor children "
                            "belong to");
         command.add_flag("--dry-run", options->dry_run, "Check the file and store nothing");
         return [options](kernel::CommandContext& context) { return RunImport(*options, context); };
       }});
  module.AddCommand(
      {{"export", "iati"},
       "Write a programme and its projects as an IATI 2.03 activities file, checked against the schema",
       kernel::Prepare::kMigrate,
       [](CLI::App& command) -> kernel::CommandRun {
         auto options = std::make_shared<ExportOptions>();
         command.add_option("programme", options->programme, "The programme's IATI identifier")->required();
         command.add_option("file", options->file, "The file to write")->required();
         command
             .add_option("--reporting-org", options->reporting.ref,
                         "The IATI organisation identifier of who publishes the file (the operator): XM-DAC-…")
             ->required();
         command
             .add_option("--reporting-org-type", options->reporting.type,
                         "Its type in the IATI OrganisationType codelist (10 government, 22 national NGO …)")
             ->default_val("10");
         command.add_option("--reporting-org-name", options->reporting_name, "Its name");
         return [options](kernel::CommandContext& context) { return RunExport(*options, context); };
       }});
}

}  // namespace programmes
