#pragma once
// What a municipality's page shows beside its reference data: each module adds its part (the policies module the
// municipality's plans and gaps; later monitoring and meetings). Asked on every visit, after the page's cached body,
// and a module with nothing for the place adds nothing.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace kernel {

// The section's HTML (the module's own template, rendered), or nothing.
using PlaceSectionSource =
    std::function<std::optional<std::string>(const http::Request& request, std::string_view municipality_code)>;

class PlaceSections {
 public:
  void Add(PlaceSectionSource source) { sources_.push_back(std::move(source)); }

  std::string HtmlFor(const http::Request& request, std::string_view municipality_code) const {
    std::string html;
    for (const PlaceSectionSource& source : sources_) {
      if (auto section = source(request, municipality_code)) html += *section;
    }
    return html;
  }

 private:
  std::vector<PlaceSectionSource> sources_;
};

}  // namespace kernel
