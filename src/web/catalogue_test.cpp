// Catalogues as the server judges them when it starts: what a .mo holds, when a translation is complete, and the
// slips of a translator that the shipped Czech and Dutch catalogues must not have.

#include "web/catalogue.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "support/catalogue_file.hpp"

namespace {

using namespace std::string_literals;

web::Catalogue CatalogueOf(const std::map<std::string, std::string>& messages) {
  return web::ParseCatalogue(test_support::MoBytes(messages));
}

const web::Catalogue& Reference() {
  static const web::Catalogue reference = CatalogueOf({
      {"", test_support::MoHeader("bg", "X-Khetane-Reviewed: yes\n")},
      {"Places", "Места"},
      {"The period {period} is closed for {place}.", "Периодът {period} е затворен за {place}."},
      {"Read <a href=\"{url}\">the guide</a> first.", "Първо прочетете <a href=\"{url}\">ръководството</a>."},
      {"{count} value stored.\0{count} values stored."s,
       "Записана е {count} стойност.\0Записани са {count} стойности."s},
  });
  return reference;
}

TEST(Catalogue, ReadsTheMessagesAndTheHeaderOfACompiledCatalogue) {
  const web::Catalogue& catalogue = Reference();
  EXPECT_EQ(catalogue.messages.size(), 4u) << "the header is not a message";
  EXPECT_EQ(catalogue.messages.at("Places"), "Места");
  EXPECT_EQ(catalogue.header.at("Language"), "bg");
  EXPECT_EQ(catalogue.header.at("Plural-Forms"), "nplurals=2; plural=(n != 1);");
  EXPECT_TRUE(catalogue.Reviewed());
}

TEST(Catalogue, RefusesBytesThatAreNoCatalogue) {
  EXPECT_THROW(web::ParseCatalogue("not a catalogue"), std::runtime_error);
  std::string truncated = test_support::MoBytes({{"", "Language: cs\n"}, {"Places", "Místa"}});
  truncated.resize(truncated.size() - 8);
  EXPECT_THROW(web::ParseCatalogue(truncated), std::runtime_error) << "a string beyond the end";
  EXPECT_THROW(web::ParseCatalogue(std::string(40, '\0')), std::runtime_error) << "no magic number";
}

TEST(Catalogue, IsReviewedOnlyWhenItsHeaderSaysYesAndNothingElse) {
  EXPECT_FALSE(CatalogueOf({{"", test_support::MoHeader("cs", "X-Khetane-Reviewed: no\n")}}).Reviewed());
  EXPECT_FALSE(CatalogueOf({{"", test_support::MoHeader("cs")}}).Reviewed()) << "saying nothing is not a review";
  EXPECT_FALSE(
      CatalogueOf({{"", test_support::MoHeader("cs", "X-Khetane-Reviewed: yes\nX-Khetane-Reviewed: no\n")}}).Reviewed())
      << "a header that contradicts itself";
  EXPECT_TRUE(CatalogueOf({{"", test_support::MoHeader("cs", "X-Khetane-Reviewed: yes\n")}}).Reviewed());
}

TEST(Catalogue, IsCompleteWhenItTranslatesEveryMessageOfTheReferenceWithEveryPluralForm) {
  const web::Catalogue complete = CatalogueOf({
      {"", test_support::MoHeader("cs")},
      {"Places", "Místa"},
      {"The period {period} is closed for {place}.", "Období {period} je pro {place} uzavřeno."},
      {"Read <a href=\"{url}\">the guide</a> first.", "Nejprve si přečtěte <a href=\"{url}\">průvodce</a>."},
      {"{count} value stored.\0{count} values stored."s,
       "Uložena {count} hodnota.\0Uloženy {count} hodnoty.\0Uloženo {count} hodnot."s},
      {"A message no longer used", "Zpráva"},
  });
  EXPECT_TRUE(web::MissingMessages(Reference(), complete).empty()) << "a message beyond the reference does no harm";

  const web::Catalogue incomplete = CatalogueOf({
      {"", test_support::MoHeader("nl")},
      {"Places", "Plaatsen"},
      {"{count} value stored.\0{count} values stored."s, "{count} waarde opgeslagen.\0"s},
  });
  EXPECT_EQ(web::MissingMessages(Reference(), incomplete),
            (std::vector<std::string>{"Read <a href=\"{url}\">the guide</a> first.",
                                      "The period {period} is closed for {place}.",
                                      "{count} value stored.\0{count} values stored."s}))
      << "an empty plural form leaves its message untranslated";
  EXPECT_EQ(web::MissingMessages(Reference(), CatalogueOf({{"", test_support::MoHeader("rom")}})).size(), 4u);
}

TEST(Catalogue, FindsEveryPlaceholderAndTagATranslationLostOrInvented) {
  const web::Catalogue slips = CatalogueOf({
      {"", test_support::MoHeader("cs")},
      {"Places", "Místa {place}"},
      {"The period {period} is closed for {place}.", "Období {perioda} je uzavřeno."},
      {"Read <a href=\"{url}\">the guide</a> first.", "Nejprve si přečtěte průvodce na {url}."},
      {"{count} value stored.\0{count} values stored."s,
       "Uložena jedna hodnota.\0Uloženy {count} hodnoty.\0Uloženo {count} hodnot."s},
  });
  const auto problems = web::TranslationProblems(Reference(), slips);
  std::vector<std::string> lines;
  for (const web::TranslationProblem& problem : problems) lines.push_back(problem.msgid + ": " + problem.problem);
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "Places: placeholders {place} instead of (none)",
                       "Read <a href=\"{url}\">the guide</a> first.: HTML tags (none) instead of </a> <a>",
                       "The period {period} is closed for {place}.: placeholders {perioda} instead of {period} {place}",
                       "{count} value stored.: form 0: placeholders (none) instead of {count}",
                   }));

  const web::Catalogue empty = CatalogueOf({{"", test_support::MoHeader("rom")}});
  EXPECT_EQ(web::TranslationProblems(Reference(), empty).size(), 4u) << "each message not translated";
  EXPECT_TRUE(web::TranslationProblems(Reference(), empty, web::MissingCounts::kNo).empty())
      << "a template being filled in has no slips yet";
}

