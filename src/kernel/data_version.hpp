#pragma once
// The data version of the site: a number in the database that moves on after every change (a form sent, a command
// run). What is kept of pages for visitors (web::ResponseCache) is kept under it. Each process reads it again when
// its last reading is older than `recheck`, so that a change made by another process (a second server over the same
// PostgreSQL, `khetane import plan` beside a running server) reaches its visitors within that time; a change made by
// this process reaches them at once.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
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

// A value worked out from the data, kept until the data changes: what several figures or pages share (every
// municipality's monitoring figures, read once for the three measures made of them). Safe to share between threads;
// two threads may work it out at once after a change, and the later one's stays.
template <typename T>
class KeptUntilChange {
 public:
  KeptUntilChange(DataVersion& version, std::function<T()> work) : version_(version), work_(std::move(work)) {}

  std::shared_ptr<const T> Get() {
    const std::int64_t now = version_.Current();
    {
      std::lock_guard lock(mutex_);
      if (value_ && made_at_ == now) return value_;
    }
    auto value = std::make_shared<const T>(work_());
    std::lock_guard lock(mutex_);
    value_ = value;
    made_at_ = now;
    return value;
  }

 private:
  DataVersion& version_;
  std::function<T()> work_;
  std::mutex mutex_;
  std::shared_ptr<const T> value_;
  std::int64_t made_at_ = -1;
};

}  // namespace kernel
