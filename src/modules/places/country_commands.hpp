#pragma once
// `khetane import places FILE --country CC`: the municipalities of a country other than Bulgaria; and the seed of the
// countries shipped in data/countries.csv.

#include "kernel/module.hpp"

namespace places {

void AddPlacesCommands(kernel::Module& module);

// Loads each country of data/countries.csv that has no municipality yet; true when it loaded one.
bool SeedCountries(kernel::SeedContext& context);

}  // namespace places
