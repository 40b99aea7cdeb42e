#include "db/sqlite_database.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <charconv>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/collation.hpp"

namespace db {
namespace {

using detail::OneLine;

constexpr int kBusyTimeoutMilliseconds = 5000;
// Stores use a fixed set of statements; SQL built at run time (IN lists) must not grow the cache without bound.
constexpr std::size_t kMaxCachedStatements = 256;
ErrorKind KindOf(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return ErrorKind::kUniqueViolation;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return ErrorKind::kForeignKeyViolation;
    case SQLITE_CONSTRAINT_NOTNULL:
      return ErrorKind::kNotNullViolation;
    case SQLITE_CONSTRAINT_CHECK:
      return ErrorKind::kCheckViolation;
    default:
      return ErrorKind::kOther;
  }
}

Error CannotOpen(const std::string& path, const std::string& problem) {
  return Error(ErrorKind::kCannotOpen, "cannot open SQLite database \"" + path + "\": " + problem);
}

// SQLite says "unable to open database file" for most failures; name the actual problem where we can see it.
std::string Diagnose(const std::string& path, int code, const char* sqlite_message) {
  namespace fs = std::filesystem;
  std::string message = sqlite_message != nullptr ? sqlite_message : "unknown error";
  if ((code & 0xff) == SQLITE_NOTADB) return "the file is not a SQLite database";
  if ((code & 0xff) == SQLITE_CORRUPT) return "the file is corrupt (" + message + ")";
  std::error_code error;
  fs::path file(path);
  fs::path directory = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  if (!fs::exists(directory, error)) return "directory \"" + directory.string() + "\" does not exist";
  if (!fs::is_directory(directory, error)) return "\"" + directory.string() + "\" is not a directory";
  if (fs::is_directory(file, error)) return "it is a directory, not a file";
  if (::access(directory.c_str(), W_OK | X_OK) != 0) {
    return "directory \"" + directory.string() + "\" is not writable (the file and its -wal and -shm files live there)";
  }
  if (fs::exists(file, error) && ::access(file.c_str(), R_OK | W_OK) != 0)
    return "the file is not readable and writable";
  return message;
}

// Hands a statement back clean: reset (ends its read of the database) and unbound; finalised if not cached.
class StatementLease {
 public:
  StatementLease(sqlite3_stmt* statement, bool cached) : statement_(statement), cached_(cached) {}
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  ~StatementLease() {
    if (cached_) {
      sqlite3_reset(statement_);
      sqlite3_clear_bindings(statement_);
    } else {
      sqlite3_finalize(statement_);
    }
  }
  sqlite3_stmt* get() const { return statement_; }

 private:
  sqlite3_stmt* statement_;
  bool cached_;
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* handle) : handle_(handle) {}
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  ~SqliteConnection() override {
    for (auto& [sql, prepared] : cache_) sqlite3_finalize(prepared.statement);
    sqlite3_close_v2(handle_);
  }

  Rows Query(std::string_view sql, const Params& params) override {
    Rows rows;
    Run(sql, params, &rows);
    return rows;
  }

  std::int64_t Execute(std::string_view sql, const Params& params) override { return Run(sql, params, nullptr); }

