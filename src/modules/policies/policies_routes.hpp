#pragma once

#include "kernel/document_sections.hpp"
#include "kernel/gap_sections.hpp"
#include "kernel/item_sections.hpp"
#include "kernel/module.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/pending_imports.hpp"
#include "modules/policies/policies_service.hpp"
#include "web/site.hpp"

namespace policies {

// /policies: the cascade, each document's tree, each item with its links and history, gap analysis (page, CSV,
// JSON), and the forms that officials and CSO editors use within their scope. /api/v1/policies/…: the same as JSON.
void AddPoliciesRoutes(kernel::Routes& routes, const web::Site& site, PoliciesService& policies,
                       places::PlacesService& places, const kernel::ItemSections& item_sections,
                       const kernel::GapSections& gap_sections, const kernel::DocumentSections& document_sections);

// /policies/documents/{id}/export.csv|.xlsx, the import form with its report, and the apply of a previewed file
// (plan_exchange_routes.cpp).
void AddPlanExchangeRoutes(kernel::Routes& routes, const web::Site& site, PoliciesService& policies,
                           PendingImports& pending);

}  // namespace policies
