#pragma once
// SQLite backend: one file, WAL, one writer at a time and readers in parallel.

#include <memory>
#include <string>

#include "db/database.hpp"

namespace db {

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, std::size_t pool_size, Durability durability = Durability::kNormal);
  Backend backend() const override { return Backend::kSqlite; }
  std::optional<std::int64_t> LibraryMemoryBytes() const override;

 protected:
  std::unique_ptr<Connection> Connect() override;

 private:
  std::string path_;
  Durability durability_;
};

}  // namespace db
