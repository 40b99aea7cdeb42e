#pragma once
// Demo bodies and meetings, so that a new installation shows the module at work.

#include <functional>
#include <string>

#include "modules/meetings/meetings_service.hpp"

namespace meetings {

bool LoadDemoMeetings(MeetingsService& service, const std::function<void(const std::string&)>& log);

}  // namespace meetings
