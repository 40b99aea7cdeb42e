// libFuzzer target for the separator detection of CSV files (core::DetectCsvSeparator, which ReadTable uses): whatever
// the bytes, it answers ',' or ';' without crashing, hanging or reading out of bounds; and rows written with either
// separator (a title holding ',' and ';' and quotes and line breaks, as Bulgarian plans have) are detected and read
// back as they were written.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target csv_separator_fuzz -j2
//   build/fuzz/csv_separator_fuzz -max_total_time=300 fuzz/corpus/csv_separator

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "formats/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const char separator = core::DetectCsvSeparator(text);
  if (separator != ',' && separator != ';') std::abort();

  // The input as the cells of a small table: a header of two names, and lines of three values cut from the input.
  if (size > 4096) return 0;
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (start < text.size() && cells.size() < 30) {
    const std::size_t end = std::min(text.find('\x01', start), text.size());
    cells.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::vector<std::vector<std::string>> rows = {{"Вид", "Заглавие; бележки, \"цитат\"", "code"}};
  for (std::size_t i = 0; i + 3 <= cells.size(); i += 3) rows.push_back({cells[i], cells[i + 1], cells[i + 2]});
  for (const char written : {',', ';'}) {
    const std::string csv = formats::WriteCsv(rows, written);
    if (core::DetectCsvSeparator(csv) != written) std::abort();
    const auto read = core::ParseCsvRows(csv, {});
    if (!read.ok() || read->size() != rows.size() || (*read)[0].fields != rows[0]) std::abort();
  }
  return 0;
}
