#include "db/migrator.hpp"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <fstream>
#include <map>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <unordered_map>

namespace db {
namespace {

namespace fs = std::filesystem;

// Any fixed number shared by every Khetane process will do: "khetane" in ASCII.
constexpr std::string_view kLockMigrations = "SELECT pg_advisory_xact_lock(30232607461568101)";
constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " id TEXT PRIMARY KEY,"  // "places/0001_places"
    " checksum TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";
constexpr std::string_view kSelectApplied = "SELECT id, checksum FROM schema_migrations";
constexpr std::string_view kSelectOne = "SELECT checksum FROM schema_migrations WHERE id = $1";
constexpr std::string_view kRenameRecorded = "UPDATE schema_migrations SET id = $1 WHERE id = $2";
constexpr std::string_view kRecord = "INSERT INTO schema_migrations (id, checksum, applied_at) VALUES ($1, $2, $3)";

constexpr std::string_view kSqlSuffix = ".sql";
constexpr std::string_view kPostgresSuffix = ".postgres";
constexpr std::size_t kMinNumberDigits = 4;

// Until numbers became global, each module counted its own migrations from 0001; databases made by those releases
// hold the ids on the left. Migrate() renames them before anything else, so they keep everything and re-apply
// nothing. This table never grows: new migrations take the next global number from the start.
// (places/0001_places kept its number.)
constexpr std::array<MigrationRename, 9> kRenamedMigrations = {{
    {"accounts/0001_users", "accounts/0002_users"},
    {"accounts/0002_sessions_and_audit", "accounts/0003_sessions_and_audit"},
    {"accounts/0003_roles_and_organisations", "accounts/0004_roles_and_organisations"},
    {"accounts/0004_invitations_and_outbox", "accounts/0005_invitations_and_outbox"},
    {"accounts/0005_api_tokens", "accounts/0006_api_tokens"},
    {"accounts/0006_organisations_and_registrations", "accounts/0007_organisations_and_registrations"},
    {"accounts/0007_outbox_delivery", "accounts/0008_outbox_delivery"},
    {"policies/0001_policies", "policies/0009_policies"},
    {"policies/0002_withdrawn_items", "policies/0010_withdrawn_items"},
}};

struct Migration {
  std::string id;
  fs::path file;
  std::string sql;  // what runs: the file, or on PostgreSQL a single-source file rewritten
  std::string checksum;
  bool rewritten = false;
};

[[noreturn]] void Fail(const std::string& message) { throw Error(ErrorKind::kOther, message); }

std::string ReadFile(const fs::path& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) Fail("cannot read migration " + file.string());
  std::ostringstream contents;
  contents << stream.rdbuf();
  return contents.str();
}

struct FileName {
  int number = 0;
  std::string stem;  // "0001_places"
  bool postgres = false;
};

// NNNN_name.sql or NNNN_name.postgres.sql; nullopt for any other name.
std::optional<FileName> ParseFileName(std::string name) {
  if (!name.ends_with(kSqlSuffix)) return std::nullopt;
  name.resize(name.size() - kSqlSuffix.size());
  FileName result;
  if (name.ends_with(kPostgresSuffix)) {
    result.postgres = true;
    name.resize(name.size() - kPostgresSuffix.size());
  }
  std::size_t digits = 0;
  while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') ++digits;
  if (digits < kMinNumberDigits || digits > 9 || digits + 1 >= name.size() || name[digits] != '_') return std::nullopt;
  for (char c : std::string_view(name).substr(digits + 1)) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!allowed) return std::nullopt;
  }
  result.number = std::stoi(name.substr(0, digits));
  result.stem = std::move(name);
  return result;
}

