#include "modules/home/home_routes.hpp"

#include <spdlog/spdlog.h>

#include <fstream>

namespace home {

nlohmann::json LoadOpenApi(const std::filesystem::path& share_directory) {
  std::ifstream in(share_directory / "docs" / "api" / "openapi.json");
  return nlohmann::json::parse(in);  // shipped with the product; a parse error is a packaging bug
}

void AddHomeRoutes(http::Router& router, const web::Site& site, db::Database& database) {
  router.Get("/", [&site](http::Request& request) {
    return site.Page(request, site.Translate(request, "Together for inclusion"), "home/home", nlohmann::json::object());
  });

  // For load balancers and monitoring: 200 when the database answers, 503 when it does not.
  router.Get("/healthz", [&database](http::Request& request) {
    try {
      auto connection = database.Acquire();
      connection->QueryOne("SELECT 1");
      return web::Site::Json({{"status", "ok"}, {"database", "ok"}});
    } catch (const std::exception& error) {
      spdlog::error("request {}: health check: {}", request.request_id, error.what());
      return web::Site::Json({{"status", "unavailable"}, {"database", "unreachable"}}, 503);
    }
  });

  const auto openapi = std::make_shared<const std::string>(LoadOpenApi(site.share_directory()).dump(2));
  router.Get("/api/v1/openapi.json", [openapi](http::Request&) { return http::Response::Json(*openapi); });
}

}  // namespace home
