// The shipped migrations, and the upgrade of a database made while each module numbered its own from 0001.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "db/migrator.hpp"
#include "support/sample_places.hpp"
#include "support/test_database.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kModules = fs::path(KHETANE_SOURCE_DIR) / "src" / "modules";
// The order in which that release applied the modules.
const std::vector<std::string> kReleasedModuleOrder = {"places", "accounts", "policies"};

// What that release recorded for each migration: its id, and the SHA-256 of the file that ran on each database.
struct Released {
  std::string_view id;
  std::string_view sqlite_checksum;
  std::string_view postgres_checksum;
};
constexpr Released kReleased[] = {
    {"places/0001_places", "01fd366e5495979c9e64c3d60c230c09b3bbcaa98d7f37e7014452fec749ec59",
     "01fd366e5495979c9e64c3d60c230c09b3bbcaa98d7f37e7014452fec749ec59"},
    {"accounts/0001_users", "bda7bc6aceecb8d00d843e21c9c9fffb6cc81f5aad8508ed0693d5c208dd8903",
     "3267248dcf35a0d6174ad52c91c88b6c4dbfcbc0550648295f05a797c0991215"},
    {"accounts/0002_sessions_and_audit", "c18e4c69dead2cdd24802dc7576bfbcf80399ea32f87c0639d04f700577376a8",
     "5a483443d2e9da3d98b2b5c4904ee477913730a8051c7404ce2d6fee5398ad9c"},
    {"accounts/0003_roles_and_organisations", "06375b6b6e1fefdce995fd88cae283fedbabae652d2677780acdfc66c2f99d21",
     "4c85ce14cafb49a1e6a7a350f285d240a99cce9c78bf7d0538b28ff93b9cca15"},
    {"accounts/0004_invitations_and_outbox", "57d3783542a9c6cf490e343a4a7998a3797258ad8f0b9560f8aff56225a8cf94",
     "67bc5c8d4d833f1acc8e0cda14cf1316af2fef3c9b73c3669a34e839ffaf0844"},
    {"accounts/0005_api_tokens", "ca06fdeac0fece5d94b465bfe4143102a12f5d5b12323e4e771d1b5a9713de52",
     "8ca3f1e507fc1065825c3f84fb3a44b6c07f499bbf23982525fa8c88382faf41"},
    {"accounts/0006_organisations_and_registrations",
     "670d67f8ad234096eda30a7c44ac35c654f4aabff264f60bc6870ca08dacd797",
     "18d81116a6b4e8488056cafdda7bf7d768903c3b41e63125e79d86465c363293"},
    {"accounts/0007_outbox_delivery", "da6b41f42f4df3597dad7d9c3cadfaba7e419ac67d0ccb2ca46aede49f265dae",
     "1d07f0d1f1031d4113c316845271310ceb1412f75e6f72c971576589734ec47c"},
    {"policies/0001_policies", "7014a6ff997b9b94c07d29b69acad80a94c33f152bb6b2d9f536311fb847fd3d",
     "b36510a9263916de8a8ad45d0bffc906ae9a51e87f0dd46e6fd240710ebbd1de"},
    {"policies/0002_withdrawn_items", "c72367a39d2e20311a247bbc937f8f201425bdec7bf5656018a991d3d50294f2",
     "0fecf51a7e7ba17f2a57b27d32b98c79859f1b049a087e1499d234f9b102b301"},
};

using Recorded = std::map<std::string, std::string>;  // id → checksum

std::string NewId(std::string_view old_id) {
  for (const db::MigrationRename& rename : db::RenamedMigrations()) {
    if (rename.old_id == old_id) return std::string(rename.new_id);
  }
  return std::string(old_id);  // kept its number
}

std::string OldId(std::string_view new_id) {
  for (const db::MigrationRename& rename : db::RenamedMigrations()) {
    if (rename.new_id == new_id) return std::string(rename.old_id);
  }
  return std::string(new_id);
}

Recorded ReleasedChecksums(db::Backend backend, bool under_new_ids) {
  Recorded checksums;
  for (const Released& released : kReleased) {
    const std::string id = under_new_ids ? NewId(released.id) : std::string(released.id);
    checksums[id] = backend == db::Backend::kPostgres ? released.postgres_checksum : released.sqlite_checksum;
  }
  return checksums;
}

// What `recorded` holds of the migrations that release had, under their new ids.
Recorded OnlyReleased(const Recorded& recorded) {
  Recorded released;
  for (const Released& each : kReleased) {
    if (const auto found = recorded.find(NewId(each.id)); found != recorded.end()) released.insert(*found);
  }
  return released;
}

bool WasReleased(std::string_view old_id) {
  for (const Released& each : kReleased) {
    if (each.id == old_id) return true;
  }
  return false;
}

