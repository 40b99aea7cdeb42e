#pragma once
// Meetings of bodies, their agendas, minutes, decisions and follow-ups, and calendars (issue 15).

#include "kernel/module.hpp"

namespace meetings {

void Register(kernel::Module& module);

}  // namespace meetings
