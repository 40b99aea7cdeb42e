#pragma once
// A demo coalition and campaign in Лом, so that a new installation shows advocacy at work.

#include <functional>
#include <string>

#include "modules/advocacy/advocacy_service.hpp"

namespace advocacy {

// Stores the demo once (with the demo organisation that keeps it): true when it stored it now.
bool LoadDemoAdvocacy(AdvocacyService& service, accounts::OrganisationService& organisations,
                      const std::function<void(const std::string&)>& log);

}  // namespace advocacy
