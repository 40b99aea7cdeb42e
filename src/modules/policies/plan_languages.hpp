#pragma once
// The languages an action-plan file is written in, from the site's catalogues: export writes the reader's, import
// reads them all (and the codes).

#include <vector>

#include "modules/policies/plan_exchange.hpp"
#include "web/i18n.hpp"

namespace policies {

// `translations` must outlive what is returned.
PlanLanguage PlanLanguageOf(const web::Translations& translations, web::Language language);
std::vector<PlanLanguage> EveryPlanLanguage(const web::Translations& translations);

}  // namespace policies
