// Text sorted and searched alike on SQLite and PostgreSQL: the test runs on the backend the environment chooses
// (scripts/with-postgres for PostgreSQL), and the expectations are the same for both.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "db/database.hpp"
#include "support/test_database.hpp"

namespace {

std::vector<std::string> Names(db::Database& database, const std::string& sql, const db::Params& params = {}) {
  std::vector<std::string> names;
  for (const db::Row& row : database.Acquire()->Query(sql, params)) names.push_back(row.Text(0));
  return names;
}

class Collation : public ::testing::Test {
 protected:
  void SetUp() override {
    auto connection = database_->Acquire();
    connection->Execute("CREATE TABLE names (name TEXT NOT NULL)");
    for (const char* name : {"ябълка", "Ямбол", "Zebra", "ahtopol", "Ахтопол", "бор", "Бургас", "Ünal", "Ujezd",
                             "chata", "hrad", "100% ", "100 - 5", "a_b", "ab"}) {
      connection->Execute("INSERT INTO names (name) VALUES ($1)", {std::string(name)});
    }
  }
  test_support::TestDatabase database_;
};

TEST_F(Collation, BulgarianReadersSeeCyrillicFirstAndCaseDoesNotSplitTheAlphabet) {
  const auto names =
      Names(*database_, std::string("SELECT name FROM names ORDER BY name COLLATE ") + db::CollationOf("bg"));
  const std::vector<std::string> expected = {"100 - 5", "100% ", "Ахтопол", "бор",  "Бургас",
                                             "ябълка",  "Ямбол", "a_b",     "ab",   "ahtopol",
                                             "chata",   "hrad",  "Ujezd",   "Ünal", "Zebra"};
  EXPECT_EQ(names, expected) << "on " << test_support::BackendName(database_.backend());
}

TEST_F(Collation, EnglishReadersSeeLatinFirst) {
  const auto names =
      Names(*database_, std::string("SELECT name FROM names ORDER BY name COLLATE ") + db::CollationOf("en"));
  ASSERT_EQ(names.size(), 15U);
  EXPECT_EQ(names[2], "a_b");
  EXPECT_EQ(names[9], "Zebra");
  EXPECT_EQ(names[10], "Ахтопол");
}

TEST_F(Collation, CzechReadersSeeChAfterH) {
  const auto names = Names(*database_, "SELECT name FROM names WHERE name IN ('chata', 'hrad') ORDER BY name COLLATE " +
                                           db::CollationOf("cs"));
  EXPECT_EQ(names, (std::vector<std::string>{"hrad", "chata"}));
}

TEST_F(Collation, ALikeSearchTakesPercentAndUnderscoreAsTyped) {
  const std::string sql = "SELECT name FROM names WHERE name LIKE $1 ESCAPE '\\' ORDER BY name COLLATE \"und-x-icu\"";
  EXPECT_EQ(Names(*database_, sql, {db::LikeContaining("100%")}), (std::vector<std::string>{"100% "}));
  EXPECT_EQ(Names(*database_, sql, {db::LikeContaining("a_")}), (std::vector<std::string>{"a_b"}));
  EXPECT_EQ(Names(*database_, sql, {db::LikeContaining("\\")}), (std::vector<std::string>{}));
}

}  // namespace