  void ExecuteScript(std::string_view sql) override {
    CheckNotAborted();
    char* message = nullptr;
    int code = sqlite3_exec(handle_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (code != SQLITE_OK) {
      std::string text = message != nullptr ? message : sqlite3_errstr(code);
      sqlite3_free(message);
      MarkFailed();
      throw Error(KindOf(sqlite3_extended_errcode(handle_)), text + " (in script: " + OneLine(sql) + ")");
    }
  }

  // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes cannot wait for a
  // writer holding the lock (its snapshot would be stale) and fails at once with SQLITE_BUSY.
  void Begin() override {
    if (in_transaction_) throw Error(ErrorKind::kOther, "Begin() inside a transaction: transactions do not nest");
    RunPlain("BEGIN IMMEDIATE");
    in_transaction_ = true;
    failed_ = false;
  }

  void Commit() override {
    if (!in_transaction_) throw Error(ErrorKind::kOther, "Commit() without Begin()");
    if (failed_) {
      Rollback();
      throw Error(ErrorKind::kOther, "transaction rolled back: a statement in it failed");
    }
    try {
      RunPlain("COMMIT");
    } catch (...) {
      // A deferred constraint keeps the transaction open after a failed COMMIT; the caller rolls back.
      in_transaction_ = sqlite3_get_autocommit(handle_) == 0;
      throw;
    }
    in_transaction_ = false;
  }

  void Rollback() override {
    in_transaction_ = false;
    failed_ = false;
    // SQLite may already have rolled back on its own (disk full, I/O error).
    if (sqlite3_get_autocommit(handle_) == 0) RunPlain("ROLLBACK");
  }

  Backend backend() const override { return Backend::kSqlite; }

  bool ResetForReuse() noexcept override {
    if (in_transaction_ || sqlite3_get_autocommit(handle_) == 0) {
      try {
        Rollback();
      } catch (...) {
        return false;
      }
    }
    return sqlite3_get_autocommit(handle_) != 0;
  }

 private:
  // Runs one statement; returns the rows it changed.
  std::int64_t Run(std::string_view sql, const Params& params, Rows* rows) {
    CheckNotAborted();
    try {
      std::optional<Prepared> uncached;
      const Prepared& prepared = Prepare(sql, uncached);
      sqlite3_stmt* statement = prepared.statement;
      StatementLease lease(statement, !uncached.has_value());
      Bind(prepared, sql, params);
      sqlite3_int64 total_before = sqlite3_total_changes64(handle_);
      int columns = sqlite3_column_count(statement);
      for (;;) {
        int code = sqlite3_step(statement);
        if (code == SQLITE_DONE) break;
        if (code != SQLITE_ROW) throw Failure(sql);
        if (rows != nullptr) rows->push_back(ReadRow(statement, columns));
      }
      // changes64() still reports an earlier statement after DDL; the total tells whether this one changed rows.
      return sqlite3_total_changes64(handle_) == total_before ? 0 : sqlite3_changes64(handle_);
    } catch (...) {
      MarkFailed();
      throw;
    }
  }

  // A prepared statement and where each of its parameters goes: "$N" is a named parameter numbered by first
  // appearance ("SELECT $2, $1" puts $1 at index 2). SQLite finds a parameter by name with a linear scan, so looking
  // each one up at every run would make a statement of 1,000 parameters (db::InsertRows) cost half a million string
  // comparisons a run: the indexes are found once, when the statement is prepared.
  struct Prepared {
    sqlite3_stmt* statement = nullptr;
    std::vector<int> index_of;  // index_of[N - 1]: the index of "$N"; 0 when the statement has no "$N"
  };

  static std::vector<int> ParameterIndexes(sqlite3_stmt* statement) {
    const int count = sqlite3_bind_parameter_count(statement);
    std::vector<int> index_of(static_cast<std::size_t>(count), 0);
    for (int index = 1; index <= count; ++index) {
      const char* name = sqlite3_bind_parameter_name(statement, index);
      if (name == nullptr || name[0] != '$' || name[1] == '0') continue;
      const std::string_view digits(name + 1);
      std::size_t number = 0;
      const auto [end, problem] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
      if (problem == std::errc() && end == digits.data() + digits.size() && number >= 1 && number <= index_of.size()) {
        index_of[number - 1] = index;
      }
    }
    return index_of;
  }

  // The statement for `sql`: the cached one, or when the cache is full a new one in `uncached`, for the caller to
  // finalise.
  const Prepared& Prepare(std::string_view sql, std::optional<Prepared>& uncached) {
    if (auto found = cache_.find(sql); found != cache_.end()) return found->second;
    bool cache = cache_.size() < kMaxCachedStatements;
    sqlite3_stmt* statement = nullptr;
    const char* tail = nullptr;
    int code = sqlite3_prepare_v3(handle_, sql.data(), static_cast<int>(sql.size()),
                                  cache ? SQLITE_PREPARE_PERSISTENT : 0, &statement, &tail);
    if (code != SQLITE_OK) throw Failure(sql);
    if (statement == nullptr) throw Error(ErrorKind::kOther, "empty SQL statement");
    std::string_view rest(tail, sql.data() + sql.size() - tail);
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      // Only comments may follow; anything else is a second statement that would be silently ignored.
      sqlite3_stmt* second = nullptr;
      int second_code = sqlite3_prepare_v2(handle_, rest.data(), static_cast<int>(rest.size()), &second, nullptr);
      sqlite3_finalize(second);
      if (second_code != SQLITE_OK || second != nullptr) {
        sqlite3_finalize(statement);
        throw Error(ErrorKind::kOther, "one statement at a time (use ExecuteScript for several): " + OneLine(sql));
      }
    }
    Prepared prepared{statement, ParameterIndexes(statement)};
    if (!cache) return uncached.emplace(std::move(prepared));
    return cache_.emplace(std::string(sql), std::move(prepared)).first->second;
  }

