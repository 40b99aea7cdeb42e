#pragma once
// A fresh, isolated database for one test, on the backend the environment chooses:
// - KHETANE_TEST_POSTGRES_URL set (scripts/with-postgres sets it): a new schema t_<random> in that database, made the
//   only entry of search_path for every pooled connection (through the URL's options), dropped at the end;
// - otherwise: a new SQLite file in a new temporary directory, removed at the end.
//
//   TEST(MeasureStore, RejectsDuplicateCodeWithinPlan) {
//     test_support::TestDatabase database;
//     db::Migrate(*database, {{"policies", "src/modules/policies/migrations"}});
//     PolicyStore store(*database);
//     …
//   }

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include "db/database.hpp"

namespace test_support {

inline constexpr const char* kPostgresUrlVariable = "KHETANE_TEST_POSTGRES_URL";

// The PostgreSQL URL tests should use, or "" for SQLite.
inline std::string TestPostgresUrl() {
  const char* url = std::getenv(kPostgresUrlVariable);
  return url != nullptr ? url : "";
}

inline const char* BackendName(db::Backend backend) {
  return backend == db::Backend::kPostgres ? "postgres" : "sqlite";
}

class TestDatabase {
 public:
  explicit TestDatabase(std::size_t pool_size = 4) {
    std::string base_url = TestPostgresUrl();
    if (base_url.empty()) {
      OpenSqlite(pool_size);
    } else {
      OpenPostgres(base_url, pool_size);
    }
    Announce();
  }

  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  ~TestDatabase() {
    database_.reset();  // every pooled connection closes before the schema or file goes
    try {
      if (admin_ != nullptr) admin_->Acquire()->Execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    } catch (const std::exception& error) {
      std::fprintf(stderr, "TestDatabase: could not drop schema %s: %s\n", schema_.c_str(), error.what());
    }
    admin_.reset();
    if (!directory_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(directory_, ignored);
    }
  }

  db::Database& operator*() { return *database_; }
  db::Database* operator->() { return database_.get(); }
  db::Backend backend() const { return database_->backend(); }

  // Opens the same data again: db::Database::Open({.target = database.target()}) (a second process, say).
  const std::string& target() const { return target_; }

 private:
  void OpenSqlite(std::size_t pool_size) {
    std::string pattern = (std::filesystem::temp_directory_path() / "khetane-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("TestDatabase: mkdtemp failed for " + pattern);
    directory_ = pattern;
    target_ = (directory_ / "test.db").string();
    database_ = db::Database::Open({.target = target_, .pool_size = pool_size});
  }

  void OpenPostgres(const std::string& base_url, std::size_t pool_size) {
    std::random_device random;
    char name[24];
    std::snprintf(name, sizeof name, "t_%08x%08x", random(), random());
    schema_ = name;
    admin_ = db::Database::Open({.target = base_url, .pool_size = 1});
    admin_->Acquire()->Execute("CREATE SCHEMA " + schema_);
    // libpq sends `options` at connection start, so every connection of the pool (and a reconnect) gets it.
    target_ = base_url + (base_url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
    try {
      database_ = db::Database::Open({.target = target_, .pool_size = pool_size});
    } catch (...) {
      admin_->Acquire()->Execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
      throw;
    }
  }

  void Announce() const {
    const char* name = BackendName(database_->backend());
    if (::testing::UnitTest::GetInstance()->current_test_info() != nullptr) {
      ::testing::Test::RecordProperty("backend", name);
    }
    static std::once_flag once;
    std::call_once(once, [name] { std::fprintf(stderr, "[ backend  ] storage tests run on %s\n", name); });
  }

  std::string target_;
  std::string schema_;                   // PostgreSQL only
  std::unique_ptr<db::Database> admin_;  // PostgreSQL only: creates and drops the schema
  std::filesystem::path directory_;      // SQLite only
  std::unique_ptr<db::Database> database_;
};

}  // namespace test_support
