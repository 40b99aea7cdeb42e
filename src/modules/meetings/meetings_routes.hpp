#pragma once
// The meetings' pages and API.

#include <nlohmann/json.hpp>

#include "kernel/discussed_sections.hpp"
#include "kernel/home.hpp"
#include "kernel/module.hpp"
#include "modules/meetings/meetings_service.hpp"
#include "web/form.hpp"
#include "web/reader.hpp"
#include "web/site.hpp"

namespace meetings {

void AddMeetingPages(kernel::Routes& routes, const web::Site& site, MeetingsService& service);
void AddMeetingsApi(kernel::Routes& routes, const web::Site& site, MeetingsService& service);
// "On the agenda of": the meetings that discuss a page (an information request), on that page.
kernel::DiscussedSectionSource MeetingsDiscussingThePage(const web::Site& site, MeetingsService& service);

// On a signed-in person's home: the coming meetings of the bodies they organise, or that they registered for.
kernel::HomeSectionSource MeetingsOnTheHome(const web::Site& site, MeetingsService& service);

std::string MeetingPath(std::int64_t id);

}  // namespace meetings
