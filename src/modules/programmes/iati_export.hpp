#pragma once
// Writing IATI 2.03 `iati-activities` files (issue 17): a programme's projects as activities, in the element order the
// schema prescribes, each text as narratives by language. What a store holds becomes an IatiActivity
// (iati_activities.hpp) first, so that what is written is what IatiActivitiesSchema::Read reads back. No SQL here.

#include <string>
#include <string_view>
#include <vector>

#include "modules/programmes/iati_activities.hpp"

namespace programmes {

// The file, `generated` being its generated-datetime ("2026-12-06T15:00:00Z"). An activity without a description or
// an activity date gets what the schema requires: its title as the description, its identifier as the reporting
// organisation's name, as its planned start the start of its first budget or else the day of `generated`. Control
// characters XML cannot hold are dropped.
std::string WriteIatiActivities(const std::vector<IatiActivity>& activities, std::string_view generated);

}  // namespace programmes
