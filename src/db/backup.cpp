#include "db/backup.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#include "db/database.hpp"

extern char** environ;

namespace db {
namespace fs = std::filesystem;
namespace {

bool IsPostgres(const std::string& target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

Error Failed(const std::string& what) { return Error(ErrorKind::kOther, what); }

// A SQLite file opened for the copy, closed on every way out.
struct SqliteFile {
  sqlite3* handle = nullptr;
  SqliteFile(const fs::path& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &handle, flags, nullptr) != SQLITE_OK) {
      const std::string message = handle ? sqlite3_errmsg(handle) : "out of memory";
      sqlite3_close(handle);
      throw Failed("cannot open \"" + path.string() + "\": " + message);
    }
    sqlite3_busy_timeout(handle, 10'000);
  }
  SqliteFile(const SqliteFile&) = delete;
  SqliteFile& operator=(const SqliteFile&) = delete;
  ~SqliteFile() { sqlite3_close(handle); }

  // The first column of every row `sql` gives, as text.
  std::vector<std::string> Column(const std::string& sql) const {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      throw Failed(std::string("cannot read the database: ") + sqlite3_errmsg(handle));
    }
    std::vector<std::string> values;
    int code = SQLITE_ROW;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(statement, 0);
      values.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(statement);
    if (code != SQLITE_DONE) throw Failed(std::string("cannot read the database: ") + sqlite3_errmsg(handle));
    return values;
  }

  void CheckWhole(const fs::path& path) const {
    const auto verdict = Column("PRAGMA integrity_check");
    if (verdict.size() != 1 || verdict.front() != "ok") {
      throw Failed("\"" + path.string() + "\" is damaged: " + (verdict.empty() ? "no answer" : verdict.front()));
    }
  }

  BackupFigures Count() const {
    BackupFigures figures;
    for (const auto& table : Column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                    "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")) {
      ++figures.tables;
      std::string quoted = "\"";
      for (const char c : table) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      figures.rows += std::stoll(Column("SELECT count(*) FROM " + quoted + "\"").front());
    }
    return figures;
  }
};

// Copies every page of `from` into `to` in one step: a consistent snapshot, while writers go on (WAL).
void CopyPages(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) throw Failed(std::string("cannot start the copy: ") + sqlite3_errmsg(to));
  int code = SQLITE_OK;
  for (int tries = 0; tries < 200; ++tries) {
    code = sqlite3_backup_step(backup, -1);
    if (code != SQLITE_BUSY && code != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  sqlite3_backup_finish(backup);
  if (code != SQLITE_DONE) throw Failed(std::string("the copy stopped: ") + sqlite3_errstr(code));
}

BackupFigures BackUpSqlite(const std::string& database, const fs::path& file) {
  if (!fs::exists(database)) throw Failed("there is no database at \"" + database + "\"");
  const fs::path partial = file.string() + ".partial";
  fs::remove(partial);
  BackupFigures figures;
  {
    const SqliteFile source(database, SQLITE_OPEN_READWRITE);
    const SqliteFile copy(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    CopyPages(source.handle, copy.handle);
    // One file that opens anywhere: no write-ahead log beside it.
    copy.Column("PRAGMA journal_mode=DELETE");
    copy.CheckWhole(partial);
    figures = copy.Count();
  }
  fs::rename(partial, file);
  figures.bytes = fs::file_size(file);
  return figures;
}

BackupFigures RestoreSqlite(const fs::path& file, const std::string& database, const fs::path& set_aside) {
  const SqliteFile backup(file, SQLITE_OPEN_READONLY);
  backup.CheckWhole(file);
  if (backup.Column("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'").front() != "1") {
    throw Failed("\"" + file.string() + "\" is not a backup of Khetane (it has no schema_migrations table)");
  }
  if (!set_aside.empty() && fs::exists(database) && fs::file_size(database) > 0) BackUpSqlite(database, set_aside);
  const SqliteFile restored(database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  CopyPages(backup.handle, restored.handle);
  restored.CheckWhole(database);
  BackupFigures figures = restored.Count();
  figures.bytes = fs::file_size(database);
  return figures;
}

// Runs a PostgreSQL tool (pg_dump, pg_restore) connected as `url` says: host, user, password and database go in its
// environment (PGHOST, PGPASSWORD …, as libpq names them), never in its arguments, which anyone on the machine can
// list. Throws with the tool's first words of complaint when it fails.
void RunPostgresTool(const std::string& url, std::vector<std::string> arguments) {
  char* parse_error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(url.c_str(), &parse_error),
                                                                       &PQconninfoFree);
  if (!options) {
    const std::string why = parse_error ? parse_error : "not a PostgreSQL address";
    PQfreemem(parse_error);
    throw Failed("cannot read the database address: " + why);
  }
  std::vector<std::string> environment;
  for (char** each = environ; *each != nullptr; ++each) {
    if (!std::string_view(*each).starts_with("PG")) environment.emplace_back(*each);
  }
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val != nullptr && option->envvar != nullptr && *option->val != '\0') {
      environment.push_back(std::string(option->envvar) + "=" + option->val);
    }
  }
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  int errors[2];
  if (::pipe2(errors, O_CLOEXEC) != 0) throw Failed("cannot start " + arguments.front());
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, errors[1], STDERR_FILENO);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, argv.front(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(errors[1]);
  if (spawned != 0) {
    ::close(errors[0]);
    throw Failed("cannot start " + arguments.front() + ": " + std::strerror(spawned) +
                 " (it comes with PostgreSQL's client programs)");
  }
  std::string complaint;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = ::read(errors[0], buffer, sizeof buffer)) > 0) complaint.append(buffer, static_cast<std::size_t>(n));
  ::close(errors[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const auto line_end = complaint.find('\n');
    throw Failed(arguments.front() +
                 " failed: " + (complaint.empty() ? std::string("no message") : complaint.substr(0, line_end)));
  }
}

