#pragma once
// What the server has answered since it started, for monitoring: requests counted by method and status class, and
// their durations in a histogram, in the Prometheus text format (`/metrics`, routed by the application). Counting
// takes a few atomic additions, no lock: it runs on every request.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "http/request.hpp"

namespace web {

// One value of a gauge measured when the metrics are read: the pool's connections, the mail waiting, the process's
// memory.
struct Gauge {
  std::string name;    // khetane_db_connections
  std::string help;    // one line
  std::string labels;  // state="idle", or ""
  double value = 0;
};

class RequestMetrics {
 public:
  // The upper bounds of the duration histogram's buckets, in seconds (and +Inf).
  static constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  void Count(http::Method method, int status, std::chrono::microseconds duration) noexcept;

  // The Prometheus text exposition (version 0.0.4) of the counts and `gauges`; gauges of one name are written
  // together under one HELP and TYPE, in the order given.
  std::string Exposition(const std::vector<Gauge>& gauges) const;

 private:
  static constexpr std::size_t kMethods = 8;  // http::Method's values
  static constexpr std::size_t kClasses = 5;  // 1xx … 5xx
  std::array<std::array<std::atomic<std::uint64_t>, kClasses>, kMethods> requests_{};
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> durations_{};  // per bucket, not cumulative
  std::atomic<std::uint64_t> duration_micros_ = 0;
};

// Gauges of this process from /proc/self: resident memory, open descriptors, when it started.
std::vector<Gauge> ProcessGauges();

}  // namespace web
