#pragma once
// Backups of a whole installation: `khetane backup FILE` and `khetane restore FILE` (docs/DEPLOYMENT.md, "Backups").
// Everything people gave Khetane is in its database, uploaded evidence and documents included, so a copy of the
// database is a copy of the installation. SQLite is copied with its online backup API while the server writes; for
// PostgreSQL the file is pg_dump's custom format, restored with pg_restore.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace db {

// What a backup or a restore holds, for the line the command prints.
struct BackupFigures {
  std::int64_t tables = 0;
  std::int64_t rows = 0;  // in the copy (SQLite), or in the database when it was dumped (PostgreSQL)
  std::uintmax_t bytes = 0;
};

// Writes a copy of the database at `target` (a SQLite path or a postgresql:// URL) to `file`, which must not exist
// yet: the copy is made beside it and moved into place only once it is whole (SQLite: `PRAGMA integrity_check`
// says ok). Users may go on working meanwhile. Throws db::Error with one line when it cannot.
BackupFigures BackUp(const std::string& target, const std::filesystem::path& file);

// Puts the database at `target` back to what `file` (made by BackUp) holds. A SQLite database that is there is first
// copied to `set_aside` (when not empty), so that a restore loses nothing either. Stop the server first. Throws
// db::Error with one line when the file is not a backup of Khetane or the restore fails, leaving the database as it
// was.
BackupFigures Restore(const std::filesystem::path& file, const std::string& target,
                      const std::filesystem::path& set_aside = {});

}  // namespace db
