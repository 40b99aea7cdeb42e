#include "modules/home/home_module.hpp"

namespace home {

void Register(kernel::Module& module) {
  module.Name("home");
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services&, const web::Site& site) {
    routes.Get("/", core::Access::Anyone(), [&site](http::Request& request) {
      return site.Page(request, site.Translate(request, "Together for inclusion"), "home/home",
                       nlohmann::json::object());
    });
  });
}

}  // namespace home
