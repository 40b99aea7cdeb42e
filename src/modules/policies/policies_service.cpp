#include "modules/policies/policies_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.hpp"
#include "modules/accounts/session.hpp"
#include "modules/policies/reference_data.hpp"

namespace policies {
namespace {

using accounts::Role;
using accounts::Scope;
using accounts::ScopeKind;
using nlohmann::json;

// Areas are a set: the order a form sends them in is no change.
std::vector<std::int64_t> Sorted(std::vector<std::int64_t> ids) {
  std::ranges::sort(ids);
  return ids;
}

json FieldsOf(const Document& document) {
  return {{"level", LevelName(document.level)},
          {"kind", document.kind},
          {"title", document.title},
          {"title_en", document.title_en},
          {"period", fmt::format("{}–{}", document.period_start, document.period_end)},
          {"oblast", document.oblast_code},
          {"municipality", document.municipality_code},
          {"status", document.status},
          {"adopted_by", document.adopted_by},
          {"decision_number", document.decision_number},
          {"decision_date", document.decision_date},
          {"source_url", document.source_url},
          {"implements_document", document.implements_document_id ? json(*document.implements_document_id) : json()},
          {"progress_rule", document.progress_rule},
          {"currency", document.currency},
          {"areas", Sorted(document.area_ids)}};
}

json FieldsOf(const Item& item) {
  json budgets = json::object();
  for (const Budget& budget : item.budgets) {
    budgets[budget.source] = fmt::format("{} / {} / {}", FormatAmount(budget.planned_cents),
                                         FormatAmount(budget.secured_cents), FormatAmount(budget.spent_cents));
  }
  json targets = json::array();
  for (const Target& target : item.targets) {
    targets.push_back({{"bg", target.text_bg}, {"en", target.text_en}, {"verified", target.verified}});
  }
  // Every field an update stores: one left out here would make a change to it alone look like no change.
  return {{"kind", item.kind},
          {"parent", item.parent_id ? json(*item.parent_id) : json()},
          {"code", item.code},
          {"position", item.position},
          {"title", item.title},
          {"title_en", item.title_en},
          {"description", item.description},
          {"responsible", item.responsible},
          {"partners", item.partners},
          {"target_group", item.target_group},
          {"settlement", item.settlement_ekatte},
          {"start", item.start_date},
          {"end", item.end_date},
          {"deadline", item.deadline},
          {"beneficiaries", item.beneficiaries ? json(*item.beneficiaries) : json()},
          {"expected_result", item.expected_result},
          {"official_status", item.official_status},
          {"progress", item.progress ? json(*item.progress) : json()},
          {"areas", Sorted(item.area_ids)},
          {"budgets", budgets},
          {"targets", targets}};
}

// {"field": [before, after]} for each field that changed; every field with `before` null for a creation.
json ChangedFields(const json& before, const json& after) {
  json changes = json::object();
  for (const auto& [key, value] : after.items()) {
    const json old = before.contains(key) ? before[key] : json();
    if (old != value && !(old.is_null() && (value == "" || value == json::array() || value == json::object()))) {
      changes[key] = json::array({old, value});
    }
  }
  return changes;
}

std::string Dump(const json& changes) { return changes.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string Changes(const json& before, const json& after) { return Dump(ChangedFields(before, after)); }

// ChangedFields(json::object(), FieldsOf(item)) without copying each field: what a new item's history holds.
json CreatedFields(const Item& item) {
  json changes = FieldsOf(item);
  for (auto field = changes.begin(); field != changes.end();) {
    if (field->is_null() || *field == "" || *field == json::array() || *field == json::object()) {
      field = changes.erase(field);
    } else {
      *field = json::array({nullptr, std::move(*field)});
      ++field;
    }
  }
  return changes;
}

// An imported item's history: its changed fields (all of them for a new item, `before` null), and the links the
// import adds as {"implements": [null, "a; b"]}.
std::string ImportChanges(const json* before, const Item& after, const std::vector<ItemReference>& new_links) {
  json changes = before ? ChangedFields(*before, FieldsOf(after)) : CreatedFields(after);
  if (!new_links.empty()) {
    std::string uids;
    for (const ItemReference& link : new_links) uids += (uids.empty() ? "" : "; ") + link.uid;
    changes["implements"] = json::array({nullptr, uids});
  }
  return Dump(changes);
}

bool Holds(const std::vector<accounts::RoleAssignment>& roles, std::initializer_list<Role> wanted, const Scope& where) {
  for (const auto& assignment : roles) {
    if (std::find(wanted.begin(), wanted.end(), assignment.role) != wanted.end() &&
        accounts::ScopeCovers(assignment.scope, where)) {
      return true;
    }
  }
  return false;
}

std::string TitleForAudit(const Document& document) {
  return fmt::format("document {} ({})", document.id, document.title);
}

core::Error ItemChangedMeanwhile() {
  return core::Error::Conflict("Someone changed this item while you were editing it. Reload it to see the change.");
}

}  // namespace

std::string NewItemUid(std::string_view kind) {
  const char prefix = kind.empty() ? 'i' : kind.front();
  return fmt::format("{}-{}", prefix, accounts::NewToken().substr(0, 12));
}

bool MayEdit(const std::vector<accounts::RoleAssignment>& roles, const Document& document) {
  const Scope installation{ScopeKind::kInstallation, ""};
  if (Holds(roles, {Role::kAdministrator}, installation)) return true;
  switch (document.level) {
    case Level::kEu:
    case Level::kNational:
      return Holds(roles, {Role::kCoordinator}, installation);
    case Level::kRegional:
      return Holds(roles, {Role::kCoordinator}, {ScopeKind::kOblast, document.oblast_code});
    case Level::kMunicipal:
    case Level::kProject:
      return !document.municipality_code.empty() &&
             Holds(roles, {Role::kCoordinator, Role::kMunicipalOfficial, Role::kCsoEditor},
                   {ScopeKind::kMunicipality, document.municipality_code});
  }
  return false;
}

core::Result<bool> PoliciesService::LoadReferenceData(const std::filesystem::path& directory,
                                                      const std::function<void(const std::string&)>& log) {
  return SeedPolicyReferenceData(store_, directory, log);
}

void PoliciesService::Audit(const Actor& actor, std::string action, std::string subject) {
  audit_.Write(actor, action, subject);
}

core::Result<FundingSource> PoliciesService::AddFundingSource(const Actor& actor, FundingSource source) {
  if (!Holds(actor.roles, {Role::kAdministrator}, {ScopeKind::kInstallation, ""})) {
    return core::Error::Forbidden("Only an administrator adds funding sources.");
  }
  source.code = core::TrimSpaces(source.code);
  source.name_bg = core::TrimSpaces(source.name_bg);
  source.name_en = core::TrimSpaces(source.name_en);
  std::optional<core::Error> refused;
  database_.Transaction([&](db::Connection& connection) {
    auto problems = FundingSourceProblems(source, store_.FundingSources(connection));
    if (!problems.empty()) {
      refused = core::Error::InvalidFields(std::move(problems));
      return;
    }
    store_.InsertFundingSource(connection, source, accounts::UnixNow());
  });
  if (refused) return *refused;
  Audit(actor, "funding_source_added", fmt::format("{} ({})", source.code, source.name_en));
  return source;
}

core::Result<Document> PoliciesService::CheckDocument(Document document) {
  document = NormaliseDocument(std::move(document));
  // What the rules need to know, read here: DocumentProblems reads nothing itself.
  DocumentContext context;
  if (document.level == Level::kRegional) context.oblast_found = places_.FindOblast(document.oblast_code).ok();
  if (document.level == Level::kMunicipal || document.level == Level::kProject) {
    if (const auto municipality = places_.FindMunicipality(document.municipality_code)) {
      context.municipality_oblast = (*municipality)->detail.municipality.oblast_code;
    }
  }
  if (document.implements_document_id) {
    if (const auto higher = store_.FindDocument(*document.implements_document_id)) {
      context.implements_level = higher->level;
    }
  }
  for (const Area& area : store_.Areas()) context.area_ids.insert(area.id);
  auto problems = DocumentProblems(document, context);
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  if (context.municipality_oblast) document.oblast_code = *context.municipality_oblast;  // a wrong one is not kept
  return document;
}

core::Result<Document> PoliciesService::DocumentToChange(const Actor& actor, std::int64_t document_id) {
  auto document = store_.FindDocument(document_id);
  if (!document) return core::Error::NotFound("There is no such document.");
  if (!MayEdit(actor.roles, *document))
    return core::Error::Forbidden("Your roles do not let you change this document.");
  return std::move(*document);
}

core::Result<PoliciesService::ItemInDocument> PoliciesService::ItemToChange(const Actor& actor, std::int64_t item_id) {
  auto item = store_.FindItem(item_id);
  if (!item) return core::Error::NotFound("There is no such objective, measure or activity.");
  auto document = DocumentToChange(actor, item->document_id);
  if (!document) return document.error();
  return ItemInDocument{std::move(*item), std::move(*document)};
}

core::Result<Document> PoliciesService::CreateDocument(const Actor& actor, Document document) {
  auto checked = CheckDocument(std::move(document));
  if (!checked) return checked.error();
  if (!MayEdit(actor.roles, *checked)) {
    return core::Error::Forbidden("Your roles do not let you add documents for this place.");
  }
  const std::int64_t now = accounts::UnixNow();
  database_.Transaction([&](db::Connection& connection) {
    checked->id = store_.InsertDocument(connection, *checked, actor.user_id, now);
    store_.AppendHistory(connection, {checked->id, std::nullopt, 1, "created",
                                      Changes(json::object(), FieldsOf(*checked)), actor.user_id, "", now});
  });
  Audit(actor, "document_created", TitleForAudit(*checked));
  return *store_.FindDocument(checked->id);
}

core::Result<Document> PoliciesService::UpdateDocument(const Actor& actor, Document document) {
  const auto before = store_.FindDocument(document.id);
  if (!before) return core::Error::NotFound("There is no such document.");
  if (!MayEdit(actor.roles, *before)) return core::Error::Forbidden("Your roles do not let you change this document.");
  auto checked = CheckDocument(std::move(document));
  if (!checked) return checked.error();
  if (!MayEdit(actor.roles, *checked)) {
    return core::Error::Forbidden("Your roles do not let you move this document to that place.");
  }
  if (checked->version != before->version) {
    return core::Error::Conflict(
        "Someone changed this document while you were editing it. Reload it to see the change.");
  }
  const std::string changes = Changes(FieldsOf(*before), FieldsOf(*checked));
  if (changes == "{}") return *before;
  const std::int64_t now = accounts::UnixNow();
  bool written = false;
  database_.Transaction([&](db::Connection& connection) {
    // The check above read the version before this transaction: the write checks it again, so that of two saves at
    // the same moment one is refused rather than both accepted.
    written = store_.UpdateDocument(connection, *checked, actor.user_id, now);
    if (!written) return;
    store_.AppendHistory(connection,
                         {checked->id, std::nullopt, before->version + 1, "changed", changes, actor.user_id, "", now});
  });
  if (!written) {
    return core::Error::Conflict(
        "Someone changed this document while you were editing it. Reload it to see the change.");
  }
  Audit(actor, "document_changed", TitleForAudit(*checked));
  return *store_.FindDocument(checked->id);
}

core::Result<Document> PoliciesService::DeleteDraft(const Actor& actor, std::int64_t document_id,
                                                    std::int64_t version) {
  const auto document = store_.FindDocument(document_id);
  if (!document) return core::Error::NotFound("There is no such document.");
  if (!MayEdit(actor.roles, *document))
    return core::Error::Forbidden("Your roles do not let you change this document.");
  if (document->status != "draft" || !document->reference_key.empty()) {
    return core::Error::InvalidInput("Only a draft can be deleted. Withdraw the items of an adopted document instead.");
  }
  if (store_.CountImplementingDocuments(document_id) > 0) {
    return core::Error::InvalidInput("Another document says it implements this one: change that document first.");
  }
  if (document->version != version) {
    return core::Error::Conflict(
        "Someone changed this document while you were editing it. Reload it to see the change.");
  }
  const std::int64_t now = accounts::UnixNow();
  database_.Transaction([&](db::Connection& connection) {
    store_.LockLinks(connection);
    std::vector<std::int64_t> ids;
    for (const Item& item : store_.DocumentItems(connection, document_id, Withdrawn::kIncluded)) ids.push_back(item.id);
    std::vector<HistoryEntry> history;  // of the items elsewhere that lose a link
    for (const LinkEnds& link : store_.LinksTouching(connection, ids)) {
      if (link.item_document_id == document_id) continue;
      const json change = {{"implements", json::array({link.implements_uid, nullptr})}};
      history.push_back(
          {link.item_document_id, link.item_id, link.item_version, "unlinked", change.dump(), actor.user_id, "", now});
    }
    store_.AppendHistory(connection, history);
    store_.DeleteDocument(connection, document_id);
  });
  Audit(actor, "document_deleted", TitleForAudit(*document));
  return *document;
}

core::Result<Item> PoliciesService::CheckItemInDocument(Item item, const Document& document, const Item* stored) {
  item = NormaliseItem(std::move(item));
  item.document_id = document.id;
  // What the rules need to know, read here: ItemProblems reads nothing itself.
  DocumentFacts facts;
  for (const Area& area : store_.Areas()) facts.area_ids.insert(area.id);
  for (FundingSource& source : store_.FundingSources()) facts.funding_sources.insert(std::move(source.code));
  if (!item.settlement_ekatte.empty()) {
    for (auto& settlement : places_.ListSettlements(document.municipality_code)) {
      facts.settlements.insert(settlement.ekatte);
      facts.settlement_names.push_back({std::move(settlement.ekatte), std::move(settlement.kind),
                                        std::move(settlement.name_bg), std::move(settlement.name_en)});
    }
    ResolveSettlement(item, facts);
  }
  ItemContext context{.document = &facts, .stored = stored, .parent = std::nullopt, .code_taken = false};
  if (item.parent_id) {
    const auto parent = store_.FindItem(*item.parent_id);
    context.parent =
        parent ? ParentFacts{true, parent->document_id == document.id, parent->kind, parent->withdrawn_at.has_value()}
               : ParentFacts{};
  }
  if (!item.code.empty()) {
    const auto owner = store_.ItemWithCode(document.id, item.code);
    context.code_taken = owner && *owner != item.id;
  }
  auto problems = ItemProblems(item, context);
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  return item;
}

core::Result<Item> PoliciesService::CreateItem(const Actor& actor, Item item) {
  const auto document = store_.FindDocument(item.document_id);
  if (!document) return core::Error::NotFound("There is no such document.");
  if (!MayEdit(actor.roles, *document))
    return core::Error::Forbidden("Your roles do not let you change this document.");
  auto checked = CheckItemInDocument(std::move(item), *document, nullptr);
  if (!checked) return checked.error();
  if (checked->uid.empty()) checked->uid = NewItemUid(checked->kind);
  const std::int64_t now = accounts::UnixNow();
  try {
    database_.Transaction([&](db::Connection& connection) {
      checked->id = store_.InsertItem(connection, *checked, actor.user_id, now);
      store_.AppendHistory(connection, {document->id, checked->id, 1, "created",
                                        Changes(json::object(), FieldsOf(*checked)), actor.user_id, "", now});
    });
  } catch (const db::Error& error) {
    if (error.kind() == db::ErrorKind::kUniqueViolation) return core::Error::Conflict("This id is taken already.");
    throw;
  }
  Audit(actor, "item_created", fmt::format("{} {} in {}", checked->kind, checked->uid, TitleForAudit(*document)));
  return *store_.FindItem(checked->id);
}

core::Result<Item> PoliciesService::UpdateItem(const Actor& actor, Item item) {
  const auto before = store_.FindItem(item.id);
  if (!before) return core::Error::NotFound("There is no such objective, measure or activity.");
  const auto document = store_.FindDocument(before->document_id);
  if (!MayEdit(actor.roles, *document))
    return core::Error::Forbidden("Your roles do not let you change this document.");
  if (before->withdrawn_at)
    return core::Error::InvalidInput("This item was withdrawn from the plan: restore it first.");
  item.uid = before->uid;
  auto checked = CheckItemInDocument(std::move(item), *document, &*before);
  if (!checked) return checked.error();
  if (checked->version != before->version) {
    return core::Error::Conflict("Someone changed this item while you were editing it. Reload it to see the change.");
  }
  const std::string changes = Changes(FieldsOf(*before), FieldsOf(*checked));
  if (changes == "{}") return *before;
  const std::int64_t now = accounts::UnixNow();
  bool written = false;
  database_.Transaction([&](db::Connection& connection) {
    written = store_.UpdateItem(connection, *checked, actor.user_id, now);  // checked again, as for a document
    if (!written) return;
    store_.AppendHistory(connection,
                         {document->id, checked->id, before->version + 1, "changed", changes, actor.user_id, "", now});
  });
  if (!written) {
    return core::Error::Conflict("Someone changed this item while you were editing it. Reload it to see the change.");
  }
  Audit(actor, "item_changed", fmt::format("{} {} in {}", checked->kind, checked->uid, TitleForAudit(*document)));
  return *store_.FindItem(checked->id);
}

core::Result<bool> PoliciesService::Link(const Actor& actor, std::int64_t item_id, std::int64_t implements_item_id) {
  const auto item = store_.FindItem(item_id);
  const auto higher = store_.FindItem(implements_item_id);
  if (!item || !higher) return core::Error::NotFound("There is no such objective, measure or activity.");
  const auto document = store_.FindDocument(item->document_id);
  const auto higher_document = store_.FindDocument(higher->document_id);
  if (!MayEdit(actor.roles, *document))
    return core::Error::Forbidden("Your roles do not let you change this document.");
  if (item->kind == "activity" || higher->kind == "activity") {
    return core::Error::InvalidInput(std::string(rule_message::kActivityLink));
  }
  if (item->withdrawn_at || higher->withdrawn_at) {
    return core::Error::InvalidInput("A withdrawn item implements nothing and is implemented by nothing.");
  }
  if (higher->document_id == item->document_id || higher_document->level > document->level) {
    return core::Error::InvalidInput(std::string(rule_message::kLinkLevel));
  }
  bool added = false;
  const std::int64_t now = accounts::UnixNow();
  const bool cycle = database_.Transaction([&](db::Connection& connection) {
    store_.LockLinks(connection);  // two links made at once must not close a cycle together
    if (store_.AnyWithdrawn(connection, item_id, implements_item_id)) return false;  // withdrawn meanwhile
    if (WouldCloseCycle(store_.AllLinks(connection), item_id, implements_item_id)) return true;
    added = store_.InsertLink(connection, item_id, implements_item_id, actor.user_id, now);
    if (added) {
      const json change = {{"implements", json::array({nullptr, higher->uid})}};
      store_.AppendHistory(connection,
                           {document->id, item_id, item->version, "linked", change.dump(), actor.user_id, "", now});
    }
    return false;
  });
  if (cycle) {
    return core::Error::InvalidInput(std::string(rule_message::kCycle));
  }
  if (added) Audit(actor, "item_linked", fmt::format("{} implements {}", item->uid, higher->uid));
  return added;
}

core::Result<bool> PoliciesService::Unlink(const Actor& actor, std::int64_t item_id, std::int64_t implements_item_id) {
  const auto item = store_.FindItem(item_id);
  const auto higher = store_.FindItem(implements_item_id);
  if (!item || !higher) return core::Error::NotFound("There is no such objective, measure or activity.");
  const auto document = store_.FindDocument(item->document_id);
  if (!MayEdit(actor.roles, *document))
    return core::Error::Forbidden("Your roles do not let you change this document.");
  bool removed = false;
  database_.Transaction([&](db::Connection& connection) {
    removed = store_.DeleteLink(connection, item_id, implements_item_id);
    if (removed) {
      const json change = {{"implements", json::array({higher->uid, nullptr})}};
      store_.AppendHistory(connection, {document->id, item_id, item->version, "unlinked", change.dump(), actor.user_id,
                                        "", accounts::UnixNow()});
    }
  });
  if (removed) Audit(actor, "item_unlinked", fmt::format("{} no longer implements {}", item->uid, higher->uid));
  return removed;
}

namespace {

// The ids of `root` and of the items under it among `items` (a document's, in any order).
std::vector<std::int64_t> Subtree(const std::vector<Item>& items, std::int64_t root) {
  std::multimap<std::int64_t, std::int64_t> children;
  for (const Item& item : items) {
    if (item.parent_id) children.emplace(*item.parent_id, item.id);
  }
  std::vector<std::int64_t> ids{root};
  for (std::size_t next = 0; next < ids.size(); ++next) {
    for (auto [it, end] = children.equal_range(ids[next]); it != end; ++it) ids.push_back(it->second);
  }
  return ids;
}

}  // namespace

core::Result<Withdrawal> PoliciesService::WithdrawalOf(std::int64_t item_id) {
  auto item = store_.FindItem(item_id);
  if (!item) return core::Error::NotFound("There is no such objective, measure or activity.");
  if (item->withdrawn_at) return core::Error::Conflict("This item was withdrawn from the plan already.");
  Withdrawal withdrawal{std::move(*item), {}, {}};
  auto items = store_.DocumentItems(withdrawal.item.document_id);
  const auto ids = Subtree(items, item_id);
  const std::set<std::int64_t> under(ids.begin() + 1, ids.end());
  for (Item& each : items) {
    if (under.contains(each.id)) withdrawal.below.push_back(std::move(each));
  }
  auto connection = database_.Acquire();
  withdrawal.links = store_.LinksTouching(*connection, ids);
  return withdrawal;
}

core::Result<Withdrawal> PoliciesService::Withdraw(const Actor& actor, std::int64_t item_id, std::int64_t version,
                                                   const std::string& reason,
                                                   const std::optional<std::vector<std::int64_t>>& shown_below) {
  const auto item = store_.FindItem(item_id);
  if (!item) return core::Error::NotFound("There is no such objective, measure or activity.");
  const auto document = store_.FindDocument(item->document_id);
  if (!MayEdit(actor.roles, *document))
    return core::Error::Forbidden("Your roles do not let you change this document.");
  if (item->withdrawn_at) return core::Error::Conflict("This item was withdrawn from the plan already.");
  if (item->version != version) return ItemChangedMeanwhile();
  const std::string why_text = core::TrimSpaces(reason);
  // Characters, not bytes, as the form's maxlength counts them: Cyrillic takes two bytes a letter.
  if (core::CountCharacters(why_text) > 2000) {
    return core::Error::InvalidInput("Say why in at most 2,000 characters.");
  }
  auto withdrawal = WithdrawalOf(item_id);
  if (!withdrawal) return withdrawal.error();
  // Adding an item under it leaves its version alone: the list the editor confirmed is compared instead.
  if (shown_below) {
    std::set<std::int64_t> below;
    for (const Item& each : withdrawal->below) below.insert(each.id);
    if (below != std::set<std::int64_t>(shown_below->begin(), shown_below->end())) {
      return core::Error::Conflict(
          "Items were added under it, or withdrawn on their own, since you opened this page. Look at the list again "
          "before you withdraw it.");
    }
  }
  const std::int64_t now = accounts::UnixNow();
  const json why = {{"withdrawn", json::array({nullptr, why_text.empty() ? json("—") : json(why_text)})}};
  bool written = false;
  try {
    database_.Transaction([&](db::Connection& connection) {
      store_.LockLinks(connection);
      std::vector<std::int64_t> ids{item_id};
      for (const Item& below : withdrawal->below) ids.push_back(below.id);
      withdrawal->links = store_.LinksTouching(connection, ids);  // as they are now, under the lock
      // The version is checked again in the write, as for a change of the item: the check above reads before the
      // transaction, so two withdrawals at the same moment would both pass it. Nothing is written before it.
      if (!store_.SetWithdrawn(connection, item_id, version, item_id, actor.user_id, now)) return;
      std::vector<HistoryEntry> history;
      for (const LinkEnds& link : withdrawal->links) {
        store_.DeleteLink(connection, link.item_id, link.implements_id);
        const json change = {{"implements", json::array({link.implements_uid, nullptr})}};
        history.push_back({link.item_document_id, link.item_id, link.item_version, "unlinked", change.dump(),
                           actor.user_id, "", now});
      }
      history.push_back({document->id, item_id, version + 1, "withdrawn", Dump(why), actor.user_id, "", now});
      for (const Item& below : withdrawal->below) {
        // An item below changed or withdrawn on its own since it was read: nothing of the withdrawal stays.
        if (!store_.SetWithdrawn(connection, below.id, below.version, item_id, actor.user_id, now)) {
          throw core::Failure(ItemChangedMeanwhile(), "policy item " + std::to_string(below.id) +
                                                          " changed during the withdrawal of " +
                                                          std::to_string(item_id));
        }
        history.push_back({document->id, below.id, below.version + 1, "withdrawn", Dump(why), actor.user_id, "", now});
      }
      store_.AppendHistory(connection, history);
      written = true;
    });
  } catch (const core::Failure& failure) {
    return failure.error();
  }
  if (!written) return ItemChangedMeanwhile();
  Audit(actor, "item_withdrawn",
        fmt::format("{} {} and {} below it, {} links, in {}", item->kind, item->uid, withdrawal->below.size(),
                    withdrawal->links.size(), TitleForAudit(*document)));
  return withdrawal;
}

core::Result<std::size_t> PoliciesService::Restore(const Actor& actor, std::int64_t item_id) {
  const auto item = store_.FindItem(item_id);
  if (!item) return core::Error::NotFound("There is no such objective, measure or activity.");
  const auto document = store_.FindDocument(item->document_id);
  if (!MayEdit(actor.roles, *document))
    return core::Error::Forbidden("Your roles do not let you change this document.");
  if (!item->withdrawn_at) return core::Error::InvalidInput("This item is in the plan.");
  if (item->parent_id) {
    const auto parent = store_.FindItem(*item->parent_id);
    if (parent && parent->withdrawn_at) {
      return core::Error::InvalidInput("The item above was withdrawn from the plan: restore it first.");
    }
  }
  // The items withdrawn with it; one withdrawn before on its own stays out.
  auto withdrawn = store_.DocumentItems(item->document_id, Withdrawn::kOnly);
  std::vector<const Item*> restored;
  for (const Item& each : withdrawn) {
    if (each.withdrawn_with != item->withdrawn_with) continue;
    if (!each.code.empty() && store_.ItemWithCode(document->id, each.code)) {
      return core::Error::Conflict(std::string(rule_message::kRepeatedCode));
    }
    restored.push_back(&each);
  }
  const std::int64_t now = accounts::UnixNow();
  try {
    database_.Transaction([&](db::Connection& connection) {
      std::vector<HistoryEntry> history;
      for (const Item* each : restored) {
        // Restored or changed by someone else since it was read (two restores at once): nothing of this one stays.
        if (!store_.SetWithdrawn(connection, each->id, each->version, std::nullopt, actor.user_id, now)) {
          throw core::Failure(ItemChangedMeanwhile(),
                              "policy item " + std::to_string(each->id) + " changed during a restore");
        }
        history.push_back({document->id, each->id, each->version + 1, "restored", "{}", actor.user_id, "", now});
      }
      store_.AppendHistory(connection, history);
    });
  } catch (const core::Failure& failure) {
    return failure.error();
  }
  Audit(actor, "item_restored",
        fmt::format("{} {} and {} below it, in {}", item->kind, item->uid, restored.size() - 1,
                    TitleForAudit(*document)));
  return restored.size();
}

std::vector<GapItem> PoliciesService::LinkCandidates(const Document& document, std::string_view search) {
  std::string oblast = document.oblast_code;
  if (oblast.empty() && !document.municipality_code.empty()) {
    if (const auto municipality = places_.FindMunicipality(document.municipality_code)) {
      oblast = (*municipality)->detail.municipality.oblast_code;
    }
  }
  auto candidates = store_.LinkCandidates(document, oblast);
  const std::string key = core::SearchKey(search);
  if (key.empty()) return candidates;
  std::erase_if(candidates, [&](const GapItem& each) {
    return core::SearchKey(each.title).find(key) == std::string::npos &&
           core::SearchKey(each.title_en).find(key) == std::string::npos && each.code != search;
  });
  return candidates;
}

std::vector<GapItem> PoliciesService::SuggestedLinks(const Document& document, const Item& item) {
  std::vector<GapItem> candidates = LinkCandidates(document, "");
  std::set<std::int64_t> areas(item.area_ids.begin(), item.area_ids.end());
  for (const auto& [area, maps_to] : store_.AreaMappings()) {
    if (areas.contains(area) || areas.contains(maps_to)) {
      areas.insert(area);
      areas.insert(maps_to);
    }
  }
  std::vector<std::int64_t> ids;
  for (const GapItem& candidate : candidates) ids.push_back(candidate.id);
  const std::set<std::int64_t> in_areas = store_.ItemsInAreas(ids, areas);
  const auto score = [&](const GapItem& candidate) {
    const bool above = document.implements_document_id == candidate.document_id;
    return (above ? 2 : 0) + (in_areas.contains(candidate.id) ? 1 : 0);
  };
  std::erase_if(candidates, [&](const GapItem& candidate) { return score(candidate) == 0; });
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](const GapItem& a, const GapItem& b) { return score(a) > score(b); });
  return candidates;
}

