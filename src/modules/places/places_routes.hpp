#pragma once

#include "kernel/module.hpp"
#include "kernel/place_marks.hpp"
#include "kernel/place_sections.hpp"
#include "modules/places/places_service.hpp"
#include "modules/places/places_views.hpp"
#include "web/site.hpp"

namespace places {

// Pages under /places and JSON under /api/v1/places.
// `sections`: what other modules add to a municipality's page (kernel/place_sections.hpp); `marks`: which
// municipalities they mark on the maps and tables (kernel/place_marks.hpp).
void AddPlacesRoutes(kernel::Routes& routes, const web::Site& site, PlacesService& service, PlaceViews& views,
                     const kernel::PlaceSections& sections, const kernel::PlaceMarks& marks);

}  // namespace places
