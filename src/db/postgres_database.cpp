#include "db/postgres_database.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace db {
namespace {

using detail::OneLine;

// Stores use a fixed set of statements; SQL built at run time (IN lists) runs unnamed once the cache is full.
constexpr std::size_t kMaxCachedStatements = 256;

// Type OIDs from pg_type.dat: these arrive as numbers, like SQLite's, so Value holds the same alternative on both.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
struct ConnectionDeleter {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;
using ConnectionHandle = std::unique_ptr<PGconn, ConnectionDeleter>;

// bytea's hex format, as the server reads a text parameter for a bytea column and writes a bytea in text results.
std::string ByteaText(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text = "\\x";
  text.reserve(2 + bytes.size() * 2);
  for (unsigned char byte : bytes) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 0x0f];
  }
  return text;
}

std::string BytesOfByteaText(std::string_view text) {
  std::string bytes;
  if (text.substr(0, 2) != "\\x") return std::string(text);
  bytes.reserve((text.size() - 2) / 2);
  const auto digit = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (std::size_t i = 2; i + 1 < text.size(); i += 2) {
    bytes += static_cast<char>(digit(text[i]) << 4 | digit(text[i + 1]));
  }
  return bytes;
}

ErrorKind KindOf(std::string_view sqlstate) {
  // PostgreSQL Appendix A, class 23 — integrity constraint violation.
  if (sqlstate == "23505") return ErrorKind::kUniqueViolation;
  if (sqlstate == "23503") return ErrorKind::kForeignKeyViolation;
  if (sqlstate == "23502") return ErrorKind::kNotNullViolation;
  if (sqlstate == "23514") return ErrorKind::kCheckViolation;
  return ErrorKind::kOther;
}

Value ReadField(std::string_view text, Oid type) {
  const char* end = text.data() + text.size();
  switch (type) {
    case kBoolOid:
      return std::int64_t{text == "t"};
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: {
      std::int64_t number = 0;
      if (auto result = std::from_chars(text.data(), end, number); result.ec == std::errc() && result.ptr == end) {
        return number;
      }
      break;
    }
    case kByteaOid:
      return BytesOfByteaText(text);
    case kFloat4Oid:
    case kFloat8Oid: {
      double number = 0;  // from_chars reads PostgreSQL's "Infinity" and "NaN" too
      if (auto result = std::from_chars(text.data(), end, number); result.ec == std::errc() && result.ptr == end) {
        return number;
      }
      break;
    }
    default:
      break;
  }
  return std::string(text);  // numeric, dates, text …: Row converts on demand
}

void IgnoreNotice(void*, const char*) {}