Recorded ReadRecorded(db::Database& database) {
  Recorded recorded;
  for (const db::Row& row : database.Acquire()->Query("SELECT id, checksum FROM schema_migrations")) {
    recorded[row.Text(0)] = row.Text(1);
  }
  return recorded;
}

// Deliberately not the order of the release: the numbers decide.
std::vector<db::MigrationSource> ShippedSources() {
  return {{"policies", kModules / "policies" / "migrations"},
          {"accounts", kModules / "accounts" / "migrations"},
          {"places", kModules / "places" / "migrations"}};
}

class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "khetane-old-migrations-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The shipped files under the names that release gave them: old_tree/<module>/0001_users.sql …
// (places/0001_places.postgres.sql came later as a byte-for-byte copy of its .sql, which that release ran on
// PostgreSQL: the same SQL and checksum.)
void CopyUnderReleasedNames(const fs::path& old_tree) {
  for (const std::string& module : kReleasedModuleOrder) {
    fs::create_directories(old_tree / module);
    for (const auto& entry : fs::directory_iterator(kModules / module / "migrations")) {
      const std::string name = entry.path().filename().string();
      if (!name.ends_with(".sql")) continue;
      const std::size_t stem_end = name.find('.');
      const std::string old_id = OldId(module + "/" + name.substr(0, stem_end));
      if (!WasReleased(old_id)) continue;  // came later
      fs::copy_file(entry.path(), old_tree / module / (old_id.substr(module.size() + 1) + name.substr(stem_end)));
    }
  }
}