  void Bind(const Prepared& prepared, std::string_view sql, const Params& params) {
    sqlite3_stmt* statement = prepared.statement;
    if (prepared.index_of.size() != params.size()) {
      throw Error(ErrorKind::kOther, "the statement takes " + std::to_string(prepared.index_of.size()) +
                                         " parameters but " + std::to_string(params.size()) +
                                         " were given: " + OneLine(sql));
    }
    for (std::size_t number = 1; number <= params.size(); ++number) {
      const int index = prepared.index_of[number - 1];
      if (index == 0) {
        throw Error(ErrorKind::kOther, "the statement does not use $" + std::to_string(number) +
                                           " (write parameters as $1, $2 …): " + OneLine(sql));
      }
      const Value& value = params[number - 1];
      int code = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(value)) {
        code = sqlite3_bind_null(statement, index);
      } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        code = sqlite3_bind_int64(statement, index, *integer);
      } else if (const auto* real = std::get_if<double>(&value)) {
        code = sqlite3_bind_double(statement, index, *real);
      } else if (const auto* bytes = std::get_if<Bytes>(&value)) {
        code = sqlite3_bind_blob64(statement, index, bytes->data.data(), bytes->data.size(), SQLITE_STATIC);
      } else {
        const auto& text = std::get<std::string>(value);
        // SQLITE_STATIC: params outlive the statement's use; the lease clears the bindings before we return.
        code = sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
      }
      if (code != SQLITE_OK) throw Failure(sql);
    }
  }

  static Row ReadRow(sqlite3_stmt* statement, int columns) {
    std::vector<Value> values;
    values.reserve(columns);
    for (int column = 0; column < columns; ++column) {
      switch (sqlite3_column_type(statement, column)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(statement, column)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(statement, column));
          break;
        case SQLITE_NULL:
          values.emplace_back(nullptr);
          break;
        case SQLITE_BLOB: {
          const void* bytes = sqlite3_column_blob(statement, column);
          int size = sqlite3_column_bytes(statement, column);
          values.emplace_back(std::string(static_cast<const char*>(bytes), bytes != nullptr ? size : 0));
          break;
        }
        default: {  // SQLITE_TEXT
          const unsigned char* text = sqlite3_column_text(statement, column);
          int size = sqlite3_column_bytes(statement, column);
          values.emplace_back(std::string(reinterpret_cast<const char*>(text), text != nullptr ? size : 0));
        }
      }
    }
    return Row(std::move(values));
  }

  void RunPlain(const char* sql) {
    if (sqlite3_exec(handle_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) throw Failure(sql);
  }

  Error Failure(std::string_view sql) const {
    return Error(KindOf(sqlite3_extended_errcode(handle_)),
                 std::string(sqlite3_errmsg(handle_)) + " (in: " + OneLine(sql) + ")");
  }

  // PostgreSQL refuses every statement after a failure inside a transaction; SQLite would carry on (or, after an
  // I/O error, silently continue outside any transaction). Refuse here too, so stores behave alike on both.
  void CheckNotAborted() const {
    if (in_transaction_ && failed_) {
      throw Error(ErrorKind::kOther, "a statement in this transaction failed: roll back before running more");
    }
  }

  void MarkFailed() {
    if (in_transaction_) failed_ = true;
  }

  sqlite3* handle_;
  std::unordered_map<std::string, Prepared, StringHash, std::equal_to<>> cache_;
  bool in_transaction_ = false;
  bool failed_ = false;
};

