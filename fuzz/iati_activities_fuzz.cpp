// libFuzzer target for the IATI activities reader (issue 17): any bytes read as an `iati-activities` file against the
// shipped IATI 2.03 schema (programmes::IatiActivitiesSchema::Read) never crash, hang or reach the network; a refused
// file gives no activity and at most kMaxProblems problems, each with words; an accepted one gives activities with an
// identifier (the schema requires one).
//
//   cmake --preset fuzz && cmake --build build/fuzz --target iati_activities_fuzz -j2
//   mkdir -p build/fuzz/iati && build/fuzz/iati_activities_fuzz -max_total_time=300 -max_len=20000 build/fuzz/iati
//   fuzz/corpus/iati

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "modules/programmes/iati_activities.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Run from the repository's root.
  static const programmes::IatiActivitiesSchema schema("data/iati/iati-activities-schema.xsd");
  const programmes::IatiRead read = schema.Read(std::string_view(reinterpret_cast<const char*>(data), size));
  if (read.problems.size() > programmes::IatiActivitiesSchema::kMaxProblems) std::abort();
  if (!read.problems.empty()) {
    if (!read.activities.empty()) std::abort();
    for (const auto& problem : read.problems) {
      if (problem.message.empty()) std::abort();
    }
    return 0;
  }
  for (const programmes::IatiActivity& activity : read.activities) {
    if (activity.identifier.empty() && activity.line == 0) std::abort();
  }
  return 0;
}