bool HasQueryParameter(std::string_view url, std::string_view name) {
  auto query = url.find('?');
  if (query == std::string_view::npos) return false;
  std::string_view rest = url.substr(query + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    if (pair.substr(0, pair.find('=')) == name) return true;
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return false;
}

std::string WithDefault(std::string url, std::string_view name, std::string_view value) {
  if (HasQueryParameter(url, name)) return url;
  url += url.find('?') == std::string::npos ? '?' : '&';
  url.append(name).append("=").append(value);
  return url;
}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(ConnectionHandle connection) : connection_(std::move(connection)) {
    // Notices ("there is no transaction in progress") would otherwise go to stderr.
    PQsetNoticeProcessor(connection_.get(), IgnoreNotice, nullptr);
  }

  Rows Query(std::string_view sql, const Params& params) override {
    Result result = Run(sql, params);
    const int row_count = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    std::vector<Oid> types(columns);
    for (int column = 0; column < columns; ++column) types[column] = PQftype(result.get(), column);
    Rows rows;
    rows.reserve(row_count);
    for (int row = 0; row < row_count; ++row) {
      std::vector<Value> values;
      values.reserve(columns);
      for (int column = 0; column < columns; ++column) {
        if (PQgetisnull(result.get(), row, column)) {
          values.emplace_back(nullptr);
        } else {
          std::string_view text(PQgetvalue(result.get(), row, column), PQgetlength(result.get(), row, column));
          values.push_back(ReadField(text, types[column]));
        }
      }
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  std::int64_t Execute(std::string_view sql, const Params& params) override {
    Result result = Run(sql, params);
    std::string_view changed = PQcmdTuples(result.get());  // "" for statements that change no rows (CREATE …)
    std::int64_t count = 0;
    std::from_chars(changed.data(), changed.data() + changed.size(), count);
    return count;
  }

  // The simple query protocol: the only one that runs several statements in one string.
  void ExecuteScript(std::string_view sql) override {
    CheckUsable();
    const std::string text(sql);
    Checked(Result(PQexec(connection_.get(), text.c_str())), sql);
  }

  void Begin() override {
    if (in_transaction_) throw Error(ErrorKind::kOther, "Begin() inside a transaction: transactions do not nest");
    RunPlain("BEGIN");
    in_transaction_ = true;
    failed_ = false;
  }

  void Commit() override {
    if (!in_transaction_) throw Error(ErrorKind::kOther, "Commit() without Begin()");
    if (failed_) {
      // The server would answer COMMIT with a silent ROLLBACK: say so instead.
      Rollback();
      throw Error(ErrorKind::kOther, "transaction rolled back: a statement in it failed");
    }
    in_transaction_ = false;  // a failed COMMIT ends the transaction on the server too
    RunPlain("COMMIT");
  }

  void Rollback() override {
    bool was_in_transaction = in_transaction_;
    in_transaction_ = false;
    failed_ = false;
    if (was_in_transaction && !broken_) RunPlain("ROLLBACK");
  }

  Backend backend() const override { return Backend::kPostgres; }

  bool ResetForReuse() noexcept override {
    if (in_transaction_) {
      try {
        Rollback();
      } catch (...) {
        return false;
      }
    }
    return !broken_ && PQstatus(connection_.get()) == CONNECTION_OK;
  }

 private:
  Result Run(std::string_view sql, const Params& params) {
    CheckUsable();
    // Parameters travel as text (nullptr for NULL); the server infers their types from the statement.
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& value = params[i];
      if (std::holds_alternative<std::nullptr_t>(value)) continue;
      if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        texts[i] = std::to_string(*integer);
      } else if (const auto* real = std::get_if<double>(&value)) {
        char buffer[32];  // shortest text that reads back as the same double
        texts[i].assign(buffer, std::to_chars(buffer, buffer + sizeof buffer, *real).ptr);
      } else if (const auto* bytes = std::get_if<Bytes>(&value)) {
        texts[i] = ByteaText(bytes->data);
      } else {
        texts[i] = std::get<std::string>(value);
        // libpq sends a parameter up to its first NUL: the rest would be dropped without a word.
        if (texts[i].find('\0') != std::string::npos) {
          MarkFailed();
          throw Error(ErrorKind::kOther, "text parameter $" + std::to_string(i + 1) + " contains a NUL byte");
        }
      }
      values[i] = texts[i].c_str();
    }
    const int count = static_cast<int>(params.size());
    if (const std::string* name = StatementName(sql)) {
      return Checked(
          Result(PQexecPrepared(connection_.get(), name->c_str(), count, values.data(), nullptr, nullptr, 0)), sql);
    }
    const std::string text(sql);
    return Checked(
        Result(PQexecParams(connection_.get(), text.c_str(), count, nullptr, values.data(), nullptr, nullptr, 0)), sql);
  }

  // The name of the server-side prepared statement for `sql`, prepared now if new, or nullptr when the cache is full.
  const std::string* StatementName(std::string_view sql) {
    if (auto found = prepared_.find(sql); found != prepared_.end()) return &found->second;
    if (prepared_.size() >= kMaxCachedStatements) return nullptr;
    std::string name = "khetane_" + std::to_string(prepared_.size() + 1);
    std::string text(sql);
    // Cached only once the server accepted it: a statement that failed to prepare is tried again next time.
    Checked(Result(PQprepare(connection_.get(), name.c_str(), text.c_str(), 0, nullptr)), sql);
    return &prepared_.emplace(std::move(text), std::move(name)).first->second;
  }

  // Returns `result` when the statement succeeded, and throws the db::Error it amounts to otherwise.
  Result Checked(Result result, std::string_view sql) {
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return result;
    MarkFailed();
    // A null result (out of memory, nothing sent) carries no message: the connection's last one says why.
    std::string message = OneLine(result ? PQresultErrorMessage(result.get()) : PQerrorMessage(connection_.get()));
    if (PQstatus(connection_.get()) == CONNECTION_BAD) {
      broken_ = true;
      throw Error(ErrorKind::kUnavailable, "lost the connection to PostgreSQL: " + message);
    }
    const char* sqlstate = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
    throw Error(KindOf(sqlstate != nullptr ? sqlstate : ""), message + " (in: " + OneLine(sql) + ")");
  }

  void RunPlain(const char* sql) {
    CheckConnected();
    Checked(Result(PQexec(connection_.get(), sql)), sql);
  }

  void CheckConnected() const {
    if (broken_) throw Error(ErrorKind::kUnavailable, "the connection to PostgreSQL was lost");
  }

  // After a failure inside a transaction the server refuses everything until ROLLBACK; say why, without a round trip.
  void CheckUsable() const {
    CheckConnected();
    if (in_transaction_ && failed_) {
      throw Error(ErrorKind::kOther, "a statement in this transaction failed: roll back before running more");
    }
  }

  void MarkFailed() {
    if (in_transaction_) failed_ = true;
  }

  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  // libpq never reconnects by itself (only PQreset does, which we never call): a transaction cannot silently
  // continue as autocommit statements on a new session.
  ConnectionHandle connection_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> prepared_;
  bool in_transaction_ = false;
  bool failed_ = false;
  bool broken_ = false;
};

}  // namespace

