#pragma once
// Numbered SQL migrations, applied in order and recorded in schema_migrations.
//
// Each module keeps its files in one directory: places/0001_places.sql, accounts/0002_users.sql … A number is unique
// across all modules and the files of every module run in one order by number, so a migration may refer to the tables
// of any module with lower numbers. A new migration takes the next number after the highest in any module.
// One file serves both databases: on PostgreSQL, RewriteForPostgres() turns its INTEGER columns into BIGINT and
// `INTEGER PRIMARY KEY` into an identity column. Only where the SQL differs otherwise, a twin
// 0011_add_population.postgres.sql beside the file replaces it on PostgreSQL (SQLite ignores it).
// Each migration runs in its own transaction together with its record, so a failure leaves nothing half done.
// A shipped migration is never edited: the next one fixes it. An edited one is refused by its checksum.
// So a file holds no BEGIN/COMMIT, nor statements PostgreSQL refuses in a transaction (CREATE INDEX CONCURRENTLY).

#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace db {

struct MigrationSource {
  std::string module;               // "places": ids are "places/0001_places"
  std::filesystem::path directory;  // holds NNNN_name.sql and NNNN_name.postgres.sql
};

// Applies what has not been applied yet: the files of all `sources` by number, whatever the order of the list.
// Returns how many were applied; calls `on_applied` with each id once its transaction has committed.
// Throws db::Error when a directory or file name is malformed, two files share a number, a recorded migration's file
// changed, or a migration fails (that one is rolled back; those before it stay applied).
// Safe to run from several processes at once: on PostgreSQL an advisory lock and on SQLite the write lock
// serialise them, and each re-checks under the lock before applying.
int Migrate(Database& database, const std::vector<MigrationSource>& sources,
            const std::function<void(std::string_view applied)>& on_applied = {});

// The migrations schema_migrations records that none of `sources` has a file for: a newer Khetane migrated this
// database (or one with modules this one lacks). Running on it would run older code over a schema it does not know.
// Empty for a database never migrated.
std::vector<std::string> UnknownMigrations(Database& database, const std::vector<MigrationSource>& sources);

// Hex SHA-256 of `text`: what schema_migrations.checksum holds, of the file as written (the twin on PostgreSQL).
std::string Sha256Hex(std::string_view text);

// The SQL of a file without a twin, as PostgreSQL runs it. Outside '…' literals, "…" names and comments (E'…' and
// $$…$$ are not recognised: SQLite has neither), and whatever its case:
// - `INTEGER PRIMARY KEY` (only spaces between the words) → `BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY`, as
//   SQLite gives such a column the next id;
// - every other word INTEGER → BIGINT, as SQLite's INTEGER holds 64 bits and PostgreSQL's 32.
// Nothing else changes. The rules decide what every shipped file without a twin did on PostgreSQL: never change them,
// and a new rule must match nothing already shipped.
std::string RewriteForPostgres(std::string_view sql);

// An id recorded by a release before numbers were global, and the id of the same file now.
struct MigrationRename {
  std::string_view old_id;  // "accounts/0001_users"
  std::string_view new_id;  // "accounts/0002_users"
};
// Migrate() renames these in schema_migrations before anything else. A fixed list: it never grows.
std::span<const MigrationRename> RenamedMigrations();

}  // namespace db
