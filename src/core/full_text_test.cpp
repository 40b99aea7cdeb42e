#include "core/full_text.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

std::set<std::string> TermsOf(std::string_view text, std::string_view language) {
  std::istringstream terms(core::IndexTerms(text, language));
  std::set<std::string> set;
  for (std::string term; terms >> term;) set.insert(term);
  return set;
}

// What both databases answer: every word typed meets one of the text's terms by one of its alternatives.
bool Finds(std::string_view typed, std::string_view text, std::string_view language) {
  const core::FullTextQuery query = core::ParseFullTextQuery(typed);
  const std::set<std::string> terms = TermsOf(text, language);
  return !query.empty() && std::all_of(query.words.begin(), query.words.end(), [&](const core::FullTextWord& word) {
    return std::any_of(word.alternatives.begin(), word.alternatives.end(),
                       [&](const std::string& term) { return terms.contains(term); });
  });
}

bool IsTerm(const std::string& term) {
  return !term.empty() && term.size() <= core::kMaxFullTextTermBytes &&
         std::all_of(term.begin(), term.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

// A temporary folder, removed at the end.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "khetane-full-text-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(FullText, KnowsBulgarianEnglishCzechAndDutch) {
  const auto languages = core::FullTextLanguages();
  EXPECT_EQ(std::vector<std::string_view>(languages.begin(), languages.end()),
            (std::vector<std::string_view>{"bg", "en", "cs", "nl"}));
}

TEST(FullText, EveryStemmerIsActiveWithDebiansDictionaries) {
  const auto stemmers = core::TheFullTextAnalyser().Stemmers();
  ASSERT_EQ(stemmers.size(), 4U);
  for (const core::FullTextStemmer& stemmer : stemmers) {
    EXPECT_TRUE(stemmer.active) << stemmer.language << ": " << stemmer.problem;
  }
  const std::string line = core::DescribeFullTextStemmers(stemmers);
  EXPECT_NE(line.find("bg hunspell /usr/share/hunspell/bg_BG"), std::string::npos) << line;
  EXPECT_NE(line.find("en snowball english"), std::string::npos) << line;
  EXPECT_NE(line.find("cs hunspell /usr/share/hunspell/cs_CZ"), std::string::npos) << line;
  EXPECT_NE(line.find("nl snowball dutch"), std::string::npos) << line;
}

TEST(FullText, IndexesEachWordAndItsStemInTheTextsOrder) {
  EXPECT_EQ(core::IndexTerms("Good schools, good practices.", "en"), "good schools school good practices practic");
  EXPECT_EQ(core::IndexTerms("Добри училища", "bg"), "dobri dobar uchilishta uchilishte");
}

TEST(FullText, EnglishPluralsMeetTheirSingular) {
  EXPECT_TRUE(Finds("schools", "A school in Lom", "en"));
  EXPECT_TRUE(Finds("school", "Schools of the region", "en"));
  EXPECT_TRUE(Finds("practice", "Good practices", "en"));
}

TEST(FullText, EnglishHousingMeetsHousesBecauseSnowballStemsBothToHous) {
  EXPECT_EQ(core::IndexTerms("housing houses", "en"), "housing hous houses hous");
  EXPECT_TRUE(Finds("housing", "Social houses for families", "en"));
  EXPECT_TRUE(Finds("houses", "Housing for young families", "en"));
}

TEST(FullText, DutchScholenMeetsSchool) {
  EXPECT_EQ(core::IndexTerms("school scholen", "nl"), "school schol scholen schol");
  EXPECT_TRUE(Finds("scholen", "Een school in Gent", "nl"));
  EXPECT_TRUE(Finds("school", "Scholen en gemeenten", "nl"));
  EXPECT_TRUE(Finds("gemeente", "Scholen en gemeenten", "nl"));
}

TEST(FullText, BulgarianFormsMeetTheirDictionaryForm) {
  EXPECT_TRUE(Finds("училища", "Най-доброто училище в Лом", "bg"));
  EXPECT_TRUE(Finds("училище", "Училищата в областта", "bg"));
  EXPECT_TRUE(Finds("общини", "Практиката на общината", "bg"));
  EXPECT_TRUE(Finds("практики", "Добра практика", "bg"));
}

// Words the dictionary lacks or keeps apart from their kin, which the texts of this field use most.
TEST(FullText, BulgarianWordsOfThisFieldMeetTheirKin) {
  EXPECT_TRUE(Finds("роми", "Ромите в Лом", "bg"));
  EXPECT_TRUE(Finds("ромите", "Един ром и много роми", "bg"));
  EXPECT_TRUE(Finds("деца", "Детето и училището", "bg"));
  EXPECT_TRUE(Finds("дете", "Децата в квартала", "bg"));
  EXPECT_TRUE(Finds("ромски", "Ромската общност", "bg"));
  EXPECT_TRUE(Finds("общностни", "Общностният център", "bg"));
  EXPECT_TRUE(Finds("антициганизъм", "Срещу антициганизма", "bg"));
  EXPECT_FALSE(Finds("деца", "Ромите в Лом", "bg"));
}

TEST(FullText, CzechChildrenMeetTheirChild) {
  EXPECT_TRUE(Finds("děti", "Každé dítě ve škole", "cs"));
  EXPECT_TRUE(Finds("dítě", "Pro romské děti", "cs"));
  EXPECT_TRUE(Finds("dětem", "Pomoc dětí", "cs"));
}

TEST(FullText, TheFingerprintNamesTheVersionAndEachDictionary) {
  const std::string fingerprint = core::TheFullTextAnalyser().Fingerprint();
  EXPECT_TRUE(fingerprint.starts_with("v" + std::to_string(core::kFullTextVersion) + " ")) << fingerprint;
  EXPECT_NE(fingerprint.find("/usr/share/hunspell/bg_BG.dic:"), std::string::npos) << fingerprint;
  EXPECT_NE(fingerprint.find("/usr/share/hunspell/cs_CZ.dic:"), std::string::npos) << fingerprint;
  EXPECT_EQ(fingerprint.find("missing"), std::string::npos) << fingerprint;
  // Another dictionary, another fingerprint: the terms kept under the first must be made again.
  EXPECT_NE(core::FullTextAnalyser("/nonexistent/hunspell").Fingerprint(), fingerprint);
}

TEST(FullText, CzechFormsMeetTheirDictionaryForm) {
  EXPECT_TRUE(Finds("školy", "Škola v Přívozu", "cs"));
  EXPECT_TRUE(Finds("škole", "Škola v Přívozu", "cs"));
  EXPECT_TRUE(Finds("škola", "O školách a obcích", "cs"));
  EXPECT_TRUE(Finds("obec", "O školách a obcích", "cs"));
}

TEST(FullText, NamesAreStemmedAsHunspellKnowsThemCapitalised) {
  EXPECT_TRUE(Finds("Praha", "Školy v Praze", "cs"));
  EXPECT_TRUE(Finds("praze", "Praha a Brno", "cs"));
}

TEST(FullText, ABulgarianWordTypedInLatinLettersMeetsTheCyrillicText) {
  EXPECT_TRUE(Finds("uchilishte", "Училище", "bg"));
  EXPECT_TRUE(Finds("Uchilishte Lom", "Най-доброто училище в Лом", "bg"));
  EXPECT_TRUE(Finds("УЧИЛИЩЕ", "uchilishte", "en")) << "and Cyrillic typed meets a Latin text";
}

TEST(FullText, AccentsAndCaseDoNotMatter) {
  EXPECT_TRUE(Finds("skola", "ŠKOLA", "cs"));
  EXPECT_TRUE(Finds("PRIVOZ", "Přívoz", "cs"));
  // A letter and its combining mark (NFD) are the letter.
  EXPECT_TRUE(Finds("\u0161kola", "s\u030Ckola", "cs"));
  EXPECT_TRUE(Finds("Ünal", "unal", "en"));
}

TEST(FullText, EveryTermIsAsciiLettersAndDigits) {
  const std::string text =
      "Don't stop: 1,000 “quoted” words — Ελλάδα, Україна, 東京, ß, ĳs, e-mail, O'Brien's, children’s "
      "🙂 "
      "x²";
  for (const std::string_view language : {"bg", "en", "cs", "nl", "de"}) {
    for (const std::string& term : TermsOf(text, language)) EXPECT_TRUE(IsTerm(term)) << term << " in " << language;
  }
  EXPECT_TRUE(TermsOf(text, "en").contains("dont"));
  EXPECT_TRUE(TermsOf(text, "en").contains("1000"));
  EXPECT_TRUE(TermsOf(text, "en").contains("children")) << "the typographic apostrophe is Snowball's apostrophe";
}

TEST(FullText, ATextInAnotherLanguageIsIndexedByItsWordsAsTheyAre) {
  EXPECT_EQ(core::IndexTerms("Die Schulen", "de"), "die schulen");
  EXPECT_EQ(core::IndexTerms("Good schools", ""), "good schools");
  EXPECT_EQ(core::IndexTerms("Good schools", "EN-gb"), "good schools school") << "the language's first part counts";
}

TEST(FullText, LongWordsAreNotTerms) {
  const std::string long_word(65, 'a');
  EXPECT_EQ(core::IndexTerms("short " + long_word + " " + std::string(64, 'b'), "en"), "short " + std::string(64, 'b'));
  EXPECT_TRUE(core::ParseFullTextQuery(long_word).empty());
  EXPECT_EQ(core::IndexTerms(std::string(100'000, 'x'), "cs"), "");
}

TEST(FullText, AQueryHasTheWordsAlternativesInEveryLanguage) {
  const core::FullTextQuery query = core::ParseFullTextQuery("Schools, училища!");
  ASSERT_EQ(query.words.size(), 2U);
  EXPECT_EQ(query.words[0].alternatives, (std::vector<std::string>{"schools", "school", "schol"}));
  EXPECT_EQ(query.words[1].alternatives, (std::vector<std::string>{"uchilishta", "uchilishte"}));
}

TEST(FullText, AQueryOfOnlyPunctuationIsEmpty) {
  EXPECT_TRUE(core::ParseFullTextQuery("").empty());
  EXPECT_TRUE(core::ParseFullTextQuery("  \t\n").empty());
  EXPECT_TRUE(core::ParseFullTextQuery("\" * ( ^ - ' ; -- /* */ ( ) : + ! %").empty());
  EXPECT_TRUE(core::ParseFullTextQuery("«»„“…—–·•🙂").empty());
}

TEST(FullText, OperatorsAndQuotesTypedAreOnlyWords) {
  const core::FullTextQuery query = core::ParseFullTextQuery("\"school\" OR lom* NEAR(a b) ^x -y 'z'; DROP TABLE t;--");
  std::vector<std::string> first;
  for (const core::FullTextWord& word : query.words) {
    first.push_back(word.alternatives.front());
    for (const std::string& term : word.alternatives) EXPECT_TRUE(IsTerm(term)) << term;
  }
  EXPECT_EQ(first,
            (std::vector<std::string>{"school", "or", "lom", "near", "a", "b", "x", "y", "z", "drop", "table", "t"}));
}

TEST(FullText, AQueryKeepsItsFirstSixteenDistinctWords) {
  std::string typed;
  for (int i = 0; i < 40; ++i) typed += "word" + std::to_string(i % 20) + " ";
  const core::FullTextQuery query = core::ParseFullTextQuery(typed);
  ASSERT_EQ(query.words.size(), core::kMaxFullTextQueryWords);
  EXPECT_EQ(query.words[0].alternatives.front(), "word0");
  EXPECT_EQ(query.words[15].alternatives.front(), "word15");
}

TEST(FullText, AHugeQueryIsCutNotRefused) {
  std::string symbols;
  while (symbols.size() < 10'000) symbols += "≈√∫≤≥÷ 🙂 \u200B\u202E\u0301 ";
  EXPECT_TRUE(core::ParseFullTextQuery(symbols).empty());
  std::string odd;
  while (odd.size() < 10'000) odd += "Ωmega ç√∫µ ﬁ Ⅻ ①② ㎏ Ǆ \u0130 ";
  const core::FullTextQuery query = core::ParseFullTextQuery(odd);
  EXPECT_FALSE(query.empty());
  EXPECT_LE(query.words.size(), core::kMaxFullTextQueryWords);
  for (const core::FullTextWord& word : query.words) {
    for (const std::string& term : word.alternatives) EXPECT_TRUE(IsTerm(term)) << term;
  }
  EXPECT_EQ(core::ParseFullTextQuery(std::string(10'000, 'a')).words.size(), 0U) << "one word, too long";
  EXPECT_EQ(core::ParseFullTextQuery(std::string(10'000, '"')).words.size(), 0U);
}

TEST(FullText, MalformedUtf8IsNoWord) {
  EXPECT_TRUE(core::ParseFullTextQuery("\xFF\xFE\xC0\x80").empty());
  EXPECT_EQ(core::IndexTerms("school\xFF", "en"), "school");
}

TEST(FullText, AMissingDictionaryLeavesItsLanguageToItsWords) {
  const core::FullTextAnalyser analyser("/nonexistent/hunspell");
  EXPECT_EQ(analyser.IndexTerms("Добри училища", "bg"), "dobri uchilishta");
  EXPECT_EQ(analyser.IndexTerms("školy", "cs"), "skoly");
  EXPECT_EQ(analyser.IndexTerms("schools", "en"), "schools school");
  const auto stemmers = analyser.Stemmers();
  ASSERT_EQ(stemmers.size(), 4U);
  EXPECT_FALSE(stemmers[0].active);
  EXPECT_EQ(stemmers[0].problem, "/nonexistent/hunspell/bg_BG.aff is missing");
  EXPECT_TRUE(stemmers[1].active);
  EXPECT_FALSE(stemmers[2].active);
  const std::string line = core::DescribeFullTextStemmers(stemmers);
  EXPECT_NE(line.find("bg words only (/nonexistent/hunspell/bg_BG.aff is missing)"), std::string::npos) << line;
  EXPECT_EQ(analyser.ParseQuery("училища").words.at(0).alternatives, (std::vector<std::string>{"uchilishta"}));
}

TEST(FullText, ADictionaryInAnotherEncodingIsReadInIt) {
  TemporaryDirectory directory;
  // ISO 8859-2, as older Czech dictionaries were: š is 0xB9.
  std::ofstream(directory.path() / "cs_CZ.aff", std::ios::binary) << "SET ISO8859-2\n\nSFX A Y 1\nSFX A a y a\n";
  std::ofstream(directory.path() / "cs_CZ.dic", std::ios::binary) << "1\n\xB9kola/A\n";
  const core::FullTextAnalyser analyser(directory.path().string());
  EXPECT_EQ(analyser.IndexTerms("školy", "cs"), "skoly skola");
  EXPECT_EQ(analyser.IndexTerms("żoły", "cs"), "zoly") << "a letter the encoding lacks: no stem, no crash";
  EXPECT_TRUE(analyser.Stemmers()[2].active);
}

TEST(FullText, ADictionaryInAnEncodingIcuDoesNotKnowIsNotUsed) {
  TemporaryDirectory directory;
  std::ofstream(directory.path() / "bg_BG.aff", std::ios::binary) << "SET NO-SUCH-ENCODING\n";
  std::ofstream(directory.path() / "bg_BG.dic", std::ios::binary) << "1\nword\n";
  const core::FullTextAnalyser analyser(directory.path().string());
  EXPECT_EQ(analyser.IndexTerms("училища", "bg"), "uchilishta");
  EXPECT_FALSE(analyser.Stemmers()[0].active);
}

TEST(FullText, ThreadsAnalyseAtOnceAsOneDoes) {
  const std::string czech = "Školy v Praze a obce v kraji mají dobré praxe se školami a obcemi. ";
  const std::string bulgarian = "Добрите практики на общините и училищата в областта. ";
  std::string czech_text, bulgarian_text;
  for (int i = 0; i < 20; ++i) czech_text += czech, bulgarian_text += bulgarian;
  const std::string czech_terms = core::IndexTerms(czech_text, "cs");
  const std::string bulgarian_terms = core::IndexTerms(bulgarian_text, "bg");
  const core::FullTextQuery query = core::ParseFullTextQuery("školy училища schools scholen");
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        if (core::IndexTerms(czech_text, "cs") != czech_terms) ++wrong[t];
        if (core::IndexTerms(bulgarian_text, "bg") != bulgarian_terms) ++wrong[t];
        if (core::ParseFullTextQuery("školy училища schools scholen") != query) ++wrong[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
