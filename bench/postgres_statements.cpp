// What one statement costs through db::Connection on PostgreSQL, the client's share apart: wall time and this
// process's CPU time (user + system) per call, for the statements stores run most. Written to compare PostgreSQL client
// libraries (docs/DEPENDENCIES.md), where the server's work is the same and only the client's CPU differs.
//
//   cmake --build build/release --target postgres_statements_bench
//   scripts/with-postgres sh -c 'build/release/postgres_statements_bench "$KHETANE_TEST_POSTGRES_URL"'

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "db/database.hpp"

namespace {

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

template <typename Work>
void Measure(const char* label, int calls, Work&& work) {
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = CpuSeconds();
  for (int call = 0; call < calls; ++call) work(call);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = CpuSeconds() - cpu_start;
  std::printf("%-32s %9.1f µs wall %9.1f µs client CPU   (per call, %d calls)\n", label, wall * 1e6 / calls,
              cpu * 1e6 / calls, calls);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s postgresql://…   (a scratch database: the table bench_rows is made and dropped)\n",
                 argv[0]);
    return 2;
  }
  auto database = db::Database::Open({.target = argv[1], .pool_size = 1});
  auto connection = database->Acquire();
  connection->ExecuteScript(
      "DROP TABLE IF EXISTS bench_rows;"
      "CREATE TABLE bench_rows (id BIGINT PRIMARY KEY, title TEXT, amount BIGINT, share DOUBLE PRECISION, done "
      "BOOLEAN)");
  constexpr int kRows = 20000;
  Measure("insert a row of 5 values", kRows, [&](int call) {
    connection->Execute("INSERT INTO bench_rows (id, title, amount, share, done) VALUES ($1, $2, $3, $4, $5)",
                        {std::int64_t{call}, "Дейност " + std::to_string(call) + ": обучение на деца",
                         std::int64_t{call} * 37, call / 7.0, std::int64_t{call % 2}});
  });
  Measure("read a row by its key", kRows, [&](int call) {
    connection->QueryOne("SELECT id, title, amount, share, done FROM bench_rows WHERE id = $1", {std::int64_t{call}});
  });
  Measure("read 2,000 rows of 5 columns", 500, [&](int call) {
    connection->Query("SELECT id, title, amount, share, done FROM bench_rows WHERE id >= $1 ORDER BY id LIMIT 2000",
                      {std::int64_t{call * 2000 % (kRows - 2000)}});
  });
  Measure("a transaction of 10 updates", 2000, [&](int call) {
    connection->Begin();
    for (int k = 0; k < 10; ++k) {
      connection->Execute("UPDATE bench_rows SET amount = amount + 1 WHERE id = $1",
                          {std::int64_t{(call * 10 + k) % kRows}});
    }
    connection->Commit();
  });
  connection->Execute("DROP TABLE bench_rows");
}