std::optional<DocumentTree> PoliciesService::Tree(std::int64_t document_id) {
  auto document = store_.FindDocument(document_id);
  if (!document) return std::nullopt;
  DocumentTree tree{std::move(*document), {}, {}, store_.DocumentItems(document_id, Withdrawn::kOnly)};
  auto items = store_.DocumentItems(document_id);
  std::map<std::int64_t, std::vector<std::size_t>> children;  // parent id (0 = top) → indices in `items`
  std::map<std::int64_t, std::size_t> by_id;
  for (std::size_t i = 0; i < items.size(); ++i) by_id[items[i].id] = i;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool parent_here = items[i].parent_id && by_id.contains(*items[i].parent_id);
    children[parent_here ? *items[i].parent_id : 0].push_back(i);
  }
  std::map<std::int64_t, std::vector<LinkedItem>> implements, implemented_by;
  for (auto& link : store_.ImplementsOfDocument(document_id)) implements[link.item_id].push_back(std::move(link));
  for (auto& link : store_.ImplementedByDocument(document_id)) {
    implemented_by[link.item_id].push_back(std::move(link));
  }

  // Depth-first, each item's parent before it, as RollUpPlan reads a plan.
  tree.nodes.reserve(items.size());
  std::vector<PlanNode> plan;
  plan.reserve(items.size());
  std::function<void(std::size_t, int, std::optional<std::size_t>)> visit = [&](std::size_t index, int depth,
                                                                                std::optional<std::size_t> parent) {
    const std::size_t at = tree.nodes.size();
    tree.nodes.push_back({std::move(items[index]), depth, {}, {}, {}});
    TreeNode& node = tree.nodes[at];
    node.implements = std::move(implements[node.item.id]);
    node.implemented_by = std::move(implemented_by[node.item.id]);
    plan.push_back({parent, node.item.progress, nullptr});
    for (const std::size_t child : children[node.item.id]) visit(child, depth + 1, at);
  };
  for (const std::size_t top : children[0]) visit(top, 0, std::nullopt);
  for (std::size_t i = 0; i < plan.size(); ++i) plan[i].budgets = &tree.nodes[i].item.budgets;  // `nodes` is settled

  PlanRollUp rolled = RollUpPlan(plan, ProgressRuleOf(tree.document.progress_rule));
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) tree.nodes[i].roll_up = std::move(rolled.items[i]);
  tree.plan = std::move(rolled.plan);
  return tree;
}

