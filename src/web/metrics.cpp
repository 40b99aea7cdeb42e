#include "web/metrics.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace web {

void RequestMetrics::Count(http::Method method, int status, std::chrono::microseconds duration) noexcept {
  const auto method_index = std::min<std::size_t>(static_cast<std::size_t>(method), kMethods - 1);
  const auto status_class = static_cast<std::size_t>(std::clamp(status / 100, 1, 5) - 1);
  requests_[method_index][status_class].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(duration).count();
  const auto bucket = static_cast<std::size_t>(std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) -
                                               kBuckets.begin());  // le: a bound holds itself
  durations_[bucket].fetch_add(1, std::memory_order_relaxed);
  duration_micros_.fetch_add(static_cast<std::uint64_t>(duration.count()), std::memory_order_relaxed);
}

std::string RequestMetrics::Exposition(const std::vector<Gauge>& gauges) const {
  std::string text;
  auto out = std::back_inserter(text);
  fmt::format_to(out,
                 "# HELP khetane_http_requests_total Requests answered, by method and status class.\n"
                 "# TYPE khetane_http_requests_total counter\n");
  for (std::size_t method = 0; method < kMethods; ++method) {
    for (std::size_t status_class = 0; status_class < kClasses; ++status_class) {
      const auto count = requests_[method][status_class].load(std::memory_order_relaxed);
      if (count == 0) continue;
      fmt::format_to(out, "khetane_http_requests_total{{method=\"{}\",code=\"{}xx\"}} {}\n",
                     http::MethodName(static_cast<http::Method>(method)), status_class + 1, count);
    }
  }
  fmt::format_to(out,
                 "# HELP khetane_http_request_duration_seconds Time from a request's arrival at the application to "
                 "its answer.\n"
                 "# TYPE khetane_http_request_duration_seconds histogram\n");
  std::uint64_t cumulative = 0;
  for (std::size_t bucket = 0; bucket < durations_.size(); ++bucket) {
    cumulative += durations_[bucket].load(std::memory_order_relaxed);
    if (bucket < kBuckets.size()) {
      fmt::format_to(out, "khetane_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[bucket],
                     cumulative);
    } else {
      fmt::format_to(out, "khetane_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
    }
  }
  fmt::format_to(out, "khetane_http_request_duration_seconds_sum {}\n",
                 static_cast<double>(duration_micros_.load(std::memory_order_relaxed)) / 1e6);
  fmt::format_to(out, "khetane_http_request_duration_seconds_count {}\n", cumulative);

  std::string previous;
  for (const Gauge& gauge : gauges) {
    if (gauge.name != previous) {
      fmt::format_to(out, "# HELP {} {}\n# TYPE {} gauge\n", gauge.name, gauge.help, gauge.name);
      previous = gauge.name;
    }
    if (gauge.labels.empty()) {
      fmt::format_to(out, "{} {}\n", gauge.name, gauge.value);
    } else {
      fmt::format_to(out, "{}{{{}}} {}\n", gauge.name, gauge.labels, gauge.value);
    }
  }
  return text;
}

std::vector<Gauge> ProcessGauges() {
  std::vector<Gauge> gauges;
  // statm: size and resident, in pages.
  if (std::ifstream statm("/proc/self/statm"); statm) {
    std::uint64_t size = 0;
    std::uint64_t resident = 0;
    if (statm >> size >> resident) {
      gauges.push_back({"process_resident_memory_bytes", "Resident memory size in bytes.", "",
                        static_cast<double>(resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE)))});
    }
  }
  std::error_code error;
  std::size_t descriptors = 0;
  for (auto entry = std::filesystem::directory_iterator("/proc/self/fd", error);
       !error && entry != std::filesystem::directory_iterator(); entry.increment(error)) {
    ++descriptors;
  }
  if (!error) {
    gauges.push_back({"process_open_fds", "Number of open file descriptors.", "", static_cast<double>(descriptors)});
  }
  // stat's 22nd field: when the process started, in clock ticks after boot; btime in /proc/stat: the boot.
  std::ifstream stat("/proc/self/stat");
  std::string line;
  std::getline(stat, line);
  const auto after_name = line.rfind(')');  // the name may hold spaces and parentheses
  std::ifstream system_stat("/proc/stat");
  std::string word;
  double boot = 0;
  while (system_stat >> word) {
    if (word == "btime") {
      system_stat >> boot;
      break;
    }
  }
  if (after_name != std::string::npos && boot > 0) {
    std::istringstream fields(line.substr(after_name + 2));
    std::string field;
    for (int index = 3; index <= 22 && fields >> field; ++index) {
      if (index == 22) {
        gauges.push_back({"process_start_time_seconds", "Start time of the process since the epoch, in seconds.", "",
                          boot + std::stod(field) / static_cast<double>(sysconf(_SC_CLK_TCK))});
      }
    }
  }
  return gauges;
}

}  // namespace web
