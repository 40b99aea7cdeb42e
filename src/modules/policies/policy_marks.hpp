#pragma once
// What the policies module marks on the places' maps and tables (kernel/place_marks.hpp).

#include "kernel/place_marks.hpp"
#include "modules/policies/policies_service.hpp"

namespace policies {

// kernel::kAdoptedMunicipalPlan: the municipalities with an adopted municipal document (an action plan, a
// programme …), each with its title and page; demo plans count, flagged as demo.
kernel::PlaceMarkSource AdoptedMunicipalPlans(PoliciesService& policies);

}  // namespace policies
