// Numbers, amounts and dates as Czech and Dutch readers write them (ICU's CLDR conventions), and which content they
// read: every reader but a Bulgarian one reads the English.

#include "web/reader.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace {

class OtherReaders : public ::testing::Test {
 protected:
  const web::Translations translations_{std::getenv("KHETANE_LOCALE_DIR")};
  const web::Reader czech_{translations_, web::Language::kCzech, nullptr};
  const web::Reader dutch_{translations_, web::Language::kDutch, nullptr};
  const web::Reader romani_{translations_, web::Language::kRomani, nullptr};
  const web::Reader bulgarian_{translations_, web::Language::kBulgarian, nullptr};
};

TEST_F(OtherReaders, ReadTheEnglishContentAndOnlyBulgarianReadersTheBulgarian) {
  EXPECT_TRUE(czech_.english());
  EXPECT_TRUE(dutch_.english());
  EXPECT_TRUE(romani_.english());
  EXPECT_FALSE(czech_.bulgarian());
  EXPECT_TRUE(bulgarian_.bulgarian());
  EXPECT_FALSE(bulgarian_.english());
  const std::string original = "Лом", in_english = "Lom";
  EXPECT_EQ(czech_.Localised(original, in_english), "Lom");
  EXPECT_EQ(dutch_.Say("{place}", {core::MessageArgument{"place", "Лом", false, "Lom"}}), "Lom");
  EXPECT_EQ(czech_.code(), "cs");
  EXPECT_EQ(dutch_.code(), "nl");
}

TEST_F(OtherReaders, WriteNumbersWithTheirOwnSeparators) {
  EXPECT_EQ(czech_.Number(1'234'567), "1\u00a0234\u00a0567");
  EXPECT_EQ(dutch_.Number(1'234'567), "1.234.567");
  EXPECT_EQ(czech_.Decimal(1234.25), "1\u00a0234,3");
  EXPECT_EQ(dutch_.Decimal(1234.25), "1.234,3");
  EXPECT_EQ(dutch_.Decimal(-0.5, 2), "-0,5");
  EXPECT_EQ(czech_.Amount(123'450), "1\u00a0234,50");
  EXPECT_EQ(dutch_.Amount(-123'405), "-1.234,05");
  EXPECT_EQ(romani_.Number(1'234'567), "1\u00a0234\u00a0567") << "as Bulgaria writes numbers";
}

TEST_F(OtherReaders, WriteAmountsWithTheCurrencyWhereTheirLanguagePutsIt) {
  EXPECT_EQ(czech_.Money(123'450, "CZK"), "1\u00a0234,50\u00a0Kč") << "the reader's own currency";
  EXPECT_EQ(czech_.Money(2'454'210, "EUR"), "24\u00a0542,10\u00a0€");
  EXPECT_EQ(czech_.Money(4'800'050, "BGN"), "48\u00a0000,50\u00a0BGN");
  EXPECT_EQ(dutch_.Money(2'454'210, "EUR"), "€\u00a024.542,10");
  EXPECT_EQ(dutch_.Money(4'800'050, "BGN"), "BGN\u00a048.000,50");
  EXPECT_EQ(dutch_.Money(5, "EUR"), "€\u00a00,05");
  EXPECT_EQ(dutch_.Money(-2'454'210, "EUR"), "€\u00a0-24.542,10");
  EXPECT_EQ(czech_.Money(100, "USD"), "1,00\u00a0USD") << "another currency follows the amount";
  EXPECT_EQ(dutch_.Money(100, "CZK"), "1,00\u00a0CZK");
  EXPECT_EQ(dutch_.Money(100'000'000'000'000'00, "EUR"), "€\u00a0100.000.000.000.000,00") << "no cent lost";
}

TEST_F(OtherReaders, WriteAMessagesAmountAsMoneyAndTheApiAsAPlainDecimal) {
  const core::FieldProblem problem = core::FieldProblem{"spent", "{spent} is above {planned}.", ""}
                                         .WithMoney("spent", 1'240'050, "EUR")
                                         .WithMoney("planned", -5, "BGN");
  EXPECT_EQ(dutch_.Say(problem.message, problem.arguments), "€\u00a012.400,50 is above BGN\u00a0-0,05.");
  EXPECT_EQ(problem.arguments[0].value_en, "12400.50 EUR") << "what the API says";
  EXPECT_EQ(problem.arguments[1].value_en, "-0.05 BGN");
}

TEST_F(OtherReaders, WriteAChartsMonthShort) {
  EXPECT_EQ(dutch_.MonthYear("2027-04-15"), "apr 2027");
  EXPECT_EQ(czech_.MonthYear("2027-04-15"), "duben 2027") << "CLDR's Czech writes the month whole";
  EXPECT_EQ(dutch_.MonthYear("later"), "later");
}

TEST_F(OtherReaders, WriteDatesAsTheirOfficesDo) {
  EXPECT_EQ(czech_.Date("2026-12-06"), "6. 12. 2026");
  EXPECT_EQ(czech_.Date("2025-01-15"), "15. 1. 2025");
  EXPECT_EQ(dutch_.Date("2026-12-06"), "6 december 2026");
  EXPECT_EQ(dutch_.Date("2027-03-01"), "1 maart 2027");
  EXPECT_EQ(romani_.Date("2026-12-06"), "6.12.2026");
  EXPECT_EQ(czech_.Date("2025-13-01"), "2025-13-01") << "what is no date stays as it is";
  EXPECT_EQ(dutch_.Date("soon"), "soon");
}

TEST_F(OtherReaders, ShowTimesOnTheInstallationsClock) {
  constexpr std::int64_t kWinterMorning = 1796528760;  // 2026-12-06 03:46 UTC, 05:46 in Sofia
  constexpr std::int64_t kNewYearsEve = 1798759800;    // 2026-12-31 23:30 UTC
  EXPECT_EQ(czech_.DateTime(kWinterMorning), "6. 12. 2026 5:46");
  EXPECT_EQ(dutch_.DateTime(kWinterMorning), "6 december 2026 om 05:46");
  EXPECT_EQ(dutch_.DateTime(kNewYearsEve), "1 januari 2027 om 01:30") << "already the new year in Sofia";
  EXPECT_EQ(romani_.DateTime(kWinterMorning), "6.12.2026, 05:46");
}

TEST_F(OtherReaders, SortNamesInTheirOwnAlphabeticalOrder) {
  std::vector<std::string> names = {"Cheb", "Hodonín", "Chrudim", "Brno", "Ústí", "Chomutov", "Zlín", "Čáslav"};
  czech_.SortByName(names, [](const std::string& name) { return name; });
  EXPECT_EQ(names,
            (std::vector<std::string>{"Brno", "Čáslav", "Hodonín", "Cheb", "Chomutov", "Chrudim", "Ústí", "Zlín"}))
      << "Czech puts ch after h, č after c";
  std::vector<std::string> dutch = {"Zwolle", "IJmuiden", "Ede", "Utrecht"};
  dutch_.SortByName(dutch, [](const std::string& name) { return name; });
  EXPECT_EQ(dutch, (std::vector<std::string>{"Ede", "IJmuiden", "Utrecht", "Zwolle"}));
}

}  // namespace
