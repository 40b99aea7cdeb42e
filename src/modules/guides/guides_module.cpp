#include "modules/guides/guides_module.hpp"

#include <stdexcept>

#include "modules/guides/guides.hpp"
#include "web/site.hpp"

namespace guides {

void Register(kernel::Module& module) {
  module.Name("guides");
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    // Shipped with the product: a guide that cannot be read is a broken installation, said at start.
    auto loaded = LoadGuides(site.share_directory() / "data" / "guides");
    if (!loaded) throw std::runtime_error("guides: " + loaded.error().message);
    const Library& library = services.Keep<Library>(std::move(*loaded));
    constexpr http::Kept kept = http::Kept::kForVisitors;
    routes.Get(
        "/guides", core::Access::Anyone(),
        [&site, &library](http::Request& request) {
          const web::Reader reader = site.ReaderOf(request);
          nlohmann::json rows = nlohmann::json::array();
          for (const Guide& guide : library.all()) {
            rows.push_back({{"url", "/guides/" + guide.slug},
                            {"title", reader.english() ? guide.title_en : guide.title_bg},
                            {"summary", reader.english() ? guide.summary_en : guide.summary_bg}});
          }
          return site.Page(request, reader.Translate("How to take part"), "guides/index", {{"guides", rows}});
        },
        kept);
    routes.Get(
        "/guides/{slug:[a-z0-9-]+}", core::Access::Anyone(),
        [&site, &library](http::Request& request) {
          const Guide* guide = library.Find(request.Parameter("slug"));
          if (guide == nullptr) return site.Fail(request, core::Error::NotFound("There is no such guide."));
          const web::Reader reader = site.ReaderOf(request);
          const nlohmann::json data = {{"html", reader.english() ? guide->html_en : guide->html_bg},
                                       {"title", reader.english() ? guide->title_en : guide->title_bg}};
          return site.Page(request, data["title"].get<std::string>(), "guides/guide", data);
        },
        kept);
  });
  module.Navigation("How to take part", "/guides");
}

}  // namespace guides
