#pragma once
// Money in the currencies Khetane's plans are written in. Amounts are whole cents (stotinki for the lev) of one
// currency; they are converted only where amounts of different documents are compared or summed, always by EuroCents.

#include <cstdint>
#include <optional>
#include <string_view>

namespace core {

inline constexpr std::string_view kEuro = "EUR";
inline constexpr std::string_view kLev = "BGN";
// The currencies a document may be written in: the euro, and the lev of plans adopted before Bulgaria adopted the euro
// on 1 January 2026.
inline constexpr std::string_view kCurrencies[] = {kEuro, kLev};

// The lev's fixed conversion rate to the euro, 1.95583 leva to one euro, as a ratio of whole numbers.
inline constexpr std::int64_t kLevaPerEuroTimes100000 = 195583;

bool IsCurrency(std::string_view code);

// `cents` of `currency` in euro cents: leva divided by 1.95583 and rounded half up to the cent (a stotinka is
// 0.51 euro cents, so 1 stotinka → 1 cent and 100.00 leva → 51.13 euro); euro as they are. nullopt for a currency
// without a fixed rate to the euro.
std::optional<std::int64_t> EuroCents(std::int64_t cents, std::string_view currency);

}  // namespace core