Gaps PoliciesService::FindGaps(const GapScope& scope) {
  Gaps gaps{{},
            store_.UnimplementedObjectives(scope),
            {},
            store_.MeasuresImplementingNothing(scope),
            store_.DemoBelow(scope)};
  std::vector<std::int64_t> ids;
  for (const GapItem& gap : gaps.unimplemented) ids.push_back(gap.id);
  gaps.targets = store_.TargetsOf(ids);
  for (const LevelObjectives& level : store_.ObjectivesAbove(scope)) {
    const auto open = std::count_if(gaps.unimplemented.begin(), gaps.unimplemented.end(),
                                    [&](const GapItem& gap) { return gap.level == level.level; });
    gaps.coverage.push_back({level.level, level.objectives, level.objectives - open});
  }
  return gaps;
}

core::Result<Document> PoliciesService::CarryOver(const Actor& actor, std::int64_t document_id, int period_start,
                                                  int period_end) {
  const auto original = store_.FindDocument(document_id);
  if (!original) return core::Error::NotFound("There is no such document.");
  if (!MayEdit(actor.roles, *original))
    return core::Error::Forbidden("Your roles do not let you change this document.");
  if (original->status != "adopted") return core::Error::InvalidInput("Only an adopted document can be carried over.");
  Document copy = *original;
  copy.id = 0;
  copy.reference_key.clear();
  copy.status = "draft";
  copy.period_start = period_start;
  copy.period_end = period_end;
  copy.adopted_by.clear();
  copy.decision_number.clear();
  copy.decision_date.clear();
  copy.carried_over_from = original->id;
  auto checked = CheckDocument(copy);
  if (!checked) return checked.error();
  const std::int64_t now = accounts::UnixNow();
  database_.Transaction([&](db::Connection& connection) {
    checked->id = store_.InsertDocument(connection, *checked, actor.user_id, now);
    std::map<std::int64_t, std::int64_t> new_ids;  // old item id → new
    auto items = store_.DocumentItems(connection, original->id);
    std::ranges::stable_sort(items, {}, [](const Item& item) {  // parents before their children
      return item.kind == "objective" ? 0 : item.kind == "measure" ? 1 : 2;
    });
    for (Item item : items) {
      const std::int64_t old_id = item.id;
      item.document_id = checked->id;
      item.uid = NewItemUid(item.kind);
      item.progress.reset();  // a new period starts unreported
      item.official_status = item.official_status.empty() ? "" : "planned";
      for (Budget& budget : item.budgets) budget.secured_cents = budget.spent_cents = std::nullopt;
      if (item.parent_id) item.parent_id = new_ids.at(*item.parent_id);
      new_ids[old_id] = store_.InsertItem(connection, item, actor.user_id, now);
    }
    for (const auto& [from, to] : store_.AllLinks(connection)) {
      if (new_ids.contains(from)) {
        // A link inside the old document (none are allowed) would need mapping too; links go to other documents.
        store_.InsertLink(connection, new_ids.at(from), to, actor.user_id, now);
      }
    }
    store_.AppendHistory(
        connection, {checked->id, std::nullopt, 1, "carried_over",
                     json({{"from_document", json::array({nullptr, original->id})}}).dump(), actor.user_id, "", now});
  });
  Audit(actor, "document_carried_over", fmt::format("{} from document {}", TitleForAudit(*checked), original->id));
  return *store_.FindDocument(checked->id);
}