std::string RedactPostgresUrl(std::string_view url) {
  std::string result(url);
  // postgresql://user:password@host…: drop ":password".
  auto scheme = result.find("://");
  if (scheme != std::string::npos) {
    auto authority = scheme + 3;
    auto authority_end = result.find_first_of("/?", authority);
    auto at = result.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end - 1);
    if (at != std::string::npos && at >= authority) {
      auto colon = result.find(':', authority);
      if (colon < at) result.erase(colon, at - colon);
    }
  }
  // …?password=secret&…: drop the parameter.
  for (std::string key : {"?password=", "&password="}) {
    auto start = result.find(key);
    if (start == std::string::npos) continue;
    auto end = result.find('&', start + 1);
    result.erase(start + 1, end == std::string::npos ? std::string::npos : end - start);
    if (!result.empty() && (result.back() == '&' || result.back() == '?')) result.pop_back();
  }
  return result;
}

PostgresDatabase::PostgresDatabase(std::string url, std::size_t pool_size)
    : Database(pool_size), display_(RedactPostgresUrl(url)) {
  // Without a timeout, a host that drops packets would hang start-up for minutes.
  url_ = WithDefault(WithDefault(std::move(url), "connect_timeout", "10"), "application_name", "khetane");
}

std::unique_ptr<Connection> PostgresDatabase::Connect() {
  ConnectionHandle connection(PQconnectdb(url_.c_str()));
  if (PQstatus(connection.get()) != CONNECTION_OK) {  // PQstatus(nullptr), out of memory, is CONNECTION_BAD too
    std::string reason = connection ? OneLine(PQerrorMessage(connection.get()), 500) : "out of memory";
    throw Error(ErrorKind::kCannotOpen, "cannot open PostgreSQL database " + display_ + ": " + reason);
  }
  return std::make_unique<PostgresConnection>(std::move(connection));
}

}  // namespace db
