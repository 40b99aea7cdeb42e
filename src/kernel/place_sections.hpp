#pragma once
// What a municipality's page shows beside its reference data: each module adds its part (the policies module the
// municipality's plans and gaps; later monitoring and meetings). Asked on every visit, after the page's cached body,
// and a module with nothing for the place adds nothing.

#include <string_view>

#include "kernel/sections.hpp"

namespace kernel {

// The section's HTML (the module's own template, rendered), or nothing.
class PlaceSections : public Sections<std::string_view> {};
using PlaceSectionSource = PlaceSections::Source;

}  // namespace kernel
