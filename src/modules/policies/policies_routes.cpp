#include "modules/policies/policies_routes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/money.hpp"
#include "core/text.hpp"
#include "formats/table.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/funding_source_routes.hpp"
#include "modules/policies/policies_api.hpp"
#include "modules/policies/policies_json.hpp"
#include "modules/policies/policy_forms.hpp"
#include "modules/policies/policy_pages.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace policies {
namespace {

using nlohmann::json;
namespace mustache = web::mustache;

bool MayEditHere(const http::Request& request, const Document& document) {
  return PoliciesService::MayChange(kernel::ActorOf(request), document);
}

std::string PlaceName(const http::Request& request, places::PlacesService& places, const Document& document) {
  if (!document.municipality_code.empty()) {
    if (const auto found = places.FindMunicipality(document.municipality_code)) {
      return Localised(request, (*found)->detail.municipality.name_bg, (*found)->detail.municipality.name_en);
    }
  }
  if (!document.oblast_code.empty()) {
    if (const auto found = places.FindOblast(document.oblast_code)) {
      return Localised(request, found->name_bg, found->name_en);
    }
  }
  return "";
}

// Every oblast's and municipality's name in the reader's language, read once for a page that lists many places.
struct PlaceNames {
  std::vector<std::pair<std::string, std::string>> oblasts;         // code, name; by name
  std::vector<std::pair<std::string, std::string>> municipalities;  // code, name; by name
  std::string Of(const Document& document) const {
    const auto named = [](const auto& list, const std::string& code) {
      const auto found = std::ranges::find(list, code, &std::pair<std::string, std::string>::first);
      return found == list.end() ? std::string() : found->second;
    };
    if (!document.municipality_code.empty()) return named(municipalities, document.municipality_code);
    if (!document.oblast_code.empty()) return named(oblasts, document.oblast_code);
    return "";
  }
};

PlaceNames ReadPlaceNames(const web::Reader& reader, places::PlacesService& places) {
  PlaceNames names;
  for (const auto& oblast : places.AllOblasts()) {
    names.oblasts.emplace_back(oblast.code, reader.Localised(oblast.name_bg, oblast.name_en));
  }
  for (const auto& municipality : places.AllMunicipalities()) {
    names.municipalities.emplace_back(municipality.code, reader.Localised(municipality.name_bg, municipality.name_en));
  }
  const auto by_name = [&](auto& list) {
    reader.SortByName(list, [](const std::pair<std::string, std::string>& each) { return each.second; });
  };
  by_name(names.oblasts);
  by_name(names.municipalities);
  return names;
}

// The places a listing narrows to, as <optgroup>s of a <select name="scope">: the country, an oblast, a municipality.
json ScopeChoices(const http::Request& request, const web::Site& site, const PlaceNames& names,
                  const std::string& selected) {
  json oblasts = json::array();
  for (const auto& [code, name] : names.oblasts) {
    const std::string value = "oblast:" + code;
    oblasts.push_back({{"value", value}, {"label", name}, {"selected", value == selected}});
  }
  json municipalities = json::array();
  for (const auto& [code, name] : names.municipalities) {
    const std::string value = "municipality:" + code;
    municipalities.push_back({{"value", value}, {"label", name + " (" + code + ")"}, {"selected", value == selected}});
  }
  return {{"country_selected", selected.empty() || selected == "country"},
          {"groups",
           {{{"label", site.Translate(request, "Oblasts")}, {"options", oblasts}},
            {{"label", site.Translate(request, "Municipalities")}, {"options", municipalities}}}}};
}

// Planned, secured and spent as ui/money shows them: in the document's currency, and for leva in euro beside them.
json AmountsData(const web::Reader& reader, const Amounts& amounts, std::string_view currency) {
  return {{"planned", web::ui::Money(reader, amounts.planned_cents, currency)},
          {"secured", web::ui::Money(reader, amounts.secured_cents, currency)},
          {"spent", web::ui::Money(reader, amounts.spent_cents, currency)}};
}

// What a page calls each funding source, by code: its name in the reader's language.
using SourceNames = std::map<std::string, std::string, std::less<>>;
SourceNames SourceNamesFor(const web::Reader& reader, PoliciesService& policies) {
  SourceNames names;
  for (const FundingSource& source : policies.FundingSources()) {
    names[source.code] = reader.Localised(source.name_bg, source.name_en);
  }
  return names;
}

std::string SourceName(const SourceNames& names, const std::string& code) {
  const auto found = names.find(code);
  return found == names.end() ? code : found->second;
}

// Each funding source of `money` with its amounts, the largest planned first (sources are whatever the budget lines
// name: the list of them is reference data, not fixed here).
json MoneyRows(const web::Reader& reader, const SourceNames& names, const MoneyTotals& money,
               std::string_view currency) {
  std::vector<const std::pair<const std::string, Amounts>*> sources;
  for (const auto& each : money.by_source) sources.push_back(&each);
  std::ranges::stable_sort(sources, std::greater<>{}, [](const auto* each) { return each->second.planned_cents; });
  json rows = json::array();
  for (const auto* each : sources) {
    json row = AmountsData(reader, each->second, currency);
    row["source"] = SourceName(names, each->first);
    rows.push_back(std::move(row));
  }
  return rows;
}

// The items a figure counts, or those that did not report, as the pages list them.
json UnitRows(const http::Request& request, const web::Reader& reader, const DocumentTree& tree,
              const std::vector<std::size_t>& units) {
  json rows = json::array();
  for (const std::size_t index : units) {
    const TreeNode& node = tree.nodes[index];
    rows.push_back({{"kind", reader.Translate(KindTitle(node.item.kind))},
                    {"code", node.item.code},
                    {"title", Localised(request, node.item.title, node.item.title_en)},
                    {"url", ItemPath(node.item.id)},
                    {"progress", node.roll_up.progress ? web::Reader::Percent(*node.roll_up.progress) : ""},
                    {"planned", reader.Money(node.roll_up.money.all.planned_cents, tree.document.currency)}});
  }
  return rows;
}

json GapJson(const GapItem& gap) {
  return {{"id", gap.id},
          {"uid", gap.uid},
          {"code", gap.code},
          {"title", gap.title},
          {"title_en", gap.title_en},
          {"document", {{"id", gap.document_id}, {"title", gap.document_title}, {"level", LevelName(gap.level)}}},
          {"url", ItemPath(gap.id)},
          {"demo", gap.demo}};
}

// Names for what a history holds as ids and codes, found once per page: a history is read in words, never as ids,
// codes or JSON.
class HistoryWords {
 public:
  HistoryWords(const http::Request& request, const web::Reader& reader, PoliciesService& policies,
               places::PlacesService& places, const Document& document)
      : request_(request),
        reader_(reader),
        policies_(policies),
        places_(places),
        currency_(document.currency),
        sources_(SourceNamesFor(reader, policies)) {
    for (Area& area : policies.Areas()) areas_[area.id] = reader.Localised(area.name_bg, area.name_en);
    if (!document.municipality_code.empty()) {
      for (const auto& settlement : places.ListSettlements(document.municipality_code)) {
        settlements_[settlement.ekatte] = reader.Localised(settlement.name_bg, settlement.name_en);
      }
    }
  }