core::Result<ImportReport> PoliciesService::ImportPlan(const Actor& actor, std::int64_t document_id,
                                                       const formats::Table& table, ImportMode mode,
                                                       const std::function<void(std::size_t, std::size_t)>& progress,
                                                       const std::vector<PlanLanguage>& languages) {
  const auto document = store_.FindDocument(document_id);
  if (!document) return core::Error::NotFound("There is no such document.");
  if (!MayEdit(actor.roles, *document)) {
    return core::Error::Forbidden("Your roles do not let you change this document.");
  }
  const bool dry_run = mode == ImportMode::kDryRun;
  const PlanLayout layout(store_.FundingSources());
  PlanFile file = ReadPlanFile(table, layout, languages);
  PlanContext context;
  context.funding_sources = layout.Sources();
  context.document = *document;
  context.areas = store_.Areas();
  if (!document->municipality_code.empty()) {
    for (const auto& settlement : places_.ListSettlements(document->municipality_code)) {
      context.settlements.push_back({settlement.ekatte, settlement.kind, settlement.name_bg, settlement.name_en});
    }
  }
  // The document as it is, read once: no line reads it again.
  const auto check = [&](db::Connection& connection) {
    context.items = store_.DocumentItems(connection, document_id);
    context.elsewhere = store_.ItemReferences(connection, NamedUids(file, context.items));
    context.links = store_.AllLinks(connection);
    return PlanImport(std::move(file), context);
  };
  PlannedImport plan;
  if (dry_run) {
    auto connection = database_.Acquire();
    plan = check(*connection);
  } else {
    database_.Transaction([&](db::Connection& connection) {
      store_.LockLinks(connection);  // the cycle check holds until the links are stored
      plan = check(connection);
      if (!plan.problems.empty()) return;
      const auto cache = store_.WidenCacheForLargeWrite(connection);
      StoreImport(connection, actor, context, plan, progress);
      if (cache) store_.RestoreCache(connection, *cache);
    });
  }

  ImportReport report;
  report.dry_run = dry_run;
  report.problems = std::move(plan.problems);
  if (!report.problems.empty()) return report;
  report.lines.reserve(plan.items.size());
  for (const PlannedItem& planned : plan.items) {
    switch (planned.action) {
      case ImportAction::kCreate:
        ++report.created;
        break;
      case ImportAction::kChange:
        ++report.changed;
        break;
      case ImportAction::kKeep:
        ++report.unchanged;
        break;
    }
    report.lines.push_back({planned.line, std::string(ImportActionName(planned.action)), planned.item.uid,
                            planned.item.code, planned.item.title});
    for (core::FieldProblem& warning : BudgetWarnings(planned.item)) {
      ImportProblem each(planned.line, std::move(warning.field), std::move(warning.value), std::move(warning.message));
      each.code = planned.item.code;
      each.uid = planned.item.uid;
      report.warnings.push_back(std::move(each));
    }
  }
  std::ranges::sort(report.lines, {}, &ImportLine::line);
  std::ranges::stable_sort(report.warnings, {}, &ImportProblem::line);
  if (!dry_run) {
    Audit(actor, "plan_imported",
          fmt::format("{}: {} created, {} changed, {} unchanged", TitleForAudit(*document), report.created,
                      report.changed, report.unchanged));
  }
  return report;
}

