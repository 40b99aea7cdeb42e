#include "db/postgres_database.hpp"

#include <charconv>
#include <pqxx/pqxx>
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
constexpr pqxx::oid kBoolOid = 16;
constexpr pqxx::oid kInt8Oid = 20;
constexpr pqxx::oid kInt2Oid = 21;
constexpr pqxx::oid kInt4Oid = 23;
constexpr pqxx::oid kFloat4Oid = 700;
constexpr pqxx::oid kFloat8Oid = 701;
constexpr pqxx::oid kByteaOid = 17;

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

ErrorKind KindOf(const std::string& sqlstate) {
  // PostgreSQL Appendix A, class 23 — integrity constraint violation.
  if (sqlstate == "23505") return ErrorKind::kUniqueViolation;
  if (sqlstate == "23503") return ErrorKind::kForeignKeyViolation;
  if (sqlstate == "23502") return ErrorKind::kNotNullViolation;
  if (sqlstate == "23514") return ErrorKind::kCheckViolation;
  return ErrorKind::kOther;
}

Value ReadField(const pqxx::field& field, pqxx::oid type) {
  if (field.is_null()) return nullptr;
  std::string_view text(field.c_str(), field.size());
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
  // Throws pqxx::broken_connection when the server cannot be reached.
  explicit PostgresConnection(const std::string& url) : connection_(url), quiet_(connection_) {
    // libpqxx 6 silently reconnects a broken connection; a transaction would continue as autocommit statements.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    connection_.inhibit_reactivation(true);
#pragma GCC diagnostic pop
  }

  Rows Query(std::string_view sql, const Params& params) override {
    pqxx::result result = Run(sql, params);
    Rows rows;
    rows.reserve(result.size());
    const auto columns = result.columns();
    std::vector<pqxx::oid> types(columns);
    for (pqxx::row_size_type column = 0; column < columns; ++column) types[column] = result.column_type(column);
    for (const auto& row : result) {
      std::vector<Value> values;
      values.reserve(columns);
      for (pqxx::row_size_type column = 0; column < columns; ++column) {
        values.push_back(ReadField(row[column], types[column]));
      }
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  std::int64_t Execute(std::string_view sql, const Params& params) override {
    return static_cast<std::int64_t>(Run(sql, params).affected_rows());
  }

  void ExecuteScript(std::string_view sql) override {
    CheckUsable();
    Guarded(sql, [&](pqxx::nontransaction& work) { return work.exec(std::string(sql)); });
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
    return !broken_ && connection_.is_open();
  }

 private:
  pqxx::result Run(std::string_view sql, const Params& params) {
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
        if (texts[i].find('\0') != std::string::npos) {
          MarkFailed();
          throw Error(ErrorKind::kOther, "text parameter $" + std::to_string(i + 1) + " contains a NUL byte");
        }
      }
      values[i] = texts[i].c_str();
    }
    const std::string* name = StatementName(sql);
    return Guarded(sql, [&](pqxx::nontransaction& work) {
      auto dynamic = pqxx::prepare::make_dynamic_params(values);
      return name != nullptr ? work.exec_prepared(*name, dynamic) : work.exec_params(std::string(sql), dynamic);
    });
  }

  // The name of the server-side prepared statement for `sql`, or nullptr when the cache is full.
  // libpqxx prepares lazily, at first execution.
  const std::string* StatementName(std::string_view sql) {
    if (auto found = prepared_.find(sql); found != prepared_.end()) return &found->second;
    if (prepared_.size() >= kMaxCachedStatements) return nullptr;
    std::string name = "khetane_" + std::to_string(prepared_.size() + 1);
    connection_.prepare(name, std::string(sql));
    return &prepared_.emplace(std::string(sql), std::move(name)).first->second;
  }

  // Runs `work` in libpqxx's no-op transaction (our BEGIN/COMMIT are plain statements) and translates failures.
  template <typename Work>
  pqxx::result Guarded(std::string_view sql, Work&& work) {
    try {
      pqxx::nontransaction transaction(connection_);
      return work(transaction);
    } catch (const pqxx::broken_connection& error) {
      MarkFailed();
      // libpqxx also reports SQLSTATE class 08 this way ("bind message supplies 1 parameters, but … requires 2")
      // while the session is fine.
      if (connection_.is_open()) throw Error(ErrorKind::kOther, OneLine(error.what()) + " (in: " + OneLine(sql) + ")");
      broken_ = true;
      throw Error(ErrorKind::kUnavailable, "lost the connection to PostgreSQL: " + OneLine(error.what()));
    } catch (const pqxx::sql_error& error) {
      MarkFailed();
      throw Error(KindOf(error.sqlstate()), OneLine(error.what()) + " (in: " + OneLine(sql) + ")");
    } catch (const std::exception& error) {
      if (!connection_.is_open()) broken_ = true;
      MarkFailed();
      throw Error(ErrorKind::kOther, OneLine(error.what()) + " (in: " + OneLine(sql) + ")");
    }
  }

  void RunPlain(const char* sql) {
    CheckConnected();
    Guarded(sql, [&](pqxx::nontransaction& work) { return work.exec(sql); });
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

  pqxx::connection connection_;
  pqxx::quiet_errorhandler quiet_;  // notices ("there is no transaction in progress") would go to stderr
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
  try {
    return std::make_unique<PostgresConnection>(url_);
  } catch (const std::exception& error) {
    std::string reason = OneLine(error.what(), 500);
    throw Error(ErrorKind::kCannotOpen, "cannot open PostgreSQL database " + display_ + ": " + reason);
  }
}

}  // namespace db
