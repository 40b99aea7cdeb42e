#pragma once
// PostgreSQL backend through libpq, PostgreSQL's own C client: one server session per pooled connection.

#include <memory>
#include <string>

#include "db/database.hpp"

namespace db {

class PostgresDatabase final : public Database {
 public:
  // `url` is a postgresql:// or postgres:// connection URI.
  PostgresDatabase(std::string url, std::size_t pool_size);
  Backend backend() const override { return Backend::kPostgres; }

 protected:
  std::unique_ptr<Connection> Connect() override;

 private:
  std::string url_;      // with our defaults (connect_timeout, application_name) added
  std::string display_;  // the URL without its password, for messages
};

// The URL with any password removed, fit for a log line.
std::string RedactPostgresUrl(std::string_view url);

}  // namespace db