// What that release's migrator did: modules in its order, each module's files by number, the .postgres.sql twin on
// PostgreSQL, each file in one transaction with its record "module/NNNN_name" and the SHA-256 of what ran.
void MigrateAsTheRelease(db::Database& database, const fs::path& old_tree) {
  database.Transaction([](db::Connection& connection) {
    connection.ExecuteScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " id TEXT PRIMARY KEY,"
        " checksum TEXT NOT NULL,"
        " applied_at TEXT NOT NULL)");
  });
  for (const std::string& module : kReleasedModuleOrder) {
    std::map<std::string, fs::path> files;  // by stem, so by number
    for (const auto& entry : fs::directory_iterator(old_tree / module)) {
      const std::string name = entry.path().filename().string();
      const std::string stem = name.substr(0, name.find('.'));
      const bool twin = name.ends_with(".postgres.sql");
      if (twin == (database.backend() == db::Backend::kPostgres) || !files.contains(stem)) files[stem] = entry.path();
    }
    for (const auto& [stem, file] : files) {
      std::ifstream stream(file, std::ios::binary);
      const std::string sql((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
      const std::string id = module + "/" + stem;  // clang 14 cannot capture a structured binding
      database.Transaction([&](db::Connection& connection) {
        connection.ExecuteScript(sql);
        connection.Execute("INSERT INTO schema_migrations (id, checksum, applied_at) VALUES ($1, $2, $3)",
                           {id, db::Sha256Hex(sql), std::string("2026-11-30T12:00:00Z")});
      });
    }
  }
}

// A little of everything the three modules keep.
void InsertRowsOfEachModule(db::Database& database) {
  test_support::InsertSamplePlaces(database);
  auto connection = database.Acquire();
  connection->Execute(
      "INSERT INTO settlements (ekatte, municipality_code, kind, name_bg, name_en, search_key) "
      "VALUES ('44238', 'MON24', 'city', 'Лом', 'Lom', 'lom')");
  connection->Execute("INSERT INTO settlement_population (ekatte, year, population) VALUES ('44238', 2021, 20000)");
  const std::int64_t user = connection
                                ->QueryOne(
                                    "INSERT INTO users (email, display_name, password_hash, created_at) "
                                    "VALUES ('official@lom.bg', 'Official', 'hash', '2026-11-30') RETURNING id")
                                ->Int(0);
  const std::int64_t organisation =
      connection
          ->QueryOne(
              "INSERT INTO organisations (name, kind, municipality_code, created_at, search_key) "
              "VALUES ('Община Лом', 'municipality', 'MON24', 1, 'obshtina lom') RETURNING id")
          ->Int(0);
  connection->Execute("INSERT INTO organisation_members (organisation_id, user_id) VALUES ($1, $2)",
                      {organisation, user});
  connection->Execute(
      "INSERT INTO role_assignments (user_id, role, scope_kind, scope_code, granted_at) "
      "VALUES ($1, 'municipal_official', 'municipality', 'MON24', 1)",
      {user});
  connection->Execute(
      "INSERT INTO outbox (recipient, subject, body_text, purpose, created_at) "
      "VALUES ('official@lom.bg', 'Hello', 'Text', 'invitation', 1)");
  const std::int64_t document =
      connection
          ->QueryOne(
              "INSERT INTO policy_documents (level, kind, title, period_start, period_end, municipality_code, "
              "created_at, created_by, updated_at) "
              "VALUES ('municipal', 'action_plan', 'План за Лом', 2022, 2027, 'MON24', 1, $1, 1) RETURNING id",
              {user})
          ->Int(0);
  connection->Execute(
      "INSERT INTO policy_items (uid, document_id, kind, title, created_at, updated_at) "
      "VALUES ('lom-o1', $1, 'objective', 'Цел 1', 1, 1)",
      {document});
  connection->Execute(
      "INSERT INTO item_budgets (item_id, source, planned_cents, secured_cents, spent_cents) "
      "SELECT id, 'municipal', 1200000, 1000000, 50000 FROM policy_items WHERE uid = 'lom-o1'");
}

const std::vector<std::string> kTablesOfEachModule = {
    "oblasts", "municipalities",   "settlements",          "settlement_population",
    "users",   "organisations",    "organisation_members", "role_assignments",
    "outbox",  "policy_documents", "policy_items",         "item_budgets"};

std::map<std::string, std::int64_t> CountRows(db::Database& database) {
  std::map<std::string, std::int64_t> counts;
  for (const std::string& table : kTablesOfEachModule) {
    counts[table] = database.Acquire()->QueryOne("SELECT count(*) FROM " + table)->Int(0);
  }
  return counts;
}

// Every column of every table, with its type, nullability, default and key or identity.
std::vector<std::string> Columns(db::Database& database) {
  const std::string_view query =
      database.backend() == db::Backend::kPostgres
          ? "SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, ''), is_identity"
            " FROM information_schema.columns WHERE table_schema = current_schema()"
            " ORDER BY table_name, ordinal_position"
          : "SELECT m.name, p.name, p.type, p.\"notnull\", coalesce(p.dflt_value, ''), p.pk"
            " FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'"
            " ORDER BY m.name, p.cid";
  std::vector<std::string> columns;
  for (const db::Row& row : database.Acquire()->Query(query)) {
    std::string column;
    for (std::size_t i = 0; i < row.size(); ++i) column += row.Text(i) + (i + 1 < row.size() ? " | " : "");
    columns.push_back(column);
  }
  return columns;
}

TEST(ShippedMigrations, RecordTheChecksumsTheyHadBeforeTheyWereRenumbered) {
  test_support::TestDatabase database;
  EXPECT_GE(db::Migrate(*database, ShippedSources()), static_cast<int>(std::size(kReleased)));
  EXPECT_EQ(OnlyReleased(ReadRecorded(*database)), ReleasedChecksums(database.backend(), /*under_new_ids=*/true));
}

TEST(ShippedMigrations, UpgradeADatabaseOfTheReleaseWithNumbersPerModuleKeepingEveryRow) {
  test_support::TestDatabase database;
  TemporaryDirectory old_tree;
  CopyUnderReleasedNames(old_tree.path());
  MigrateAsTheRelease(*database, old_tree.path());
  ASSERT_EQ(ReadRecorded(*database), ReleasedChecksums(database.backend(), /*under_new_ids=*/false))
      << "the copy under the old names is not what that release recorded";
  InsertRowsOfEachModule(*database);
  const auto rows_before = CountRows(*database);
  for (const auto& [table, count] : rows_before) EXPECT_GT(count, 0) << table;

  // A database made now has every migration: the upgrade renames the released ones and applies only those that
  // came after the release.
  test_support::TestDatabase fresh;
  db::Migrate(*fresh, ShippedSources());
  std::vector<std::string> later;
  for (const auto& [id, checksum] : ReadRecorded(*fresh)) {
    if (!WasReleased(OldId(id))) later.push_back(id);
  }

  std::vector<std::string> applied;
  db::Migrate(*database, ShippedSources(), [&](std::string_view id) { applied.emplace_back(id); });
  std::ranges::sort(applied);
  EXPECT_EQ(applied, later);
  EXPECT_EQ(ReadRecorded(*database), ReadRecorded(*fresh));
  EXPECT_EQ(OnlyReleased(ReadRecorded(*database)), ReleasedChecksums(database.backend(), /*under_new_ids=*/true));
  EXPECT_EQ(CountRows(*database), rows_before);
  EXPECT_EQ(db::Migrate(*database, ShippedSources()), 0);

  // The same tables as a database made now, which later migrations can count on.
  EXPECT_EQ(Columns(*database), Columns(*fresh));
  EXPECT_GT(Columns(*fresh).size(), 100u);

  // The tables go on as they were: the next user gets the next id.
  EXPECT_EQ(database->Acquire()
                ->QueryOne("INSERT INTO users (email, display_name, password_hash, created_at) "
                           "VALUES ('monitor@lom.bg', 'Monitor', 'hash', '2026-12-01') RETURNING id")
                ->Int(0),
            2);
}

}  // namespace