void PoliciesService::StoreImport(db::Connection& connection, const Actor& actor, const PlanContext& context,
                                  PlannedImport& plan, const std::function<void(std::size_t, std::size_t)>& progress) {
  const std::int64_t now = accounts::UnixNow();
  const std::int64_t document_id = context.document.id;
  std::vector<HistoryEntry> history;
  std::vector<std::pair<std::int64_t, std::int64_t>> links;
  const std::size_t total = plan.items.size();
  std::size_t done = 0, reported = 0;
  const auto advance = [&](std::size_t lines) {
    done += lines;
    if (progress && (done - reported >= std::max<std::size_t>(1, total / 200) || done == total)) {
      progress(done, total);
      reported = done;
    }
  };
  const auto add_links = [&](const PlannedItem& planned) {
    for (const ItemReference& higher : planned.new_links) links.emplace_back(planned.item.id, higher.id);
  };
  constexpr std::size_t kBatch = 500;
  // History goes out a batch at a time too: held for the whole file, it would be the biggest thing in memory.
  const auto record = [&](HistoryEntry entry) {
    history.push_back(std::move(entry));
    if (history.size() == kBatch) {
      store_.AppendHistory(connection, history);
      history.clear();
    }
  };

  // New items are stored a batch at a time; the plan has every kind's items after their parents' kind, so a batch
  // holds no child of its own items, and every new parent has its id before its children are stored.
  std::vector<Item*> batch;
  std::vector<std::size_t> batch_index;  // in plan.items
  const auto flush = [&] {
    store_.InsertItems(connection, batch, actor.user_id, now);
    for (std::size_t k = 0; k < batch.size(); ++k) {
      PlannedItem& planned = plan.items[batch_index[k]];
      record({document_id, planned.item.id, 1, "imported", ImportChanges(nullptr, planned.item, planned.new_links),
              actor.user_id, "", now});
      add_links(planned);
    }
    advance(batch.size());
    batch.clear();
    batch_index.clear();
  };
  for (std::size_t i = 0; i < total; ++i) {
    PlannedItem& planned = plan.items[i];
    if (!batch.empty() && planned.item.kind != batch.front()->kind) flush();
    if (planned.new_parent) planned.item.parent_id = plan.items[*planned.new_parent].item.id;
    switch (planned.action) {
      case ImportAction::kCreate:
        if (planned.item.uid.empty()) planned.item.uid = NewItemUid(planned.item.kind);
        batch.push_back(&planned.item);
        batch_index.push_back(i);
        if (batch.size() == kBatch) flush();
        continue;
      case ImportAction::kChange: {
        const Item& before = context.items.at(*planned.before);
        planned.item.version = before.version;
        if (!store_.UpdateItem(connection, planned.item, actor.user_id, now)) {
          // Someone changed the item since the import read it: nothing of the import stays.
          throw core::Failure(
              core::Error::Conflict("Someone changed this plan while it was being imported. Check the file again, then "
                                    "import it."),
              "policy item " + std::to_string(planned.item.id) + " changed during an import");
        }
        planned.item.version = before.version + 1;
        const json fields_before = FieldsOf(before);
        record({document_id, planned.item.id, planned.item.version, "imported",
                ImportChanges(&fields_before, planned.item, planned.new_links), actor.user_id, "", now});
        add_links(planned);
        break;
      }
      case ImportAction::kKeep:
        break;
    }
    advance(1);
  }
  if (!batch.empty()) flush();
  store_.InsertLinks(connection, links, actor.user_id, now);
  store_.AppendHistory(connection, history);
}

core::Result<std::vector<std::vector<std::string>>> PoliciesService::ExportPlan(std::int64_t document_id,
                                                                                const PlanLanguage& language) {
  if (!store_.FindDocument(document_id)) return core::Error::NotFound("There is no such document.");
  std::multimap<std::int64_t, std::string> implements;
  for (const LinkedItem& link : store_.ImplementsOfDocument(document_id)) {
    implements.emplace(link.item_id, link.other_uid);
  }
  return ExportRows(PlanLayout(store_.FundingSources()), store_.DocumentItems(document_id), store_.Areas(), implements,
                    language);
}

core::Result<std::vector<std::vector<std::string>>> PoliciesService::ExportTotals(std::int64_t document_id,
                                                                                  const PlanLanguage& language) {
  const auto tree = Tree(document_id);
  if (!tree) return core::Error::NotFound("There is no such document.");
  std::vector<TotalsScope> objectives;
  for (const TreeNode& node : tree->nodes) {
    if (node.depth == 0) objectives.push_back({&node.item, &node.roll_up});
  }
  return TotalsRows(PlanLayout(store_.FundingSources()), tree->document, tree->plan, objectives, language);
}

}  // namespace policies
