#pragma once
// The design system's data: what each partial of templates/ui/ shows, built the same way by every module. A view puts
// the object under a name and renders the partial inside it: {{#progress}}{{> ui/progress}}{{/progress}}. The living
// style page (/design) shows each of them; docs/DEVELOPING.md, "The design system", says when to use which.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "web/reader.hpp"

namespace web::ui {

// ui/progress: a bar and its figure ("48%"), or, with no figure, an empty track and why there is none ("not reported"
// by default): not reported is a state of its own, never a bar at 0.
nlohmann::json Progress(const Reader& reader, std::optional<double> percent,
                        std::string_view why_none = "not reported");

// ui/money: an amount in its currency as the reader writes it, and for leva the euro beside it, at the fixed rate
// (core::EuroCents). Without `cents` the amount was not given: "not reported", never 0.
nlohmann::json Money(const Reader& reader, std::optional<std::int64_t> cents, std::string_view currency);

// ui/badge: a short state beside a title. Tones: neutral, good, warning, bad, demo.
nlohmann::json Badge(std::string label, std::string_view tone = "neutral");

// ui/cards: a few figures a page leads with; a card with a url is a link. The object holds them as "cards".
struct Card {
  std::string value;  // "12", "48%", "1 500,00 лв."
  std::string label;  // what it counts, translated
  std::string note = "";
  std::string url = "";
};
nlohmann::json Cards(const std::vector<Card>& cards);

// ui/empty: what an empty list says, with the one thing to do about it when there is one.
nlohmann::json Empty(std::string message, std::string action_label = "", std::string action_url = "");

// ui/pager: "Previous", "101–200 of 5,000" and "Next" under a list that shows `limit` rows from `offset` of `total`;
// `base` is the list's address with its other query parameters, to which "offset=" is added. Shown only when the
// list has more than one page.
nlohmann::json Pager(const Reader& reader, std::int64_t total, std::int64_t limit, std::int64_t offset,
                     const std::string& base);

// ui/field: a labelled text box with its hint and, after a refusal, its problem beside it (aria-invalid and
// aria-describedby set), holding what was typed. `problem` is the translated message, "" when the field is fine.
struct Field {
  std::string name;  // the form's field: "name_en"
  std::string id;    // the element's id, which a refusal's summary links to: "source-name-en"
  std::string label;
  std::string value;
  std::string hint = "";
  std::string type = "text";
  bool required = false;
  int maxlength = 0;  // 0: none
};
nlohmann::json TextField(const Field& field, std::string problem);

}  // namespace web::ui
