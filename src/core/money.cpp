#include "core/money.hpp"

#include <algorithm>
#include <iterator>

namespace core {

bool IsCurrency(std::string_view code) {
  return std::find(std::begin(kCurrencies), std::end(kCurrencies), code) != std::end(kCurrencies);
}

std::optional<std::int64_t> EuroCents(std::int64_t cents, std::string_view currency) {
  if (currency == kEuro) return cents;
  if (currency != kLev) return std::nullopt;
  // euro cents = stotinki × 100000 / 195583, rounded half up: floor((2 × stotinki × 100000 + 195583) / (2 × 195583)),
  // in 128 bits so that no amount of 13 digits overflows.
  const __int128 numerator = static_cast<__int128>(cents) * 2 * 100000 + kLevaPerEuroTimes100000;
  const __int128 denominator = 2 * static_cast<__int128>(kLevaPerEuroTimes100000);
  __int128 quotient = numerator / denominator;
  if (numerator % denominator != 0 && numerator < 0) --quotient;  // floor, not truncation, below zero
  return static_cast<std::int64_t>(quotient);
}

}  // namespace core
