// One source, two backends: SQLite by default, PostgreSQL under scripts/with-postgres.
#include "db/migrator.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
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

TEST_F(MigratorTest, AppliesFilesByNumberAndModulesInTheGivenOrder) {
  Write("places", "0001_steps.sql", std::string(kCreateSteps) + Step("places 1"));
  Write("places", "0010_ten.sql", Step("places 10"));
  Write("places", "0002_two.sql", Step("places 2"));
  Write("places", "README.md", "Not a migration.");
  Write("accounts", "0001_one.sql", Step("accounts 1"));
  std::vector<std::string> applied;
  int count = Migrate(*database_, {Source("places"), Source("accounts")},
                      [&](std::string_view id) { applied.emplace_back(id); });
  EXPECT_EQ(count, 4);
  EXPECT_EQ(applied,
            (std::vector<std::string>{"places/0001_steps", "places/0002_two", "places/0010_ten", "accounts/0001_one"}));
  EXPECT_EQ(Steps(), (std::vector<std::string>{"places 1", "places 2", "places 10", "accounts 1"}));
  auto record = database_->Acquire()->QueryOne("SELECT checksum, applied_at FROM schema_migrations WHERE id = $1",
                                               {"places/0002_two"});
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->Text(0), Sha256Hex(Step("places 2")));
  EXPECT_EQ(record->Text(1).size(), std::string("2026-11-14T10:00:00Z").size());
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

TEST_F(MigratorTest, UsesThePostgresTwinOnlyOnPostgres) {
  Write("places", "0001_steps.sql", std::string(kCreateSteps));
  Write("places", "0002_dialect.sql", Step("portable"));
  auto places = Write("places", "0002_dialect.postgres.sql", Step("postgres"));
  EXPECT_EQ(Migrate(*database_, {places}), 2);
  std::string expected = database_.backend() == Backend::kPostgres ? "postgres" : "portable";
  EXPECT_EQ(Steps(), std::vector<std::string>{expected});
  EXPECT_EQ(Recorded(), 2);  // one id for the pair
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

TEST(Sha256, MatchesTheFipsExamples) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1'000'000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace db
