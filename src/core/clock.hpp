#pragma once
// What time it is, as services ask it: the application provides one clock to every service (kernel services), and a
// test gives a service a FixedClock that it sets and advances, so that a deadline (a link that expires after its
// lifetime, a session that times out, a message tried again after a back-off) is proved without sleeping.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace core {

class Clock {
 public:
  virtual ~Clock() = default;
  // Unix seconds.
  virtual std::int64_t Now() const = 0;
};

// The system's clock: what the server and the command line use.
class SystemClock final : public Clock {
 public:
  std::int64_t Now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that stands still until a test moves it. Safe to read from several threads while one moves it.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t now) : now_(now) {}
  std::int64_t Now() const override { return now_.load(); }
  void Set(std::int64_t now) { now_.store(now); }
  void Advance(std::chrono::seconds by) { now_.fetch_add(by.count()); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace core
