// Whom a coalition invites or a campaign targets is chosen from the register: listed whole while it is short,
// searched by name when it holds thousands, so that a page never carries the whole of a large register.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "modules/advocacy/advocacy_routes.hpp"

namespace {

class RegisterChoicesTest : public ::testing::Test {
 protected:
  std::vector<advocacy::Stakeholder> Register(std::size_t size) {
    std::vector<advocacy::Stakeholder> everyone(size);
    for (std::size_t i = 0; i < size; ++i) {
      everyone[i].id = static_cast<std::int64_t>(i + 1);
      everyone[i].kind = "person";
      everyone[i].name = "Член " + std::to_string(i + 1);
    }
    everyone.back().name = "Ünal Çelik";
    return everyone;
  }
  const web::Translations translations_{std::getenv("KHETANE_LOCALE_DIR")};
  const web::Reader reader_{translations_, web::Language::kBulgarian, nullptr};
};

TEST_F(RegisterChoicesTest, AShortRegisterIsOfferedWhole) {
  const auto choices = advocacy::RegisterChoices(reader_, Register(advocacy::kWholeRegisterInAForm), "");
  EXPECT_EQ(choices["register"].size(), advocacy::kWholeRegisterInAForm);
  EXPECT_FALSE(choices["register_searchable"]);
  EXPECT_TRUE(choices["register_offered"]);
}

TEST_F(RegisterChoicesTest, ALongRegisterIsSearchedByNameAndNeverSentWhole) {
  const auto everyone = Register(5'000);
  const auto unsearched = advocacy::RegisterChoices(reader_, everyone, "");
  EXPECT_TRUE(unsearched["register_searchable"]);
  EXPECT_TRUE(unsearched["register"].empty()) << "nothing until a name is searched for";
  EXPECT_FALSE(unsearched["register_offered"]);

  const auto found = advocacy::RegisterChoices(reader_, everyone, "unal");
  ASSERT_EQ(found["register"].size(), 1u) << "found without the accents typed";
  EXPECT_EQ(found["register"][0]["label"], "Ünal Çelik");
  EXPECT_EQ(found["register"][0]["value"], 5'000);

  const auto many = advocacy::RegisterChoices(reader_, everyone, "chlen");  // "Член", typed in Latin
  EXPECT_EQ(many["register"].size(), advocacy::kWholeRegisterInAForm);
  EXPECT_EQ(many["register_more"], 4'999 - advocacy::kWholeRegisterInAForm) << "how many more match is said";
}

}  // namespace
