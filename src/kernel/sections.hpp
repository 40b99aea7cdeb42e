#pragma once
// Parts of one module's page that other modules add, without the page's module knowing them: each source returns the
// HTML of its own template, rendered, or nothing when it has nothing for the page. Asked on every visit.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/request.hpp"

namespace kernel {

// `Key` names what the page is about: a municipality's code, an item's id.
template <typename Key>
class Sections {
 public:
  using Source = std::function<std::optional<std::string>(const http::Request& request, Key key)>;

  void Add(Source source) { sources_.push_back(std::move(source)); }

  std::string HtmlFor(const http::Request& request, Key key) const {
    std::string html;
    for (const Source& source : sources_) {
      if (auto section = source(request, key)) html += *section;
    }
    return html;
  }

 private:
  std::vector<Source> sources_;
};

}  // namespace kernel