  // A field's value as a reader reads it: a title for a parent or a link, a name for a settlement or an area, a date,
  // an amount in its currency, a code of a closed list by its title; nothing, or an empty text, as a dash.
  std::string Show(std::string_view field, const json& value) const {
    if (value.is_null() || value == "" || value == json::array() || value == json::object()) return "—";
    if (field == "parent" && value.is_number_integer()) return ItemTitle(policies_.FindItem(value.get<std::int64_t>()));
    if (field == "implements_document" && value.is_number_integer()) {
      const auto document = policies_.FindDocument(value.get<std::int64_t>());
      return document ? Localised(request_, document->title, document->title_en) : "—";
    }
    if (field == "progress" && value.is_number()) return web::Reader::Percent(value.get<double>());
    if (field == "beneficiaries" && value.is_number_integer()) return reader_.Number(value.get<long long>());
    if (field == "areas" && value.is_array()) {
      std::string names;
      for (const json& id : value) {
        const auto found = id.is_number_integer() ? areas_.find(id.get<std::int64_t>()) : areas_.end();
        names += (names.empty() ? "" : "; ") + (found == areas_.end() ? id.dump() : found->second);
      }
      return names;
    }
    if (field == "budgets" && value.is_object()) {
      std::string lines;
      for (const auto& [source, amounts] : value.items()) {
        lines += (lines.empty() ? "" : "; ") + SourceName(sources_, source) + " " +
                 Amounts(amounts.is_string() ? amounts.get<std::string>() : amounts.dump());
      }
      return lines;
    }
    if (field == "targets" && value.is_array()) {
      std::string texts;
      for (const json& target : value) {
        if (!target.is_object()) continue;
        texts += (texts.empty() ? "" : "; ") +
                 Localised(request_, target.value("bg", std::string()), target.value("en", std::string()));
      }
      return texts;
    }
    if (!value.is_string()) return value.dump();
    const auto& text = value.get_ref<const std::string&>();
    if (field == "kind") return reader_.Translate(KindTitle(text));
    if (field == "status" || field == "official_status") return reader_.Translate(StatusTitle(text));
    if (field == "level") {
      if (const auto level = LevelFromName(text)) return reader_.Translate(LevelTitle(*level));
    }
    if (field == "progress_rule") {
      return reader_.Translate(text == "budget" ? "weighted by planned budget" : "each item counts equally");
    }
    if (field == "start" || field == "end" || field == "deadline" || field == "decision_date") {
      return reader_.Date(text);
    }
    if (field == "municipality") {
      const auto municipality = places_.FindMunicipality(text);
      return municipality ? Localised(request_, (*municipality)->detail.municipality.name_bg,
                                      (*municipality)->detail.municipality.name_en)
                          : text;
    }
    if (field == "oblast") {
      const auto oblast = places_.FindOblast(text);
      return oblast ? Localised(request_, oblast->name_bg, oblast->name_en) : text;
    }
    if (field == "settlement") {
      const auto found = settlements_.find(text);
      return found == settlements_.end() ? text : found->second;
    }
    if (field == "implements") {  // the uids a change linked to, "a; b"
      std::string titles;
      for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find(';', start), text.size());
        const std::string uid = core::TrimSpaces(std::string_view(text).substr(start, end - start));
        if (!uid.empty()) titles += (titles.empty() ? "" : "; ") + ItemTitle(policies_.FindItemByUid(uid), uid);
        start = end + 1;
      }
      return titles;
    }
    return text;
  }

 private:
  std::string ItemTitle(const std::optional<Item>& item, const std::string& otherwise = "—") const {
    if (!item) return otherwise;
    const std::string title = Localised(request_, item->title, item->title_en);
    return fmt::format("{} {}{}", reader_.Translate(KindTitle(item->kind)), item->code.empty() ? "" : item->code + " ",
                       title);
  }

  // "90000.00 / 0.00 / " (planned / secured / spent, as the history stores them; an empty one was not reported) in
  // the document's currency.
  std::string Amounts(const std::string& stored) const {
    std::string shown;
    for (std::size_t start = 0; start <= stored.size();) {
      const std::size_t end = std::min(stored.find('/', start), stored.size());
      const std::string part = core::TrimSpaces(std::string_view(stored).substr(start, end - start));
      const auto cents = part.empty() ? std::nullopt : ParseAmount(part);
      const std::string amount = part.empty() ? reader_.Translate("not reported")
                                 : cents      ? reader_.Money(*cents, currency_)
                                              : part;
      shown += (shown.empty() ? "" : " / ") + amount;
      start = end + 1;
    }
    return shown;
  }

  const http::Request& request_;
  const web::Reader& reader_;
  PoliciesService& policies_;
  places::PlacesService& places_;
  std::string currency_;
  SourceNames sources_;
  std::map<std::int64_t, std::string> areas_;
  std::map<std::string, std::string, std::less<>> settlements_;
};

