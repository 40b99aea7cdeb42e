// What search keys and collation cost (core::SearchKey, core::Collator): the keys of Bulgaria's 5,256 settlements
// (Cyrillic: the Transliteration Act's table, no ICU), of Czechia's 6,258 municipalities (accented Latin: ICU's
// Latin-ASCII), and both lists sorted in their language's order. Reports the median of RUNS passes, in nanoseconds a
// name, and the first key of a thread, which builds ICU's transliterator.
//
//   cmake --preset release && cmake --build build/release --target search_keys_bench
//   build/release/search_keys_bench [RUNS]     (from the repository's root: it reads data/bg and ../shared/data/cz)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/collation.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// The column `name` of a CSV file with a header.
std::vector<std::string> NamesIn(const char* path) {
  std::ifstream file(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const auto table = core::ParseCsv(text);
  std::vector<std::string> names;
  if (!table.ok() || table->empty()) return names;
  const auto& header = table->front().fields;
  const auto column = static_cast<std::size_t>(std::find(header.begin(), header.end(), "name") - header.begin());
  for (std::size_t row = 1; row < table->size(); ++row) names.push_back((*table)[row].fields.at(column));
  return names;
}

template <typename Work>
double MedianNanosecondsEach(int runs, std::size_t count, Work&& work) {
  std::vector<double> each;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    work();
    each.push_back(std::chrono::duration<double, std::nano>(Clock::now() - start).count() / static_cast<double>(count));
  }
  std::sort(each.begin(), each.end());
  return each[each.size() / 2];
}

void Measure(const char* title, const std::vector<std::string>& names, const char* language, int runs) {
  std::size_t total = 0;
  const double keys = MedianNanosecondsEach(runs, names.size(), [&] {
    for (const std::string& name : names) total += core::SearchKey(name).size();
  });
  const core::Collator collator(language);
  const double sort = MedianNanosecondsEach(runs, names.size(), [&] {
    std::vector<std::string> sorted = names;
    std::sort(sorted.begin(), sorted.end(), [&](const std::string& a, const std::string& b) { return collator(a, b); });
  });
  const double bytes = MedianNanosecondsEach(runs, names.size(), [&] {
    std::vector<std::string> sorted = names;
    std::sort(sorted.begin(), sorted.end());
  });
  std::printf("%-34s %6zu names  key %7.0f ns  sort (%s) %5.0f ns  sort by bytes %4.0f ns  a name (%zu)\n", title,
              names.size(), keys, language, sort, bytes, total % 10);
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
  const auto bulgarian = NamesIn("data/bg/EKATTE_Settlements.csv");
  const auto czech = NamesIn("../shared/data/cz/municipalities.csv");
  if (bulgarian.empty() || czech.empty()) {
    std::fprintf(stderr, "run from the repository's root: data/bg and ../shared/data/cz are read\n");
    return 1;
  }
  double first = 0;
  std::thread([&] {
    const auto start = Clock::now();
    core::SearchKey("Přívoz");
    first = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  }).join();
  std::printf("first accented key of a thread (builds ICU's transliterator): %.1f ms\n", first);
  Measure("Bulgarian settlements (Cyrillic)", bulgarian, "bg", runs);
  Measure("Czech municipalities (accented)", czech, "cs", runs);
  return 0;
}
