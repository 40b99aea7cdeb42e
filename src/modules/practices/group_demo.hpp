#pragma once
// Demo working groups of the platform's founding municipalities (Каварна, Gent, Ostrava), for a new installation to
// show the groups at work. Invented, and marked as demo data wherever they are shown; their members name nobody.

#include <functional>
#include <string>

#include "modules/practices/groups_service.hpp"

namespace practices {

// Loads them when there is no group yet and the three municipalities are there; true when it loaded them.
bool LoadDemoGroups(GroupsService& service, const std::function<void(const std::string&)>& log);

}  // namespace practices
