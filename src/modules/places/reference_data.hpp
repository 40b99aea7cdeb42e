#pragma once
// Reads the shipped reference files (data/bg: NSI EKATTE classifier, population by settlement and by municipality,
// Census 2021, boundaries).

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

// Reads population_municipalities_nsi_2023_2025.csv (the population of each municipality on 31 December of each
// year) and census2021_municipalities.csv / census2021_oblasts.csv (Census 2021). Refuses a census row whose sexes,
// age bands or ethnic groups do not add up to its population, naming the file and line.
core::Result<PopulationFigures> ReadPopulationFigures(const std::filesystem::path& directory);

}  // namespace places
