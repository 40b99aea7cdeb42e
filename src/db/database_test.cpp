// One source, two backends: SQLite by default, PostgreSQL under scripts/with-postgres.
#include "db/database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

#include "db/postgres_database.hpp"
#include "support/test_database.hpp"

namespace db {
namespace {

using namespace std::chrono_literals;
using test_support::TestDatabase;

constexpr std::string_view kCreateValues =
    "CREATE TABLE value_kinds (id BIGINT PRIMARY KEY, whole BIGINT, real DOUBLE PRECISION, words TEXT)";
constexpr std::string_view kCreatePairs = "CREATE TABLE pairs (a TEXT, b TEXT)";
constexpr std::string_view kCreateConstrained =
    "CREATE TABLE parents (id BIGINT PRIMARY KEY);"
    "CREATE TABLE children ("
    " id BIGINT PRIMARY KEY,"
    " parent_id BIGINT NOT NULL REFERENCES parents (id),"
    " code TEXT UNIQUE,"
    " amount BIGINT CHECK (amount >= 0));"
    "INSERT INTO parents (id) VALUES (1);";
constexpr std::string_view kInsertChild = "INSERT INTO children (id, parent_id, code, amount) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kCountPairs = "SELECT count(*) FROM pairs";

std::int64_t Count(Database& database, std::string_view sql = kCountPairs) {
  return database.Acquire()->QueryOne(sql)->Int(0);
}

// Runs `action` and returns the db::Error it throws; fails the test when it throws nothing.
template <typename Action>
Error CaughtError(Action&& action) {
  try {
    action();
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "expected a db::Error";
  return Error(ErrorKind::kOther, "nothing thrown");
}

std::filesystem::path TemporaryDirectory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "khetane-db-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

TEST(Database, RoundTripsEachValueTypeIncludingNullAndCyrillic) {
  TestDatabase database;
  auto connection = database->Acquire();
  connection->Execute(kCreateValues);
  const std::string cyrillic = "Ромска общност „Лом“ — ёЁ, Йй, ѝ";
  const double real = 0.1;
  const std::int64_t largest = std::numeric_limits<std::int64_t>::max();
  const std::int64_t smallest = std::numeric_limits<std::int64_t>::min();
  constexpr std::string_view kInsert = "INSERT INTO value_kinds (id, whole, real, words) VALUES ($1, $2, $3, $4)";
  connection->Execute(kInsert, {std::int64_t{1}, largest, real, cyrillic});
  connection->Execute(kInsert, {std::int64_t{2}, nullptr, nullptr, nullptr});
  connection->Execute(kInsert, {std::int64_t{3}, smallest, -1e300, std::string()});

  Rows rows = connection->Query("SELECT id, whole, real, words FROM value_kinds ORDER BY id");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(std::get<std::int64_t>(rows[0][1]), largest);
  EXPECT_EQ(std::get<double>(rows[0][2]), real);
  EXPECT_EQ(std::get<std::string>(rows[0][3]), cyrillic);
  EXPECT_EQ(rows[0].Int(1), largest);
  EXPECT_EQ(rows[0].Double(2), real);
  EXPECT_EQ(rows[0].Text(3), cyrillic);

  for (std::size_t column = 1; column <= 3; ++column) {
    EXPECT_TRUE(rows[1].IsNull(column)) << column;
    EXPECT_TRUE(std::holds_alternative<std::nullptr_t>(rows[1][column])) << column;
  }
  EXPECT_EQ(rows[1].OptionalInt(1), std::nullopt);
  EXPECT_EQ(rows[1].OptionalText(3), std::nullopt);
  EXPECT_EQ(rows[1].Text(3), "");

  EXPECT_EQ(rows[2].Int(1), smallest);
  EXPECT_EQ(rows[2].Double(2), -1e300);
  EXPECT_FALSE(rows[2].IsNull(3));  // an empty string is not NULL
  EXPECT_EQ(rows[2].OptionalText(3), std::string());

  auto found = connection->QueryOne("SELECT id FROM value_kinds WHERE words = $1", {cyrillic});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->Int(0), 1);
}

TEST(Database, RoundTripsBytesWithNulsAndEveryByteValue) {
  TestDatabase database;
  auto connection = database->Acquire();
  const bool postgres = connection->backend() == Backend::kPostgres;
  connection->Execute(postgres ? "CREATE TABLE files (id INTEGER PRIMARY KEY, content BYTEA NOT NULL)"
                               : "CREATE TABLE files (id INTEGER PRIMARY KEY, content BLOB NOT NULL)");
  std::string bytes;
  for (int i = 0; i < 512; ++i) bytes += static_cast<char>(i % 256);
  connection->Execute("INSERT INTO files (id, content) VALUES ($1, $2)", {std::int64_t{1}, Bytes{bytes}});
  connection->Execute("INSERT INTO files (id, content) VALUES ($1, $2)", {std::int64_t{2}, Bytes{}});

  Rows rows = connection->Query("SELECT content, length(content) FROM files ORDER BY id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].Text(0), bytes);
  EXPECT_EQ(rows[0].Int(1), 512);
  EXPECT_EQ(rows[1].Text(0), "");
  EXPECT_FALSE(rows[1].IsNull(0));
}

TEST(Database, ComparisonsArriveAsIntegersOnBothBackends) {
  TestDatabase database;
  auto row = database->Acquire()->QueryOne("SELECT (1 = 1), (1 = 2), count(*) FROM (SELECT 1 AS x) AS one");
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(std::get<std::int64_t>((*row)[0]), 1);
  EXPECT_EQ(std::get<std::int64_t>((*row)[1]), 0);
  EXPECT_EQ(std::get<std::int64_t>((*row)[2]), 1);
}

TEST(Database, BindsParametersByTheirNumberNotTheirPosition) {
  TestDatabase database;
  auto connection = database->Acquire();
  connection->Execute(kCreatePairs);
  connection->Execute("INSERT INTO pairs (a, b) VALUES ($2, $1)", {"first", "second"});
  connection->Execute("INSERT INTO pairs (a, b) VALUES ($1, $1)", {"twice"});

  auto row = connection->QueryOne("SELECT a, b FROM pairs WHERE b = $1", {"first"});
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->Text(0), "second");
  row = connection->QueryOne("SELECT a, b FROM pairs WHERE a = $1", {"twice"});
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->Text(1), "twice");
  row = connection->QueryOne("SELECT count(*) FROM pairs WHERE b = $2 AND a = $1", {"second", "first"});
  EXPECT_EQ(row->Int(0), 1);
}

TEST(Database, RefusesTheWrongNumberOfParameters) {
  TestDatabase database;
  auto connection = database->Acquire();
  connection->Execute(kCreatePairs);
  EXPECT_EQ(CaughtError([&] { connection->Execute("INSERT INTO pairs (a, b) VALUES ($1, $2)", {"only one"}); }).kind(),
            ErrorKind::kOther);
  EXPECT_EQ(CaughtError([&] {
              connection->Execute("INSERT INTO pairs (a) VALUES ($1)", {"one", "two"});
            }).kind(),
            ErrorKind::kOther);
  EXPECT_EQ(Count(*database), 0);
}

TEST(Database, ReportsEachConstraintViolationAsItsNeutralKind) {
  TestDatabase database;
  auto connection = database->Acquire();
  connection->ExecuteScript(kCreateConstrained);
  connection->Execute(kInsertChild, {std::int64_t{1}, std::int64_t{1}, "A-1", std::int64_t{5}});

  auto kind_of = [&](const Params& params) {
    return CaughtError([&] { connection->Execute(kInsertChild, params); }).kind();
  };
  EXPECT_EQ(kind_of({std::int64_t{1}, std::int64_t{1}, "A-2", std::int64_t{5}}), ErrorKind::kUniqueViolation);  // key
  EXPECT_EQ(kind_of({std::int64_t{2}, std::int64_t{1}, "A-1", std::int64_t{5}}), ErrorKind::kUniqueViolation);  // code
  EXPECT_EQ(kind_of({std::int64_t{3}, std::int64_t{99}, "A-3", std::int64_t{5}}), ErrorKind::kForeignKeyViolation);
  EXPECT_EQ(kind_of({std::int64_t{4}, nullptr, "A-4", std::int64_t{5}}), ErrorKind::kNotNullViolation);
  EXPECT_EQ(kind_of({std::int64_t{5}, std::int64_t{1}, "A-5", std::int64_t{-1}}), ErrorKind::kCheckViolation);
  EXPECT_EQ(Count(*database, "SELECT count(*) FROM children"), 1);
}

TEST(Database, TransactionThatThrowsLeavesNothingBehind) {
  TestDatabase database;
  database->Acquire()->Execute(kCreatePairs);
  EXPECT_THROW(database->Transaction([](Connection& connection) {
    connection.Execute("INSERT INTO pairs (a, b) VALUES ($1, $2)", {"x", "y"});
    throw std::runtime_error("the use case changed its mind");
  }),
               std::runtime_error);
  EXPECT_EQ(Count(*database), 0);
}

TEST(Database, TransactionThatReturnsCommitsAndHandsBackItsResult) {
  TestDatabase database;
  database->Acquire()->Execute(kCreatePairs);
  std::int64_t changed = database->Transaction([](Connection& connection) {
    return connection.Execute("INSERT INTO pairs (a, b) VALUES ($1, $2)", {"x", "y"});
  });
  EXPECT_EQ(changed, 1);
  // Seen through another database object, as another process would.
  auto other = Database::Open({.target = database.target(), .pool_size = 1});
  EXPECT_EQ(Count(*other), 1);
}

TEST(Database, StatementAfterAFailureInATransactionIsRefusedAndNothingCommits) {
  TestDatabase database;
  database->Acquire()->ExecuteScript(kCreateConstrained);
  ErrorKind later = ErrorKind::kUniqueViolation;
  EXPECT_THROW(database->Transaction([&](Connection& connection) {
    connection.Execute(kInsertChild, {std::int64_t{1}, std::int64_t{1}, "A", std::int64_t{1}});
    try {
      connection.Execute(kInsertChild, {std::int64_t{1}, std::int64_t{1}, "B", std::int64_t{1}});
    } catch (const Error&) {
      // Swallowed: PostgreSQL would refuse what follows, so SQLite does too.
    }
    later = CaughtError([&] {
              connection.Execute(kInsertChild, {std::int64_t{2}, std::int64_t{1}, "C", std::int64_t{1}});
            }).kind();
  }),
               Error);  // and Commit() says the transaction was rolled back
  EXPECT_EQ(later, ErrorKind::kOther);
  EXPECT_EQ(Count(*database, "SELECT count(*) FROM children"), 0);
}

TEST(Database, ConnectionReturnedMidTransactionIsRolledBack) {
  TestDatabase database(1);
  database->Acquire()->Execute(kCreatePairs);
  {
    auto connection = database->Acquire();
    connection->Begin();
    connection->Execute("INSERT INTO pairs (a, b) VALUES ($1, $2)", {"x", "y"});
  }
  auto connection = database->Acquire();  // the same one: the pool holds one
  EXPECT_EQ(connection->QueryOne(kCountPairs)->Int(0), 0);
  connection->Begin();  // no transaction left open on it
  connection->Rollback();
}

TEST(Database, PoolLendsAtMostPoolSizeAndTheNextBorrowerWaits) {
  TestDatabase database(2);
  auto first = database->Acquire();
  std::optional<PooledConnection> second(database->Acquire());
  std::atomic<bool> third_acquired = false;
  std::thread borrower([&] {
    auto third = database->Acquire();
    third_acquired = true;
    third->Query("SELECT 1");
  });
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(third_acquired) << "a third connection was lent from a pool of two";
  second.reset();  // give one back
  borrower.join();
  EXPECT_TRUE(third_acquired);
}

TEST(Database, AcquireGivesUpAfterItsTimeout) {
  TestDatabase database;
  auto small = Database::Open({.target = database.target(), .pool_size = 1, .acquire_timeout = 50ms});
  auto held = small->Acquire();
  Error error = CaughtError([&] { small->Acquire(); });
  EXPECT_EQ(error.kind(), ErrorKind::kOther);
  EXPECT_NE(std::string(error.what()).find("pool of 1"), std::string::npos) << error.what();
}

TEST(Database, ReusedPreparedStatementsGiveFreshResults) {
  TestDatabase database(1);
  auto connection = database->Acquire();
  connection->Execute(kCreatePairs);
  constexpr std::string_view kInsert = "INSERT INTO pairs (a, b) VALUES ($1, $2)";
  constexpr std::string_view kFind = "SELECT b FROM pairs WHERE a = $1 ORDER BY b";
  for (int i = 0; i < 5; ++i) connection->Execute(kInsert, {"key" + std::to_string(i % 2), "v" + std::to_string(i)});
  EXPECT_EQ(connection->Query(kFind, {"key0"}).size(), 3u);
  EXPECT_EQ(connection->Query(kFind, {"key1"}).size(), 2u);
  EXPECT_EQ(connection->Query(kFind, {"none"}).size(), 0u);
  // A failure halfway does not spoil the cached statement.
  EXPECT_THROW(connection->Execute(kInsert, {"too few"}), Error);
  connection->Execute(kInsert, {"key1", "v5"});
  Rows rows = connection->Query(kFind, {"key1"});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].Text(0), "v5");
}

