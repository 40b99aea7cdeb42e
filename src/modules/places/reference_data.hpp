#pragma once
// Reads the shipped reference files (data/bg: NSI EKATTE classifier, census by settlement, boundaries).

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "modules/places/places_store.hpp"

namespace places {

struct ReferenceDataReport {
  std::size_t skipped_population_rows = 0;  // census rows for settlements no longer in EKATTE
};

// Fails with the file and line of the first thing it cannot read.
core::Result<ReferenceData> ReadReferenceData(const std::filesystem::path& directory, ReferenceDataReport& report);

}  // namespace places
