#pragma once

#include <functional>
#include <string>

#include "modules/consultations/consultations_service.hpp"
#include "web/markdown.hpp"

namespace consultations {

// Loads the demo consultations once, where the demo plan of Лом is (and a draft of Монтана for the open one): whether
// it loaded them.
bool LoadDemo(ConsultationsService& service, const std::function<void(const std::string&)>& log);

}  // namespace consultations
