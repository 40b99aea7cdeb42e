#include "core/collation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

std::vector<std::string> Sorted(std::vector<std::string> names, const char* language) {
  const core::Collator collator(language);
  std::ranges::sort(names, [&collator](const std::string& a, const std::string& b) { return collator(a, b); });
  return names;
}

TEST(Collator, SortsBulgarianNamesAsTheAlphabetWhateverTheCase) {
  EXPECT_EQ(Sorted({"Ямбол", "бургас", "Ахтопол", "Zebra", "ёлха"}, "bg"),
            (std::vector<std::string>{"Ахтопол", "бургас", "ёлха", "Ямбол", "Zebra"}));
  EXPECT_EQ(Sorted({"Ямбол", "Zebra", "ahtopol"}, "en"), (std::vector<std::string>{"ahtopol", "Zebra", "Ямбол"}));
}

TEST(Collator, KnowsEachLanguagesOwnLetters) {
  EXPECT_EQ(Sorted({"chata", "hrad", "cesta"}, "cs"), (std::vector<std::string>{"cesta", "hrad", "chata"}));
  EXPECT_EQ(Sorted({"chata", "hrad", "cesta"}, "en"), (std::vector<std::string>{"cesta", "chata", "hrad"}));
  EXPECT_EQ(Sorted({"Çelik", "Dede", "Cem"}, "tr"), (std::vector<std::string>{"Cem", "Çelik", "Dede"}));
}

TEST(Collator, OnlyTheSameTextIsEqual) {
  const core::Collator bulgarian("bg");
  EXPECT_EQ(bulgarian.Compare("Лом", "Лом"), 0);
  // Composed and decomposed й are one letter to the rules, and still two texts, as PostgreSQL sees them.
  EXPECT_NE(bulgarian.Compare("й", "и\u0306"), 0);
  EXPECT_NE(bulgarian.Compare("Ruse\xC0", "Ruse\xC1"), 0);  // malformed bytes still have an order
}

}  // namespace