TEST(Database, ExecuteCountsChangedRowsAndScriptsRunSeveralStatements) {
  TestDatabase database;
  auto connection = database->Acquire();
  EXPECT_EQ(connection->Execute(kCreatePairs), 0);
  connection->ExecuteScript("INSERT INTO pairs (a, b) VALUES ('x', '1'); INSERT INTO pairs (a, b) VALUES ('x', '2');");
  EXPECT_EQ(connection->Execute("UPDATE pairs SET b = $1 WHERE a = $2", {"3", "x"}), 2);
  EXPECT_EQ(connection->Execute("DELETE FROM pairs WHERE a = $1", {"nobody"}), 0);
  EXPECT_EQ(connection->QueryOne("SELECT a FROM pairs WHERE a = $1", {"nobody"}), std::nullopt);
}

TEST(Database, RefusesTwoStatementsInOneQuery) {
  TestDatabase database;
  auto connection = database->Acquire();
  connection->Execute(kCreatePairs);
  EXPECT_EQ(CaughtError([&] { connection->Execute("DELETE FROM pairs; DELETE FROM pairs"); }).kind(),
            ErrorKind::kOther);
  EXPECT_EQ(connection->Execute("DELETE FROM pairs; -- a comment after the statement is fine"), 0);
}

TEST(Database, ReadersCarryOnWhileAWriteTransactionIsOpen) {
  TestDatabase database(2);
  database->Acquire()->Execute(kCreatePairs);
  auto writer = database->Acquire();
  writer->Begin();
  writer->Execute("INSERT INTO pairs (a, b) VALUES ($1, $2)", {"x", "y"});
  auto reader = database->Acquire();
  EXPECT_EQ(reader->QueryOne(kCountPairs)->Int(0), 0);  // not blocked, and not seeing uncommitted rows
  writer->Commit();
  EXPECT_EQ(reader->QueryOne(kCountPairs)->Int(0), 1);
}

