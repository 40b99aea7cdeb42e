#include "modules/dashboards/dashboards_module.hpp"

#include "kernel/data_version.hpp"
#include "kernel/home.hpp"
#include "kernel/place_measures.hpp"
#include "kernel/place_sections.hpp"
#include "modules/dashboards/dashboards_routes.hpp"
#include "modules/dashboards/dashboards_service.hpp"
#include "modules/places/places_views.hpp"

namespace dashboards {

void Register(kernel::Module& module) {
  module.Name("dashboards");
  module.Provide([](kernel::ModuleContext& context) {
    context.services.Make<DashboardsService>(context.services.Get<kernel::PlaceMeasures>(),
                                             context.services.Get<kernel::DataVersion>(),
                                             context.services.Get<places::PlacesService>());
  });
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    const Views views{site, services.Get<DashboardsService>(), services.Get<places::PlaceViews>()};
    services.Get<kernel::Home>().AddFront(CountryAtAGlance(views, services.Get<kernel::RecentChanges>()));
    AddOverviewPages(routes, views);
    AddScorecardPages(routes, views, services.Get<kernel::ScorecardParts>());
    AddOpenDataPages(routes, views);
    services.Get<kernel::PlaceSections>().Add(FiguresOfThePlace(views));
  });
  module.Navigation("Overview", "/overview");
}

}  // namespace dashboards
