#include "modules/policies/policies_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <span>

#include "core/days.hpp"
#include "modules/policies/policy_pages.hpp"

namespace policies {
namespace {

using nlohmann::json;

core::Error WrongType(std::string_view field, std::string_view expected) {
  return core::Error::InvalidInput(fmt::format("The field \"{}\" must be {}.", field, expected));
}

core::Error Missing(std::string_view field) {
  return core::Error::InvalidInput(fmt::format("The field \"{}\" is missing.", field));
}

// The value at a dotted path ("period.start") of `body`; nullptr when it, or an object on the way, is missing or null.
core::Result<const json*> Find(const json& body, std::string_view path) {
  const json* at = &body;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const auto found = at->find(std::string(path.substr(start, dot - start)));
    if (found == at->end() || found->is_null()) return static_cast<const json*>(nullptr);
    if (dot == std::string_view::npos) return &*found;
    if (!found->is_object()) return WrongType(path.substr(0, dot), "an object");
    at = &*found;
    start = dot + 1;
  }
}

enum class Expect { kText, kWholeNumber };

// Where a field is in the JSON, and what the forms call it.
struct JsonField {
  std::string_view path;
  std::string_view form_name;
  Expect expect;
};

constexpr JsonField kDocumentJsonFields[] = {
    {"level", "level", Expect::kText},
    {"kind", "kind", Expect::kText},
    {"title", "title", Expect::kText},
    {"title_en", "title_en", Expect::kText},
    {"period.start", "period_start", Expect::kWholeNumber},
    {"period.end", "period_end", Expect::kWholeNumber},
    {"oblast", "oblast", Expect::kText},
    {"municipality", "municipality", Expect::kText},
    {"status", "status", Expect::kText},
    {"adoption.adopted_by", "adopted_by", Expect::kText},
    {"adoption.decision_number", "decision_number", Expect::kText},
    {"adoption.decision_date", "decision_date", Expect::kText},
    {"source_url", "source_url", Expect::kText},
    {"implements_document", "implements_document", Expect::kWholeNumber},
    {"progress_rule", "progress_rule", Expect::kText},
    {"currency", "currency", Expect::kText},
};

constexpr JsonField kItemJsonFields[] = {
    {"kind", "kind", Expect::kText},
    {"parent", "parent", Expect::kWholeNumber},
    {"code", "code", Expect::kText},
    {"position", "position", Expect::kWholeNumber},
    {"title", "title", Expect::kText},
    {"title_en", "title_en", Expect::kText},
    {"description", "description", Expect::kText},
    {"responsible", "responsible", Expect::kText},
    {"partners", "partners", Expect::kText},
    {"target_group", "target_group", Expect::kText},
    {"settlement", "settlement", Expect::kText},
    {"start", "start", Expect::kText},
    {"end", "end", Expect::kText},
    {"deadline", "deadline", Expect::kText},
    {"beneficiaries", "beneficiaries", Expect::kWholeNumber},
    {"expected_result", "expected_result", Expect::kText},
    {"official_status", "official_status", Expect::kText},
    {"progress", "progress", Expect::kWholeNumber},
};

// The fields of `body` that `fields` name, as text under the forms' names; "version" too when it is required.
core::Result<SentFields> Take(const json& body, std::span<const JsonField> fields, VersionSent version) {
  if (!body.is_object()) return core::Error::InvalidInput("The body must be a JSON object.");
  SentFields sent;
  for (const JsonField& field : fields) {
    const auto value = Find(body, field.path);
    if (!value) return value.error();
    if (*value == nullptr) continue;
    switch (field.expect) {
      case Expect::kText:
        if (!(*value)->is_string()) return WrongType(field.path, "text");
        sent.text.emplace(field.form_name, (*value)->get<std::string>());
        break;
      case Expect::kWholeNumber:
        if (!(*value)->is_number_integer()) return WrongType(field.path, "a whole number");
        sent.text.emplace(field.form_name, (*value)->dump());
        break;
    }
  }
  if (version == VersionSent::kRequired) {
    const auto seen = RequiredWholeNumber(body, "version");
    if (!seen) return seen.error();
    sent.text.emplace("version", std::to_string(*seen));
  }
  if (const auto areas = body.find("areas"); areas != body.end() && !areas->is_null()) {
    if (!areas->is_array()) return WrongType("areas", "a list of whole numbers");
    for (const json& area : *areas) {
      if (!area.is_number_integer()) return WrongType("areas", "a list of whole numbers");
      sent.area_ids.push_back(area.get<std::int64_t>());
    }
  }
  return sent;
}

// An item's budgets, [{"source", "planned", "secured", "spent"}], as the form's fields planned_<source> and so on.
std::optional<core::Error> TakeBudgets(const json& body, SentFields& sent) {
  const auto budgets = body.find("budgets");
  if (budgets == body.end() || budgets->is_null()) return std::nullopt;
  if (!budgets->is_array()) return WrongType("budgets", "a list");
  std::set<std::string> sources;
  for (std::size_t i = 0; i < budgets->size(); ++i) {
    const json& budget = (*budgets)[i];
    const std::string at = fmt::format("budgets[{}]", i);
    if (!budget.is_object()) return WrongType(at, "an object");
    const auto source = budget.find("source");
    if (source == budget.end() || source->is_null()) return Missing(at + ".source");
    if (!source->is_string()) return WrongType(at + ".source", "text");
    const std::string& name = source->get_ref<const std::string&>();
    if (!sources.insert(name).second) {
      return core::Error::InvalidInput(fmt::format("The field \"{}.source\" names a funding source again.", at));
    }
    for (const std::string_view amount : {"planned", "secured", "spent"}) {
      const auto value = budget.find(std::string(amount));
      if (value == budget.end() || value->is_null()) continue;
      // As the read API writes it (FormatAmount), read as the form reads it (ParseAmount): never a binary fraction.
      if (!value->is_string()) {
        return WrongType(fmt::format("{}.{}", at, amount), "an amount as text, like \"1500.50\"");
      }
      sent.text.emplace(fmt::format("{}_{}", amount, name), value->get<std::string>());
    }
    sent.sources.push_back(name);
  }
  return std::nullopt;
}

}  // namespace

