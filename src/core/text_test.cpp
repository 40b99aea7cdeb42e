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

TEST(TransliterateBulgarian, KeepsAllCapitalWordsInCapitalsToTheirLastLetter) {
  EXPECT_EQ(core::TransliterateBulgarian("ЩИТ"), "SHTIT");
  EXPECT_EQ(core::TransliterateBulgarian("ГАРАЖ"), "GARAZH");
  EXPECT_EQ(core::TransliterateBulgarian("ЩАСТЛИВЕЦ"), "SHTASTLIVETS");
  EXPECT_EQ(core::TransliterateBulgarian("ОБЩИНА ЛОМ"), "OBSHTINA LOM");
  EXPECT_EQ(core::TransliterateBulgarian("Жеравна"), "Zheravna") << "a capital starting a word";
  EXPECT_EQ(core::TransliterateBulgarian("Ж"), "Zh") << "a single capital letter is not a word in capitals";
}

TEST(TransliterateBulgarian, WritesTheCountrysNameAsTheActDoes) {
  EXPECT_EQ(core::TransliterateBulgarian("България"), "Bulgaria");
  EXPECT_EQ(core::TransliterateBulgarian("Република България"), "Republika Bulgaria");
  EXPECT_EQ(core::TransliterateBulgarian("БЪЛГАРИЯ"), "BULGARIA");
  EXPECT_EQ(core::TransliterateBulgarian("българия"), "bulgaria");
  EXPECT_EQ(core::TransliterateBulgarian("Българиян"), "Balgariyan") << "only the name itself";
  EXPECT_EQ(core::TransliterateBulgarian("Северна България"), "Severna Bulgaria");
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

// Names as people write them in Bulgaria, Turkey, Czechia, Belgium and in Romani, found whatever was typed.
TEST(SearchKey, FindsNamesInEveryScriptWithOrWithoutAccents) {
  const struct {
    std::string_view written;
    std::string_view key;
  } table[] = {
      {"Ünal Çelik", "unal celik"},
      {"ünal ÇELİK", "unal celik"},  // the Turkish dotted capital İ
      {"Přívoz", "privoz"},
      {"Děčín", "decin"},
      {"Ústí nad Labem", "usti nad labem"},
      {"Sint-Niklaas", "sint niklaas"},
      {"Ijzendijke / IJsselmonde", "ijzendijke ijsselmonde"},
      {"Straße", "strasse"},
      {"Søren Ørsted", "soren orsted"},
      {"Şükrü Ağaoğlu", "sukru agaoglu"},
      {"Ǩerimo Ćhavo", "kerimo chavo"},        // Romani Latin: ǩ → k, ć + h
      {"Ζαχαρίας", "zacharias"},               // Greek, romanised
      {"Ђорђе Јовановић", "dorde jovanovic"},  // Serbian Cyrillic, romanised after the Bulgarian letters
      {"Лом", "lom"},
      {"ЩАСТЛИВЕЦ", "shtastlivets"},
      {"България", "bulgaria"},
      {"Сливен 100%_", "sliven 100"},  // LIKE's metacharacters never reach a key
  };
  for (const auto& row : table) EXPECT_EQ(core::SearchKey(row.written), row.key) << row.written;
}

TEST(SearchKey, ReadsADecomposedLetterAsTheLetter) {
  // "Войвода" typed with и + combining breve (U+0306) instead of й: one word, as it looks.
  EXPECT_EQ(core::SearchKey("Вои\u0306вода"), "voyvoda");
  EXPECT_EQ(core::SearchKey("Pr\u030Ci\u0301voz"), "privoz");  // r + caron, i + acute
  EXPECT_EQ(core::SearchKey("Лом"), core::SearchKey("lom"));
}

TEST(SearchKey, KeepsGoingOnMalformedBytes) {
  EXPECT_EQ(core::SearchKey("Ruse\xC0\xAF"
                            "12"),
            "ruse 12");
  EXPECT_EQ(core::SearchKey(""), "");
  EXPECT_EQ(core::SearchKey("\xF0\x9F\x98\x80"), "");  // an emoji alone gives no key
}

// What PostgreSQL refuses as UTF-8 is refused at the door (RFC 3629, and Markus Kuhn's UTF-8 decoder stress test).
TEST(IsValidUtf8, RefusesWhatPostgresqlRefusesAndTakesEveryScriptPeopleWrite) {
  const std::string_view valid[] = {"",
                                    "Лом",
                                    "Ünal Çelik",
                                    "Přívoz, Děčín",
                                    "Gent — Sint-Amandsberg",
                                    "\u00A0",
                                    "\uFFFD",
                                    "\uFFFF",  // a noncharacter is still UTF-8
                                    "\U0010FFFF",
                                    "\U0001F600",
                                    std::string_view("a\0b", 3)};  // NUL is UTF-8; IsStorableText refuses it
  for (const std::string_view text : valid) {
    EXPECT_TRUE(core::IsValidUtf8(text)) << text;
  }
  const struct {
    std::string_view bytes;
    std::string_view what;
  } invalid[] = {
      {"\xC3", "a lead byte cut off at the end"},
      {"a\xFF", "a byte that is never UTF-8"},
      {"\x80", "a continuation byte alone"},
      {"\xE0\x80", "three bytes announced, two given"},
      {"\xC0\xAF", "an overlong '/' in two bytes"},
      {"\xC1\xBF", "an overlong DEL"},
      {"\xE0\x80\xAF", "an overlong '/' in three bytes"},
      {"\xF0\x80\x80\xAF", "an overlong '/' in four bytes"},
      {"\xE0\x9F\xBF", "an overlong U+07FF"},
      {"\xF0\x8F\xBF\xBF", "an overlong U+FFFF"},
      {"\xED\xA0\x80", "the surrogate U+D800"},
      {"\xED\xBF\xBF", "the surrogate U+DFFF"},
      {"\xED\xA0\xBD\xED\xB8\x80", "a surrogate pair (CESU-8)"},
      {"\xF4\x90\x80\x80", "U+110000, above Unicode"},
      {"\xF7\xBF\xBF\xBF", "U+1FFFFF"},
      {"\xF8\x88\x80\x80\x80", "a five-byte form"},
      {"\xFC\x84\x80\x80\x80\x80", "a six-byte form"},
      {"\xFE", "0xFE"},
      {"Лом\xD0", "a Cyrillic letter cut in half"},
  };
  for (const auto& [bytes, what] : invalid) EXPECT_FALSE(core::IsValidUtf8(bytes)) << what;
  EXPECT_FALSE(core::IsStorableText(std::string_view("a\0b", 3))) << "PostgreSQL keeps no NUL in text";
  EXPECT_TRUE(core::IsStorableText("Лом"));
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
