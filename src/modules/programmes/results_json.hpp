#pragma once
// A results framework (IATI's results, indicators, baselines, periods, targets and actuals) as the JSON text the
// store keeps beside a programme or a project. No SQL here.

#include <string>
#include <string_view>
#include <vector>

#include "modules/programmes/iati_activities.hpp"

namespace programmes {

// "" for no result.
std::string ResultsToJson(const std::vector<IatiResult>& results);
// What ResultsToJson wrote; nothing for "" or for text it did not write.
std::vector<IatiResult> ResultsFromJson(std::string_view text);

}  // namespace programmes