TEST(Catalogue, ReadsPlaceholdersAndTagsAsTheyStand) {
  EXPECT_EQ(web::PlaceholdersOf("{count} of {total}, {count} again"),
            (std::vector<std::string>{"{count}", "{count}", "{total}"}));
  EXPECT_TRUE(web::PlaceholdersOf("{ not one } {} {1x}").empty());
  EXPECT_EQ(web::TagsOf("<strong>Bold</strong>, <a href=\"/x\" class=\"y\">link</a>, <br/> and <br>"),
            (std::vector<std::string>{"</a>", "</strong>", "<a>", "<br>", "<br>", "<strong>"}));
  EXPECT_TRUE(web::TagsOf("remove what starts with \"<script\" or 1 < 2 > 0").empty());
}

// The shipped catalogues, as the build compiled them: Czech and Dutch translate every message of po/bg.po and keep
// its placeholders and tags. Every problem is listed with its msgid, so that a translator can mend them all at once.
TEST(ShippedCatalogues, CzechAndDutchTranslateEveryBulgarianMessageKeepingItsPlaceholdersAndTags) {
  const std::filesystem::path locale = std::getenv("KHETANE_LOCALE_DIR");
  const auto file_of = [&locale](const char* code) { return locale / code / "LC_MESSAGES" / "khetane.mo"; };
  const web::Catalogue reference = web::ReadCatalogue(file_of("bg"));
  ASSERT_GT(reference.messages.size(), 1000u);
  for (const char* code : {"cs", "nl"}) {
    ASSERT_TRUE(std::filesystem::exists(file_of(code))) << "po/" << code << ".po is not compiled";
    const auto problems = web::TranslationProblems(reference, web::ReadCatalogue(file_of(code)));
    std::string listed;
    for (const web::TranslationProblem& problem : problems)
      listed += "\n  \"" + problem.msgid + "\": " + problem.problem;
    EXPECT_TRUE(problems.empty()) << "po/" << code << ".po has " << problems.size()
                                  << " problems against po/bg.po:" << listed;
  }
  // Romani is a template being filled in: what it translates already keeps its placeholders.
  const auto romani = web::TranslationProblems(reference, web::ReadCatalogue(file_of("rom")), web::MissingCounts::kNo);
  std::string listed;
  for (const web::TranslationProblem& problem : romani) listed += "\n  \"" + problem.msgid + "\": " + problem.problem;
  EXPECT_TRUE(romani.empty()) << "po/rom.po:" << listed;
}

}  // namespace
