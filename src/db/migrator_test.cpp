// One source, two backends: SQLite by default, PostgreSQL under scripts/with-postgres.
#include "db/migrator.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/test_database.hpp"

namespace db {
namespace {

namespace fs = std::filesystem;
using test_support::TestDatabase;

// Each migration notes its name in `steps`, so the order in which they ran can be read back.
std::string Step(std::string_view name) {
  return "INSERT INTO steps (position, name) SELECT count(*) + 1, '" + std::string(name) + "' FROM steps;\n";
}
constexpr std::string_view kCreateSteps = "CREATE TABLE steps (position BIGINT PRIMARY KEY, name TEXT NOT NULL);\n";

class MigratorTest : public ::testing::Test {
 protected:
  MigratorTest() {
    std::string pattern = (fs::temp_directory_path() / "khetane-migrations-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = pattern;
  }
  ~MigratorTest() override {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }

  // Writes root/<module>/<file> and returns the module's source.
  MigrationSource Write(const std::string& module, const std::string& file, const std::string& sql) {
    fs::create_directories(root_ / module);
    std::ofstream(root_ / module / file, std::ios::binary) << sql;
    return Source(module);
  }
  MigrationSource Source(const std::string& module) { return {module, root_ / module}; }

  std::vector<std::string> Steps() {
    std::vector<std::string> names;
    for (const Row& row : database_->Acquire()->Query("SELECT name FROM steps ORDER BY position")) {
      names.push_back(row.Text(0));
    }
    return names;
  }

  std::int64_t Recorded() { return database_->Acquire()->QueryOne("SELECT count(*) FROM schema_migrations")->Int(0); }

  fs::path root_;
  TestDatabase database_;
};

std::string ErrorText(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected a db::Error";
  return "";
}

TEST_F(MigratorTest, AppliesTheFilesOfAllModulesInOneOrderByNumber) {
  Write("places", "0001_steps.sql", std::string(kCreateSteps) + Step("places 1"));
  Write("places", "0010_ten.sql", Step("places 10"));
  Write("places", "0003_three.sql", Step("places 3"));
  Write("places", "README.md", "Not a migration.");
  Write("accounts", "0002_two.sql", Step("accounts 2"));
  Write("accounts", "0004_four.sql", Step("accounts 4"));
  std::vector<std::string> applied;
  // Listed first, yet its files run after the lower numbers of the other module.
  int count = Migrate(*database_, {Source("accounts"), Source("places")},
                      [&](std::string_view id) { applied.emplace_back(id); });
  EXPECT_EQ(count, 5);
  EXPECT_EQ(applied, (std::vector<std::string>{"places/0001_steps", "accounts/0002_two", "places/0003_three",
                                               "accounts/0004_four", "places/0010_ten"}));
  EXPECT_EQ(Steps(), (std::vector<std::string>{"places 1", "accounts 2", "places 3", "accounts 4", "places 10"}));
  auto record = database_->Acquire()->QueryOne("SELECT checksum, applied_at FROM schema_migrations WHERE id = $1",
                                               {"places/0003_three"});
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->Text(0), Sha256Hex(Step("places 3")));
  EXPECT_EQ(record->Text(1).size(), std::string("2026-11-14T10:00:00Z").size());
}

TEST_F(MigratorTest, RefusesOneNumberInTwoModulesNamingBothFiles) {
  Write("places", "0001_steps.sql", std::string(kCreateSteps));
  Write("places", "0002_places_two.sql", Step("places 2"));
  Write("accounts", "0002_accounts_two.sql", Step("accounts 2"));
  std::string message = ErrorText([&] { Migrate(*database_, {Source("places"), Source("accounts")}); });
  EXPECT_NE(message.find((root_ / "places" / "0002_places_two.sql").string()), std::string::npos) << message;
  EXPECT_NE(message.find((root_ / "accounts" / "0002_accounts_two.sql").string()), std::string::npos) << message;
  EXPECT_NE(message.find("share a number"), std::string::npos) << message;
  // Refused before anything ran: without the clash, all of it applies.
  fs::remove(root_ / "accounts" / "0002_accounts_two.sql");
  EXPECT_EQ(Migrate(*database_, {Source("places"), Source("accounts")}), 2);
}

TEST_F(MigratorTest, SecondRunAppliesNothingAndLaterFilesApplyNext) {
  auto places = Write("places", "0001_steps.sql", std::string(kCreateSteps) + Step("1"));
  EXPECT_EQ(Migrate(*database_, {places}), 1);
  EXPECT_EQ(Migrate(*database_, {places}), 0);
  Write("places", "0002_more.sql", Step("2"));
  EXPECT_EQ(Migrate(*database_, {places}), 1);
  EXPECT_EQ(Migrate(*database_, {places}), 0);
  EXPECT_EQ(Steps(), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(Recorded(), 2);
}

TEST_F(MigratorTest, TellsTheMigrationsANewerVersionAppliedThatThisOneDoesNotKnow) {
  auto places = Write("places", "0001_steps.sql", std::string(kCreateSteps) + Step("1"));
  EXPECT_TRUE(UnknownMigrations(*database_, {places}).empty()) << "a new database";
  Write("places", "0002_more.sql", Step("2"));
  Write("places", "0003_most.sql", Step("3"));
  EXPECT_EQ(Migrate(*database_, {places}), 3);
  EXPECT_TRUE(UnknownMigrations(*database_, {places}).empty());
  // The older version, going back without restoring the backup, has only the first file.
  fs::remove(root_ / "places" / "0002_more.sql");
  fs::remove(root_ / "places" / "0003_most.sql");
  EXPECT_EQ(UnknownMigrations(*database_, {places}),
            (std::vector<std::string>{"places/0002_more", "places/0003_most"}));
}

TEST_F(MigratorTest, UsesThePostgresTwinOnlyOnPostgres) {
  Write("places", "0001_steps.sql", std::string(kCreateSteps));
  Write("places", "0002_dialect.sql", Step("portable"));
  auto places = Write("places", "0002_dialect.postgres.sql", Step("postgres"));
  EXPECT_EQ(Migrate(*database_, {places}), 2);
  const bool postgres = database_.backend() == Backend::kPostgres;
  EXPECT_EQ(Steps(), std::vector<std::string>{postgres ? "postgres" : "portable"});
  EXPECT_EQ(Recorded(), 2);  // one id for the pair
  // The checksum of the file that ran, as before single sources: databases that recorded it stay valid.
  auto record =
      database_->Acquire()->QueryOne("SELECT checksum FROM schema_migrations WHERE id = 'places/0002_dialect'");
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->Text(0), Sha256Hex(Step(postgres ? "postgres" : "portable")));
}

// Without a twin, one file makes an identity column on both databases, and 64-bit integers as SQLite has them.
TEST_F(MigratorTest, SingleSourceFileMakesIdentityColumnsOnBothDatabases) {
  const std::string sql =
      "-- An INTEGER PRIMARY KEY is an identity column on PostgreSQL.\n"
      "CREATE TABLE things (\n"
      "  id    integer primary key,\n"
      "  count INTEGER NOT NULL DEFAULT 0,\n"
      "  note  TEXT NOT NULL DEFAULT 'id INTEGER PRIMARY KEY, it''s text'\n"
      ");\n";
  auto places = Write("places", "0001_things.sql", sql);
  EXPECT_EQ(Migrate(*database_, {places}), 1);
  auto connection = database_->Acquire();
  // More than PostgreSQL's INTEGER holds.
  EXPECT_EQ(connection->QueryOne("INSERT INTO things (count) VALUES (5000000000) RETURNING id")->Int(0), 1);
  EXPECT_EQ(connection->QueryOne("INSERT INTO things (count) VALUES (2) RETURNING id")->Int(0), 2);
  auto row = connection->QueryOne("SELECT count, note FROM things WHERE id = 1");
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->Int(0), 5'000'000'000);
  EXPECT_EQ(row->Text(1), "id INTEGER PRIMARY KEY, it's text");
  if (database_.backend() == Backend::kPostgres) {
    auto id = connection->QueryOne(
        "SELECT data_type, is_identity, identity_generation FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = 'things' AND column_name = 'id'");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->Text(0), "bigint");
    EXPECT_EQ(id->Text(1), "YES");
    EXPECT_EQ(id->Text(2), "ALWAYS");
  }
  // The checksum is of the file as written, on both databases.
  EXPECT_EQ(connection->QueryOne("SELECT checksum FROM schema_migrations")->Text(0), Sha256Hex(sql));
}

TEST_F(MigratorTest, ReportsAFailedRewrittenFileAsRewritten) {
  auto places = Write("places", "0001_broken.sql", "CREATE TABLE broken (id INTEGER PRIMARY KEY, THIS IS NOT SQL);\n");
  std::string message = ErrorText([&] { Migrate(*database_, {places}); });
  EXPECT_NE(message.find("places/0001_broken"), std::string::npos) << message;
  EXPECT_EQ(message.find("rewritten for PostgreSQL") != std::string::npos, database_.backend() == Backend::kPostgres)
      << message;
}

TEST_F(MigratorTest, RefusesAnIdRecordedUnderItsOldAndItsNewNumber) {
  Migrate(*database_, {});  // creates schema_migrations
  const MigrationRename& rename = RenamedMigrations().front();
  for (std::string_view id : {rename.old_id, rename.new_id}) {
    database_->Acquire()->Execute("INSERT INTO schema_migrations (id, checksum, applied_at) VALUES ($1, 'x', 'now')",
                                  {std::string(id)});
  }
  std::string message = ErrorText([&] { Migrate(*database_, {}); });
  EXPECT_NE(message.find(std::string(rename.old_id)), std::string::npos) << message;
  EXPECT_NE(message.find(std::string(rename.new_id)), std::string::npos) << message;
  EXPECT_EQ(Recorded(), 2);  // both rows kept for whoever looks
}

TEST(RenamedMigrations, MapEachOldIdOfAModuleToAHigherNumberOfTheSameModuleAndName) {
  std::set<std::string_view> old_ids;
  std::set<std::string_view> new_ids;
  for (const MigrationRename& rename : RenamedMigrations()) {
    EXPECT_TRUE(old_ids.insert(rename.old_id).second) << rename.old_id;
    EXPECT_TRUE(new_ids.insert(rename.new_id).second) << rename.new_id;
    const auto module_end = rename.old_id.find('/');
    ASSERT_NE(module_end, std::string_view::npos) << rename.old_id;
    // module/NNNN_name → module/MMMM_name
    EXPECT_EQ(rename.old_id.substr(0, module_end + 1), rename.new_id.substr(0, module_end + 1)) << rename.old_id;
    EXPECT_EQ(rename.old_id.substr(module_end + 5), rename.new_id.substr(module_end + 5)) << rename.old_id;
    EXPECT_LT(rename.old_id.substr(module_end + 1, 4), rename.new_id.substr(module_end + 1, 4)) << rename.old_id;
  }
  for (std::string_view id : new_ids) EXPECT_FALSE(old_ids.contains(id)) << id << " is both an old and a new id";
}

TEST_F(MigratorTest, RefusesAMigrationEditedAfterItWasApplied) {
  auto places = Write("places", "0001_steps.sql", std::string(kCreateSteps) + Step("1"));
  Migrate(*database_, {places});
  Write("places", "0001_steps.sql", std::string(kCreateSteps) + Step("1, edited"));
  Write("places", "0002_next.sql", Step("2"));
  std::string message = ErrorText([&] { Migrate(*database_, {places}); });
  EXPECT_NE(message.find("places/0001_steps"), std::string::npos) << message;
  EXPECT_NE(message.find("edited"), std::string::npos) << message;
  EXPECT_EQ(Steps(), std::vector<std::string>{"1"});  // 0002 did not run either
}

TEST_F(MigratorTest, FailedMigrationIsRolledBackAndEarlierOnesStay) {
  Write("places", "0001_steps.sql", std::string(kCreateSteps) + Step("1"));
  auto places = Write("places", "0002_broken.sql", "CREATE TABLE half_done (id BIGINT);\nTHIS IS NOT SQL;\n");
  std::string message = ErrorText([&] { Migrate(*database_, {places}); });
  EXPECT_NE(message.find("places/0002_broken"), std::string::npos) << message;
  EXPECT_EQ(Recorded(), 1);
  EXPECT_EQ(Steps(), std::vector<std::string>{"1"});
  // Its table went with it: fixing the file lets it run from the start.
  Write("places", "0002_broken.sql", "CREATE TABLE half_done (id BIGINT);\n");
  EXPECT_EQ(Migrate(*database_, {places}), 1);
}

TEST_F(MigratorTest, RefusesMisnamedFilesAndMissingDirectories) {
  Write("bad_name", "1_short.sql", "SELECT 1;");
  EXPECT_NE(ErrorText([&] { Migrate(*database_, {Source("bad_name")}); }).find("1_short.sql"), std::string::npos);
  Write("lone_twin", "0001_x.postgres.sql", "SELECT 1;");
  EXPECT_NE(ErrorText([&] { Migrate(*database_, {Source("lone_twin")}); }).find("without"), std::string::npos);
  Write("same_number", "0001_a.sql", "SELECT 1;");
  Write("same_number", "0001_b.sql", "SELECT 1;");
  EXPECT_NE(ErrorText([&] { Migrate(*database_, {Source("same_number")}); }).find("share a number"), std::string::npos);
  Write("same_value", "0001_a.sql", "SELECT 1;");
  Write("same_value", "00001_b.sql", "SELECT 1;");
  EXPECT_NE(ErrorText([&] { Migrate(*database_, {Source("same_value")}); }).find("share a number"), std::string::npos);
  EXPECT_NE(ErrorText([&] { Migrate(*database_, {Source("nowhere")}); }).find("does not exist"), std::string::npos);
}

TEST_F(MigratorTest, TwoProcessesStartingAtOnceApplyEachMigrationOnce) {
  constexpr int kMigrations = 12;
  MigrationSource places;
  for (int i = 1; i <= kMigrations; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "%04d_table_%d.sql", i, i);
    // Not idempotent: a second run of any of them would fail.
    places = Write("places", name, "CREATE TABLE table_" + std::to_string(i) + " (id BIGINT PRIMARY KEY);\n");
  }
  auto first = Database::Open({.target = database_.target(), .pool_size = 2});
  auto second = Database::Open({.target = database_.target(), .pool_size = 2});
  std::atomic<int> ready = 0;
  std::atomic<int> applied = 0;
  std::atomic<int> failures = 0;
  auto run = [&](Database& database) {
    ++ready;
    while (ready < 2) std::this_thread::yield();
    try {
      applied += Migrate(database, {places});
    } catch (const Error& error) {
      ++failures;
      ADD_FAILURE() << error.what();
    }
  };
  std::thread one(run, std::ref(*first));
  std::thread two(run, std::ref(*second));
  one.join();
  two.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(applied, kMigrations);
  EXPECT_EQ(Recorded(), kMigrations);
}

