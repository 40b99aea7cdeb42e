// libFuzzer target for formats::ReadTable: whatever the bytes, it returns a table or a FormatError, and never
// crashes, hangs, leaks or reads out of bounds (AddressSanitizer and UndefinedBehaviorSanitizer are on).
// A table it returns also survives WriteCsv and ReadTable unchanged.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target read_table_fuzz -j2
//   mkdir -p build/fuzz/corpus && build/fuzz/read_table_fuzz -max_total_time=300 build/fuzz/corpus

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  formats::ReadLimits limits;  // small enough that one input stays quick
  limits.max_uncompressed_bytes = 4 << 20;
  limits.max_rows = 10'000;
  limits.max_cells = 100'000;
  const auto table = formats::ReadTable(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (!table.ok()) {
    if (table.error().message.empty()) std::abort();
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const core::CsvRow& row : table->rows) {
    if (row.fields.size() < table->rows.front().fields.size()) std::abort();
    rows.push_back(row.fields);
  }
  const auto again = formats::ReadTable(formats::WriteCsv(rows), {});
  if (!again.ok() || again->rows.size() != rows.size()) std::abort();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (again->rows[i].fields != rows[i]) std::abort();
  }
  return 0;
}
