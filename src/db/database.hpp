#pragma once
// One small interface over SQLite and PostgreSQL. Stores write SQL with $1, $2 … placeholders
// and get fully read rows back; nothing above src/db/ knows which backend answers.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace db {

enum class Backend { kSqlite, kPostgres };

// Backend-neutral classes of failure, so a store can turn "unique" into a Conflict for the user.
enum class ErrorKind {
  kUniqueViolation,
  kForeignKeyViolation,
  kNotNullViolation,
  kCheckViolation,
  kCannotOpen,
  kUnavailable,  // the connection to the server was lost
  kOther
};

// What a user is told of a database failure: a conflict with stored data (409), the database out of reach (503), or
// anything else (500); the SQL and the server's words go to the log only.
core::Error UserErrorOf(ErrorKind kind);

// A failure of the database, thrown: the request pipeline answers it as the core::Error the user is told (UserErrorOf),
// and the SQL and the server's words, what(), go to the log only.
class Error : public core::Failure {
 public:
  Error(ErrorKind kind, const std::string& what) : core::Failure(UserErrorOf(kind), what), kind_(kind) {}
  ~Error() override;
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

// Bytes to store as a BLOB (SQLite) or a bytea (PostgreSQL): an uploaded file. Read back as text holds them
// (Row::Text), on both databases.
struct Bytes {
  std::string data;
};

// A parameter or a column value.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string, Bytes>;

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool IsNull(std::size_t column) const;
  std::int64_t Int(std::size_t column) const;  // converts from text (PostgreSQL gives text)
  double Double(std::size_t column) const;
  std::string Text(std::size_t column) const;  // "" for NULL
  std::optional<std::int64_t> OptionalInt(std::size_t column) const;
  std::optional<std::string> OptionalText(std::size_t column) const;
  const Value& operator[](std::size_t column) const { return values_.at(column); }

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;
using Params = std::vector<Value>;

// One connection; not thread-safe; borrowed from the pool for one unit of work.
// Statements are prepared once per connection and cached by their SQL text.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Rows Query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual std::int64_t Execute(std::string_view sql, const Params& params = {}) = 0;
  // Several statements, no parameters (migrations).
  virtual void ExecuteScript(std::string_view sql) = 0;
  // Begin() on SQLite takes the one write lock at once (BEGIN IMMEDIATE); readers outside it carry on.
  // After a statement fails inside a transaction, both backends refuse further statements and Commit() throws:
  // PostgreSQL works that way, and SQLite is made to match so stores behave alike. Use ON CONFLICT, not catch-and-go.
  virtual void Begin() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  virtual Backend backend() const = 0;
  // Called by the pool when the connection comes back: rolls back a transaction left open and says whether the
  // connection can be lent again (false drops it, e.g. after the server went away).
  virtual bool ResetForReuse() noexcept { return true; }

  std::optional<Row> QueryOne(std::string_view sql, const Params& params = {});
};

class Database;

// Returns its connection to the pool when it goes out of scope.
class PooledConnection {
 public:
  PooledConnection(Database* owner, std::unique_ptr<Connection> connection);
  PooledConnection(PooledConnection&&) noexcept;
  PooledConnection& operator=(PooledConnection&&) = delete;
  ~PooledConnection();
  Connection& operator*() { return *connection_; }
  Connection* operator->() { return connection_.get(); }

 private:
  Database* owner_;
  std::unique_ptr<Connection> connection_;
};

// What a committed transaction survives on SQLite. kNormal (WAL with synchronous=NORMAL): a crash of the process,
// never losing what was acknowledged; on power loss the last commits may roll back, the file stays consistent.
// kFull (synchronous=FULL): power loss too, at the cost of an fsync per commit. PostgreSQL keeps its own settings.
enum class Durability { kNormal, kFull };

struct Options {
  std::string target;  // a SQLite file path, or a postgresql:// URL
  std::size_t pool_size = 8;
  // How long Acquire() waits for a free connection before it throws: turns a nested Acquire() on a
  // full pool (a deadlock) into an error.
  std::chrono::milliseconds acquire_timeout{30'000};
  Durability durability = Durability::kNormal;
};

class Database {
 public:
  // Opens and checks the database; throws db::Error(kCannotOpen) with one clear line when it cannot.
  static std::unique_ptr<Database> Open(const Options& options);
  virtual ~Database() = default;

  virtual Backend backend() const = 0;
  PooledConnection Acquire();
  // Whether the database answers a query now (for health checks); never throws.
  bool Answers() noexcept;
  // How the pool is used now, for monitoring: connections open (idle and lent out), lent out, and the most allowed.
  struct PoolUse {
    std::size_t open = 0;
    std::size_t in_use = 0;
    std::size_t size = 0;
  };
  PoolUse Use() const;
  // What the database library holds in this process's memory (SQLite: page caches, prepared statements, schemas);
  // nullopt where it is another process's (PostgreSQL).
  virtual std::optional<std::int64_t> LibraryMemoryBytes() const { return std::nullopt; }

  // Runs `work` in a transaction: commits when it returns, rolls back when it throws (and rethrows).
  template <typename Work>
  auto Transaction(Work&& work) {
    auto connection = Acquire();
    connection->Begin();
    try {
      if constexpr (std::is_void_v<decltype(work(*connection))>) {
        work(*connection);
        connection->Commit();
      } else {
        auto result = work(*connection);
        connection->Commit();
        return result;
      }
    } catch (...) {
      connection->Rollback();
      throw;
    }
  }

 protected:
  explicit Database(std::size_t pool_size) : pool_size_(pool_size) {}
  virtual std::unique_ptr<Connection> Connect() = 0;

 private:
  friend class PooledConnection;
  void Release(std::unique_ptr<Connection> connection);
  std::size_t pool_size_;
  std::chrono::milliseconds acquire_timeout_{30'000};  // set by Open()
  struct Pool;
  std::shared_ptr<Pool> pool_;
};

// A LIKE pattern that finds `text` anywhere, its own %, _ and \ taken as they are: use it with ESCAPE '\' (SQLite
// has no escape character unless told, PostgreSQL's is \), so that a search for "100%" finds only "100%".
std::string LikeContaining(std::string_view text);

// The languages whose order the databases know, and the collation that sorts text in `language`'s order, named alike
// on both (PostgreSQL built with ICU has them from initdb; SQLite learns them when a connection opens):
// ORDER BY name COLLATE "bg-x-icu". A language not in the list gets ICU's root order, "und-x-icu". Quoted, for SQL.
inline constexpr std::string_view kCollationLanguages[] = {"bg", "en", "cs", "nl", "tr", "und"};
std::string CollationOf(std::string_view language);

namespace detail {
// For the backends: `text` (SQL, a server's message) on one line and at most about `limit` bytes, for error messages.
std::string OneLine(std::string_view text, std::size_t limit = 300);
}  // namespace detail

}  // namespace db
