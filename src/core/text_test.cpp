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

TEST(TrimSpaces, TakesEverySpaceAReaderSeesOrCannotSeeFromBothEnds) {
  EXPECT_EQ(core::TrimSpaces("\u00A0\u00A0"), "") << "a title of no-break spaces only is empty";
  EXPECT_EQ(core::TrimSpaces(" \t\u2003Лом\u00A0план\u202F\u3000\uFEFF\n"), "Лом\u00A0план")
      << "the spaces inside stay";
  EXPECT_EQ(core::TrimSpaces("\u200BКаварна"), "Каварна");
  EXPECT_EQ(core::TrimSpaces("Ghent"), "Ghent");
  EXPECT_EQ(core::TrimSpaces(""), "");
  EXPECT_EQ(core::TrimSpaces("\xFF x \xFF"), "\xFF x \xFF")
      << "bytes that are no UTF-8 are no spaces: the rules refuse them";
}

TEST(FoldCase, LowersLatinAndCyrillicLettersAndLeavesTheRest) {
  EXPECT_EQ(core::FoldCase("ДЕЙНОСТ"), "дейност");
  EXPECT_EQ(core::FoldCase("Дейност"), "дейност");
  EXPECT_EQ(core::FoldCase("Общински Бюджет — Планирано"), "общински бюджет — планирано");
  EXPECT_EQ(core::FoldCase("Kind OF 12"), "kind of 12");
  EXPECT_EQ(core::FoldCase("ЁЍЙЩЪЮЯ"), "ёѝйщъюя");
  EXPECT_EQ(core::FoldCase("ü \xFF"), "ü \xFF");
}
