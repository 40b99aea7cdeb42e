#pragma once
// Demo events and research of the practice platform: a platform of Каварна, Gent and Ostrava (a body of the meetings
// module) that met in Каварна two months before the seeding, held an online working session three weeks before it,
// and visits Gent in six weeks; and a demo comparison of the three municipalities whose findings name their demo
// practices. Everything is marked as demo data and invented.

#include <functional>
#include <string>

#include "modules/practices/events_service.hpp"

namespace practices {

// Loads them when there are none, the demo practices are there and the meetings module is; true when it loaded them.
bool LoadDemoEvents(EventsService& service, const std::function<void(const std::string&)>& log);

}  // namespace practices
