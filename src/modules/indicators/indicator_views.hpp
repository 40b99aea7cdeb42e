#pragma once
// How the indicators' pages say things: a value with its unit, a target's rule in words, why a value was flagged,
// a place by its name. Shared by the pages, the grid and the place panel.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "modules/indicators/indicators.hpp"
#include "modules/indicators/indicators_service.hpp"
#include "web/reader.hpp"

namespace indicators {

// "53%", "4,5 п.п.", "7,5 години", "1 234" as the reader writes them.
std::string ShowValue(const web::Reader& reader, const Indicator& indicator, double value);
// "Halve the gap to the general population (95%)", "At least 95%", "Reach 12".
std::string RuleText(const web::Reader& reader, const Indicator& indicator, const TargetRule& rule);
// Why a value was flagged for review, in words; "" when it was not.
std::string ReviewText(const web::Reader& reader, std::string_view review_reason);
// A value's source as a reader names it: "Official statistic", "Civic monitoring: Амалипе", "Survey: FRA Roma
// Survey 2021".
std::string SourceText(const web::Reader& reader, const Observation& observation);

// Places by code with their names in the reader's language, read once for a page that names many.
class PlaceNames {
 public:
  PlaceNames(const web::Reader& reader, IndicatorsService& service) : reader_(reader), service_(service) {}
  const std::string& Of(const std::string& place);

 private:
  const web::Reader& reader_;
  IndicatorsService& service_;
  std::map<std::string, std::string, std::less<>> names_;
};

// A value as the tables and the API show it, suppressed or not for the reader: "value" (text), "suppressed", "why".
nlohmann::json ValueCell(const web::Reader& reader, IndicatorsService& service, const core::Actor& actor,
                         const Indicator& indicator, const Observation& observation);

}  // namespace indicators
