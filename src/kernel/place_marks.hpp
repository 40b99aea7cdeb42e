#pragma once
// Which municipalities another module marks on the places' maps and tables, by name: the policies module marks those
// with an adopted municipal action plan; later, say, those a monitor follows. The places module asks for a mark on each
// request that shows it and knows nothing of the module behind it; a mark nobody provides marks nothing.

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace kernel {

// Municipalities with an adopted municipal action plan (not a draft, not superseded).
inline constexpr std::string_view kAdoptedMunicipalPlan = "adopted-municipal-plan";

// What marks one municipality, as the reader should see it.
struct PlaceMark {
  std::string title;  // in the reader's language: the plan's title
  std::string url;    // its page; may be empty
  bool demo = false;  // invented demonstration data: say so wherever the mark is shown
};

// The marked municipalities by code, each with what marks it (a municipality may have two adopted plans).
using MarkedPlaces = std::map<std::string, std::vector<PlaceMark>, std::less<>>;
// Asked on each request that shows the mark: one query is the expected cost. `request` gives the reader's language.
using PlaceMarkSource = std::function<MarkedPlaces(const http::Request& request)>;

class PlaceMarks {
 public:
  // Throws std::logic_error when a module already provides a mark of this name: a wiring mistake, found at start.
  void Add(std::string_view name, PlaceMarkSource source) {
    if (!sources_.emplace(std::string(name), std::move(source)).second) {
      throw std::logic_error("the place mark " + std::string(name) + " is provided twice");
    }
  }

  bool Has(std::string_view name) const { return sources_.find(name) != sources_.end(); }

  // The places `name` marks now; none when no module provides the mark.
  MarkedPlaces Find(const http::Request& request, std::string_view name) const {
    const auto found = sources_.find(name);
    return found == sources_.end() ? MarkedPlaces{} : found->second(request);
  }

 private:
  std::map<std::string, PlaceMarkSource, std::less<>> sources_;
};

}  // namespace kernel
