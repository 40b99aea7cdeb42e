#include "modules/monitoring/monitoring_module.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

#include "kernel/public_url_option.hpp"
#include "modules/accounts/organisations.hpp"
#include "modules/indicators/indicators_service.hpp"
#include "modules/monitoring/monitoring_routes.hpp"
#include "modules/monitoring/monitoring_service.hpp"
#include "modules/monitoring/monitoring_store.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/policies_service.hpp"
#include "notifications/outbox.hpp"
#include "web/app.hpp"

namespace monitoring {

void Register(kernel::Module& module) {
  module.Name("monitoring");
  module.Provide([](kernel::ModuleContext& context) {
    auto& store = context.services.Keep<MonitoringStore>(context.database);
    context.services.Make<MonitoringService>(
        store, context.services.Get<places::PlacesService>(), context.services.Get<policies::PoliciesService>(),
        context.services.Get<accounts::OrganisationService>(), context.services.Get<indicators::IndicatorsService>(),
        context.services.Get<notifications::Outbox>(), context.services.Get<kernel::AuditLog>(),
        context.services.Get<core::Clock>(), context.options.discrepancy_threshold, context.options.suppress_below);
  });
  // The indicators a closed cycle feeds, then the demo cycle of the demo plan's municipality.
  module.Seed([](kernel::SeedContext& context) {
    auto& service = context.services.Get<MonitoringService>();
    const bool made = service.EnsureIndicators();
    return service.LoadDemo(context.data_directory / "monitoring", context.log) || made;
  });
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    auto& service = services.Get<MonitoringService>();
    // Fixed paths (/monitoring/cycles.csv, /monitoring/new) before the patterns that would take them.
    AddReportPages(routes, site, service);
    AddCyclePages(routes, site, service);
    AddFilingPages(routes, site, service);
    AddAssessmentPages(routes, site, service);
    AddFieldPages(routes, site, service);
    AddDiscrepancyPages(routes, site, service);
    services.Get<kernel::ItemSections>().Add(CommunityViewOfTheItem(site, service));
    services.Get<kernel::Home>().Add(MonitoringDesk(site, service));
    services.Get<kernel::PlaceSections>().Add(MonitoringOfThePlace(site, service));
    DeclareMonitoringMeasures(services.Get<kernel::PlaceMeasures>(), service, services.Get<kernel::DataVersion>());
    for (kernel::ScorecardSource& part : MonitoringScorecardParts(site, service)) {
      services.Get<kernel::ScorecardParts>().Add(std::move(part));
    }
    services.Get<kernel::RecentChanges>().Add(CycleNewsOfTheWeek(site, service));
  });
  module.Navigation("Monitoring", "/monitoring");
  module.Audit("cycle_opened", "Monitoring cycle opened");
  module.Audit("cycle_closed", "Monitoring cycle closed");
  module.Audit("assessment_filed", "Community assessment filed");
  module.Audit("evidence_added", "Evidence added to an assessment");
  module.Audit("assessment_verified", "Assessment verified");
  module.Audit("assessment_evidence_requested", "More evidence asked for");
  module.Audit("assessment_rejected", "Assessment rejected");
  module.Audit("assessment_answered", "Authority answered an assessment");
  module.Audit("discrepancy_resolved", "Discrepancy resolved");
  module.Audit("action_updated", "Joint action plan item updated");
  module.Audit("submissions_imported", "Field submissions imported into a monitoring cycle");
  module.AddCommand(
      {{"import", "submissions"},
       "File the submissions ODK Central or KoboToolbox exported (CSV or XLSX) into a monitoring cycle: all or nothing",
       kernel::Prepare::kMigrateAndSeed,
       [](CLI::App& command) -> kernel::CommandRun {
         struct Options {
           std::string file;
           std::int64_t cycle = 0;
           bool dry_run = false;
         };
         auto options = std::make_shared<Options>();
         command.add_option("file", options->file, "The CSV or XLSX file")->required()->check(CLI::ExistingFile);
         command.add_option("--cycle", options->cycle, "The monitoring cycle's id")->required();
         command.add_flag("--dry-run", options->dry_run, "Check every submission and store nothing");
         return [options](kernel::CommandContext& context) {
           std::ifstream in(options->file, std::ios::binary);
           const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
           const auto table = formats::ReadTable(bytes);
           if (!table) {
             context.err << options->file << ": " << table.error().message << "\n";
             return 1;
           }
           const auto report = context.services.Get<MonitoringService>().ImportSubmissions(
               core::CommandLineActor(), options->cycle, *table, options->dry_run);
           if (!report) {
             context.err << report.error().message << "\n";
             return 1;
           }
           for (const SubmissionProblem& problem : report->problems) {
             context.err << options->file << ": line " << problem.line
                         << (problem.instance_id.empty() ? "" : " (" + problem.instance_id + ")")
                         << (problem.column.empty() ? "" : ", column " + problem.column) << ": " << problem.message
                         << (problem.value.empty() ? "" : " [" + problem.value + "]") << "\n";
           }
           if (!report->problems.empty()) return 1;
           context.out << report->filed << (options->dry_run ? " would be filed" : " filed") << ", " << report->repeated
                       << " imported before\n";
           return 0;
         };
       }});
  // Run weekly (a systemd timer, cron): what changed in what each person follows, one message each.
  module.AddCommand(
      {{"monitoring", "digest"},
       "Queue the weekly digest of community monitoring for everyone who follows a measure, a plan or a municipality",
       kernel::Prepare::kMigrate,
       [](CLI::App& command) -> kernel::CommandRun {
         auto public_url = kernel::AddPublicUrlOption(command, "the digests' links");
         return [public_url](kernel::CommandContext& context) {
           const auto base = kernel::CheckedPublicUrl(*public_url, context.err);
           if (!base) return 2;
           const int queued = context.services.Get<MonitoringService>().QueueDigests(*base);
           context.out << queued << (queued == 1 ? " digest" : " digests") << " queued in the outbox\n";
           return 0;
         };
       }});
}

}  // namespace monitoring