// Every source's files, ordered by number across all of them.
std::vector<Migration> LoadAll(const std::vector<MigrationSource>& sources, Backend backend) {
  struct Files {
    std::string module;
    std::string stem;
    fs::path base;
    fs::path postgres;
    const fs::path& any() const { return base.empty() ? postgres : base; }
  };
  std::map<int, Files> by_number;  // ordered by number
  for (const MigrationSource& source : sources) {
    const fs::path& directory = source.directory;
    std::error_code error;
    if (!fs::is_directory(directory, error)) {
      Fail("migrations of module " + source.module + ": directory " + directory.string() + " does not exist");
    }
    for (const auto& entry : fs::directory_iterator(directory)) {
      std::string name = entry.path().filename().string();
      if (!name.ends_with(kSqlSuffix)) continue;  // a README may sit beside them
      auto parsed = ParseFileName(name);
      if (!parsed) {
        Fail("migration " + entry.path().string() + ": the name must be NNNN_name.sql or NNNN_name.postgres.sql");
      }
      Files& files = by_number[parsed->number];
      if (!files.stem.empty() && (files.module != source.module || files.stem != parsed->stem)) {
        Fail("migrations " + files.any().string() + " and " + entry.path().string() +
             " share a number: numbers are unique across all modules, take the next free one");
      }
      files.module = source.module;
      files.stem = parsed->stem;
      (parsed->postgres ? files.postgres : files.base) = entry.path();
    }
  }
  std::vector<Migration> migrations;
  for (auto& [number, files] : by_number) {
    if (files.base.empty())
      Fail("migration " + files.postgres.string() + " is a PostgreSQL twin without its .sql file");
    Migration migration;
    migration.id = files.module + "/" + files.stem;
    const bool twin = backend == Backend::kPostgres && !files.postgres.empty();
    migration.file = twin ? files.postgres : files.base;
    std::string text = ReadFile(migration.file);
    migration.checksum = Sha256Hex(text);  // of the file as written: one checksum on both databases
    if (backend == Backend::kPostgres && !twin) {
      migration.sql = RewriteForPostgres(text);
      migration.rewritten = true;
    } else {
      migration.sql = std::move(text);
    }
    migrations.push_back(std::move(migration));
  }
  return migrations;
}

// Under the migration lock, before anything reads the recorded ids.
void RenameRecordedIds(Connection& connection) {
  for (const MigrationRename& rename : kRenamedMigrations) {
    const std::string old_id(rename.old_id);
    const std::string new_id(rename.new_id);
    if (!connection.QueryOne(kSelectOne, {old_id})) continue;
    if (connection.QueryOne(kSelectOne, {new_id})) {
      Fail("schema_migrations records both " + old_id + " and " + new_id +
           ", one migration under its old and its new id: check which ran, and delete the other row by hand");
    }
    connection.Execute(kRenameRecorded, {new_id, old_id});
  }
}

// Identifier characters in either dialect; bytes of UTF-8 letters count, so "INTEGERы" is one word.
bool IsWordByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') || byte == '_' ||
         byte == '$' || byte >= 0x80;
}

std::size_t WordEnd(std::string_view sql, std::size_t start) {
  while (start < sql.size() && IsWordByte(sql[start])) ++start;
  return start;
}

bool IsKeyword(std::string_view word, std::string_view upper_case_keyword) {
  if (word.size() != upper_case_keyword.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper_case_keyword[i]) return false;
  }
  return true;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Whether `PRIMARY KEY` follows at `position`, after at least one space.
bool PrimaryKeyFollows(std::string_view sql, std::size_t position) {
  for (std::string_view keyword : {"PRIMARY", "KEY"}) {
    const std::size_t spaces_start = position;
    while (position < sql.size() && IsSpace(sql[position])) ++position;
    if (position == spaces_start) return false;
    const std::size_t end = WordEnd(sql, position);
    if (!IsKeyword(sql.substr(position, end - position), keyword)) return false;
    position = end;
  }
  return position == sql.size() || !IsWordByte(sql[position]);
}

// Where the literal, quoted identifier or comment starting at `start` ends (past its closing characters; the end of
// the text if it is not closed), or `start` when none starts there.
std::size_t SkipLiteralOrComment(std::string_view sql, std::size_t start) {
  const char c = sql[start];
  if (c == '\'' || c == '"') {
    std::size_t position = start + 1;
    while (position < sql.size()) {
      if (sql[position] != c) {
        ++position;
      } else if (position + 1 < sql.size() && sql[position + 1] == c) {
        position += 2;  // 'it''s'
      } else {
        return position + 1;
      }
    }
    return sql.size();
  }
  if (sql.substr(start, 2) == "--") {
    const std::size_t end = sql.find('\n', start);
    return end == std::string_view::npos ? sql.size() : end;
  }
  if (sql.substr(start, 2) == "/*") {
    // PostgreSQL nests block comments and SQLite does not: ending at the first */ can only rewrite words that
    // PostgreSQL then reads as comment, never leave out one it runs.
    const std::size_t end = sql.find("*/", start + 2);
    return end == std::string_view::npos ? sql.size() : end + 2;
  }
  return start;
}

std::string UtcNow() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

void LockMigrations(Connection& connection) {
  // SQLite: Begin() is BEGIN IMMEDIATE, which already holds the one write lock.
  if (connection.backend() == Backend::kPostgres) connection.Query(kLockMigrations);
}

