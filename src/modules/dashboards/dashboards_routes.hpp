#pragma once
// The dashboards' pages: the map on the home page, the national and oblast overviews, a municipality's scorecard,
// open data, and their JSON.

#include "kernel/home.hpp"
#include "kernel/module.hpp"
#include "kernel/place_sections.hpp"
#include "kernel/recent_changes.hpp"
#include "kernel/scorecard_parts.hpp"
#include "modules/dashboards/dashboards_service.hpp"
#include "modules/places/places_views.hpp"
#include "web/site.hpp"

namespace dashboards {

struct Views {
  const web::Site& site;
  DashboardsService& service;
  places::PlaceViews& places;
};

// The map of the country coloured by a chosen figure, and what changed this week: on "/" for everyone.
kernel::Home::FrontSource CountryAtAGlance(Views views, const kernel::RecentChanges& changes);
void AddOverviewPages(kernel::Routes& routes, Views views);
void AddScorecardPages(kernel::Routes& routes, Views views, const kernel::ScorecardParts& parts);
// A municipality's figures in brief on its page, leading to its scorecard.
kernel::PlaceSectionSource FiguresOfThePlace(Views views);
void AddOpenDataPages(kernel::Routes& routes, Views views);

}  // namespace dashboards
