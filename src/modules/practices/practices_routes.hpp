#pragma once
// The practices' pages, API and the part of a municipality's page they make.

#include "kernel/discussed_sections.hpp"
#include "kernel/module.hpp"
#include "kernel/place_sections.hpp"
#include "modules/practices/events_service.hpp"
#include "modules/practices/groups_service.hpp"
#include "modules/practices/practices_service.hpp"
#include "web/site.hpp"

namespace practices {

// A practice's page shows what other modules say of it (the meetings that discuss it, research findings).
void AddPracticePages(kernel::Routes& routes, const web::Site& site, PracticesService& service, GroupsService& groups,
                      const kernel::DiscussedSections& discussed);
void AddPracticesApi(kernel::Routes& routes, const web::Site& site, PracticesService& service);
// On a municipality's page: its practices, those it took up, and the municipalities like it.
kernel::PlaceSectionSource PracticesOfThePlace(const web::Site& site, PracticesService& service);

std::string PracticePath(std::int64_t id);

// The working groups' pages and API (group_pages.cpp, groups_api.cpp).
void AddGroupPages(kernel::Routes& routes, const web::Site& site, GroupsService& service);
void AddGroupsApi(kernel::Routes& routes, const web::Site& site, GroupsService& service);
// On a practice's page: "An output of the working group X (a method)", or nothing when it is no group's output.
std::optional<std::string> OutputOfGroupsHtml(const http::Request& request, const web::Site& site,
                                              GroupsService& service, std::int64_t practice_id);

// The platform's events and research studies (event_pages.cpp, events_api.cpp).
void AddEventPages(kernel::Routes& routes, const web::Site& site, EventsService& service);
void AddEventsApi(kernel::Routes& routes, const web::Site& site, EventsService& service);
// On a municipality's page: the events it hosted or took part in, and the studies of it.
kernel::PlaceSectionSource EventsOfThePlace(const web::Site& site, EventsService& service);
// On a practice's page: what research found about it.
kernel::DiscussedSectionSource FindingsAboutThePractice(const web::Site& site, EventsService& service);
std::string EventPath(std::int64_t id);

}  // namespace practices
