#pragma once
// Saves from one version at the same moment, as people pressing Save on one form together: the store's version check,
// inside its write, must let exactly one through (docs/DEVELOPING.md, "Versions and conflicts").

#include <atomic>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace test_support {

struct SavesAtOnce {
  int accepted = 0;
  int conflicts = 0;  // refused as changed meanwhile (core::ErrorKind::kConflict)
  int other = 0;      // refused for another reason
};

// Runs `save(i)` for each i below `count` on threads of their own, all at once; each returns a core::Result.
template <typename Save>
SavesAtOnce SaveAtOnce(int count, Save save) {
  std::atomic<int> accepted{0};
  std::atomic<int> conflicts{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i) {
    threads.emplace_back([&, i] {
      const auto saved = save(i);
      if (saved.ok()) {
        ++accepted;
      } else if (saved.error().kind == core::ErrorKind::kConflict) {
        ++conflicts;
      } else {
        ++other;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  return {accepted.load(), conflicts.load(), other.load()};
}

}  // namespace test_support
