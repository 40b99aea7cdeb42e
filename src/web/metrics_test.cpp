#include "web/metrics.hpp"

#include <gtest/gtest.h>

namespace {

using std::chrono::milliseconds;

bool Has(const std::string& text, const std::string& line) { return text.find(line + "\n") != std::string::npos; }

TEST(RequestMetrics, CountsRequestsByMethodAndStatusClassWithTheirDurations) {
  web::RequestMetrics metrics;
  metrics.Count(http::Method::kGet, 200, milliseconds(3));
  metrics.Count(http::Method::kGet, 204, milliseconds(200));
  metrics.Count(http::Method::kPost, 303, milliseconds(20'000));
  metrics.Count(http::Method::kGet, 404, milliseconds(5));  // on a bound: in its bucket (le means "at most")
  const std::string text = metrics.Exposition({});
  EXPECT_TRUE(Has(text, "khetane_http_requests_total{method=\"GET\",code=\"2xx\"} 2")) << text;
  EXPECT_TRUE(Has(text, "khetane_http_requests_total{method=\"GET\",code=\"4xx\"} 1"));
  EXPECT_TRUE(Has(text, "khetane_http_requests_total{method=\"POST\",code=\"3xx\"} 1"));
  EXPECT_EQ(text.find("code=\"5xx\""), std::string::npos) << "a count that never moved is left out";
  // Buckets are cumulative: what took at most 5 ms, at most 250 ms, and everything.
  EXPECT_TRUE(Has(text, "khetane_http_request_duration_seconds_bucket{le=\"0.005\"} 2"));
  EXPECT_TRUE(Has(text, "khetane_http_request_duration_seconds_bucket{le=\"0.1\"} 2"));
  EXPECT_TRUE(Has(text, "khetane_http_request_duration_seconds_bucket{le=\"0.25\"} 3"));
  EXPECT_TRUE(Has(text, "khetane_http_request_duration_seconds_bucket{le=\"10\"} 3"));
  EXPECT_TRUE(Has(text, "khetane_http_request_duration_seconds_bucket{le=\"+Inf\"} 4"));
  EXPECT_TRUE(Has(text, "khetane_http_request_duration_seconds_count 4"));
  EXPECT_TRUE(Has(text, "khetane_http_request_duration_seconds_sum 20.208"));
  EXPECT_TRUE(Has(text, "# TYPE khetane_http_request_duration_seconds histogram"));
}

TEST(RequestMetrics, WritesGaugesOfOneNameUnderOneHeading) {
  const std::string text = web::RequestMetrics().Exposition({
      {"khetane_db_connections", "Connections.", "state=\"in_use\"", 2},
      {"khetane_db_connections", "", "state=\"idle\"", 3},
      {"khetane_db_pool_size", "Most connections.", "", 6},
  });
  EXPECT_TRUE(Has(text,
                  "# TYPE khetane_db_connections gauge\n"
                  "khetane_db_connections{state=\"in_use\"} 2\n"
                  "khetane_db_connections{state=\"idle\"} 3"))
      << text;
  EXPECT_TRUE(Has(text,
                  "# HELP khetane_db_pool_size Most connections.\n# TYPE khetane_db_pool_size gauge\n"
                  "khetane_db_pool_size 6"));
}

TEST(ProcessGauges, TellTheResidentMemoryDescriptorsAndStartOfThisProcess) {
  double memory = 0;
  double descriptors = 0;
  double started = 0;
  for (const web::Gauge& gauge : web::ProcessGauges()) {
    if (gauge.name == "process_resident_memory_bytes") memory = gauge.value;
    if (gauge.name == "process_open_fds") descriptors = gauge.value;
    if (gauge.name == "process_start_time_seconds") started = gauge.value;
  }
  EXPECT_GT(memory, 1e6);
  EXPECT_GE(descriptors, 3) << "stdin, stdout and stderr at least";
  const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_LT(started, now + 1);
  EXPECT_GT(started, now - 24 * 3600) << "a test process started today";
}

}  // namespace