// The ICU collations PostgreSQL names "bg-x-icu" and so on, under the same names (db::CollationOf), so that one
// ORDER BY … COLLATE "bg-x-icu" sorts alike on both databases. Each connection has its own collators.
void AddCollations(sqlite3* handle) {
  for (const std::string_view language : kCollationLanguages) {
    auto collator = std::make_unique<core::Collator>(language);
    const std::string name = std::string(language) + "-x-icu";
    const auto compare = [](void* state, int a_size, const void* a, int b_size, const void* b) {
      return static_cast<const core::Collator*>(state)->Compare(
          {static_cast<const char*>(a), static_cast<std::size_t>(a_size)},
          {static_cast<const char*>(b), static_cast<std::size_t>(b_size)});
    };
    const auto destroy = [](void* state) { delete static_cast<core::Collator*>(state); };
    if (sqlite3_create_collation_v2(handle, name.c_str(), SQLITE_UTF8, collator.get(), compare, destroy) != SQLITE_OK) {
      throw Error(ErrorKind::kOther, "cannot add the collation " + name + ": " + sqlite3_errmsg(handle));
    }
    collator.release();  // SQLite owns it now and calls `destroy`
  }
}

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path, std::size_t pool_size, Durability durability)
    : Database(pool_size), path_(std::move(path)), durability_(durability) {}

std::optional<std::int64_t> SqliteDatabase::LibraryMemoryBytes() const { return sqlite3_memory_used(); }

std::unique_ptr<Connection> SqliteDatabase::Connect() {
  if (path_.empty() || path_ == ":memory:" || path_.starts_with("file:")) {
    throw CannotOpen(path_, "give the path of a file (each pooled connection would see its own in-memory database)");
  }
  sqlite3* handle = nullptr;
  int code = sqlite3_open_v2(path_.c_str(), &handle,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                             nullptr);
  if (handle == nullptr) throw CannotOpen(path_, "out of memory");
  auto connection = std::make_unique<SqliteConnection>(handle);  // closes the handle on every path out
  if (code != SQLITE_OK) throw CannotOpen(path_, Diagnose(path_, code, sqlite3_errmsg(handle)));
  if (sqlite3_db_readonly(handle, "main") == 1) throw CannotOpen(path_, "the file is read-only");
  sqlite3_busy_timeout(handle, kBusyTimeoutMilliseconds);

  // Runs a setting and returns its first column: opening is lazy, so this is where a bad file shows.
  auto setting = [&](const char* sql) {
    sqlite3_stmt* statement = nullptr;
    int code = sqlite3_prepare_v2(handle, sql, -1, &statement, nullptr);
    std::string value;
    if (code == SQLITE_OK) {
      code = sqlite3_step(statement);
      if (code == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(statement, 0);
        if (text != nullptr) value = reinterpret_cast<const char*>(text);
        code = SQLITE_OK;
      } else if (code == SQLITE_DONE) {
        code = SQLITE_OK;
      }
    }
    std::string message = sqlite3_errmsg(handle);
    int extended = sqlite3_extended_errcode(handle);
    sqlite3_finalize(statement);
    if (code != SQLITE_OK) throw CannotOpen(path_, Diagnose(path_, extended, message.c_str()));
    return value;
  };
  std::string journal = setting("PRAGMA journal_mode=WAL");
  if (journal != "wal") throw CannotOpen(path_, "cannot use WAL (the journal mode stays \"" + journal + "\")");
  // In WAL mode NORMAL stays consistent on power loss, losing at most the last commits; FULL fsyncs each one.
  setting(durability_ == Durability::kFull ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  setting("PRAGMA foreign_keys=ON");
  setting("SELECT count(*) FROM sqlite_master");
  AddCollations(handle);
  return connection;
}

}  // namespace db
