#pragma once
// Donor programmes and the partner network (issue 17): programmes, their projects and IATI files in and out.

#include "kernel/module.hpp"

namespace programmes {

void Register(kernel::Module& module);

}  // namespace programmes
