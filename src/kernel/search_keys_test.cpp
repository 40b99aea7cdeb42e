#include "kernel/search_keys.hpp"

#include <gtest/gtest.h>

#include "core/text.hpp"
#include "db/migrator.hpp"
#include "support/test_database.hpp"

namespace {

class SearchKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::Migrate(*database_, {{"kernel", "src/kernel/migrations"}});
    auto connection = database_->Acquire();
    connection->Execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, search_key TEXT NOT NULL)");
    // Keys as an older Khetane made them: accented letters dropped.
    connection->Execute("INSERT INTO people (id, name, search_key) VALUES (1, 'Ünal Çelik', 'nal elik')");
    connection->Execute("INSERT INTO people (id, name, search_key) VALUES (2, 'Лом', 'lom')");
  }

  std::string KeyOf(int id) {
    return database_->Acquire()->QueryOne("SELECT search_key FROM people WHERE id = $1", {std::int64_t{id}})->Text(0);
  }

  test_support::TestDatabase database_;
  const std::vector<kernel::SearchKeyColumn> columns_{{"people", "id", "name"}};
};

TEST_F(SearchKeysTest, KeysMadeByOlderRulesAreMadeAgainOnce) {
  std::vector<std::string> told;
  EXPECT_EQ(kernel::RefreshSearchKeys(*database_, columns_, [&](std::string_view table) { told.emplace_back(table); }),
            1)
      << "only the key that changes is written";
  EXPECT_EQ(KeyOf(1), "unal celik");
  EXPECT_EQ(KeyOf(2), "lom");
  EXPECT_EQ(told, std::vector<std::string>{"people"});

  // A second start finds the keys current and reads nothing.
  database_->Acquire()->Execute("UPDATE people SET search_key = 'left alone' WHERE id = 2");
  told.clear();
  EXPECT_EQ(kernel::RefreshSearchKeys(*database_, columns_, [&](std::string_view table) { told.emplace_back(table); }),
            0);
  EXPECT_TRUE(told.empty());
  EXPECT_EQ(KeyOf(2), "left alone");
}

TEST_F(SearchKeysTest, NewRulesMakeTheKeysAgain) {
  kernel::RefreshSearchKeys(*database_, columns_);
  database_->Acquire()->Execute("UPDATE search_key_versions SET version = $1 WHERE table_name = 'people'",
                                {core::kSearchKeyVersion - 1});
  database_->Acquire()->Execute("UPDATE people SET search_key = 'stale'");
  EXPECT_EQ(kernel::RefreshSearchKeys(*database_, columns_), 2);
  EXPECT_EQ(KeyOf(1), "unal celik");
}

}  // namespace
