#pragma once
// What a person sends for a document or an item, read one way whichever way it came: the fields by the forms' names
// ("period_start", "planned_municipal"), each as text, and the priority areas chosen. The forms read them from their
// urlencoded body; the JSON API (policies_api.cpp) turns its body into the same fields (policies_json.hpp). Reading
// turns text into numbers and amounts, and a value that is not even a number is a problem of its field; the rules (a
// title, real dates, the scope) are the service's (policies.hpp, ItemProblems and DocumentProblems).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "modules/policies/policies.hpp"

namespace policies {

// The text of the field called `name`; nullopt when it was not sent.
using FieldOf = std::function<std::optional<std::string>(std::string_view name)>;

// A document from its fields: level, kind, title, title_en, period_start, period_end, oblast, municipality, status,
// adopted_by, decision_number, decision_date, source_url, implements_document, progress_rule, version. A field that
// cannot be read adds its problem to `problems`; the others are read all the same, so that a form comes back as typed.
Document DocumentFromFields(const FieldOf& field, std::vector<std::int64_t> area_ids,
                            std::vector<core::FieldProblem>& problems);

// An item from its fields: kind, parent, code, position, title, title_en, description, responsible, partners,
// target_group, settlement, start, end, deadline, beneficiaries, expected_result, official_status, progress, version,
// and for each funding source of `sources` (codes) planned_<source>, secured_<source>, spent_<source> (amounts as
// ParseAmount reads them): a source with any amount given is a budget line.
Item ItemFromFields(const FieldOf& field, std::vector<std::int64_t> area_ids, const std::vector<std::string>& sources,
                    std::vector<core::FieldProblem>& problems);

// "12", or nothing → the number; `bad` is set for text that is not a whole number.
std::optional<std::int64_t> OptionalWholeNumber(const std::optional<std::string>& text, bool& bad);

}  // namespace policies
