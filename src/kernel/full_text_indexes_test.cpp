#include "kernel/full_text_indexes.hpp"

#include <gtest/gtest.h>

#include "db/migrator.hpp"
#include "support/test_database.hpp"

namespace {

class FullTextIndexesTest : public ::testing::Test {
 protected:
  void SetUp() override { db::Migrate(*database_, {{"kernel", "src/kernel/migrations"}}); }

  // Refreshes one index "documents" of `version` under `fingerprint`; what was told.
  std::vector<std::string> Refresh(const std::string& fingerprint, int version = 1) {
    std::vector<std::string> told;
    const std::vector<kernel::FullTextIndex> indexes{{"documents", version, [this](db::Database&) {
                                                        ++rebuilds_;
                                                        return std::int64_t{42};
                                                      }}};
    kernel::RefreshFullTextIndexes(*database_, indexes, fingerprint, [&](std::string_view index, std::int64_t rows) {
      told.push_back(std::string(index) + " " + std::to_string(rows));
    });
    return told;
  }

  test_support::TestDatabase database_;
  int rebuilds_ = 0;
};

TEST_F(FullTextIndexesTest, AnIndexIsMadeOnceUnderTheSameAnalyser) {
  EXPECT_EQ(Refresh("v2 bg_BG.dic:100"), std::vector<std::string>{"documents 42"});
  EXPECT_TRUE(Refresh("v2 bg_BG.dic:100").empty());
  EXPECT_EQ(rebuilds_, 1);
}

TEST_F(FullTextIndexesTest, AnotherDictionaryOrAnotherVersionOfTheIndexMakesItAgain) {
  Refresh("v2 bg_BG.dic:100");
  EXPECT_EQ(Refresh("v2 bg_BG.dic:101"), std::vector<std::string>{"documents 42"}) << "Debian updated the dictionary";
  EXPECT_EQ(Refresh("v2 bg_BG.dic:101", 2), std::vector<std::string>{"documents 42"}) << "the module changed its terms";
  EXPECT_TRUE(Refresh("v2 bg_BG.dic:101", 2).empty());
  EXPECT_EQ(rebuilds_, 3);
}

}  // namespace
