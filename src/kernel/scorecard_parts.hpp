#pragma once
// The parts of a municipality's scorecard (/scorecards/{code}) that modules add: the policies module the plans by
// area, the indicators module the progress against targets, the monitoring module the official and community views,
// overdue measures, discrepancies and recent assessments; later modules their consultations and information
// requests. Each part is drawn by its module and also given as a table, so that the scorecard's CSV and XLSX carry
// what the page shows.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace kernel {

struct ScorecardPart {
  std::string heading;  // in the reader's language
  std::string html;     // the module's own template, rendered (without the heading)
  // The same facts as rows, the header first, in the reader's language, numbers as plain digits ("42.5"); empty when
  // the part has no table to give.
  std::vector<std::vector<std::string>> table;
  bool demo = false;  // holds invented demonstration data
};

using ScorecardSource =
    std::function<std::optional<ScorecardPart>(const http::Request& request, std::string_view municipality)>;

class ScorecardParts {
 public:
  void Add(ScorecardSource source) { sources_.push_back(std::move(source)); }

  std::vector<ScorecardPart> For(const http::Request& request, std::string_view municipality) const {
    std::vector<ScorecardPart> parts;
    for (const ScorecardSource& source : sources_) {
      if (auto part = source(request, municipality)) parts.push_back(std::move(*part));
    }
    return parts;
  }

 private:
  std::vector<ScorecardSource> sources_;  // in module order
};

}  // namespace kernel
