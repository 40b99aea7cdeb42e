#include "modules/practices/practices_module.hpp"

#include <CLI/CLI.hpp>

#include "kernel/public_url_option.hpp"
#include "modules/meetings/meetings_service.hpp"
#include "modules/practices/event_demo.hpp"
#include "modules/practices/group_demo.hpp"
#include "modules/practices/practice_demo.hpp"
#include "modules/practices/practices_routes.hpp"
#include "modules/practices/practices_service.hpp"
#include "modules/practices/practices_store.hpp"
#include "notifications/outbox.hpp"
#include "web/i18n.hpp"

namespace practices {

void Register(kernel::Module& module) {
  module.Name("practices");
  // Version 2: the titles' terms beside all the texts' (migration 0035).
  module.FullTextIndex("practices", 2,
                       [](db::Database& database) { return PracticesStore(database).RebuildSearchTerms(); });
  module.Provide([](kernel::ModuleContext& context) {
    auto& store = context.services.Keep<PracticesStore>(context.database);
    auto& practices = context.services.Make<PracticesService>(
        store, context.services.Get<places::PlacesService>(), context.services.Get<kernel::AuditLog>(),
        context.services.Get<core::Clock>(), context.services.Get<kernel::DataVersion>());
    if (!context.options.translation_url.empty()) {
      TranslationService libretranslate;
      libretranslate.url = context.options.translation_url;
      libretranslate.api_key = context.options.translation_api_key;
      practices.UseTranslationService(libretranslate);
    }
    auto& groups = context.services.Keep<GroupsStore>(context.database);
    context.services.Make<GroupsService>(groups, context.services.Get<PracticesService>(),
                                         context.services.Get<kernel::AuditLog>(), context.services.Get<core::Clock>(),
                                         context.services.Get<notifications::Outbox>());
    auto& events = context.services.Keep<EventsStore>(context.database);
    context.services.Make<EventsService>(events, context.services.Get<PracticesService>(),
                                         context.services.Get<meetings::MeetingsService>(),
                                         context.services.Get<kernel::AuditLog>(), context.services.Get<core::Clock>());
  });
  module.Seed([](kernel::SeedContext& context) {
    const bool practices = LoadDemoPractices(context.services.Get<PracticesService>(), context.log);
    // After the practices: the demo groups' outputs are demo practices.
    const bool groups = LoadDemoGroups(context.services.Get<GroupsService>(), context.log);
    // After the practices, which the demo events discuss and the demo study found.
    const bool events = LoadDemoEvents(context.services.Get<EventsService>(), context.log);
    return practices || groups || events;
  });
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    auto& service = services.Get<PracticesService>();
    auto& groups = services.Get<GroupsService>();
    AddPracticesApi(routes, site, service);
    AddGroupsApi(routes, site, groups);
    auto& events = services.Get<EventsService>();
    AddEventsApi(routes, site, events);
    AddPracticePages(routes, site, service, groups, services.Get<kernel::DiscussedSections>());
    AddGroupPages(routes, site, groups);
    AddEventPages(routes, site, events);
    services.Get<kernel::PlaceSections>().Add(PracticesOfThePlace(site, service));
    services.Get<kernel::PlaceSections>().Add(EventsOfThePlace(site, events));
    services.Get<kernel::DiscussedSections>().Add(FindingsAboutThePractice(site, events));
  });
  module.Navigation("Good practices", "/practices");
  module.Audit("practice_published", "Good practice published");
  module.Audit("practice_changed", "Facts of a good practice changed");
  module.Audit("practice_version_saved", "Language version of a good practice saved");
  module.Audit("practice_transferred", "Take-up of a good practice recorded");
  module.Audit("working_group_created", "Working group created");
  module.Audit("working_group_joined", "Working group joined");
  module.Audit("working_group_left", "Working group left");
  module.Audit("working_group_document_shared", "Document shared with a working group");
  module.Audit("working_group_output_marked", "Practice marked as an output of a working group");
  module.Audit("platform_event_recorded", "Event of the platform recorded");
  module.Audit("platform_event_changed", "Municipalities taking part in an event changed");
  module.Audit("research_study_published", "Research study published");
  // Run daily (cron, a systemd timer): the new posts in each member's groups, one message each.
  module.AddCommand(
      {{"practices", "digest"},
       "Queue for each member of a working group one message listing the new posts in their groups since their last "
       "digest",
       kernel::Prepare::kMigrate,
       [](CLI::App& command) -> kernel::CommandRun {
         auto public_url = kernel::AddPublicUrlOption(command, "the digests' links");
         return [public_url](kernel::CommandContext& context) {
           const auto base = kernel::CheckedPublicUrl(*public_url, context.err);
           if (!base) return 2;
           if (!context.services.Has<web::Translations>()) {
             context.err << "the catalogues are missing: set KHETANE_LOCALE_DIR\n";
             return 2;
           }
           const int queued =
               context.services.Get<GroupsService>().QueueDigests(context.services.Get<web::Translations>(), *base);
           context.out << queued << (queued == 1 ? " message" : " messages") << " queued in the outbox\n";
           return 0;
         };
       }});
}

}  // namespace practices