TEST(Database, ConcurrentReadThenWriteTransactionsAllSucceed) {
  TestDatabase database(4);
  database->Acquire()->ExecuteScript("CREATE TABLE counter (n BIGINT NOT NULL); INSERT INTO counter (n) VALUES (0);");
  constexpr int kThreads = 4;
  constexpr int kTransactions = 25;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kTransactions; ++i) {
        try {
          database->Transaction([](Connection& connection) {
            connection.Query("SELECT n FROM counter");  // read first: the pattern that deadlocks a deferred BEGIN
            connection.Execute("UPDATE counter SET n = n + 1");
          });
        } catch (const Error& error) {
          ++failures;
          ADD_FAILURE() << error.what();
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Count(*database, "SELECT n FROM counter"), kThreads * kTransactions);
}

TEST(Database, ConnectionWhoseSessionDiedIsDroppedFromThePool) {
  TestDatabase database(1);
  // Only PostgreSQL has a server session that can die under a pooled connection; the run on PostgreSQL covers it.
  if (database.backend() != Backend::kPostgres) GTEST_SKIP() << "needs a PostgreSQL server session to terminate";
  std::int64_t old_pid = 0;
  {
    auto connection = database->Acquire();
    old_pid = connection->QueryOne("SELECT pg_backend_pid()")->Int(0);
    connection->Begin();
    auto killer = Database::Open({.target = database.target(), .pool_size = 1});
    killer->Acquire()->Query("SELECT pg_terminate_backend($1)", {old_pid});
    // No silent reconnect: the statements of the transaction would otherwise run outside it.
    EXPECT_THROW(connection->Query("SELECT 1"), Error);
    EXPECT_THROW(connection->Commit(), Error);
    connection->Rollback();
  }
  auto fresh = database->Acquire();
  EXPECT_NE(fresh->QueryOne("SELECT pg_backend_pid()")->Int(0), old_pid);
}

