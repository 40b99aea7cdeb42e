#pragma once
// What the gap analysis of the policy cascade shows beside its own lists: each module adds the gaps it knows (the
// indicators module the objectives that no indicator measures), by the gap page's scope as its query names it:
// "country", "oblast:MON", "municipality:MON24".

#include <string_view>

#include "kernel/sections.hpp"

namespace kernel {

class GapSections : public Sections<std::string_view> {};
using GapSectionSource = GapSections::Source;

}  // namespace kernel