// Khetane's tables are those of the schema its connections work in (`public`, or the one the address's search_path
// names): a backup holds that schema, and nothing else another program keeps in the same database.
std::string SchemaOf(const std::string& url) {
  return Database::Open({.target = url, .pool_size = 1})->Acquire()->QueryOne("SELECT current_schema()")->Text(0);
}

BackupFigures CountPostgres(const std::string& url) {
  auto database = Database::Open({.target = url, .pool_size = 1});
  auto connection = database->Acquire();
  BackupFigures figures;
  for (const auto& table :
       connection->Query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                         "AND table_type = 'BASE TABLE'")) {
    ++figures.tables;
    std::string quoted = "\"";
    for (const char c : table.Text(0)) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    figures.rows += connection->QueryOne("SELECT count(*) FROM " + quoted + "\"")->Int(0);
  }
  return figures;
}

std::string DatabaseNameOf(const std::string& url) {
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(url.c_str(), nullptr),
                                                                       &PQconninfoFree);
  for (const PQconninfoOption* option = options ? options.get() : nullptr; option && option->keyword; ++option) {
    if (std::string_view(option->keyword) == "dbname" && option->val != nullptr) return option->val;
  }
  throw Failed("the database address names no database");
}

}  // namespace

BackupFigures BackUp(const std::string& target, const fs::path& file) {
  if (fs::exists(file)) throw Failed("\"" + file.string() + "\" exists already: a backup never overwrites a file");
  if (!IsPostgres(target)) return BackUpSqlite(target, file);
  const fs::path partial = file.string() + ".partial";
  fs::remove(partial);
  BackupFigures figures = CountPostgres(target);
  RunPostgresTool(target, {"pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                           "--schema=" + SchemaOf(target), "--file=" + partial.string()});
  fs::rename(partial, file);
  figures.bytes = fs::file_size(file);
  return figures;
}

BackupFigures Restore(const fs::path& file, const std::string& target, const fs::path& set_aside) {
  if (!fs::is_regular_file(file)) throw Failed("there is no backup at \"" + file.string() + "\"");
  if (!IsPostgres(target)) return RestoreSqlite(file, target, set_aside);
  // One transaction: a restore that fails midway leaves the database as it was.
  RunPostgresTool(target,
                  {"pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                   "--exit-on-error", "--dbname=" + DatabaseNameOf(target), file.string()});
  BackupFigures figures = CountPostgres(target);
  figures.bytes = fs::file_size(file);
  return figures;
}

}  // namespace db
