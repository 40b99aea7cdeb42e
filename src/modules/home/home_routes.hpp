#pragma once
// The home page, the health check and the API description.

#include "db/database.hpp"
#include "http/router.hpp"
#include "web/site.hpp"

namespace home {

void AddHomeRoutes(http::Router& router, const web::Site& site, db::Database& database);

// The OpenAPI 3 description of the JSON API, as shipped in docs/api/openapi.json.
nlohmann::json LoadOpenApi(const std::filesystem::path& share_directory);

}  // namespace home
