#include "modules/advocacy/advocacy_module.hpp"

#include <stdexcept>

#include "modules/accounts/organisations.hpp"
#include "modules/advocacy/advocacy_demo.hpp"
#include "modules/advocacy/advocacy_routes.hpp"
#include "modules/advocacy/advocacy_service.hpp"
#include "modules/advocacy/advocacy_store.hpp"
#include "modules/policies/policies_service.hpp"

namespace advocacy {

void Register(kernel::Module& module) {
  module.Name("advocacy");
  module.Provide([](kernel::ModuleContext& context) {
    auto& store = context.services.Keep<AdvocacyStore>(context.database);
    context.services.Make<AdvocacyService>(
        store, context.services.Get<policies::PoliciesService>(), context.services.Get<accounts::OrganisationService>(),
        context.services.Get<kernel::AuditLog>(), context.services.Get<core::Clock>());
  });
  module.Seed([](kernel::SeedContext& context) {
    return LoadDemoAdvocacy(context.services.Get<AdvocacyService>(),
                            context.services.Get<accounts::OrganisationService>(), context.log);
  });
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    auto& service = services.Get<AdvocacyService>();
    AddAdvocacyApi(routes, site, service);
    auto schemas = PopoloSchemas::Load(site.share_directory() / "data" / "popolo");
    if (!schemas) throw std::runtime_error("advocacy: " + schemas.error().message);
    const PopoloSchemas& kept = services.Keep<PopoloSchemas>(std::move(*schemas));
    AddRegisterPages(routes, site, service, kept);
    AddRegisterApi(routes, site, service, kept);
    AddCoalitionPages(routes, site, service);
    AddCampaignPages(routes, site, service);
    services.Get<kernel::ItemSections>().Add(CampaignsOnTheItem(site, service));
  });
  module.Navigation("Advocacy", "/advocacy");
  module.Audit("stakeholder_added", "Stakeholder added to a register");
  module.Audit("stakeholder_changed", "Stakeholder or membership changed");
  module.Audit("stakeholder_consent_withdrawn", "A person's consent withdrawn");
  module.Audit("stakeholder_erased", "A person's data erased on request");
  module.Audit("coalition_changed", "Coalition set up or changed");
  module.Audit("campaign_changed", "Campaign started or changed");
}

}  // namespace advocacy
