#pragma once

#include "kernel/module.hpp"

namespace consultations {

// Public consultations on drafts of the cascade: comments where they belong, proposals with the authority's answers,
// the statement before adoption.
void Register(kernel::Module& module);

}  // namespace consultations
