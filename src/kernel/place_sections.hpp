#pragma once
// What a municipality's page shows beside its reference data: each module adds its part (the policies module the
// municipality's plans and gaps; later monitoring and meetings). Asked on every visit, after the page's cached body,
// and a module with nothing for the place adds nothing.

#include <chrono>
#include <string_view>

#include "kernel/sections.hpp"

namespace kernel {

// The section's HTML (the module's own template, rendered), or nothing.
class PlaceSections : public Sections<std::string_view> {};
using PlaceSectionSource = PlaceSections::Source;

// `source` with what it answers visitors kept for `lifetime`, per municipality and language; the signed-in, who are
// the ones who change the data, get it fresh. For a part composed on every visit of a busy public page (a
// municipality's indicators and its community monitoring): a change reaches visitors within `lifetime`.
PlaceSectionSource KeptForVisitors(PlaceSectionSource source, std::chrono::seconds lifetime);

}  // namespace kernel
