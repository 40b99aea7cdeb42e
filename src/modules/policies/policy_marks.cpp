#include "modules/policies/policy_marks.hpp"

#include "modules/policies/policy_pages.hpp"

namespace policies {

kernel::PlaceMarkSource AdoptedMunicipalPlans(PoliciesService& policies) {
  return [&policies](const http::Request& request) {
    DocumentFilter filter;
    filter.level = Level::kMunicipal;
    kernel::MarkedPlaces marked;
    for (const Document& document : policies.ListDocuments(filter)) {
      if (document.status != "adopted" || document.municipality_code.empty()) continue;
      marked[document.municipality_code].push_back(
          {Localised(request, document.title, document.title_en), DocumentPath(document.id), document.demo});
    }
    return marked;
  };
}

}  // namespace policies
