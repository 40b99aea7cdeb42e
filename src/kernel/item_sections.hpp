#pragma once
// What the page of an objective, a measure or an activity shows beside the plan's own fields: each module adds its
// part (the indicators module the indicators that measure the item, with their progress), by the item's id.

#include <cstdint>

#include "kernel/sections.hpp"

namespace kernel {

class ItemSections : public Sections<std::int64_t> {};
using ItemSectionSource = ItemSections::Source;

}  // namespace kernel