// Fields a history keeps for the export's sake but a reader need not follow: the place in the plan's order.
bool ShownInHistory(std::string_view field) { return field != "position"; }

json HistoryRows(const web::Reader& reader, const HistoryWords& words, const std::vector<HistoryEntry>& entries) {
  json history = json::array();
  for (const HistoryEntry& entry : entries) {
    json changes = json::array();
    const json parsed = json::parse(entry.changes, nullptr, false);
    if (parsed.is_object()) {
      for (const auto& [field, values] : parsed.items()) {
        if (!ShownInHistory(field) || !values.is_array() || values.size() != 2) continue;
        changes.push_back({{"field", reader.Translate(FieldTitle(field))},
                           {"before", words.Show(field, values[0])},
                           {"after", words.Show(field, values[1])}});
      }
    }
    history.push_back(
        {{"at", reader.DateTime(entry.changed_at)},
         {"who", entry.changed_by_name.empty() ? reader.Translate("reference data") : entry.changed_by_name},
         {"action", reader.Translate(ActionTitle(entry.action))},
         {"version", entry.version},
         {"changes", changes}});
  }
  return history;
}

// "municipality:MON24", "oblast:MON" or "country"; nullopt for anything else or an unknown place.
std::optional<GapScope> ParseGapScope(const std::string& text, places::PlacesService& places) {
  if (text.empty() || text == "country") return GapScope{GapScope::Kind::kCountry, "", ""};
  if (text.starts_with("municipality:")) {
    const std::string code = text.substr(13);
    if (const auto found = places.FindMunicipality(code)) {
      return GapScope{GapScope::Kind::kMunicipality, code, (*found)->detail.municipality.oblast_code};
    }
  }
  if (text.starts_with("oblast:")) {
    const std::string code = text.substr(7);
    if (places.FindOblast(code)) return GapScope{GapScope::Kind::kOblast, code, code};
  }
  return std::nullopt;
}

// The coverage summary a gap page leads with: per level above, "4 of 7 EU objectives have something below that
// implements them", with a bar.
json CoverageRows(const web::Reader& reader, const std::vector<LevelCoverage>& coverage) {
  json rows = json::array();
  for (const LevelCoverage& level : coverage) {
    std::string_view singular, plural;
    switch (level.level) {
      case Level::kEu:
        singular = "{implemented} of {objectives} EU objective has something below that implements it";
        plural = "{implemented} of {objectives} EU objectives have something below that implements them";
        break;
      case Level::kNational:
        singular = "{implemented} of {objectives} national objective has something below that implements it";
        plural = "{implemented} of {objectives} national objectives have something below that implements them";
        break;
      default:
        singular = "{implemented} of {objectives} regional objective has something below that implements it";
        plural = "{implemented} of {objectives} regional objectives have something below that implements them";
        break;
    }
    const double percent = level.objectives == 0 ? 0.0 : 100.0 * level.implemented / level.objectives;
    rows.push_back({{"sentence", fmt::format(fmt::runtime(reader.TranslatePlural(singular, plural, level.objectives)),
                                             fmt::arg("implemented", reader.Number(level.implemented)),
                                             fmt::arg("objectives", reader.Number(level.objectives)))},
                    {"progress", web::ui::Progress(reader, percent)}});
  }
  return rows;
}

// What every listing of gaps shows, in the reader's language.
json GapRows(const http::Request& request, const web::Site& site, const std::vector<GapItem>& gaps,
             const std::vector<std::pair<std::int64_t, Target>>& targets) {
  std::multimap<std::int64_t, const Target*> by_item;
  for (const auto& [id, target] : targets) by_item.emplace(id, &target);
  json rows = json::array();
  for (const GapItem& gap : gaps) {
    json item_targets = json::array();
    for (auto [it, end] = by_item.equal_range(gap.id); it != end; ++it) {
      item_targets.push_back({{"text", Localised(request, it->second->text_bg, it->second->text_en)},
                              {"unverified", !it->second->verified}});
    }
    rows.push_back({{"code", gap.code},
                    {"title", Localised(request, gap.title, gap.title_en)},
                    {"url", ItemPath(gap.id)},
                    {"document", Localised(request, gap.document_title, gap.document_title_en)},
                    {"document_url", DocumentPath(gap.document_id)},
                    {"level", site.Translate(request, LevelTitle(gap.level))},
                    {"targets", item_targets},
                    {"has_targets", !item_targets.empty()},
                    {"demo", gap.demo}});
  }
  return rows;
}

