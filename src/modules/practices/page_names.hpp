#pragma once
// What the practice platform's pages need to name places, countries and areas in the reader's language.

#include <map>
#include <string>
#include <vector>

#include "modules/practices/practices_service.hpp"
#include "web/reader.hpp"

namespace practices {

struct Names {
  std::map<std::string, std::string, std::less<>> countries;
  std::map<std::string, std::string, std::less<>> areas;

  Names(const web::Reader& reader, PracticesService& service) {
    for (const places::Country& country : service.places().ListCountries()) {
      countries[country.code] = reader.Localised(country.name_bg, country.name_en);
    }
    for (const auto& area : service.Areas()) areas[area.code] = reader.Localised(area.name_bg, area.name_en);
  }
  // "" for Bulgaria: its places need no country beside them on a Bulgarian site.
  std::string CountryOf(const std::string& code) const {
    if (code == places::kBulgaria) return "";
    const auto found = countries.find(code);
    return found == countries.end() ? code : found->second;
  }
  std::string AreasOf(const std::vector<std::string>& codes) const {
    std::string text;
    for (const std::string& code : codes) {
      const auto found = areas.find(code);
      (text += text.empty() ? "" : ", ") += found == areas.end() ? code : found->second;
    }
    return text;
  }
  // "Каварна" on a Bulgarian's page, "Gent, Belgium" for another country's.
  template <typename Place>
  std::string PlaceOf(const web::Reader& reader, const Place& place) const {
    std::string text = reader.Localised(place.name_bg, place.name_en);
    if (const std::string country = CountryOf(place.country_code); !country.empty()) text += ", " + country;
    return text;
  }
};

}  // namespace practices
