#pragma once
// What a municipality's page shows beside its reference data: each module adds its part (the policies module the
// municipality's plans and gaps; later monitoring and meetings). Asked on every visit of the signed-in, and for
// visitors when the data changed (the page is kept whole for them: web::ResponseCache), after the page's cached body;
// a module with nothing for the place adds nothing.

#include <string_view>

#include "kernel/sections.hpp"

namespace kernel {

// The section's HTML (the module's own template, rendered), or nothing.
class PlaceSections : public Sections<std::string_view> {};
using PlaceSectionSource = PlaceSections::Source;

}  // namespace kernel
