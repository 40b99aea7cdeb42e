// libFuzzer target for the dataValues files statistical offices exchange (indicators::ReadDataValues and
// DataValuesTable): whatever the bytes, reading them never crashes, hangs or reads out of bounds; every problem has
// its line and a message; and the rows read without a problem, written again and read back, come back unchanged
// (but for their lines), so that an export Khetane writes is what it imports.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target dhis2_values_fuzz -j2
//   mkdir -p build/fuzz/dhis2_values && build/fuzz/dhis2_values_fuzz -max_total_time=300 build/fuzz/dhis2_values \
//     fuzz/corpus/dhis2_values

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "formats/table.hpp"
#include "modules/indicators/dhis2_exchange.hpp"

namespace {

std::vector<indicators::DataValue> WithoutLines(std::vector<indicators::DataValue> values) {
  for (indicators::DataValue& value : values) value.line = 0;
  return values;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  formats::ReadLimits limits;  // small enough that one input stays quick
  limits.max_uncompressed_bytes = 4 << 20;
  limits.max_rows = 10'000;
  limits.max_cells = 100'000;
  const auto table = formats::ReadTable(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (!table.ok()) return 0;

  const indicators::DataValues read = indicators::ReadDataValues(*table);
  std::size_t last_line = 0;
  for (const indicators::ExchangeProblem& problem : read.problems) {
    if (problem.line == 0 || problem.line < last_line || problem.message.empty()) std::abort();
    last_line = problem.line;
  }
  if (read.rows.size() + 1 > table->rows.size()) std::abort();

  const auto again = formats::ReadTable(formats::WriteCsv(indicators::DataValuesTable(read.rows)), {});
  if (!again.ok()) std::abort();
  const indicators::DataValues read_again = indicators::ReadDataValues(*again);
  if (!read_again.problems.empty()) std::abort();
  if (WithoutLines(read_again.rows) != WithoutLines(read.rows)) std::abort();
  return 0;
}
