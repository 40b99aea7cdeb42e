#pragma once
// Numbered SQL migrations, applied in order and recorded in schema_migrations.
//
// Each module keeps its files in one directory: 0001_places.sql, 0002_add_population.sql …
// A twin 0002_add_population.postgres.sql beside a file replaces it on PostgreSQL (SQLite ignores it).
// Each migration runs in its own transaction together with its record, so a failure leaves nothing half done.
// A shipped migration is never edited: the next one fixes it. An edited one is refused by its checksum.
// So a file holds no BEGIN/COMMIT, nor statements PostgreSQL refuses in a transaction (CREATE INDEX CONCURRENTLY).

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"

namespace db {

struct MigrationSource {
  std::string module;               // "places": ids are "places/0001_places"
  std::filesystem::path directory;  // holds NNNN_name.sql and NNNN_name.postgres.sql
};

// Applies what has not been applied yet, modules in the given order and each module's files by number.
// Returns how many were applied; calls `on_applied` with each id once its transaction has committed.
// Throws db::Error when a directory or file name is malformed, a recorded migration's file changed, or a
// migration fails (that one is rolled back; those before it stay applied).
// Safe to run from several processes at once: on PostgreSQL an advisory lock and on SQLite the write lock
// serialise them, and each re-checks under the lock before applying.
int Migrate(Database& database, const std::vector<MigrationSource>& sources,
            const std::function<void(std::string_view applied)>& on_applied = {});

// Hex SHA-256 of `text`: what schema_migrations.checksum holds.
std::string Sha256Hex(std::string_view text);

}  // namespace db
