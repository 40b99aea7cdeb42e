#include "modules/guides/guides.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

namespace guides {
namespace {

TEST(Guides, TheShippedGuidesLoadInBothLanguagesAndTheConsultationsGuideIsAmongThem) {
  const auto loaded = LoadGuides("data/guides");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_GE(loaded->size(), 7u);
  const Library library(*loaded);
  ASSERT_NE(library.Find("public-consultation"), nullptr) << "the consultation pages link to it";
  for (const char* slug : {"information-requests", "proposals-and-signals", "open-council-sessions",
                           "councils-for-cooperation", "direct-participation", "how-a-municipality-works"}) {
    EXPECT_NE(library.Find(slug), nullptr) << slug;
  }
  const std::regex link(R"(href="([^"]*)\")");
  for (const Guide& guide : library.all()) {
    EXPECT_NE(guide.html_bg.find("<h1>" + guide.title_bg + "</h1>"), std::string::npos) << guide.slug;
    EXPECT_NE(guide.html_en.find("<h1>" + guide.title_en + "</h1>"), std::string::npos) << guide.slug;
    for (const std::string* html : {&guide.html_bg, &guide.html_en}) {
      for (auto it = std::sregex_iterator(html->begin(), html->end(), link); it != std::sregex_iterator(); ++it) {
        const std::string target = (*it)[1];
        const bool own = target.starts_with("/") || target.starts_with("#");
        const bool known = target.starts_with("https://lex.bg") || target.starts_with("https://www.strategy.bg") ||
                           target.starts_with("https://pitay.government.bg");
        EXPECT_TRUE(own || known) << guide.slug << " links to " << target;
        if (target.starts_with("/guides/")) {
          EXPECT_NE(library.Find(target.substr(
                        8, target.find('#') == std::string::npos ? std::string::npos : target.find('#') - 8)),
                    nullptr)
              << guide.slug << " links to a guide that is not there: " << target;
        }
      }
    }
  }
}

class GuidesFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("khetane-guides-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(folder_ / name) << text; }
  std::filesystem::path folder_;
};

TEST_F(GuidesFolder, AGuideListedButMissingIsNamedWithItsFile) {
  Write("index.csv", "slug,title_bg,title_en,summary_bg,summary_en\nvoting,Гласуване,Voting,Кратко,Short\n");
  Write("voting.bg.md", "# Гласуване\n");
  const auto loaded = LoadGuides(folder_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("voting.en.md"), std::string::npos) << loaded.error().message;
}

TEST_F(GuidesFolder, ASlugThatCouldLeaveTheFolderIsRefusedWithItsLine) {
  Write("index.csv", "slug,title_bg,title_en,summary_bg,summary_en\nok,А,A,а,a\n../../etc/passwd,Б,B,б,b\n");
  Write("ok.bg.md", "# А\n");
  Write("ok.en.md", "# A\n");
  const auto loaded = LoadGuides(folder_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("line 3"), std::string::npos) << loaded.error().message;
}

}  // namespace
}  // namespace guides
