#pragma once

#include "http/router.hpp"
#include "modules/places/places_service.hpp"
#include "web/site.hpp"

namespace places {

// Pages under /places and JSON under /api/v1/places.
void AddPlacesRoutes(http::Router& router, const web::Site& site, PlacesService& service);

}  // namespace places
