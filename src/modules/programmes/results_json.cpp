#include "modules/programmes/results_json.hpp"

#include <nlohmann/json.hpp>

namespace programmes {
namespace {

using nlohmann::json;

json NarrativesJson(const std::vector<IatiNarrative>& narratives) {
  json list = json::array();
  for (const IatiNarrative& narrative : narratives) {
    list.push_back({{"language", narrative.language}, {"text", narrative.text}});
  }
  return list;
}

std::vector<IatiNarrative> NarrativesOf(const json& list) {
  std::vector<IatiNarrative> narratives;
  for (const json& each : list) narratives.push_back({each.at("language"), each.at("text")});
  return narratives;
}

json MeasuresJson(const std::vector<IatiMeasure>& measures) {
  json list = json::array();
  for (const IatiMeasure& measure : measures) {
    json dimensions = json::array();
    for (const auto& [name, value] : measure.dimensions) dimensions.push_back({name, value});
    list.push_back(
        {{"value", measure.value}, {"dimensions", dimensions}, {"comment", NarrativesJson(measure.comment)}});
  }
  return list;
}

std::vector<IatiMeasure> MeasuresOf(const json& list) {
  std::vector<IatiMeasure> measures;
  for (const json& each : list) {
    IatiMeasure& measure = measures.emplace_back();
    measure.value = each.at("value");
    for (const json& dimension : each.at("dimensions"))
      measure.dimensions.emplace_back(dimension.at(0), dimension.at(1));
    measure.comment = NarrativesOf(each.at("comment"));
  }
  return measures;
}

}  // namespace

std::string ResultsToJson(const std::vector<IatiResult>& results) {
  if (results.empty()) return "";
  json list = json::array();
  for (const IatiResult& result : results) {
    json indicators = json::array();
    for (const IatiIndicator& indicator : result.indicators) {
      json periods = json::array();
      for (const IatiPeriod& period : indicator.periods) {
        periods.push_back({{"start", period.start},
                           {"end", period.end},
                           {"targets", MeasuresJson(period.targets)},
                           {"actuals", MeasuresJson(period.actuals)}});
      }
      indicators.push_back({{"measure", indicator.measure},
                            {"ascending", indicator.ascending},
                            {"title", NarrativesJson(indicator.title)},
                            {"description", NarrativesJson(indicator.description)},
                            {"baseline_year", indicator.baseline_year},
                            {"baseline_date", indicator.baseline_date},
                            {"baseline_value", indicator.baseline_value},
                            {"periods", periods}});
    }
    list.push_back({{"type", result.type}, {"title", NarrativesJson(result.title)}, {"indicators", indicators}});
  }
  return list.dump();
}

std::vector<IatiResult> ResultsFromJson(std::string_view text) {
  if (text.empty()) return {};
  try {
    std::vector<IatiResult> results;
    for (const json& each : json::parse(text)) {
      IatiResult& result = results.emplace_back();
      result.type = each.at("type");
      result.title = NarrativesOf(each.at("title"));
      for (const json& stored : each.at("indicators")) {
        IatiIndicator& indicator = result.indicators.emplace_back();
        indicator.measure = stored.at("measure");
        indicator.ascending = stored.at("ascending");
        indicator.title = NarrativesOf(stored.at("title"));
        indicator.description = NarrativesOf(stored.at("description"));
        indicator.baseline_year = stored.at("baseline_year");
        indicator.baseline_date = stored.at("baseline_date");
        indicator.baseline_value = stored.at("baseline_value");
        for (const json& period : stored.at("periods")) {
          indicator.periods.push_back({period.at("start"), period.at("end"), MeasuresOf(period.at("targets")),
                                       MeasuresOf(period.at("actuals"))});
        }
      }
    }
    return results;
  } catch (const json::exception&) {
    return {};  // not what ResultsToJson wrote: no framework rather than a broken one
  }
}

}  // namespace programmes
