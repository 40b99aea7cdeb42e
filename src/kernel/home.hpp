#pragma once
// What a person finds at "/" after signing in: each module adds the sections about its part of their work (an
// official's plan and what in it needs them; later the cycles they monitor, the meetings ahead). Every section is asked
// on each visit, in module order, and a module with nothing for this person adds nothing.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "http/request.hpp"

namespace kernel {

struct HomeSection {
  std::string heading;  // in the reader's language
  std::string html;     // the module's own template, rendered
};

using HomeSectionSource =
    std::function<std::optional<HomeSection>(const http::Request& request, const core::SignedIn& user)>;

class Home {
 public:
  void Add(HomeSectionSource source) { sources_.push_back(std::move(source)); }

  // What everyone finds at "/", below the introduction or the person's own sections (the dashboards module's map of
  // the country and the week's changes): the HTML of the module's own template, or nothing.
  using FrontSource = std::function<std::optional<std::string>(http::Request& request)>;
  void AddFront(FrontSource source) { front_.push_back(std::move(source)); }
  std::string FrontFor(http::Request& request) const {
    std::string html;
    for (const FrontSource& source : front_) {
      if (auto part = source(request)) html += *part;
    }
    return html;
  }

  std::vector<HomeSection> SectionsFor(const http::Request& request, const core::SignedIn& user) const {
    std::vector<HomeSection> sections;
    for (const HomeSectionSource& source : sources_) {
      if (auto section = source(request, user)) sections.push_back(std::move(*section));
    }
    return sections;
  }

 private:
  std::vector<HomeSectionSource> sources_;
  std::vector<FrontSource> front_;
};

using HomeFrontSource = Home::FrontSource;

}  // namespace kernel
