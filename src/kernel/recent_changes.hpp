#pragma once
// What changed lately, told to the public: a plan adopted, assessments verified, values approved. Each module tells
// its own, in the reader's language and without naming private people; the home page lists the week's.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "http/request.hpp"

namespace kernel {

struct RecentChange {
  std::int64_t at = 0;  // Unix seconds
  std::string text;     // in the reader's language: "Лом: 3 community assessments verified"
  std::string url;      // where to read more; may be empty
  bool demo = false;
};

// The changes since `since` (Unix seconds), newest first, at most `limit`.
using RecentChangeSource =
    std::function<std::vector<RecentChange>(const http::Request& request, std::int64_t since, std::size_t limit)>;

class RecentChanges {
 public:
  void Add(RecentChangeSource source) { sources_.push_back(std::move(source)); }

  // Every module's changes since `since`, newest first, at most `limit`.
  std::vector<RecentChange> Since(const http::Request& request, std::int64_t since, std::size_t limit) const {
    std::vector<RecentChange> all;
    for (const RecentChangeSource& source : sources_) {
      for (RecentChange& change : source(request, since, limit)) all.push_back(std::move(change));
    }
    std::stable_sort(all.begin(), all.end(), [](const RecentChange& a, const RecentChange& b) { return a.at > b.at; });
    if (all.size() > limit) all.resize(limit);
    return all;
  }

 private:
  std::vector<RecentChangeSource> sources_;
};

}  // namespace kernel