[[noreturn]] void FailEdited(const Migration& migration, const std::string& recorded) {
  Fail("migration " + migration.id + " was edited after it was applied (" + migration.file.string() + " has checksum " +
       migration.checksum.substr(0, 12) + ", recorded " + recorded.substr(0, 12) +
       "): restore the file and put the change in a new migration");
}

}  // namespace

std::string Sha256Hex(std::string_view text) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), hex.size() - 1);
}

std::span<const MigrationRename> RenamedMigrations() { return kRenamedMigrations; }

std::string RewriteForPostgres(std::string_view sql) {
  constexpr std::string_view kIdentity = "BIGINT GENERATED ALWAYS AS IDENTITY";
  constexpr std::string_view kBigint = "BIGINT";
  std::string rewritten;
  rewritten.reserve(sql.size() + 64);
  std::size_t position = 0;
  while (position < sql.size()) {
    std::size_t end = SkipLiteralOrComment(sql, position);
    if (end == position && IsWordByte(sql[position])) {
      end = WordEnd(sql, position);
      if (IsKeyword(sql.substr(position, end - position), "INTEGER")) {
        rewritten += PrimaryKeyFollows(sql, end) ? kIdentity : kBigint;
        position = end;
        continue;
      }
      if (IsKeyword(sql.substr(position, end - position), "BLOB")) {
        rewritten += "BYTEA";
        position = end;
        continue;
      }
    }
    if (end == position) end = position + 1;
    rewritten += sql.substr(position, end - position);
    position = end;
  }
  return rewritten;
}

std::vector<std::string> UnknownMigrations(Database& database, const std::vector<MigrationSource>& sources) {
  std::set<std::string> known;
  for (const Migration& migration : LoadAll(sources, database.backend())) known.insert(migration.id);
  for (const MigrationRename& rename : RenamedMigrations()) known.emplace(rename.old_id);
  database.Transaction([](Connection& connection) {
    LockMigrations(connection);  // as Migrate does: the table may be made by another process at this moment
    connection.ExecuteScript(kCreateTable);
  });
  std::vector<std::string> unknown;
  for (const Row& row : database.Acquire()->Query(kSelectApplied)) {
    if (!known.contains(row.Text(0))) unknown.push_back(row.Text(0));
  }
  std::sort(unknown.begin(), unknown.end());
  return unknown;
}

int Migrate(Database& database, const std::vector<MigrationSource>& sources,
            const std::function<void(std::string_view applied)>& on_applied) {
  // Read every file first: a misnamed or unreadable one stops us before anything runs.
  std::set<std::string> modules;
  for (const MigrationSource& source : sources) {
    if (source.module.empty() || source.module.find('/') != std::string::npos) {
      Fail("migration module name \"" + source.module + "\" must be non-empty and without '/'");
    }
    if (!modules.insert(source.module).second) Fail("migration module " + source.module + " is listed twice");
  }
  std::vector<Migration> migrations = LoadAll(sources, database.backend());

  database.Transaction([](Connection& connection) {
    LockMigrations(connection);  // two PostgreSQL sessions creating one table at once can collide in pg_type
    connection.ExecuteScript(kCreateTable);
    RenameRecordedIds(connection);
  });

  // An edited migration stops everything, including the new ones after it.
  std::unordered_map<std::string, std::string> recorded;
  for (const Row& row : database.Acquire()->Query(kSelectApplied)) recorded.emplace(row.Text(0), row.Text(1));
  for (const Migration& migration : migrations) {
    auto found = recorded.find(migration.id);
    if (found != recorded.end() && found->second != migration.checksum) FailEdited(migration, found->second);
  }

  int applied = 0;
  for (const Migration& migration : migrations) {
    if (recorded.contains(migration.id)) continue;
    bool ran = database.Transaction([&](Connection& connection) {
      LockMigrations(connection);
      // Another process may have applied it while we waited for the lock.
      if (auto row = connection.QueryOne(kSelectOne, {migration.id})) {
        if (row->Text(0) != migration.checksum) FailEdited(migration, row->Text(0));
        return false;
      }
      try {
        connection.ExecuteScript(migration.sql);
      } catch (const Error& error) {
        throw Error(error.kind(), "migration " + migration.id + " (" + migration.file.string() +
                                      (migration.rewritten ? ", rewritten for PostgreSQL" : "") +
                                      ") failed: " + error.what());
      }
      connection.Execute(kRecord, {migration.id, migration.checksum, UtcNow()});
      return true;
    });
    if (ran) {
      ++applied;
      if (on_applied) on_applied(migration.id);
    }
  }
  return applied;
}

}  // namespace db