http::Response DocumentPage(http::Request& request, const web::Site& site, PoliciesService& policies,
                            places::PlacesService& places, const DocumentTree& tree,
                            const kernel::DocumentSections& sections) {
  const Document& document = tree.document;
  std::map<std::int64_t, const Area*> areas;
  const auto all_areas = policies.Areas();
  for (const Area& area : all_areas) areas[area.id] = &area;
  const auto area_names = [&](const std::vector<std::int64_t>& ids) {
    json names = json::array();
    for (const std::int64_t id : ids) {
      if (const auto found = areas.find(id); found != areas.end()) {
        names.push_back(Localised(request, found->second->name_bg, found->second->name_en));
      }
    }
    return names;
  };
  const bool editable = MayEditHere(request, document);
  const web::Reader reader = site.ReaderOf(request);
  const SourceNames source_names = SourceNamesFor(reader, policies);
  // Translated once per page, not once per node: a plan may have thousands.
  std::map<std::string, std::string> kind_titles;
  for (const std::string_view kind : kItemKinds)
    kind_titles[std::string(kind)] = site.Translate(request, KindTitle(kind));
  // Each distinct figure's bar (ui/progress) rendered once: a plan of thousands of items has a few dozen figures, and
  // a partial in the loop would be parsed for every item.
  std::map<std::string, std::string, std::less<>> meters;
  const auto MeterHtml = [&](const RollUp& roll_up) -> const std::string& {
    const json meter = ProgressMeter(reader, roll_up);
    const std::string& text = meter["text"].get_ref<const std::string&>();
    if (const auto found = meters.find(text); found != meters.end()) return found->second;
    return meters.emplace(text, site.RenderBody(request, "ui/progress", meter)).first->second;
  };
  // A plan may have thousands of nodes: they go straight into template data, not through JSON first.
  using web::TemplateText;
  const auto links_data = [&](const std::vector<LinkedItem>& links) {
    mustache::data list{mustache::data::type::list};
    for (const LinkedItem& link : links) {
      mustache::data entry{mustache::data::type::object};
      entry.set("title", TemplateText(Localised(request, link.other_title, link.other_title_en)));
      entry.set("code", TemplateText(link.other_code));
      entry.set("url", ItemPath(link.other_id));
      entry.set("document", TemplateText(Localised(request, link.other_document_title, link.other_document_title_en)));
      list.push_back(std::move(entry));
    }
    return list;
  };
  mustache::data nodes{mustache::data::type::list};
  for (std::size_t index = 0; index < tree.nodes.size(); ++index) {
    const TreeNode& node = tree.nodes[index];
    const RollUp& roll_up = node.roll_up;
    // Depth first: the items under a node come right after it.
    const bool has_below = index + 1 < tree.nodes.size() && tree.nodes[index + 1].depth > node.depth;
    mustache::data entry{mustache::data::type::object};
    entry.set("id", std::to_string(node.item.id));
    entry.set("depth", std::to_string(node.depth));
    entry.set("kind", kind_titles[node.item.kind]);
    entry.set("kind_name", node.item.kind);
    entry.set("code", TemplateText(node.item.code));
    entry.set("title", TemplateText(Localised(request, node.item.title, node.item.title_en)));
    entry.set("url", ItemPath(node.item.id));
    entry.set("meter_html", MeterHtml(roll_up));
    entry.set("rolled_up", has_below && !roll_up.own);
    entry.set("counted", std::to_string(roll_up.counted.size()));
    entry.set("not_reported", std::to_string(roll_up.not_reported.size()));
    entry.set("reported_above", roll_up.reported_above.has_value());
    const std::int64_t planned = roll_up.money.all.planned_cents;
    entry.set("planned", TemplateText(planned > 0 ? reader.Money(planned, document.currency) : ""));
    const bool has_money = node.depth == 0 && !roll_up.money.by_source.empty();  // an objective's, in its row
    entry.set("has_money", has_money);
    if (has_money) {
      entry.set("money", web::ToMustache(MoneyRows(reader, source_names, roll_up.money, document.currency)));
      entry.set("money_all", web::ToMustache(AmountsData(reader, roll_up.money.all, document.currency)));
    }
    mustache::data node_areas{mustache::data::type::list};
    for (const std::int64_t id : node.item.area_ids) {
      if (const auto found = areas.find(id); found != areas.end()) {
        node_areas.push_back(Localised(request, found->second->name_bg, found->second->name_en));
      }
    }
    entry.set("has_areas", !node_areas.is_empty_list());
    entry.set("areas", std::move(node_areas));
    entry.set("has_implements", !node.implements.empty());
    entry.set("implements", links_data(node.implements));
    entry.set("has_implemented_by", !node.implemented_by.empty());
    entry.set("implemented_by", links_data(node.implemented_by));
    if (editable && node.item.kind != "activity") {
      entry.set("new_child_url", fmt::format("{}/items/new?parent={}", DocumentPath(document.id), node.item.id));
    } else {
      entry.set("new_child_url", mustache::data::type::bool_false);
    }
    nodes.push_back(std::move(entry));
  }
  json withdrawn = json::array();
  for (const Item& item : tree.withdrawn) {
    withdrawn.push_back({{"kind", kind_titles[item.kind]},
                         {"code", item.code},
                         {"title", Localised(request, item.title, item.title_en)},
                         {"url", ItemPath(item.id)},
                         {"at", reader.DateTime(item.withdrawn_at.value_or(0))}});
  }
  // What the plan adds up to: its progress with what did not report, and its money, in all and by objective.
  mustache::data plan_not_reported{mustache::data::type::list};
  for (const std::size_t index : tree.plan.not_reported) {
    const Item& item = tree.nodes[index].item;
    mustache::data entry{mustache::data::type::object};
    entry.set("kind", kind_titles[item.kind]);
    entry.set("code", TemplateText(item.code));
    entry.set("title", TemplateText(Localised(request, item.title, item.title_en)));
    entry.set("url", ItemPath(item.id));
    plan_not_reported.push_back(std::move(entry));
  }
  json objective_totals = json::array();
  for (const TreeNode& node : tree.nodes) {
    if (node.depth != 0) continue;
    json row = AmountsData(reader, node.roll_up.money.all, document.currency);
    row["id"] = node.item.id;
    row["code"] = node.item.code;
    row["title"] = Localised(request, node.item.title, node.item.title_en);
    row["meter"] = ProgressMeter(reader, node.roll_up);
    objective_totals.push_back(std::move(row));
  }
  std::string implements_title;
  if (document.implements_document_id) {
    if (const auto higher = policies.FindDocument(*document.implements_document_id)) {
      implements_title = Localised(request, higher->title, higher->title_en);
    }
  }
  const std::string title = Localised(request, document.title, document.title_en);
  const json data = {
      {"title", title},
      {"original_title", InEnglish(request) && !document.title_en.empty() ? document.title : ""},
      {"level", site.Translate(request, LevelTitle(document.level))},
      {"kind", site.Translate(request, KindTitle(document.kind))},
      {"period", fmt::format("{}–{}", document.period_start, document.period_end)},
      {"place", PlaceName(request, places, document)},
      {"status", site.Translate(request, StatusTitle(document.status))},
      {"adopted_by", document.adopted_by},
      {"decision_number", document.decision_number},
      {"decision_date", document.decision_date},
      {"source_url", document.source_url},
      {"implements_title", implements_title},
      {"implements_url", document.implements_document_id ? DocumentPath(*document.implements_document_id) : ""},
      {"progress_rule", site.Translate(request, document.progress_rule == "budget" ? "weighted by planned budget"
                                                                                   : "each item counts equally")},
      {"rule_meaning", reader.Translate(ProgressRuleMeaning(ProgressRuleOf(document.progress_rule)))},
      {"plan_progress", ProgressMeter(reader, tree.plan)},
      {"plan_reported", tree.plan.progress.has_value()},
      {"plan_counted", tree.plan.counted.size()},
      {"plan_not_reported_count", tree.plan.not_reported.size()},
      {"currency", document.currency},
      {"totals", MoneyRows(reader, source_names, tree.plan.money, document.currency)},
      {"totals_all", AmountsData(reader, tree.plan.money.all, document.currency)},
      {"has_totals", !tree.plan.money.by_source.empty()},
      {"objective_totals", objective_totals},
      {"areas", area_names(document.area_ids)},
      {"demo", document.demo},
      {"has_nodes", !tree.nodes.empty()},
      {"withdrawn", withdrawn},
      {"has_withdrawn", !withdrawn.empty()},
      {"history", HistoryRows(reader, HistoryWords(request, reader, policies, places, document),
                              policies.DocumentChanges(document.id, 20))},
      {"l_progress", site.Translate(request, "Progress")},
      {"l_from_below", site.Translate(request, "from the items below")},
      {"l_counted", site.Translate(request, "counted")},
      {"l_not_reported", site.Translate(request, "did not report")},
      {"l_not_counted", site.Translate(request, "not counted: an item above reports its own progress")},
      {"l_planned", site.Translate(request, "Planned budget")},
      {"l_money", site.Translate(request, "Planned / secured / spent")},
      {"l_all_sources", site.Translate(request, "All sources")},
      {"l_implements", site.Translate(request, "Implements")},
      {"l_implemented_by", site.Translate(request, "Implemented by")},
      {"l_add_below", site.Translate(request, "Add below")},
      {"editable", editable},
      {"edit_url", DocumentPath(document.id) + "/edit"},
      {"new_objective_url", DocumentPath(document.id) + "/items/new?kind=objective"},
      {"carry_over_url", document.status == "adopted" && editable ? DocumentPath(document.id) + "/carry-over" : ""},
      {"delete_url", document.status == "draft" && document.reference_key.empty() && editable
                         ? DocumentPath(document.id) + "/delete"
                         : ""},
      {"api_url", "/api/v1/policies/documents/" + std::to_string(document.id)},
      {"sections", sections.HtmlFor(request, document.id)},  // what other modules add: its consultation
      {"import_url", editable ? DocumentPath(document.id) + "/import" : ""},
      {"export_url", DocumentPath(document.id) + "/export"},
      {"gaps_url", document.municipality_code.empty()
                       ? std::string("/policies/gaps")
                       : "/policies/gaps?scope=municipality%3A" + document.municipality_code}};
  mustache::data page = web::ToMustache(data);
  page.set("nodes", std::move(nodes));
  page.set("has_plan_not_reported", !plan_not_reported.is_empty_list());
  page.set("plan_not_reported", std::move(plan_not_reported));
  return site.PageOfTemplateData(request, title, "policies/document", std::move(page));
}

