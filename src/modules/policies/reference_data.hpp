#pragma once
// Loads the policy reference data shipped in data/policy (see its SOURCES.md): priority areas of three schemes and
// their mappings, the EU framework with its objectives and 2030 targets, the Bulgarian national strategy 2021–2030.

#include <filesystem>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "modules/policies/policies_store.hpp"

namespace policies {

// Into an empty cascade only: false when the areas are there already. Fails with the file and line it cannot read.
core::Result<bool> SeedPolicyReferenceData(PoliciesStore& store, const std::filesystem::path& directory,
                                           const std::function<void(const std::string&)>& log = {});

}  // namespace policies