FieldOf SentFields::Reader() const {
  return [this](std::string_view name) -> std::optional<std::string> {
    const auto found = text.find(name);
    return found == text.end() ? std::nullopt : std::optional<std::string>(found->second);
  };
}

core::Result<SentFields> DocumentFieldsOf(const json& body, VersionSent version) {
  return Take(body, kDocumentJsonFields, version);
}

core::Result<SentFields> ItemFieldsOf(const json& body, VersionSent version) {
  auto sent = Take(body, kItemJsonFields, version);
  if (!sent) return sent;
  if (auto problem = TakeBudgets(body, *sent)) return std::move(*problem);
  return sent;
}

core::Result<std::int64_t> RequiredWholeNumber(const json& body, std::string_view name) {
  const auto value = Find(body, name);
  if (!value) return value.error();
  if (*value == nullptr) return Missing(name);
  if (!(*value)->is_number_integer()) return WrongType(name, "a whole number");
  return (*value)->get<std::int64_t>();
}

core::Result<std::string> OptionalText(const json& body, std::string_view name) {
  const auto value = Find(body, name);
  if (!value) return value.error();
  if (*value == nullptr) return std::string();
  if (!(*value)->is_string()) return WrongType(name, "text");
  return (*value)->get<std::string>();
}

json DocumentJson(const Document& document) {
  return {{"id", document.id},
          {"reference_key", document.reference_key.empty() ? json() : json(document.reference_key)},
          {"level", LevelName(document.level)},
          {"kind", document.kind},
          {"title", document.title},
          {"title_en", document.title_en},
          {"period", {{"start", document.period_start}, {"end", document.period_end}}},
          {"oblast", document.oblast_code.empty() ? json() : json(document.oblast_code)},
          {"municipality", document.municipality_code.empty() ? json() : json(document.municipality_code)},
          {"status", document.status},
          {"adoption",
           {{"adopted_by", document.adopted_by},
            {"decision_number", document.decision_number},
            {"decision_date", document.decision_date.empty() ? json() : json(document.decision_date)}}},
          {"source_url", document.source_url.empty() ? json() : json(document.source_url)},
          {"implements_document", document.implements_document_id ? json(*document.implements_document_id) : json()},
          {"progress_rule", document.progress_rule},
          {"currency", document.currency},
          {"demo", document.demo},
          {"carried_over_from", document.carried_over_from ? json(*document.carried_over_from) : json()},
          {"version", document.version},
          {"areas", document.area_ids},
          {"url", DocumentPath(document.id)}};
}

json LinkedJson(const LinkedItem& link) {
  return {{"id", link.other_id},
          {"uid", link.other_uid},
          {"code", link.other_code},
          {"title", link.other_title},
          {"document", link.other_document_id},
          {"level", LevelName(link.other_level)}};
}

namespace {
// An amount as the API gives it: "1500.50", or null when nobody reported it.
json AmountJson(const std::optional<std::int64_t>& cents) { return cents ? json(FormatAmount(*cents)) : json(); }
}  // namespace

