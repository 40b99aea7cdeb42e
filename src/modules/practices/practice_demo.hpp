#pragma once
// Demo practices of the platform's founding municipalities (Каварна, Gent, Ostrava), for a new installation to show
// the library at work. Invented, and marked as demo data wherever they are shown.

#include <functional>
#include <string>

#include "modules/practices/practices_service.hpp"

namespace practices {

// Loads them when the library is empty and the three municipalities are there; true when it loaded them.
bool LoadDemoPractices(PracticesService& service, const std::function<void(const std::string&)>& log);

}  // namespace practices
