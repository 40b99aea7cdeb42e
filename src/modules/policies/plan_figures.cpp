// The figures the dashboards draw from the municipalities' adopted plans (docs/methodology.md, "Dashboards").

#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/money.hpp"
#include "modules/policies/policies_service.hpp"

namespace policies {

namespace {

// Each item's areas: its own, or its nearest parent's that has some (nullptr: none up the tree).
std::vector<const std::vector<std::int64_t>*> InheritedAreas(const std::vector<AreaItem>& items) {
  std::unordered_map<std::int64_t, const AreaItem*> by_id;
  for (const AreaItem& item : items) by_id.emplace(item.id, &item);
  std::vector<const std::vector<std::int64_t>*> areas;
  areas.reserve(items.size());
  for (const AreaItem& item : items) {
    const AreaItem* at = &item;
    const std::vector<std::int64_t>* found = nullptr;
    for (int depth = 0; at != nullptr && depth < 8 && found == nullptr; ++depth) {
      if (!at->areas.empty()) found = &at->areas;
      const auto parent = at->parent_id ? by_id.find(*at->parent_id) : by_id.end();
      at = parent == by_id.end() ? nullptr : parent->second;
    }
    areas.push_back(found);
  }
  return areas;
}

}  // namespace

std::map<std::string, PlanFigures, std::less<>> PoliciesService::FiguresOfMunicipalities() {
  std::map<std::string, PlanFigures, std::less<>> figures;
  for (const PlanActivityCounts& counts : store_.ActivityCountsOfMunicipalities()) {
    PlanFigures& figure = figures[counts.municipality_code];
    figure.activities = counts.activities;
    figure.completed = counts.completed;
    figure.demo = counts.demo;
  }
  std::map<std::string, std::pair<std::int64_t, std::int64_t>, std::less<>> money;  // planned, spent in euro cents
  for (const PlanSpending& spending : store_.SpendingOfMunicipalities()) {
    auto& [planned, spent] = money[spending.municipality_code];
    planned += core::EuroCents(spending.planned_cents, spending.currency).value_or(0);
    spent += core::EuroCents(spending.spent_cents, spending.currency).value_or(0);
  }
  for (const auto& [code, amounts] : money) {
    const auto found = figures.find(code);
    if (found != figures.end() && amounts.first > 0) {
      found->second.spent_share = static_cast<double>(amounts.second) / static_cast<double>(amounts.first);
    }
  }

  // Coverage: from what each municipality's items implement, up the links, to the objectives above it.
  std::unordered_multimap<std::int64_t, std::int64_t> up;
  for (const auto& [from, to] : store_.AllImplementLinks()) up.emplace(from, to);
  std::unordered_map<std::string, std::string> oblast_of;
  for (const places::Municipality& municipality : places_.AllMunicipalities()) {
    oblast_of.emplace(municipality.code, municipality.oblast_code);
  }
  const std::vector<ObjectiveAbove> above = store_.ObjectivesInForceAbove();
  std::int64_t national = 0;
  std::map<std::string, std::int64_t, std::less<>> regional;  // by oblast
  for (const ObjectiveAbove& objective : above) {
    if (objective.level == Level::kNational) {
      ++national;
    } else {
      ++regional[objective.oblast_code];
    }
  }
  std::map<std::string, std::vector<std::int64_t>, std::less<>> direct;
  for (auto& [code, target] : store_.ImplementedFromMunicipalities()) direct[code].push_back(target);
  std::unordered_map<std::int64_t, const ObjectiveAbove*> objective_of;
  for (const ObjectiveAbove& objective : above) objective_of.emplace(objective.id, &objective);
  for (auto& [code, figure] : figures) {
    const std::string& oblast = oblast_of[code];
    const auto in_oblast = regional.find(oblast);
    figure.objectives_above = national + (in_oblast == regional.end() ? 0 : in_oblast->second);
    std::unordered_set<std::int64_t> reached;
    std::vector<std::int64_t> to_visit = direct[code];
    while (!to_visit.empty()) {
      const std::int64_t id = to_visit.back();
      to_visit.pop_back();
      if (!reached.insert(id).second) continue;
      const auto [first, last] = up.equal_range(id);
      for (auto link = first; link != last; ++link) to_visit.push_back(link->second);
    }
    for (const std::int64_t id : reached) {
      const auto objective = objective_of.find(id);
      if (objective == objective_of.end()) continue;
      if (objective->second->level == Level::kNational || objective->second->oblast_code == oblast) {
        ++figure.objectives_reached;
      }
    }
  }
  return figures;
}

std::vector<AreaFigures> PoliciesService::AreasOfMunicipality(const std::string& municipality_code) {
  const std::vector<AreaItem> items = store_.AreaItemsOf(municipality_code);
  const auto inherited = InheritedAreas(items);
  std::map<std::int64_t, AreaFigures> by_area;
  static const std::vector<std::int64_t> kNoArea{0};
  for (std::size_t i = 0; i < items.size(); ++i) {
    const AreaItem& item = items[i];
    for (const std::int64_t area : inherited[i] ? *inherited[i] : kNoArea) {
      AreaFigures& figures = by_area[area];
      figures.demo = figures.demo || item.demo;
      if (item.kind == "measure") ++figures.measures;
      if (item.kind == "activity" && item.official_status != "cancelled") {
        ++figures.activities;
        if (item.official_status == "completed") ++figures.completed;
      }
      // An item about two areas counts its money in each: the areas' sums may exceed the plan's.
      figures.planned_eur_cents += item.planned_eur_cents;
      if (item.spent_eur_cents) figures.spent_eur_cents = figures.spent_eur_cents.value_or(0) + *item.spent_eur_cents;
    }
  }
  std::vector<AreaFigures> list;
  for (const Area& area : store_.Areas()) {
    const auto found = by_area.find(area.id);
    if (found == by_area.end()) continue;
    found->second.area = area;
    list.push_back(std::move(found->second));
  }
  if (const auto none = by_area.find(0); none != by_area.end()) list.push_back(std::move(none->second));
  return list;
}

std::vector<AreaByMunicipality> PoliciesService::ActivitiesByArea() {
  // The national strategy's areas; an item about another framework's area counts in the ones it maps to.
  std::vector<Area> national;
  for (Area& area : store_.Areas()) {
    if (area.scheme == kNationalAreaScheme) national.push_back(std::move(area));
  }
  std::unordered_map<std::int64_t, std::size_t> position;
  for (std::size_t i = 0; i < national.size(); ++i) position.emplace(national[i].id, i);
  const std::multimap<std::int64_t, std::int64_t> mappings = store_.AreaMappings();
  std::vector<AreaByMunicipality> list(national.size());
  for (std::size_t i = 0; i < national.size(); ++i) list[i].area = national[i];
  const std::vector<AreaItem> items = store_.AreaItemsOf("");
  const auto inherited = InheritedAreas(items);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const AreaItem& item = items[i];
    if (item.kind != "activity" || item.official_status == "cancelled" || inherited[i] == nullptr) continue;
    std::set<std::size_t> counted;  // an activity counts once in an area, however many of its areas map there
    for (const std::int64_t area : *inherited[i]) {
      if (const auto found = position.find(area); found != position.end()) counted.insert(found->second);
      const auto [first, last] = mappings.equal_range(area);
      for (auto mapped = first; mapped != last; ++mapped) {
        if (const auto found = position.find(mapped->second); found != position.end()) counted.insert(found->second);
      }
    }
    for (const std::size_t at : counted) {
      AreaCounts& counts = list[at].municipalities[item.municipality_code];
      ++counts.activities;
      if (item.official_status == "completed") ++counts.completed;
      counts.demo = counts.demo || item.demo;
    }
  }
  return list;
}

}  // namespace policies
