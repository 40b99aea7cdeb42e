#include "web/ui.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/money.hpp"

namespace web::ui {

using nlohmann::json;

json Progress(const Reader& reader, std::optional<double> percent, std::string_view why_none) {
  if (!percent) return {{"reported", false}, {"value", 0}, {"text", reader.Translate(why_none)}};
  const long long value = std::clamp<long long>(std::lround(*percent), 0, 100);
  return {{"reported", true}, {"value", value}, {"text", Reader::Percent(*percent)}};
}

json Money(const Reader& reader, std::optional<std::int64_t> cents, std::string_view currency) {
  if (!cents) return {{"given", false}, {"text", reader.Translate("not reported")}, {"euro", ""}};
  std::string euro;
  if (currency != core::kEuro) {
    if (const auto in_euro = core::EuroCents(*cents, currency)) euro = reader.Money(*in_euro, core::kEuro);
  }
  return {{"given", true}, {"text", reader.Money(*cents, currency)}, {"euro", euro}};
}

json Badge(std::string label, std::string_view tone) { return {{"label", std::move(label)}, {"tone", tone}}; }

json Cards(const std::vector<Card>& cards) {
  json list = json::array();
  for (const Card& card : cards) {
    list.push_back({{"value", card.value}, {"label", card.label}, {"note", card.note}, {"url", card.url}});
  }
  return {{"cards", list}};
}

json TextField(const Field& field, std::string problem) {
  std::string described_by = field.hint.empty() ? "" : field.id + "-hint";
  if (!problem.empty()) described_by += (described_by.empty() ? "" : " ") + field.id + "-problem";
  return {{"name", field.name},
          {"id", field.id},
          {"label", field.label},
          {"value", field.value},
          {"hint", field.hint},
          {"type", field.type},
          {"required", field.required},
          {"maxlength", field.maxlength > 0 ? json(field.maxlength) : json(nullptr)},
          {"problem", std::move(problem)},
          {"described_by", described_by}};
}

json Empty(std::string message, std::string action_label, std::string action_url) {
  return {{"message", std::move(message)},
          {"action_label", std::move(action_label)},
          {"action_url", std::move(action_url)}};
}

json Pager(const Reader& reader, std::int64_t total, std::int64_t limit, std::int64_t offset, const std::string& base) {
  json pager = json::object();
  const std::string joiner = base.find('?') == std::string::npos ? "?" : "&";
  if (offset > 0)
    pager["previous"] = fmt::format("{}{}offset={}", base, joiner, std::max<std::int64_t>(0, offset - limit));
  if (offset + limit < total) pager["next"] = fmt::format("{}{}offset={}", base, joiner, offset + limit);
  pager["summary"] = reader.Say("{first}–{last} of {total}", {{"first", reader.Number(total == 0 ? 0 : offset + 1)},
                                                              {"last", reader.Number(std::min(total, offset + limit))},
                                                              {"total", reader.Number(total)}});
  pager["show"] = pager.contains("previous") || pager.contains("next");
  return pager;
}

}  // namespace web::ui
