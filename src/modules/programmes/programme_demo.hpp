#pragma once
// Demo data of the programmes module, loaded by `khetane seed` into a database without it.

#include <functional>
#include <string>

#include "modules/meetings/meetings_service.hpp"
#include "modules/programmes/projects_service.hpp"

namespace programmes {

bool LoadDemoProgrammes(ProjectsService& service, meetings::MeetingsService& meetings,
                        const std::function<void(const std::string&)>& log);

}  // namespace programmes
