#pragma once
// Where a page's subject is discussed elsewhere: a module that links to pages of others (a meeting's agenda item on
// an information request or a measure) adds its part to those pages, by the page's path ("/requests/12"), without
// the page's module knowing it.

#include <string>

#include "kernel/sections.hpp"

namespace kernel {

class DiscussedSections : public Sections<std::string> {};
using DiscussedSectionSource = DiscussedSections::Source;

}  // namespace kernel