TEST(RewriteForPostgres, TurnsIntegerPrimaryKeyIntoAnIdentityColumn) {
  EXPECT_EQ(RewriteForPostgres("id INTEGER PRIMARY KEY,"), "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,");
  EXPECT_EQ(RewriteForPostgres("id Integer\n    primary  KEY)"),
            "id BIGINT GENERATED ALWAYS AS IDENTITY\n    primary  KEY)");
  // Anything between the words, or more after them, is not the pattern: INTEGER alone is rewritten.
  EXPECT_EQ(RewriteForPostgres("id INTEGER NOT NULL PRIMARY KEY"), "id BIGINT NOT NULL PRIMARY KEY");
  EXPECT_EQ(RewriteForPostgres("id INTEGER PRIMARY KEYS"), "id BIGINT PRIMARY KEYS");
  EXPECT_EQ(RewriteForPostgres("a INTEGER, PRIMARY KEY (a)"), "a BIGINT, PRIMARY KEY (a)");
}

TEST(RewriteForPostgres, TurnsBlobIntoBytea) {
  EXPECT_EQ(RewriteForPostgres("content BLOB NOT NULL, blobs INTEGER"), "content BYTEA NOT NULL, blobs BIGINT");
  EXPECT_EQ(RewriteForPostgres("-- a BLOB\nx 'BLOB'"), "-- a BLOB\nx 'BLOB'");
}

