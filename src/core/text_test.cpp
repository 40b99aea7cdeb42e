#include "core/text.hpp"

#include <gtest/gtest.h>

TEST(TransliterateBulgarian, FollowsTheTransliterationAct) {
  EXPECT_EQ(core::TransliterateBulgarian("Благоевград"), "Blagoevgrad");
  EXPECT_EQ(core::TransliterateBulgarian("Каварна"), "Kavarna");
  EXPECT_EQ(core::TransliterateBulgarian("Шумен"), "Shumen");
  EXPECT_EQ(core::TransliterateBulgarian("Щръклево"), "Shtraklevo");
  EXPECT_EQ(core::TransliterateBulgarian("Търговище"), "Targovishte");
  EXPECT_EQ(core::TransliterateBulgarian("Юнаците"), "Yunatsite");
}

TEST(TransliterateBulgarian, WritesWordFinalIyaAsIa) {
  EXPECT_EQ(core::TransliterateBulgarian("София"), "Sofia");
  EXPECT_EQ(core::TransliterateBulgarian("София-град"), "Sofia-grad");
  EXPECT_EQ(core::TransliterateBulgarian("Ияда"), "Iyada");
}

TEST(TransliterateBulgarian, KeepsAllCapitalWordsInCapitals) {
  EXPECT_EQ(core::TransliterateBulgarian("ЩИТ"), "SHTIT");
}

TEST(SearchKey, IgnoresCaseAndScript) {
  EXPECT_EQ(core::SearchKey("Лом"), "lom");
  EXPECT_EQ(core::SearchKey("лом"), "lom");
  EXPECT_EQ(core::SearchKey("LOM"), "lom");
  EXPECT_EQ(core::SearchKey("Kavarna"), core::SearchKey("Каварна"));
}

TEST(SearchKey, CollapsesPunctuationAndSpaces) {
  EXPECT_EQ(core::SearchKey("  Велико   Търново "), "veliko tarnovo");
  EXPECT_EQ(core::SearchKey("с. Абланица"), "s ablanitsa");
  EXPECT_EQ(core::SearchKey("\"; DROP"), "drop");
}

TEST(IsValidUtf8, RejectsBrokenSequences) {
  EXPECT_TRUE(core::IsValidUtf8("Лом"));
  EXPECT_FALSE(core::IsValidUtf8("\xC3"));
  EXPECT_FALSE(core::IsValidUtf8("a\xFF"));
}