// An item's page: what it is, its progress and money with what is under it, its links, and its history. For one who
// may change it, the search for what it could implement (`search`, or suggestions when none was made), and after a
// refused link the problem beside the choices.
http::Response ItemPage(http::Request& request, const web::Site& site, PoliciesService& policies,
                        places::PlacesService& places, const kernel::ItemSections& sections,
                        const std::optional<std::string>& search_asked, const std::string& link_problem) {
  const auto item = policies.FindItem(request.IntParameter("id"));
  if (!item) return site.Fail(request, core::Error::NotFound("There is no such objective, measure or activity."));
  const auto document = policies.FindDocument(item->document_id);
  const bool editable = MayEditHere(request, *document);
  const auto tree = policies.Tree(document->id);
  const web::Reader reader = site.ReaderOf(request);
  const SourceNames source_names = SourceNamesFor(reader, policies);
  // A withdrawn item is in no tree: it has its own progress and budget only, and no links.
  TreeNode own{*item, 0, {}, {}, {}};
  own.roll_up.progress = item->progress;
  own.roll_up.own = item->progress.has_value();
  for (const Budget& budget : item->budgets) own.roll_up.money.Add(budget);
  const TreeNode* node = &own;
  bool has_below = false;
  for (std::size_t index = 0; index < tree->nodes.size(); ++index) {
    if (tree->nodes[index].item.id != item->id) continue;
    node = &tree->nodes[index];
    has_below = index + 1 < tree->nodes.size() && tree->nodes[index + 1].depth > node->depth;
  }
  const RollUp& roll_up = node->roll_up;
  const bool rolled_up = has_below && !roll_up.own;
  json reported_above = nullptr;
  if (roll_up.reported_above) {
    const Item& above = tree->nodes[*roll_up.reported_above].item;
    reported_above = {{"kind", reader.Translate(KindTitle(above.kind))},
                      {"code", above.code},
                      {"title", Localised(request, above.title, above.title_en)},
                      {"url", ItemPath(above.id)}};
  }
  const bool in_plan = !item->withdrawn_at;
  json implements = json::array();
  for (const LinkedItem& link : node->implements) {
    implements.push_back({{"title", Localised(request, link.other_title, link.other_title_en)},
                          {"code", link.other_code},
                          {"url", ItemPath(link.other_id)},
                          {"document", Localised(request, link.other_document_title, link.other_document_title_en)},
                          {"remove_url", fmt::format("{}/links/{}/remove", ItemPath(item->id), link.other_id)}});
  }
  json implemented_by = json::array();
  for (const LinkedItem& link : node->implemented_by) {
    implemented_by.push_back(
        {{"title", Localised(request, link.other_title, link.other_title_en)},
         {"code", link.other_code},
         {"url", ItemPath(link.other_id)},
         {"document", Localised(request, link.other_document_title, link.other_document_title_en)}});
  }
  const json history =
      HistoryRows(reader, HistoryWords(request, reader, policies, places, *document), policies.ItemHistory(item->id));
  json targets = json::array();
  for (const Target& target : item->targets) {
    targets.push_back({{"text", Localised(request, target.text_bg, target.text_en)}, {"unverified", !target.verified}});
  }
  json budgets = json::array();
  const auto warnings = BudgetWarnings(*item);
  for (const Budget& budget : item->budgets) {
    json row = AmountsData(reader, Amounts{budget.planned_cents, budget.secured_cents, budget.spent_cents},
                           document->currency);
    row["source"] = SourceName(source_names, budget.source);
    for (const core::FieldProblem& warning : warnings) {
      if (warning.field == AmountField(budget.source, kAmountNames[2])) {
        row["warning"] = site.Translate(request, warning.message);
      }
    }
    budgets.push_back(std::move(row));
  }
  const json counted = rolled_up ? UnitRows(request, reader, *tree, roll_up.counted) : json::array();
  const json not_reported = rolled_up ? UnitRows(request, reader, *tree, roll_up.not_reported) : json::array();
  // Without a search, the suggestions: what the document above and the item's areas point to.
  json candidates = json::array();
  const std::string search = search_asked.value_or("");
  if (editable && in_plan && item->kind != "activity") {
    const auto found =
        search_asked ? policies.LinkCandidates(*document, search) : policies.SuggestedLinks(*document, *item);
    for (const GapItem& candidate : found) {
      if (std::any_of(node->implements.begin(), node->implements.end(),
                      [&](const LinkedItem& link) { return link.other_id == candidate.id; })) {
        continue;  // linked already
      }
      candidates.push_back({{"id", candidate.id},
                            {"code", candidate.code},
                            {"title", Localised(request, candidate.title, candidate.title_en)},
                            {"document", Localised(request, candidate.document_title, candidate.document_title_en)}});
      if (candidates.size() >= (search_asked ? 50u : 10u)) break;
    }
  }
  const std::string title = Localised(request, item->title, item->title_en);
  json data = {{"title", title},
               {"kind", site.Translate(request, KindTitle(item->kind))},
               {"code", item->code},
               {"uid", item->uid},
               {"description", item->description},
               {"document", Localised(request, document->title, document->title_en)},
               {"document_url", DocumentPath(document->id)},
               {"demo", document->demo},
               {"progress", ProgressMeter(reader, roll_up)},
               {"rolled_up", rolled_up},
               {"rule", site.Translate(request, document->progress_rule == "budget" ? "weighted by planned budget"
                                                                                    : "each item counts equally")},
               {"rule_meaning", reader.Translate(ProgressRuleMeaning(ProgressRuleOf(document->progress_rule)))},
               {"counted", counted},
               {"counted_count", counted.size()},
               {"has_counted", !counted.empty()},
               {"not_reported", not_reported},
               {"not_reported_count", not_reported.size()},
               {"has_not_reported", !not_reported.empty()},
               {"own_with_below", has_below && roll_up.own},
               {"reported_above", reported_above},
               {"has_money_below", has_below && !roll_up.money.by_source.empty()},
               {"totals", MoneyRows(reader, source_names, roll_up.money, document->currency)},
               {"totals_all", AmountsData(reader, roll_up.money.all, document->currency)},
               {"responsible", item->responsible},
               {"partners", item->partners},
               {"target_group", item->target_group},
               {"start", reader.Date(item->start_date)},
               {"end", reader.Date(item->end_date)},
               {"deadline", reader.Date(item->deadline)},
               {"beneficiaries", item->beneficiaries ? reader.Number(*item->beneficiaries) : ""},
               {"expected_result", item->expected_result},
               {"official_status",
                item->official_status.empty() ? "" : site.Translate(request, StatusTitle(item->official_status))},
               {"targets", targets},
               {"has_targets", !targets.empty()},
               {"budgets", budgets},
               {"has_budgets", !budgets.empty()},
               {"currency", document->currency},
               {"implements", implements},
               {"has_implements", !implements.empty()},
               {"implemented_by", implemented_by},
               {"has_implemented_by", !implemented_by.empty()},
               {"history", history},
               {"editable", editable && in_plan},
               {"linkable", editable && in_plan && item->kind != "activity"},
               {"edit_url", ItemPath(item->id) + "/edit"},
               {"withdraw_url", ItemPath(item->id) + "/withdraw"},
               {"withdrawn_at", item->withdrawn_at ? reader.DateTime(*item->withdrawn_at) : ""},
               {"restore_url", editable && !in_plan ? ItemPath(item->id) + "/restore" : ""},
               {"link_url", ItemPath(item->id) + "/links"},
               {"search", search},
               {"searched", search_asked.has_value()},
               {"link_problem", link_problem.empty() ? "" : reader.Translate(link_problem)},
               {"candidates", candidates},
               {"has_candidates", !candidates.empty()},
               {"csrf", std::string(request.Attribute("csrf_token").value_or(""))}};
  data["sections"] = sections.HtmlFor(request, item->id);  // what other modules add: the indicators that measure it
  return site.Page(request, title, "policies/item", data, link_problem.empty() ? 200 : 422);
}

}  // namespace

