#include "db/database.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <string>

#include "core/text.hpp"
#include "db/postgres_database.hpp"
#include "db/sqlite_database.hpp"

namespace db {

Error::~Error() = default;
namespace {

[[noreturn]] void ThrowConversion(std::size_t column, std::string_view wanted, const Value& value) {
  std::string shown = "a number";
  if (const auto* text = std::get_if<std::string>(&value)) shown = "'" + detail::OneLine(*text, 60) + "'";
  if (std::holds_alternative<std::nullptr_t>(value)) shown = "NULL";
  throw Error(ErrorKind::kOther, "column " + std::to_string(column) + ": " + shown + " is not " + std::string(wanted));
}

std::optional<double> ParseDouble(std::string_view text) {
  double result = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return result;
}

std::optional<std::int64_t> IntegralDouble(double value) {
  // 2^63 is exactly representable; anything at or above it does not fit.
  if (!std::isfinite(value) || value != std::trunc(value) || value < -9223372036854775808.0 ||
      value >= 9223372036854775808.0) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(value);
}

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

}  // namespace

bool Row::IsNull(std::size_t column) const { return std::holds_alternative<std::nullptr_t>(values_.at(column)); }

std::int64_t Row::Int(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
  if (const auto* real = std::get_if<double>(&value)) {
    if (auto integral = IntegralDouble(*real)) return *integral;
  }
  if (const auto* text = std::get_if<std::string>(&value)) {
    std::int64_t result = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), result);
    if (error == std::errc() && end == text->data() + text->size() && !text->empty()) return result;
    // PostgreSQL's numeric arrives as "5.00".
    if (auto real = ParseDouble(*text)) {
      if (auto integral = IntegralDouble(*real)) return *integral;
    }
  }
  ThrowConversion(column, "an integer", value);
}

double Row::Double(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return static_cast<double>(*number);
  if (const auto* text = std::get_if<std::string>(&value)) {
    if (auto real = ParseDouble(*text)) return *real;
  }
  ThrowConversion(column, "a number", value);
}

std::string Row::Text(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* bytes = std::get_if<Bytes>(&value)) return bytes->data;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  if (const auto* real = std::get_if<double>(&value)) {
    char buffer[32];  // shortest text that reads back as the same double
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, *real);
    return error == std::errc() ? std::string(buffer, end) : std::to_string(*real);
  }
  return {};
}

std::optional<std::int64_t> Row::OptionalInt(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::optional<std::string> Row::OptionalText(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

namespace detail {

std::string OneLine(std::string_view text, std::size_t limit) {
  std::string result;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !result.empty();
      continue;
    }
    if (space) result += ' ';
    space = false;
    result += c;
  }
  return core::Shortened(result, limit);
}

}  // namespace detail

std::string CollationOf(std::string_view language) {
  const bool known = std::ranges::find(kCollationLanguages, language) != std::end(kCollationLanguages);
  return "\"" + std::string(known ? language : "und") + "-x-icu\"";
}

std::string LikeContaining(std::string_view text) {
  std::string pattern = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

std::optional<Row> Connection::QueryOne(std::string_view sql, const Params& params) {
  Rows rows = Query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

PooledConnection::PooledConnection(Database* owner, std::unique_ptr<Connection> connection)
    : owner_(owner), connection_(std::move(connection)) {}

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : owner_(other.owner_), connection_(std::move(other.connection_)) {
  other.owner_ = nullptr;
}

PooledConnection::~PooledConnection() {
  if (owner_ != nullptr && connection_ != nullptr) owner_->Release(std::move(connection_));
}

struct Database::Pool {
  std::mutex mutex;
  std::condition_variable returned;
  std::vector<std::unique_ptr<Connection>> idle;  // reserved to pool_size: Release() never allocates
  std::size_t open = 0;                           // idle plus lent out
};

core::Error UserErrorOf(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUniqueViolation:
    case ErrorKind::kForeignKeyViolation:
      return core::Error::Conflict(
          "This conflicts with what is stored already: someone may have changed it meanwhile. Reload the page and try "
          "again.");
    case ErrorKind::kCannotOpen:
    case ErrorKind::kUnavailable:
      return core::Error::Unavailable("");
    case ErrorKind::kNotNullViolation:
    case ErrorKind::kCheckViolation:
    case ErrorKind::kOther:
      break;
  }
  return core::Error::Internal("");
}

PooledConnection Database::Acquire() {
  std::unique_lock lock(pool_->mutex);
  bool available = pool_->returned.wait_for(lock, acquire_timeout_,
                                            [&] { return !pool_->idle.empty() || pool_->open < pool_size_; });
  if (!available) {
    throw Error(ErrorKind::kOther, "no database connection became free within " +
                                       std::to_string(acquire_timeout_.count()) + " ms (pool of " +
                                       std::to_string(pool_size_) + "; is a connection held while acquiring another?)");
  }
  if (!pool_->idle.empty()) {
    // Last in, first out: the warmest connection, with the fullest statement cache.
    std::unique_ptr<Connection> connection = std::move(pool_->idle.back());
    pool_->idle.pop_back();
    return PooledConnection(this, std::move(connection));
  }
  ++pool_->open;
  lock.unlock();  // connecting takes a while; others may take idle connections meanwhile
  try {
    return PooledConnection(this, Connect());
  } catch (...) {
    lock.lock();
    --pool_->open;
    pool_->returned.notify_one();
    throw;
  }
}

void Database::Release(std::unique_ptr<Connection> connection) {
  bool reusable = connection->ResetForReuse();
  if (!reusable) connection.reset();  // close it outside the lock
  std::lock_guard lock(pool_->mutex);
  if (reusable) {
    pool_->idle.push_back(std::move(connection));
  } else {
    --pool_->open;
  }
  pool_->returned.notify_one();
}

std::unique_ptr<Database> Database::Open(const Options& options) {
  if (options.pool_size == 0) throw Error(ErrorKind::kOther, "the connection pool needs at least one connection");
  std::unique_ptr<Database> database;
  if (StartsWith(options.target, "postgresql://") || StartsWith(options.target, "postgres://")) {
    database = std::make_unique<PostgresDatabase>(options.target, options.pool_size);
  } else {
    database = std::make_unique<SqliteDatabase>(options.target, options.pool_size, options.durability);
  }
  database->acquire_timeout_ = options.acquire_timeout;
  database->pool_ = std::make_shared<Pool>();
  database->pool_->idle.reserve(options.pool_size);
  // Connect once now, so a wrong target fails here with its message; the connection waits in the pool.
  database->Acquire();
  return database;
}

Database::PoolUse Database::Use() const {
  std::lock_guard lock(pool_->mutex);
  return {.open = pool_->open, .in_use = pool_->open - pool_->idle.size(), .size = pool_size_};
}

bool Database::Answers() noexcept {
  try {
    Acquire()->Query("SELECT 1");
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace db
