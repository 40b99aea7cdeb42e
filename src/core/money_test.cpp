#include "core/money.hpp"

#include <gtest/gtest.h>

namespace {

TEST(EuroCents, LevaAreDividedByTheFixedRateAndRoundedHalfUpToTheCent) {
  EXPECT_EQ(core::EuroCents(195583, core::kLev), 100000) << "1,955.83 leva are exactly 1,000.00 euro";
  EXPECT_EQ(core::EuroCents(10000, core::kLev), 5113) << "100.00 leva = 51.129… euro";
  EXPECT_EQ(core::EuroCents(1, core::kLev), 1) << "a stotinka is 0.511 euro cents: up";
  EXPECT_EQ(core::EuroCents(97, core::kLev), 50) << "0.97 leva = 49.595… euro cents: up";
  EXPECT_EQ(core::EuroCents(96, core::kLev), 49) << "0.96 leva = 49.084… euro cents: down";
  EXPECT_EQ(core::EuroCents(0, core::kLev), 0);
  // The largest amount the forms accept (13 digits and two decimals) converts without overflow.
  EXPECT_EQ(core::EuroCents(999999999999999, core::kLev), 511291881196218);
}

TEST(EuroCents, EuroStayAsTheyAreAndAnUnknownCurrencyHasNoRate) {
  EXPECT_EQ(core::EuroCents(123456, core::kEuro), 123456);
  EXPECT_EQ(core::EuroCents(100, "USD"), std::nullopt);
  EXPECT_TRUE(core::IsCurrency("BGN"));
  EXPECT_FALSE(core::IsCurrency("bgn")) << "codes are ISO 4217, in capitals";
}

}  // namespace
