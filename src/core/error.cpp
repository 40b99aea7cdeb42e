#include "core/error.hpp"

namespace core {

Failure::~Failure() = default;

}  // namespace core
