// `khetane backup` and `khetane restore` on the real binary: what a restore brings back is, table by table and row by
// row, what the database held when it was backed up, uploaded files included; on SQLite and on PostgreSQL.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace {

namespace fs = std::filesystem;
using test_support::RunKhetane;

// Every row of every table, as text that tells a number from a text and shows a file's bytes, in a fixed order.
std::map<std::string, std::vector<std::string>> Everything(db::Database& database) {
  auto connection = database.Acquire();
  const bool sqlite = database.backend() == db::Backend::kSqlite;
  const auto tables = connection->Query(
      sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
               "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
             : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
               "AND table_type = 'BASE TABLE'");
  std::map<std::string, std::vector<std::string>> everything;
  for (const auto& table : tables) {
    auto& rows = everything[table.Text(0)];
    for (const auto& row : connection->Query("SELECT * FROM \"" + table.Text(0) + "\"")) {
      std::string line;
      for (std::size_t column = 0; column < row.size(); ++column) {
        const db::Value& value = row[column];
        if (const auto* bytes = std::get_if<db::Bytes>(&value)) {
          line += "bytes:";
          for (const unsigned char c : bytes->data) {
            line += "0123456789abcdef"[c >> 4];
            line += "0123456789abcdef"[c & 15];
          }
        } else {
          line += row.IsNull(column) ? "null" : row.Text(column);
        }
        line += '\x1f';
      }
      rows.push_back(std::move(line));
    }
    std::sort(rows.begin(), rows.end());
  }
  return everything;
}

// Going back to an older version means restoring the backup taken before the upgrade: an older binary refuses to run
// over a schema a newer one made, and says what to do, rather than writing what the newer one would misread.
TEST(Upgrade, AnOlderVersionRefusesADatabaseANewerOneMigrated) {
  test_support::TestDatabase database;
  const std::string target = database.target();
  ASSERT_EQ(RunKhetane({"migrate", "--database", target}).exit_code, 0);
  database->Acquire()->Execute("INSERT INTO schema_migrations (id, checksum, applied_at) VALUES ($1, $2, $3)",
                               {"places/9999_from_the_future", std::string(64, '0'), "2027-01-01T00:00:00Z"});
  for (const std::vector<std::string>& command : {std::vector<std::string>{"migrate", "--database", target},
                                                  {"serve", "--database", target, "--listen", "127.0.0.1:0"}}) {
    const auto refused = RunKhetane(command);
    EXPECT_NE(refused.exit_code, 0) << command[0];
    EXPECT_NE(refused.output.find("migrated by a newer version of Khetane (a migration unknown to this one: "
                                  "places/9999_from_the_future)"),
              std::string::npos)
        << refused.output;
    EXPECT_NE(refused.output.find("khetane restore"), std::string::npos) << refused.output;
  }
}

TEST(Backup, ARestoreBringsBackEveryTableAndFileAsTheBackupHeldThem) {
  test_support::TestDatabase database;
  const std::string target = database.target();
  ASSERT_EQ(RunKhetane({"migrate", "--database", target}).exit_code, 0);
  ASSERT_EQ(test_support::AddUser(target, "official@lom.bg", "correct horse battery", {"--name", "Служител на Лом"})
                .exit_code,
            0);
  // A file as people upload them: every byte value, in the database beside its SHA-256.
  std::string photo;
  for (int i = 0; i < 256 * 40; ++i) photo += static_cast<char>(i % 256);
  database->Acquire()->Execute(
      "INSERT INTO evidence_files (sha256, media_type, size, content, created_at) VALUES ($1, $2, $3, $4, $5)",
      {std::string(64, 'a'), "image/jpeg", static_cast<std::int64_t>(photo.size()), db::Bytes{photo},
       std::int64_t{1795251600}});
  const auto before = Everything(*database);
  ASSERT_GT(before.size(), 50u) << "every module's tables";

  const fs::path folder = fs::temp_directory_path() / ("khetane-backup-test-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  const fs::path file = folder / "khetane.backup";
  const auto backed_up = RunKhetane({"backup", file.string(), "--database", target});
  ASSERT_EQ(backed_up.exit_code, 0) << backed_up.output;
  EXPECT_NE(backed_up.output.find("backup: " + file.string() + ": "), std::string::npos) << backed_up.output;
  EXPECT_NE(backed_up.output.find(" tables, "), std::string::npos) << backed_up.output;
  // A backup never overwrites a file.
  const auto again = RunKhetane({"backup", file.string(), "--database", target});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.output.find("exists already"), std::string::npos) << again.output;

  // What happens after the backup: a file's bytes changed, a name changed, a user added.
  database->Acquire()->Execute("UPDATE evidence_files SET content = $1", {db::Bytes{std::string(100, '\0')}});
  database->Acquire()->Execute("UPDATE users SET display_name = 'Someone else'");
  ASSERT_EQ(test_support::AddUser(target, "later@lom.bg", "correct horse battery").exit_code, 0);
  ASSERT_NE(Everything(*database), before);

  const auto restored = RunKhetane({"restore", file.string(), "--database", target});
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_NE(restored.output.find("restore: "), std::string::npos) << restored.output;
  EXPECT_EQ(Everything(*database), before) << "every table and row as backed up";
  if (database->backend() == db::Backend::kSqlite) {
    // What the restore replaced is kept beside the database.
    std::vector<fs::path> kept;
    for (const auto& entry : fs::directory_iterator(fs::path(target).parent_path())) {
      if (entry.path().filename().string().find(".before-restore-") != std::string::npos) kept.push_back(entry.path());
    }
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_NE(restored.output.find(kept.front().string()), std::string::npos) << restored.output;
  }

  // A file that is not a backup changes nothing.
  const fs::path other = folder / "notes.txt";
  std::ofstream(other) << "not a database\n";
  const auto refused = RunKhetane({"restore", other.string(), "--database", target});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_EQ(refused.output.find('\n'), refused.output.size() - 1) << "one line: " << refused.output;
  EXPECT_EQ(Everything(*database), before);
  fs::remove_all(folder);
}

}  // namespace
