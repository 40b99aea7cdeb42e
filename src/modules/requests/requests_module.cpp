#include "modules/requests/requests_module.hpp"

#include <stdexcept>

#include "kernel/public_url_option.hpp"
#include "modules/accounts/organisations.hpp"
#include "modules/indicators/indicators_service.hpp"
#include "modules/places/places_service.hpp"
#include "modules/requests/filing_demo.hpp"
#include "modules/requests/filings_service.hpp"
#include "modules/requests/requests_routes.hpp"
#include "modules/requests/requests_service.hpp"
#include "modules/requests/requests_store.hpp"
#include "notifications/outbox.hpp"

namespace requests {

void Register(kernel::Module& module) {
  module.Name("requests");
  module.Provide([](kernel::ModuleContext& context) {
    auto& store = context.services.Keep<RequestsStore>(context.database);
    auto& legal_clock = context.services.Make<RequestsService>(store, context.services.Get<kernel::AuditLog>(),
                                                               context.services.Get<core::Clock>());
    auto& filings = context.services.Keep<FilingsStore>(context.database);
    context.services.Make<FilingsService>(
        filings, legal_clock, context.services.Get<places::PlacesService>(),
        context.services.Get<accounts::OrganisationService>(), context.services.Get<indicators::IndicatorsService>(),
        context.services.Get<notifications::Outbox>(), context.services.Get<kernel::AuditLog>(),
        context.services.Get<core::Clock>(), context.options.public_url);
  });
  // The deadline rules and non-working days of data/requests, once (after that an administrator corrects them); the
  // process indicator the requests feed; the demo filings.
  module.Seed([](kernel::SeedContext& context) {
    const auto loaded = context.services.Get<RequestsService>().LoadReferenceData(context.data_directory / "requests");
    if (!loaded) throw std::runtime_error("legal clock: " + loaded.error().message);
    if (*loaded && context.log) context.log("loaded the legal clock's deadline rules and non-working days");
    auto& filings = context.services.Get<FilingsService>();
    const bool made = filings.EnsureIndicator();
    return LoadDemoFilings(filings, context.log) || made || *loaded;
  });
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    AddLegalClockPages(routes, site, services.Get<RequestsService>());
    auto& filings = services.Get<FilingsService>();
    AddFilingsApi(routes, site, filings);
    AddFilingPages(routes, site, filings, services.Get<kernel::DiscussedSections>());
    services.Get<kernel::Home>().Add(DeadlinesOnTheHome(site, filings));
  });
  module.Navigation("Requests", "/requests");
  module.Audit("deadline_rule_changed", "Deadline rule corrected");
  module.Audit("filing_filed", "Information request, proposal or signal filed");
  module.Audit("filing_event_recorded", "Step of a request, proposal or signal recorded");
  // Run daily (a systemd timer, cron): reminders before a deadline, and the news that one passed.
  module.AddCommand(
      {{"requests", "remind"},
       "Queue reminders of the deadlines of information requests, proposals and signals, to their filers and "
       "organisations",
       kernel::Prepare::kMigrate,
       [](CLI::App& command) -> kernel::CommandRun {
         auto public_url = kernel::AddPublicUrlOption(command, "the reminders' links");
         return [public_url](kernel::CommandContext& context) {
           const auto base = kernel::CheckedPublicUrl(*public_url, context.err);
           if (!base) return 2;
           const int queued = context.services.Get<FilingsService>().QueueReminders(*base);
           context.out << queued << (queued == 1 ? " reminder" : " reminders") << " queued in the outbox\n";
           return 0;
         };
       }});
}

}  // namespace requests
