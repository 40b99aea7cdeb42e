#pragma once
// Demo filings, so that a new installation shows the legal clock at work.

#include <functional>
#include <string>

#include "modules/requests/filings_service.hpp"

namespace requests {

// Stores the demo filings once, dated back from today: true when it stored them now.
bool LoadDemoFilings(FilingsService& service, const std::function<void(const std::string&)>& log);

}  // namespace requests