TEST(RewriteForPostgres, TurnsEveryOtherIntegerIntoBigint) {
  EXPECT_EQ(RewriteForPostgres("at INTEGER NOT NULL, n integer,x INTEGER)"), "at BIGINT NOT NULL, n BIGINT,x BIGINT)");
  EXPECT_EQ(RewriteForPostgres("CAST(x AS INTEGER)"), "CAST(x AS BIGINT)");
  EXPECT_EQ(RewriteForPostgres("INTEGER"), "BIGINT");
}

TEST(RewriteForPostgres, MatchesWholeWordsOnly) {
  const std::string untouched =
      "CREATE TABLE integers (integer_count BIGINT, big_integer INT, INTEGER2 TEXT, $INTEGER TEXT, INTEGERы TEXT, "
      "SMALLINT_INTEGER_ TEXT);";
  EXPECT_EQ(RewriteForPostgres(untouched), untouched);
}

TEST(RewriteForPostgres, LeavesLiteralsQuotedNamesAndCommentsAlone) {
  const std::string untouched =
      "-- INTEGER PRIMARY KEY\n"
      "/* INTEGER\n INTEGER */\n"
      "SELECT 'INTEGER', 'it''s INTEGER', \"INTEGER\", \"say \"\"INTEGER\"\"\";\n";
  EXPECT_EQ(RewriteForPostgres(untouched), untouched);
  EXPECT_EQ(RewriteForPostgres("a INTEGER DEFAULT 'INTEGER' -- INTEGER\nb INTEGER /* INTEGER */ c INTEGER"),
            "a BIGINT DEFAULT 'INTEGER' -- INTEGER\nb BIGINT /* INTEGER */ c BIGINT");
  // Unclosed, they run to the end of the text (and the database reports the error).
  EXPECT_EQ(RewriteForPostgres("x INTEGER 'INTEGER"), "x BIGINT 'INTEGER");
  EXPECT_EQ(RewriteForPostgres("x INTEGER /* INTEGER"), "x BIGINT /* INTEGER");
}

TEST(RewriteForPostgres, KeepsEverythingElseByteForByte) {
  const std::string sql = "CREATE TABLE t (\r\n\tname TEXT NOT NULL, -- «име»\r\n\tat BIGINT\r\n);\n";
  EXPECT_EQ(RewriteForPostgres(sql), sql);
  EXPECT_EQ(RewriteForPostgres(""), "");
}

TEST(Sha256, MatchesTheFipsExamples) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1'000'000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace db
