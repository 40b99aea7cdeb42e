#pragma once
// Whether a value is one of a fixed list of codes (a kind, a state, a channel): the check every form's rules make.

#include <algorithm>
#include <iterator>
#include <string_view>

namespace core {

bool IsOneOf(std::string_view value, const auto& list) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

}  // namespace core
