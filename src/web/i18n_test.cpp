// Which languages the site offers, and which one a request gets: a language is offered only when its catalogue is
// complete, and a request for one that is not falls back to Bulgarian as if the language were unknown.

#include "web/i18n.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "support/catalogue_file.hpp"

namespace {

using web::Language;

http::Request RequestWith(std::vector<std::pair<std::string, std::string>> headers) {
  http::Request request;
  for (auto& header : headers) request.headers.push_back(std::move(header));
  return request;
}

TEST(Languages, AreNamedInThemselvesAndKnownByTheirCodes) {
  EXPECT_EQ(web::AllLanguages(), (std::vector<Language>{Language::kBulgarian, Language::kEnglish, Language::kCzech,
                                                        Language::kDutch, Language::kRomani}));
  for (const Language language : web::AllLanguages()) {
    EXPECT_EQ(web::LanguageFromCode(web::CodeOf(language)), language) << web::CodeOf(language);
  }
  EXPECT_EQ(web::CodeOf(Language::kCzech), "cs");
  EXPECT_EQ(web::CodeOf(Language::kDutch), "nl");
  EXPECT_EQ(web::CodeOf(Language::kRomani), "rom");
  EXPECT_EQ(web::NameOf(Language::kCzech), "Čeština");
  EXPECT_EQ(web::NameOf(Language::kDutch), "Nederlands");
  EXPECT_EQ(web::LanguageFromCode("cz"), std::nullopt) << "the country, not the language";
}

TEST(ChooseLanguage, TakesTheCookieThenTheBestOfferedLanguageOfAcceptLanguage) {
  const std::vector<Language> all = {Language::kBulgarian, Language::kEnglish, Language::kCzech, Language::kDutch};
  EXPECT_EQ(web::ChooseLanguage(RequestWith({}), all), Language::kBulgarian);
  EXPECT_EQ(web::ChooseLanguage(RequestWith({{"cookie", "lang=cs"}}), all), Language::kCzech);
  EXPECT_EQ(web::ChooseLanguage(RequestWith({{"cookie", "lang=nl"}, {"accept-language", "cs"}}), all),
            Language::kDutch);
  EXPECT_EQ(web::ChooseLanguage(RequestWith({{"accept-language", "cs-CZ,cs;q=0.9,en;q=0.8"}}), all), Language::kCzech);
  EXPECT_EQ(web::ChooseLanguage(RequestWith({{"accept-language", "de,en;q=0.5,nl-BE;q=0.7"}}), all), Language::kDutch)
      << "the highest weight among those offered";
  EXPECT_EQ(web::ChooseLanguage(RequestWith({{"accept-language", "nl;q=0"}}), all), Language::kBulgarian)
      << "q=0 refuses a language";
}

TEST(ChooseLanguage, PassesOverALanguageNotOffered) {
  const std::vector<Language> offered = {Language::kBulgarian, Language::kEnglish, Language::kCzech};
  EXPECT_EQ(web::ChooseLanguage(RequestWith({{"cookie", "lang=nl"}}), offered), Language::kBulgarian)
      << "a cookie for an incomplete language is as good as none";
  EXPECT_EQ(web::ChooseLanguage(RequestWith({{"cookie", "lang=rom"}, {"accept-language", "en"}}), offered),
            Language::kEnglish);
  EXPECT_EQ(web::ChooseLanguage(RequestWith({{"accept-language", "nl,cs;q=0.5"}}), offered), Language::kCzech);
  EXPECT_EQ(web::ChooseLanguage(RequestWith({{"accept-language", "nl"}}), offered), Language::kBulgarian);
}

// A folder of catalogues of the test's own: a complete Czech nobody reviewed, a Dutch one message short, no Romani.
class OfferedLanguages : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::map<std::string, std::string> bulgarian = {
        {"", test_support::MoHeader("bg", "X-Khetane-Reviewed: yes\n")},
        {"Places", "Места"},
        {"Search", "Търсене"},
    };
    test_support::WriteCatalogue(directory_, "bg", bulgarian);
    test_support::WriteCatalogue(directory_, "en", {{"", test_support::MoHeader("en")}});
    test_support::WriteCatalogue(
        directory_, "cs",
        {{"", test_support::MoHeader("cs", "X-Khetane-Reviewed: no\n")}, {"Places", "Místa"}, {"Search", "Hledat"}});
    test_support::WriteCatalogue(
        directory_, "nl",
        {{"", test_support::MoHeader("nl", "X-Khetane-Reviewed: yes\n")}, {"Places", "Plaatsen"}, {"Search", ""}});
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  const std::filesystem::path directory_ =
      std::filesystem::temp_directory_path() / ("khetane-i18n-test-" + std::to_string(::getpid()));
};

TEST_F(OfferedLanguages, AreThoseWhoseCatalogueTranslatesEveryBulgarianMessage) {
  const web::Translations translations(directory_);
  EXPECT_EQ(translations.Offered(), (std::vector<Language>{Language::kBulgarian, Language::kEnglish, Language::kCzech}))
      << "English is the source and counts as complete; Dutch lacks one message; Romani has no catalogue";
  EXPECT_TRUE(translations.Reviewed(Language::kBulgarian));
  EXPECT_TRUE(translations.Reviewed(Language::kEnglish));
  EXPECT_FALSE(translations.Reviewed(Language::kCzech));
  EXPECT_EQ(translations.StatusOf(Language::kDutch).missing, 1u);
  EXPECT_TRUE(translations.StatusOf(Language::kDutch).found);
  EXPECT_FALSE(translations.StatusOf(Language::kRomani).found);

  EXPECT_EQ(translations.Translate(Language::kCzech, "Places"), "Místa") << "its messages load as the others do";
  EXPECT_EQ(translations.Translate(Language::kDutch, "Places"), "Plaatsen") << "loaded, though not offered";
  EXPECT_EQ(translations.Translate(Language::kRomani, "Places"), "Places") << "no catalogue: the English";
}

TEST_F(OfferedLanguages, NeedTheBulgarianAndTheEnglishCatalogue) {
  std::filesystem::remove_all(directory_ / "en");
  EXPECT_THROW(web::Translations{directory_}, std::runtime_error);
  std::filesystem::remove_all(directory_ / "bg");
  test_support::WriteCatalogue(directory_, "en", {{"", test_support::MoHeader("en")}});
  EXPECT_THROW(web::Translations{directory_}, std::runtime_error);
}

TEST_F(OfferedLanguages, LeaveOutACatalogueThatIsNoCatalogue) {
  std::ofstream(directory_ / "cs" / "LC_MESSAGES" / "khetane.mo", std::ios::binary) << "not a catalogue";
  const web::Translations translations(directory_);
  EXPECT_FALSE(translations.Offers(Language::kCzech));
  EXPECT_TRUE(translations.Offers(Language::kBulgarian));
}

}  // namespace
