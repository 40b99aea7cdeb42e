#pragma once
// The legal clock's pages and API (every deadline rule with its article and check mark, the non-working days of a
// year, a calculator, the administrator's correction of a rule), and those of the filings: information requests,
// proposals and signals with their deadlines, the letter drafted from each, and how institutions answer.

#include <nlohmann/json.hpp>

#include "kernel/discussed_sections.hpp"
#include "kernel/home.hpp"
#include "kernel/module.hpp"
#include "modules/requests/filings_service.hpp"
#include "modules/requests/requests_service.hpp"
#include "web/form.hpp"
#include "web/reader.hpp"
#include "web/site.hpp"

namespace requests {

void AddLegalClockPages(kernel::Routes& routes, const web::Site& site, RequestsService& service);
void AddFilingPages(kernel::Routes& routes, const web::Site& site, FilingsService& service,
                    const kernel::DiscussedSections& discussed);
void AddFilingsApi(kernel::Routes& routes, const web::Site& site, FilingsService& service);
// On a signed-in person's home: the requests they (or their organisation, or their place's institution) follow whose
// deadline runs, or whose appeal is open.
kernel::HomeSectionSource DeadlinesOnTheHome(const web::Site& site, FilingsService& service);

// Shared by the pages and the API (filing_views.cpp).
std::string_view KindTitle(std::string_view kind);     // msgid: "Information request"
std::string_view ChoiceTitle(std::string_view value);  // msgid of a channel, addressee, event, decision, ground
nlohmann::json StateOfFiling(const web::Reader& reader, const FilingView& view);
nlohmann::json FilingJson(const web::Reader& reader, const FilingView& view, const Rules& rules);
nlohmann::json FilingApiJson(const FilingView& view);

}  // namespace requests
