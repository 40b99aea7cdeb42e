#pragma once
// The consultations' pages and API: the list, a consultation with its draft open for comments item by item, the
// forms to open, reopen, comment, propose and support, the authority's answers, the statement of Art. 26(5), the
// OpenConsult export, and what they add to a document's, an item's and a municipality's pages and the home page.

#include <nlohmann/json.hpp>

#include "kernel/document_sections.hpp"
#include "kernel/home.hpp"
#include "kernel/item_sections.hpp"
#include "kernel/module.hpp"
#include "kernel/place_sections.hpp"
#include "kernel/recent_changes.hpp"
#include "kernel/scorecard_parts.hpp"
#include "modules/consultations/consultations_service.hpp"
#include "web/form.hpp"
#include "web/reader.hpp"
#include "web/site.hpp"

namespace consultations {

void AddConsultationPages(kernel::Routes& routes, const web::Site& site, ConsultationsService& service);
void AddAnswerPages(kernel::Routes& routes, const web::Site& site, ConsultationsService& service);
void AddConsultationsApi(kernel::Routes& routes, const web::Site& site, ConsultationsService& service);

// "Came from proposal 2 by …" on the page of an item an accepted proposal became.
kernel::ItemSectionSource ProposalsBehindTheItem(const web::Site& site, ConsultationsService& service);
// The consultation on a document, announced on its page with the days left.
kernel::DocumentSectionSource ConsultationOfTheDocument(const web::Site& site, ConsultationsService& service);
// A municipality's consultations, open ones first, on its page.
kernel::PlaceSectionSource ConsultationsOfThePlace(const web::Site& site, ConsultationsService& service);
// The consultations open now, on the home page for everyone.
kernel::HomeFrontSource OpenConsultationsOnTheFront(const web::Site& site, ConsultationsService& service);
// An official's home: the proposals waiting for their answer.
kernel::HomeSectionSource ProposalsToAnswer(const web::Site& site, ConsultationsService& service);
// A municipality's consultations on its scorecard: each with its period, proposals and the share accepted.
kernel::ScorecardSource ConsultationsOnTheScorecard(const web::Site& site, ConsultationsService& service);
// Consultations opened and closed this week.
kernel::RecentChangeSource ConsultationNewsOfTheWeek(const web::Site& site, ConsultationsService& service);

// Template data shared by the pages.
std::string ConsultationPath(std::int64_t id);
std::string ProposalPath(std::int64_t id);
// The id a form's field or a query holds ("12"), or nullopt for nothing, zero or anything but digits.
using web::IdIn;
nlohmann::json ConsultationJson(const web::Reader& reader, ConsultationsService& service, const Listed& listed,
                                const std::string& today);
nlohmann::json ProposalJson(const web::Reader& reader, const Proposal& proposal);
nlohmann::json StateBadge(const web::Reader& reader, State state);
// "Closes in 12 days", "Closes today", "Opens on 1 February 2027", "Closed on 15 January 2027".
std::string Countdown(const web::Reader& reader, const Consultation& consultation, const std::string& today);

}  // namespace consultations