json ItemJson(const Item& item) {
  json budgets = json::array();
  for (const Budget& budget : item.budgets) {
    budgets.push_back({{"source", budget.source},
                       {"planned", FormatAmount(budget.planned_cents)},
                       {"secured", AmountJson(budget.secured_cents)},
                       {"spent", AmountJson(budget.spent_cents)}});
  }
  json targets = json::array();
  for (const Target& target : item.targets) {
    targets.push_back({{"text_bg", target.text_bg}, {"text_en", target.text_en}, {"verified", target.verified}});
  }
  const auto text_or_null = [](const std::string& text) { return text.empty() ? json() : json(text); };
  const json withdrawn_at = item.withdrawn_at ? json(core::IsoUtc(*item.withdrawn_at)) : json();
  return {{"id", item.id},
          {"uid", item.uid},
          {"document", item.document_id},
          {"parent", item.parent_id ? json(*item.parent_id) : json()},
          {"kind", item.kind},
          {"code", item.code},
          {"position", item.position},
          {"title", item.title},
          {"title_en", item.title_en},
          {"description", item.description},
          {"responsible", item.responsible},
          {"partners", item.partners},
          {"target_group", item.target_group},
          {"settlement", text_or_null(item.settlement_ekatte)},
          {"start", text_or_null(item.start_date)},
          {"end", text_or_null(item.end_date)},
          {"deadline", text_or_null(item.deadline)},
          {"beneficiaries", item.beneficiaries ? json(*item.beneficiaries) : json()},
          {"expected_result", item.expected_result},
          {"official_status", text_or_null(item.official_status)},
          {"progress", item.progress ? json(*item.progress) : json()},
          {"areas", item.area_ids},
          {"budgets", budgets},
          {"targets", targets},
          {"version", item.version},
          {"withdrawn_at", withdrawn_at},
          {"url", ItemPath(item.id)}};
}

namespace {

json AmountsJson(const Amounts& amounts) {
  return {{"planned", FormatAmount(amounts.planned_cents)},
          {"secured", AmountJson(amounts.secured_cents)},
          {"spent", AmountJson(amounts.spent_cents)}};
}

json UnitJson(const TreeNode& node) { return {{"uid", node.item.uid}, {"code", node.item.code}}; }

}  // namespace

json MoneyJson(const MoneyTotals& money) {
  json by_source = json::object();
  for (const auto& [source, amounts] : money.by_source) by_source[source] = AmountsJson(amounts);
  return {{"by_source", std::move(by_source)}, {"all", AmountsJson(money.all)}};
}

json RollUpJson(const DocumentTree& tree, const RollUp& roll_up) {
  const auto units = [&](const std::vector<std::size_t>& indices) {
    json list = json::array();
    for (const std::size_t index : indices) list.push_back(UnitJson(tree.nodes[index]));
    return list;
  };
  return {{"progress", roll_up.progress ? json(*roll_up.progress) : json()},
          {"no_progress", roll_up.progress ? json() : json(NoProgressName(roll_up.no_progress))},
          {"own", roll_up.own},
          {"counted", units(roll_up.counted)},
          {"not_reported", units(roll_up.not_reported)},
          {"counted_planned", FormatAmount(roll_up.counted_planned_cents)},
          {"reported_above", roll_up.reported_above ? UnitJson(tree.nodes[*roll_up.reported_above]) : json()}};
}

json TreeNodeJson(const DocumentTree& tree, const TreeNode& node) {
  json item = ItemJson(node.item);
  item["depth"] = node.depth;
  item["progress_rolled_up"] = node.roll_up.progress ? json(*node.roll_up.progress) : json();
  item["roll_up"] = RollUpJson(tree, node.roll_up);
  if (node.depth == 0) item["totals"] = MoneyJson(node.roll_up.money);
  item["implements"] = json::array();
  for (const LinkedItem& link : node.implements) item["implements"].push_back(LinkedJson(link));
  item["implemented_by"] = json::array();
  for (const LinkedItem& link : node.implemented_by) item["implemented_by"].push_back(LinkedJson(link));
  return item;
}

json ItemWithLinksJson(PoliciesService& policies, const Item& item) {
  if (!item.withdrawn_at) {
    if (const auto tree = policies.Tree(item.document_id)) {
      for (const TreeNode& node : tree->nodes) {
        if (node.item.id == item.id) return TreeNodeJson(*tree, node);
      }
    }
  }
  json alone = ItemJson(item);
  alone["implements"] = json::array();
  alone["implemented_by"] = json::array();
  return alone;
}

}  // namespace policies
