#pragma once

#include "kernel/module.hpp"
#include "modules/places/places_service.hpp"
#include "web/site.hpp"

namespace places {

// Pages under /places and JSON under /api/v1/places.
void AddPlacesRoutes(kernel::Routes& routes, const web::Site& site, PlacesService& service);

}  // namespace places
