#pragma once
// What the page of a document of the cascade shows beside its tree: each module adds its part by the document's id
// (the consultations module the consultation on a draft, with the days left).

#include <cstdint>

#include "kernel/sections.hpp"

namespace kernel {

class DocumentSections : public Sections<std::int64_t> {};
using DocumentSectionSource = DocumentSections::Source;

}  // namespace kernel