TEST(DatabaseOpen, NamesAMissingDirectory) {
  const std::string path = "/nonexistent-khetane-directory/data/khetane.db";
  Error error = CaughtError([&] { Database::Open({.target = path}); });
  EXPECT_EQ(error.kind(), ErrorKind::kCannotOpen);
  std::string message = error.what();
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists("/nonexistent-khetane-directory"));
}

TEST(DatabaseOpen, NamesAFileThatIsNotADatabase) {
  auto directory = TemporaryDirectory();
  const std::string path = (directory / "notes.db").string();
  {
    std::ofstream file(path);
    for (int i = 0; i < 200; ++i) file << "These are meeting notes, not a database.\n";
  }
  Error error = CaughtError([&] { Database::Open({.target = path}); });
  std::filesystem::remove_all(directory);
  EXPECT_EQ(error.kind(), ErrorKind::kCannotOpen);
  std::string message = error.what();
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("not a SQLite database"), std::string::npos) << message;
}

TEST(DatabaseOpen, NamesADirectoryGivenAsTheFile) {
  auto directory = TemporaryDirectory();
  Error error = CaughtError([&] { Database::Open({.target = directory.string()}); });
  std::filesystem::remove_all(directory);
  EXPECT_EQ(error.kind(), ErrorKind::kCannotOpen);
  EXPECT_NE(std::string(error.what()).find("is a directory"), std::string::npos) << error.what();
}

