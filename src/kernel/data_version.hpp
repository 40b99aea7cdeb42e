#pragma once
// The data version of the site: a number in the database that moves on after every change (a form sent, a command
// run). What is kept of pages for visitors (web::ResponseCache) is kept under it. Each process reads it again when
// its last reading is older than `recheck`, so that a change made by another process (a second server over the same
// PostgreSQL, `khetane import plan` beside a running server) reaches its visitors within that time; a change made by
// this process reaches them at once.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <mutex>

#include "db/database.hpp"

namespace kernel {

class DataVersion {
 public:
  static constexpr std::chrono::milliseconds kRecheck{100};

  explicit DataVersion(db::Database& database, std::chrono::milliseconds recheck = kRecheck)
      : database_(database), recheck_(recheck) {}

  // The version now. Never throws: when the database cannot be read, the last version read stands.
  std::int64_t Current();
  // Moves the version on, after a change has been committed. Never throws: a failure is logged, and the change
  // reaches visitors when the next one does.
  void Changed() noexcept;

 private:
  db::Database& database_;
  std::chrono::milliseconds recheck_;
  std::atomic<std::int64_t> version_{0};
  std::atomic<std::int64_t> read_at_{std::numeric_limits<std::int64_t>::min() / 2};  // steady clock, in ns
  std::mutex reading_;
};

}  // namespace kernel
