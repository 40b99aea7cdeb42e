#include "modules/requests/requests_module.hpp"

#include <stdexcept>

#include "modules/requests/requests_routes.hpp"
#include "modules/requests/requests_service.hpp"
#include "modules/requests/requests_store.hpp"

namespace requests {

void Register(kernel::Module& module) {
  module.Name("requests");
  module.Provide([](kernel::ModuleContext& context) {
    auto& store = context.services.Keep<RequestsStore>(context.database);
    context.services.Make<RequestsService>(store, context.services.Get<kernel::AuditLog>(),
                                           context.services.Get<core::Clock>());
  });
  // The deadline rules and non-working days of data/requests, once: after that an administrator corrects them.
  module.Seed([](kernel::SeedContext& context) {
    const auto loaded = context.services.Get<RequestsService>().LoadReferenceData(context.data_directory / "requests");
    if (!loaded) throw std::runtime_error("legal clock: " + loaded.error().message);
    if (*loaded && context.log) context.log("loaded the legal clock's deadline rules and non-working days");
    return *loaded;
  });
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    AddLegalClockPages(routes, site, services.Get<RequestsService>());
  });
  module.Audit("deadline_rule_changed", "Deadline rule corrected");
}

}  // namespace requests