void AddPoliciesRoutes(kernel::Routes& routes, const web::Site& site, PoliciesService& policies,
                       places::PlacesService& places, const kernel::ItemSections& item_sections,
                       const kernel::GapSections& gap_sections, const kernel::DocumentSections& document_sections) {
  routes.Get("/policies", core::Access::Anyone(), [&site, &policies, &places](http::Request& request) {
    // The whole cascade, or what concerns one place: the EU and national documents, and the regional and local ones
    // of the oblast or municipality.
    const std::string scope_text = request.Query("scope").value_or("country");
    const auto scope = ParseGapScope(scope_text, places);
    if (!scope) return site.Fail(request, core::Error::NotFound("There is no such place."));
    const auto concerns = [&](const Document& document) {
      if (document.level == Level::kEu || document.level == Level::kNational) return true;
      switch (scope->kind) {
        case GapScope::Kind::kOblast:
          return document.oblast_code == scope->code;
        case GapScope::Kind::kMunicipality:
          return document.municipality_code == scope->code ||
                 (document.level == Level::kRegional && document.oblast_code == scope->oblast_code);
        case GapScope::Kind::kCountry:
          break;
      }
      return true;
    };
    const PlaceNames names = ReadPlaceNames(site.ReaderOf(request), places);
    json levels = json::array();
    const auto documents = policies.ListDocuments({});
    for (const Level level : AllLevels()) {
      json rows = json::array();
      for (const Document& document : documents) {
        if (document.level != level || !concerns(document)) continue;
        rows.push_back({{"title", Localised(request, document.title, document.title_en)},
                        {"url", DocumentPath(document.id)},
                        {"kind", site.Translate(request, KindTitle(document.kind))},
                        {"period", fmt::format("{}–{}", document.period_start, document.period_end)},
                        {"place", names.Of(document)},
                        {"status", site.Translate(request, StatusTitle(document.status))},
                        {"demo", document.demo}});
      }
      levels.push_back({{"title", site.Translate(request, LevelTitle(level))},
                        {"documents", rows},
                        {"has_documents", !rows.empty()}});
    }
    const core::SignedIn* user = kernel::SignedInOf(request);
    const json data = {{"levels", levels},
                       {"signed_in", user != nullptr},
                       {"scope", ScopeChoices(request, site, names, scope_text)},
                       {"gaps_url", "/policies/gaps?scope=" + http::PercentEncode(scope_text)}};
    return site.Page(request, site.Translate(request, "Policy cascade"), "policies/index", data);
  });

  // A plan is what a press release links to: kept for visitors, it is made once after each change, not per reader.
  routes.Get(
      "/policies/documents/{id:int}", core::Access::Anyone(),
      [&site, &policies, &places, &document_sections](http::Request& request) {
        const auto tree = policies.Tree(request.IntParameter("id"));
        if (!tree) return site.Fail(request, core::Error::NotFound("There is no such document."));
        return DocumentPage(request, site, policies, places, *tree, document_sections);
      },
      http::Kept::kForVisitors);

  routes.Get("/policies/items/{id:int}", core::Access::Anyone(),
             [&site, &policies, &places, &item_sections](http::Request& request) {
               return ItemPage(request, site, policies, places, item_sections, request.Query("q"), "");
             });

  routes.Post("/policies/items/{id:int}/links", core::Access::SignedIn(),
              [&site, &policies, &places, &item_sections](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                // A refusal keeps the page, its search and its choices, and says what to do beside them.
                const auto search = request.Form("q");
                bool bad = false;
                const auto target = OptionalWholeNumber(request.Form("implements"), bad);
                if (bad || !target) {
                  if (!policies.FindItem(id)) {
                    return site.Fail(request,
                                     core::Error::NotFound("There is no such objective, measure or activity."));
                  }
                  return ItemPage(request, site, policies, places, item_sections, search,
                                  "Choose what it implements: one of the objectives or measures listed.");
                }
                const auto linked = policies.Link(user, id, *target);
                if (!linked) {
                  const core::ErrorKind kind = linked.error().kind;
                  if (kind != core::ErrorKind::kInvalidInput && kind != core::ErrorKind::kConflict) {
                    return site.Fail(request, linked.error());
                  }
                  return ItemPage(request, site, policies, places, item_sections, search, linked.error().message);
                }
                return http::Response::Redirect(ItemPath(id) + "#implements");
              });

  routes.Post("/policies/items/{id:int}/links/{target:int}/remove", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto removed = policies.Unlink(user, id, request.IntParameter("target"));
                if (!removed) return site.Fail(request, removed.error());
                return http::Response::Redirect(ItemPath(id) + "#implements");
              });

  routes.Get(
      "/policies/gaps", core::Access::Anyone(),
      [&site, &policies, &places, &gap_sections](http::Request& request) {
        const std::string scope_text = request.Query("scope").value_or("country");
        const auto scope = ParseGapScope(scope_text, places);
        if (!scope) return site.Fail(request, core::Error::NotFound("There is no such place."));
        const Gaps gaps = policies.FindGaps(*scope);
        const web::Reader reader = site.ReaderOf(request);
        const json data = {{"coverage", CoverageRows(reader, gaps.coverage)},
                           {"demo", gaps.demo},
                           {"unimplemented", GapRows(request, site, gaps.unimplemented, gaps.targets)},
                           {"unimplemented_count", gaps.unimplemented.size()},
                           {"unlinked", GapRows(request, site, gaps.unlinked, {})},
                           {"unlinked_count", gaps.unlinked.size()},
                           {"choices", ScopeChoices(request, site, ReadPlaceNames(reader, places), scope_text)},
                           {"scope", scope_text},
                           {"csv_url", "/policies/gaps.csv?scope=" + http::PercentEncode(scope_text)},
                           {"api_url", "/api/v1/policies/gaps?scope=" + http::PercentEncode(scope_text)},
                           // What other modules know of the scope's gaps: objectives no indicator measures.
                           {"sections", gap_sections.HtmlFor(request, scope_text)}};
        return site.Page(request, site.Translate(request, "Gaps in the cascade"), "policies/gaps", data);
      },
      http::Kept::kForVisitors);

  routes.Get(
      "/policies/gaps.csv", core::Access::Anyone(),
      [&site, &policies, &places](http::Request& request) {
        const std::string scope_text = request.Query("scope").value_or("country");
        const auto scope = ParseGapScope(scope_text, places);
        if (!scope) return site.Fail(request, core::Error::NotFound("There is no such place."));
        const Gaps gaps = policies.FindGaps(*scope);
        std::vector<std::vector<std::string>> rows = {
            {"gap", "uid", "code", "title", "title_en", "document_id", "document_title", "level", "demo"}};
        for (const auto& [kind, list] : {std::pair{"unimplemented_objective", &gaps.unimplemented},
                                         std::pair{"measure_implementing_nothing", &gaps.unlinked}}) {
          for (const GapItem& gap : *list) {
            rows.push_back({kind, gap.uid, gap.code, gap.title, gap.title_en, std::to_string(gap.document_id),
                            gap.document_title, std::string(LevelName(gap.level)), gap.demo ? "true" : "false"});
          }
        }
        http::Response response = http::Response::Text(formats::WriteCsv(rows));
        response.SetHeader("Content-Type", "text/csv; charset=utf-8");
        response.SetHeader("Content-Disposition", "attachment; filename=\"khetane-gaps.csv\"");
        return response;
      },
      http::Kept::kForVisitors);

  routes.Get(
      "/api/v1/policies/gaps", core::Access::Anyone(),
      [&site, &policies, &places](http::Request& request) {
        const auto scope = ParseGapScope(request.Query("scope").value_or("country"), places);
        if (!scope) {
          return site.Fail(request, core::Error::NotFound("There is no such place."));
        }
        const Gaps gaps = policies.FindGaps(*scope);
        json unimplemented = json::array(), unlinked = json::array();
        std::multimap<std::int64_t, const Target*> targets;
        for (const auto& [id, target] : gaps.targets) targets.emplace(id, &target);
        for (const GapItem& gap : gaps.unimplemented) {
          json item = GapJson(gap);
          item["targets"] = json::array();
          for (auto [it, end] = targets.equal_range(gap.id); it != end; ++it) {
            item["targets"].push_back({{"text_bg", it->second->text_bg},
                                       {"text_en", it->second->text_en},
                                       {"verified", it->second->verified}});
          }
          unimplemented.push_back(std::move(item));
        }
        for (const GapItem& gap : gaps.unlinked) unlinked.push_back(GapJson(gap));
        json coverage = json::array();
        for (const LevelCoverage& level : gaps.coverage) {
          coverage.push_back({{"level", LevelName(level.level)},
                              {"objectives", level.objectives},
                              {"implemented", level.implemented}});
        }
        return web::Site::Json({{"scope", request.Query("scope").value_or("country")},
                                {"coverage", coverage},
                                {"includes_demo_data", gaps.demo},
                                {"unimplemented_objectives", unimplemented},
                                {"measures_implementing_nothing", unlinked}});
      },
      http::Kept::kForVisitors);

  routes.Get("/api/v1/policies/areas", core::Access::Anyone(), [&policies](http::Request&) {
    json areas = json::array();
    for (const Area& area : policies.Areas()) {
      areas.push_back({{"id", area.id},
                       {"scheme", area.scheme},
                       {"code", area.code},
                       {"name_bg", area.name_bg},
                       {"name_en", area.name_en},
                       {"cross_cutting", area.cross_cutting}});
    }
    return web::Site::List({{"items", areas}, {"total", areas.size()}, {"next", nullptr}}, "items");
  });

  routes.Get("/api/v1/policies/documents", core::Access::Anyone(), [&policies](http::Request& request) {
    DocumentFilter filter;
    if (const auto level = request.Query("level")) filter.level = LevelFromName(*level);
    filter.municipality_code = request.Query("municipality").value_or("");
    filter.oblast_code = request.Query("oblast").value_or("");
    json items = json::array();
    for (const Document& document : policies.ListDocuments(filter)) items.push_back(DocumentJson(document));
    return web::Site::List({{"items", items}, {"total", items.size()}, {"next", nullptr}}, "items");
  });

  routes.Get("/api/v1/policies/documents/{id:int}", core::Access::Anyone(), [&site, &policies](http::Request& request) {
    const auto tree = policies.Tree(request.IntParameter("id"));
    if (!tree) {
      return site.Fail(request, core::Error::NotFound("There is no such document."));
    }
    json items = json::array();
    for (const TreeNode& node : tree->nodes) items.push_back(TreeNodeJson(*tree, node));
    json withdrawn = json::array();
    for (const Item& item : tree->withdrawn) withdrawn.push_back(ItemJson(item));
    json document = DocumentJson(tree->document);
    document["roll_up"] = RollUpJson(*tree, tree->plan);
    document["totals"] = MoneyJson(tree->plan.money);
    document["items"] = std::move(items);
    document["withdrawn"] = std::move(withdrawn);
    return web::Site::Json(document);
  });

  routes.Get("/api/v1/policies/items/{id:int}", core::Access::Anyone(), [&site, &policies](http::Request& request) {
    const auto item = policies.FindItem(request.IntParameter("id"));
    if (!item) return site.Fail(request, core::Error::NotFound("There is no such objective, measure or activity."));
    return web::Site::Json(ItemWithLinksJson(policies, *item));
  });

  AddPolicyFormRoutes(routes, site, policies, places);
  AddPolicyApiRoutes(routes, site, policies);
  AddFundingSourceRoutes(routes, site, policies);
}

}  // namespace policies
