#include "modules/policies/policy_fields.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <limits>
#include <utility>

#include "core/money.hpp"

namespace policies {

std::optional<std::int64_t> OptionalWholeNumber(const std::optional<std::string>& text, bool& bad) {
  if (!text || text->empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    const std::int64_t value = std::stoll(*text, &used);
    if (used == text->size()) return value;
  } catch (const std::exception&) {
  }
  bad = true;
  return std::nullopt;
}

Document DocumentFromFields(const FieldOf& field, std::vector<std::int64_t> area_ids,
                            std::vector<core::FieldProblem>& problems) {
  Document document;
  const std::string level_name = field("level").value_or("");
  const auto level = LevelFromName(level_name);
  if (!level) problems.push_back({"level", std::string(document_message::kChooseLevel), level_name});
  document.level = level.value_or(Level::kMunicipal);
  document.kind = field("kind").value_or("");
  document.title = field("title").value_or("");
  document.title_en = field("title_en").value_or("");
  bool bad_period = false;
  // A year beyond an int is no year (and must not wrap around into one).
  const auto year = [&](std::string_view name) {
    const std::int64_t value = OptionalWholeNumber(field(name), bad_period).value_or(0);
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) bad_period = true;
    return bad_period ? 0 : static_cast<int>(value);
  };
  document.period_start = year("period_start");
  document.period_end = year("period_end");
  if (bad_period) problems.push_back({"period", std::string(document_message::kPeriod), ""});
  document.oblast_code = field("oblast").value_or("");
  document.municipality_code = field("municipality").value_or("");
  document.status = field("status").value_or("draft");
  document.adopted_by = field("adopted_by").value_or("");
  document.decision_number = field("decision_number").value_or("");
  document.decision_date = field("decision_date").value_or("");
  document.source_url = field("source_url").value_or("");
  // A choice or a hidden version that is not a number is a tampered form: it reads as nothing, and the rules say what
  // is missing.
  bool tampered = false;
  document.implements_document_id = OptionalWholeNumber(field("implements_document"), tampered);
  document.progress_rule = field("progress_rule").value_or("equal");
  document.currency = field("currency").value_or(std::string(core::kEuro));
  document.version = OptionalWholeNumber(field("version"), tampered).value_or(1);
  document.area_ids = std::move(area_ids);
  return document;
}

Item ItemFromFields(const FieldOf& field, std::vector<std::int64_t> area_ids, const std::vector<std::string>& sources,
                    std::vector<core::FieldProblem>& problems) {
  Item item;
  // A number that is not one, in a field the form fills itself (a choice, a hidden version), is a tampered form: it
  // reads as nothing and the rules say what is missing.
  bool tampered = false;
  item.kind = field("kind").value_or("");
  item.parent_id = OptionalWholeNumber(field("parent"), tampered);
  item.code = field("code").value_or("");
  item.position = OptionalWholeNumber(field("position"), tampered).value_or(0);
  item.title = field("title").value_or("");
  item.title_en = field("title_en").value_or("");
  item.description = field("description").value_or("");
  item.responsible = field("responsible").value_or("");
  item.partners = field("partners").value_or("");
  item.target_group = field("target_group").value_or("");
  item.settlement_ekatte = field("settlement").value_or("");
  item.start_date = field("start").value_or("");
  item.end_date = field("end").value_or("");
  item.deadline = field("deadline").value_or("");
  item.expected_result = field("expected_result").value_or("");
  item.official_status = field("official_status").value_or("");
  item.version = OptionalWholeNumber(field("version"), tampered).value_or(1);
  bool bad_count = false;
  item.beneficiaries = OptionalWholeNumber(field("beneficiaries"), bad_count);
  if (bad_count) {
    problems.push_back(
        {"beneficiaries", std::string(rule_message::kBeneficiariesNotWhole), field("beneficiaries").value_or("")});
  }
  bool bad_progress = false;
  if (const auto progress = OptionalWholeNumber(field("progress"), bad_progress)) {
    // Out of range stays out of range (the service refuses it), without overflowing an int.
    item.progress = static_cast<int>(std::clamp<std::int64_t>(*progress, -1, 101));
  }
  if (bad_progress) {
    problems.push_back({"progress", std::string(rule_message::kProgressRange), field("progress").value_or("")});
  }
  for (const std::string& source : sources) {
    // An empty box is an amount not given: planned 0, secured and spent not reported.
    Budget budget{source, 0, std::nullopt, std::nullopt};
    bool any = false;
    for (std::size_t i = 0; i < std::size(kAmountNames); ++i) {
      const std::string_view amount = kAmountNames[i];
      const std::string text = field(fmt::format("{}_{}", amount, source)).value_or("");
      if (text.empty()) continue;
      const auto parsed = ParseAmount(text);
      if (!parsed) {
        problems.push_back({AmountField(source, amount), std::string(rule_message::kMalformedAmount), text});
        continue;
      }
      SetAmount(budget, i, parsed);
      any = true;
    }
    if (any) item.budgets.push_back(budget);
  }
  item.area_ids = std::move(area_ids);
  return item;
}

}  // namespace policies