TEST(DatabaseOpen, NamesAnUnreachableServerWithoutItsPassword) {
  // Port 1 on loopback: nothing listens there, so the refusal is immediate.
  Error error = CaughtError([] { Database::Open({.target = "postgresql://khetane:s3cret@127.0.0.1:1/nowhere"}); });
  EXPECT_EQ(error.kind(), ErrorKind::kCannotOpen);
  std::string message = error.what();
  EXPECT_NE(message.find("postgresql://khetane@127.0.0.1:1/nowhere"), std::string::npos) << message;
  EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(DatabaseOpen, RedactsPasswordsFromUrls) {
  EXPECT_EQ(RedactPostgresUrl("postgresql://u:p%40ss@db.example:5432/k?sslmode=require"),
            "postgresql://u@db.example:5432/k?sslmode=require");
  EXPECT_EQ(RedactPostgresUrl("postgres://u@h/k?password=x&sslmode=require"), "postgres://u@h/k?sslmode=require");
  EXPECT_EQ(RedactPostgresUrl("postgres://h/k?sslmode=require&password=x"), "postgres://h/k?sslmode=require");
  EXPECT_EQ(RedactPostgresUrl("postgresql://h:5432/k"), "postgresql://h:5432/k");
}

TEST(Row, ConvertsTextToNumbersAsPostgresqlSendsThem) {
  Row row(
      {std::string("42"), std::string("2.5"), std::string("5.00"), std::int64_t{7}, 3.0, std::string("abc"), nullptr});
  EXPECT_EQ(row.Int(0), 42);
  EXPECT_EQ(row.Double(1), 2.5);
  EXPECT_EQ(row.Int(2), 5);
  EXPECT_EQ(row.Double(3), 7.0);
  EXPECT_EQ(row.Text(3), "7");
  EXPECT_EQ(row.Int(4), 3);
  EXPECT_EQ(row.Text(4), "3");
  EXPECT_EQ(CaughtError([&] { row.Int(1); }).kind(), ErrorKind::kOther);
  EXPECT_EQ(CaughtError([&] { row.Int(5); }).kind(), ErrorKind::kOther);
  EXPECT_EQ(CaughtError([&] { row.Double(6); }).kind(), ErrorKind::kOther);
  EXPECT_EQ(row.OptionalInt(6), std::nullopt);
  EXPECT_THROW(row.Int(7), std::out_of_range);
}

TEST(DatabaseErrors, TellTheUserOfAConflictOrAnOutageAndNothingElse) {
  EXPECT_EQ(db::UserErrorOf(db::ErrorKind::kUniqueViolation).kind, core::ErrorKind::kConflict);
  EXPECT_EQ(db::UserErrorOf(db::ErrorKind::kForeignKeyViolation).kind, core::ErrorKind::kConflict);
  EXPECT_EQ(db::UserErrorOf(db::ErrorKind::kUnavailable).kind, core::ErrorKind::kUnavailable);
  EXPECT_EQ(db::UserErrorOf(db::ErrorKind::kCannotOpen).kind, core::ErrorKind::kUnavailable);
  EXPECT_EQ(db::UserErrorOf(db::ErrorKind::kCheckViolation).kind, core::ErrorKind::kInternal);
  const db::Error thrown(db::ErrorKind::kUniqueViolation, "UNIQUE constraint failed");
  EXPECT_EQ(thrown.error().kind, core::ErrorKind::kConflict) << "a db::Error carries what the user is told";
}

TEST(DatabaseErrors, AViolationThrownByTheDatabaseIsCaughtAsTheFailureTheRequestPipelineAnswers) {
  TestDatabase database;
  auto connection = database->Acquire();
  connection->ExecuteScript(kCreateConstrained);
  connection->Execute(kInsertChild, {std::int64_t{1}, std::int64_t{1}, "A-1", std::int64_t{5}});
  try {
    connection->Execute(kInsertChild, {std::int64_t{1}, std::int64_t{1}, "A-2", std::int64_t{5}});
    ADD_FAILURE() << "a duplicate key was stored";
  } catch (const core::Failure& failure) {  // as web::App catches it
    EXPECT_EQ(failure.error().kind, core::ErrorKind::kConflict);
    EXPECT_NE(std::string(failure.what()), "") << "the database's words, for the log";
  }
}

// `khetane serve --durability full` asks SQLite to fsync every commit, so that a power loss loses nothing acknowledged;
// the default keeps WAL's NORMAL, which a crash of the process cannot break.
TEST(DatabaseOpen, FullDurabilitySyncsEveryCommitOnSqlite) {
  auto directory = TemporaryDirectory();
  const std::string path = (directory / "khetane.db").string();
  const auto synchronous = [&](Durability durability) {
    auto database = Database::Open({.target = path, .pool_size = 1, .durability = durability});
    return database->Acquire()->QueryOne("PRAGMA synchronous")->Int(0);
  };
  EXPECT_EQ(synchronous(Durability::kNormal), 1);  // NORMAL
  EXPECT_EQ(synchronous(Durability::kFull), 2);    // FULL
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace db
