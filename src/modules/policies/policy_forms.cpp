#include "modules/policies/policy_forms.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/money.hpp"
#include "modules/accounts/form_support.hpp"
#include "modules/places/places_service.hpp"
#include "modules/policies/policy_fields.hpp"
#include "modules/policies/policy_pages.hpp"
#include "web/form.hpp"

namespace policies {
namespace {

using nlohmann::json;

template <std::size_t N>
json Options(const http::Request& request, const web::Site& site, const std::string_view (&names)[N],
             const std::string& selected, std::string_view (*title)(std::string_view)) {
  json options = json::array();
  for (const std::string_view name : names) {
    options.push_back(
        {{"value", name}, {"label", site.Translate(request, title(name))}, {"selected", name == selected}});
  }
  return options;
}

// Checkboxes of the areas (a box is named "area_<id>": forms carry one value per name). The areas of the framework a
// document of this level follows come first, once: the EU framework's for the EU level, the national strategy's for
// every level below it (each maps to its EU area, so choosing it is enough). Other frameworks' areas, which name the
// same topics again, wait folded below, open when one of them is chosen.
json AreasChoice(const web::Reader& reader, Level level, const std::vector<Area>& areas,
                 const std::vector<std::int64_t>& chosen) {
  const std::string_view primary_scheme = level == Level::kEu ? "eu2020" : "bg2021";
  const auto SchemeTitle = [&](const std::string& scheme) {
    if (scheme == "eu2020") return reader.Translate("EU framework 2020–2030");
    if (scheme == "bg2021") return reader.Translate("National strategy 2021–2030");
    if (scheme == "platform") return reader.Translate("Platform of municipalities");
    return scheme;
  };
  json primary = json::array(), others = json::array();
  bool others_open = false;
  for (const Area& area : areas) {
    json& groups = area.scheme == primary_scheme ? primary : others;
    if (groups.empty() || groups.back()["scheme"] != area.scheme) {
      groups.push_back({{"scheme", area.scheme}, {"scheme_title", SchemeTitle(area.scheme)}, {"areas", json::array()}});
    }
    const bool checked = std::find(chosen.begin(), chosen.end(), area.id) != chosen.end();
    if (checked && area.scheme != primary_scheme) others_open = true;
    groups.back()["areas"].push_back(
        {{"id", area.id}, {"label", reader.Localised(area.name_bg, area.name_en)}, {"checked", checked}});
  }
  return {{"primary", primary},
          {"primary_hint", level == Level::kEu
                               ? reader.Translate("The areas of the EU framework.")
                               : reader.Translate("Each area of the national strategy counts for its EU area too.")},
          {"others", others},
          {"has_others", !others.empty()},
          {"others_open", others_open}};
}

std::vector<std::int64_t> ChosenAreas(const http::Request& request, const std::vector<Area>& areas) {
  std::vector<std::int64_t> chosen;
  for (const Area& area : areas) {
    if (request.Form("area_" + std::to_string(area.id))) chosen.push_back(area.id);
  }
  return chosen;
}

using web::Refusal;

// ---- documents ----

// What the form's body says, by its fields' names.
FieldOf FormFields(const http::Request& request) {
  return [&request](std::string_view name) { return request.Form(name); };
}

// The document as typed; a level that is none of ours or years that are not numbers are problems of their field.
Document DocumentFromForm(const http::Request& request, const std::vector<Area>& areas,
                          std::vector<core::FieldProblem>& problems) {
  return DocumentFromFields(FormFields(request), ChosenAreas(request, areas), problems);
}

// The id of the form's element for a document's field.
std::string DocumentFieldId(std::string_view field) {
  static const std::map<std::string_view, std::string_view> kIds = {{"title", "document-title"},
                                                                    {"title_en", "document-title-en"},
                                                                    {"level", "document-level"},
                                                                    {"kind", "document-kind"},
                                                                    {"period", "document-start"},
                                                                    {"municipality", "document-municipality"},
                                                                    {"oblast", "document-oblast"},
                                                                    {"status", "document-status"},
                                                                    {"adopted_by", "document-adopted-by"},
                                                                    {"decision_number", "document-decision"},
                                                                    {"decision_date", "document-date"},
                                                                    {"source_url", "document-source"},
                                                                    {"implements_document", "document-implements"},
                                                                    {"progress_rule", "document-progress-rule"},
                                                                    {"currency", "document-currency"},
                                                                    {"areas", "document-areas"}};
  const auto found = kIds.find(field);
  return found == kIds.end() ? "document-error" : std::string(found->second);
}

// The municipalities where the person may write a municipal plan, when their roles name some and not all (an
// official of Лом: Лом alone); empty when they may write one anywhere, or nowhere (the form then offers every one and
// the service says no).
std::set<std::string, std::less<>> OwnMunicipalities(const core::SignedIn* user, places::PlacesService& places) {
  std::set<std::string, std::less<>> own;
  if (user == nullptr) return own;
  const auto all = places.AllMunicipalities();
  Document plan;
  plan.level = Level::kMunicipal;
  for (const auto& municipality : all) {
    plan.municipality_code = municipality.code;
    if (MayEdit(user->roles(), plan)) own.insert(municipality.code);
  }
  if (own.size() == all.size()) own.clear();
  // A municipality of another country is named by a role for it (an official of Gent).
  for (const core::RoleAssignment& role : user->roles()) {
    if (role.scope.kind != core::ScopeKind::kMunicipality ||
        places::CountryOfMunicipality(role.scope.code) == places::kBulgaria) {
      continue;
    }
    plan.municipality_code = role.scope.code;
    if (MayEdit(user->roles(), plan)) own.insert(role.scope.code);
  }
  return own;
}

http::Response DocumentForm(http::Request& request, const web::Site& site, PoliciesService& policies,
                            places::PlacesService& places, const Document& document, const Refusal& refusal) {
  const bool existing = document.id != 0;
  const web::Reader reader = site.ReaderOf(request);
  json levels = json::array();
  for (const Level level : AllLevels()) {
    levels.push_back({{"value", LevelName(level)},
                      {"label", site.Translate(request, LevelTitle(level))},
                      {"selected", level == document.level}});
  }
  json oblasts = json::array();
  auto all_oblasts = places.AllOblasts();
  reader.SortByName(all_oblasts,
                    [&](const places::Oblast& each) { return reader.Localised(each.name_bg, each.name_en); });
  for (const auto& oblast : all_oblasts) {
    oblasts.push_back({{"value", oblast.code},
                       {"label", reader.Localised(oblast.name_bg, oblast.name_en)},
                       {"selected", oblast.code == document.oblast_code}});
  }
  json higher = json::array();
  for (const Document& other : policies.ListDocuments({})) {
    if (other.id == document.id || other.level > document.level) continue;
    higher.push_back({{"value", other.id},
                      {"label", Localised(request, other.title, other.title_en)},
                      {"selected", document.implements_document_id == other.id}});
  }
  const std::string title =
      existing ? site.Translate(request, "Change the document") : site.Translate(request, "New policy document");
  const json data = {{"title", title},
                     {"action", existing ? DocumentPath(document.id) : "/policies/documents"},
                     {"back", existing ? DocumentPath(document.id) : "/policies"},
                     {"refusal", refusal.Data(reader, DocumentFieldId)},
                     {"levels", levels},
                     {"kinds", Options(request, site, kDocumentKinds, document.kind, KindTitle)},
                     {"statuses", Options(request, site, kDocumentStatuses, document.status, StatusTitle)},
                     {"document_title", document.title},
                     {"title_en", document.title_en},
                     {"period_start", document.period_start == 0 ? "" : std::to_string(document.period_start)},
                     {"period_end", document.period_end == 0 ? "" : std::to_string(document.period_end)},
                     {"oblasts", oblasts},
                     {"municipalities", accounts::MunicipalityOptions(reader, places, document.municipality_code,
                                                                      OwnMunicipalities(reader.user(), places))},
                     {"adopted_by", document.adopted_by},
                     {"decision_number", document.decision_number},
                     {"decision_date", document.decision_date},
                     {"source_url", document.source_url},
                     {"higher", higher},
                     {"budget_rule", document.progress_rule == "budget"},
                     {"in_leva", document.currency == core::kLev},
                     {"areas_choice", AreasChoice(reader, document.level, policies.Areas(), document.area_ids)},
                     {"version", document.version},
                     {"csrf", web::CsrfOf(request)}};
  return site.Page(request, title, "policies/document_form", data, refusal.Empty() ? 200 : refusal.Status());
}

// ---- items ----

// The item as typed; each value that is not even a number is a problem of its field (the rules come after, in the
// service).
Item ItemFromForm(const http::Request& request, PoliciesService& policies, std::vector<core::FieldProblem>& problems) {
  std::vector<std::string> sources;
  for (FundingSource& source : policies.FundingSources()) sources.push_back(std::move(source.code));
  return ItemFromFields(FormFields(request), ChosenAreas(request, policies.Areas()), sources, problems);
}

// The id of the form's element for an item's field: "item-title", "item-planned-municipal" for "municipal_planned".
std::string ItemFieldId(std::string_view field) {
  static const std::map<std::string_view, std::string_view> kOwnIds = {{"expected_result", "item-result"},
                                                                       {"official_status", "item-status"}};
  if (const auto own = kOwnIds.find(field); own != kOwnIds.end()) return std::string(own->second);
  for (const std::string_view amount : kAmountNames) {
    const std::string suffix = AmountField("", amount);  // "_planned"
    if (field.size() > suffix.size() && field.ends_with(suffix)) {
      return fmt::format("item-{}-{}", amount, field.substr(0, field.size() - suffix.size()));
    }
  }
  std::string id = fmt::format("item-{}", field);
  std::replace(id.begin(), id.end(), '_', '-');
  return id;
}

http::Response ItemForm(http::Request& request, const web::Site& site, PoliciesService& policies,
                        places::PlacesService& places, const Document& document, const Item& item,
                        const Refusal& refusal) {
  const bool existing = item.id != 0;
  json parents = json::array();
  const auto tree = policies.Tree(document.id);
  for (const TreeNode& node : tree->nodes) {
    if (node.item.kind == "activity" || node.item.id == item.id) continue;
    parents.push_back({{"value", node.item.id},
                       {"label", fmt::format("{} {} {}", site.Translate(request, KindTitle(node.item.kind)),
                                             node.item.code, node.item.title)},
                       {"selected", item.parent_id == node.item.id}});
  }
  json settlements = json::array();
  if (!document.municipality_code.empty()) {
    for (const auto& settlement : places.ListSettlements(document.municipality_code)) {
      settlements.push_back({{"value", settlement.ekatte},
                             {"label", InEnglish(request) ? settlement.name_en : settlement.name_bg},
                             {"selected", settlement.ekatte == item.settlement_ekatte}});
    }
  }
  json budgets = json::array();
  for (const FundingSource& funding : policies.FundingSources()) {
    const std::string& source = funding.code;
    json row = {{"source", source},
                {"label", Localised(request, funding.name_bg, funding.name_en)},
                {"planned", ""},
                {"secured", ""},
                {"spent", ""}};
    for (const std::string_view amount : kAmountNames) {
      const std::string field = AmountField(source, amount);
      row[fmt::format("{}_id", amount)] = ItemFieldId(field);
      for (const core::FieldProblem& problem : refusal.problems) {
        if (problem.field != field) continue;
        row[fmt::format("{}_problem", amount)] = site.Translate(request, problem.message);
        break;
      }
    }
    for (const Budget& budget : item.budgets) {
      if (budget.source != source) continue;
      row["planned"] = FormatAmount(budget.planned_cents);
      row["secured"] = FormatAmount(budget.secured_cents);
      row["spent"] = FormatAmount(budget.spent_cents);
    }
    budgets.push_back(std::move(row));
  }
  const std::string title = existing ? site.Translate(request, "Change the item")
                                     : site.Translate(request, "New objective, measure or activity");
  const json data = {
      {"title", title},
      {"document", Localised(request, document.title, document.title_en)},
      {"document_url", DocumentPath(document.id)},
      {"action", existing ? ItemPath(item.id) : DocumentPath(document.id) + "/items"},
      {"back", existing ? ItemPath(item.id) : DocumentPath(document.id)},
      {"refusal", refusal.Data(site.ReaderOf(request), ItemFieldId)},
      {"kinds", Options(request, site, kItemKinds, item.kind, KindTitle)},
      {"parents", parents},
      {"code", item.code},
      {"position", item.position},
      {"item_title", item.title},
      {"title_en", item.title_en},
      {"description", item.description},
      {"responsible", item.responsible},
      {"partners", item.partners},
      {"target_group", item.target_group},
      {"settlements", settlements},
      {"has_settlements", !settlements.empty()},
      {"start", item.start_date},
      {"end", item.end_date},
      {"deadline", item.deadline},
      {"beneficiaries", item.beneficiaries ? std::to_string(*item.beneficiaries) : ""},
      {"expected_result", item.expected_result},
      {"official_statuses", Options(request, site, kOfficialStatuses, item.official_status, StatusTitle)},
      {"progress", item.progress ? std::to_string(*item.progress) : ""},
      {"budgets", budgets},
      {"currency", document.currency},
      {"areas_choice", AreasChoice(site.ReaderOf(request), document.level, policies.Areas(), item.area_ids)},
      {"version", item.version},
      {"csrf", web::CsrfOf(request)}};
  return site.Page(request, title, "policies/item_form", data, refusal.Empty() ? 200 : refusal.Status());
}

// The version a confirmation page showed (its hidden field "version"), or nullopt for a form that has none.
std::optional<std::int64_t> ShownVersion(const http::Request& request) {
  bool bad = false;
  const auto version = OptionalWholeNumber(request.Form("version"), bad);
  return bad ? std::nullopt : version;
}

// The items under it that a withdrawal page listed (its hidden field "below": ids with commas), or nullopt for a
// request without the field, as the API's; an id that is not a number makes a list no item has.
std::optional<std::vector<std::int64_t>> ShownBelow(const http::Request& request) {
  const auto field = request.Form("below");
  if (!field) return std::nullopt;
  std::vector<std::int64_t> ids;
  std::size_t start = 0;
  while (start <= field->size()) {
    const std::size_t comma = std::min(field->find(',', start), field->size());
    if (comma > start) ids.push_back(web::IdIn(field->substr(start, comma - start)).value_or(0));
    start = comma + 1;
  }
  return ids;
}

// What withdrawing the item of the request would take with it, and a form asking why (with `reason` and `error`
// when the form comes back).
http::Response WithdrawPage(http::Request& request, const core::SignedIn& user, const web::Site& site,
                            PoliciesService& policies, const std::string& reason, const Refusal& refusal) {
  const auto found = policies.ItemToChange(user, request.IntParameter("id"));
  if (!found) return site.Fail(request, found.error());
  const Item* item = &found->item;
  const auto withdrawal = policies.WithdrawalOf(item->id);
  // Withdrawn meanwhile by someone else: the refused form stays, with the reason typed, beside when it happened.
  const bool withdrawn_meanwhile = !withdrawal && item->withdrawn_at && !refusal.Empty();
  if (!withdrawal && !withdrawn_meanwhile) return site.Fail(request, withdrawal.error());
  const std::vector<Item> none;
  json below = json::array();
  std::string below_ids;
  for (const Item& each : withdrawal ? withdrawal->below : none) {
    below_ids += (below_ids.empty() ? "" : ",") + std::to_string(each.id);
    below.push_back({{"kind", site.Translate(request, KindTitle(each.kind))},
                     {"code", each.code},
                     {"title", Localised(request, each.title, each.title_en)}});
  }
  const json data = {{"title", Localised(request, item->title, item->title_en)},
                     {"kind", site.Translate(request, KindTitle(item->kind))},
                     {"code", item->code},
                     {"action", ItemPath(item->id) + "/withdraw"},
                     {"back", ItemPath(item->id)},
                     {"version", item->version},
                     {"below", below},
                     {"below_ids", below_ids},
                     {"has_below", !below.empty()},
                     {"below_count", below.size()},
                     {"link_count", withdrawal ? withdrawal->links.size() : 0},
                     {"has_links", withdrawal && !withdrawal->links.empty()},
                     {"withdrawn_at", withdrawn_meanwhile ? site.ReaderOf(request).DateTime(*item->withdrawn_at) : ""},
                     {"reason", reason},
                     {"error", refusal.message.empty() ? "" : site.Translate(request, refusal.message)},
                     {"csrf", web::CsrfOf(request)}};
  return site.Page(request, site.Translate(request, "Withdraw from the plan"), "policies/withdraw", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

}  // namespace

void AddPolicyFormRoutes(kernel::Routes& routes, const web::Site& site, PoliciesService& policies,
                         places::PlacesService& places) {
  routes.Get("/policies/documents/new", core::Access::SignedIn(),
             [&site, &policies, &places](http::Request& request, const core::SignedIn& user) {
               Document document;
               document.period_start = 2027;
               document.period_end = 2030;
               // An official of one municipality writes that municipality's plan, which implements its oblast's
               // strategy when there is one in force, or else the national strategy: chosen for them.
               if (const auto own = OwnMunicipalities(&user, places); own.size() == 1) {
                 document.level = Level::kMunicipal;
                 document.kind = "action_plan";
                 document.municipality_code = *own.begin();
                 std::optional<std::int64_t> national, regional;
                 std::string oblast;
                 for (const auto& each : places.AllMunicipalities()) {
                   if (each.code == document.municipality_code) oblast = each.oblast_code;
                 }
                 for (const Document& other : policies.ListDocuments({})) {
                   if (other.status != "adopted" || other.demo) continue;
                   if (other.level == Level::kNational && !national) national = other.id;
                   if (other.level == Level::kRegional && other.oblast_code == oblast) {
                     regional = other.id;
                   }
                 }
                 document.implements_document_id = regional ? regional : national;
               }
               return DocumentForm(request, site, policies, places, document, {});
             });

  routes.Post("/policies/documents", core::Access::SignedIn(),
              [&site, &policies, &places](http::Request& request, const core::SignedIn& user) {
                Refusal refusal;
                Document document = DocumentFromForm(request, policies.Areas(), refusal.problems);
                if (refusal.Empty()) {
                  const auto created = policies.CreateDocument(user, document);
                  if (created) return http::Response::Redirect(DocumentPath(created->id));
                  return DocumentForm(request, site, policies, places, document, Refusal::Of(created.error()));
                }
                return DocumentForm(request, site, policies, places, document, refusal);
              });

  routes.Get("/policies/documents/{id:int}/edit", core::Access::SignedIn(),
             [&site, &policies, &places](http::Request& request, const core::SignedIn& user) {
               const auto document = policies.DocumentToChange(user, request.IntParameter("id"));
               if (!document) return site.Fail(request, document.error());
               return DocumentForm(request, site, policies, places, *document, {});
             });

  routes.Post("/policies/documents/{id:int}", core::Access::SignedIn(),
              [&site, &policies, &places](http::Request& request, const core::SignedIn& user) {
                Refusal refusal;
                Document document = DocumentFromForm(request, policies.Areas(), refusal.problems);
                document.id = request.IntParameter("id");
                if (!refusal.Empty()) return DocumentForm(request, site, policies, places, document, refusal);
                const auto changed = policies.UpdateDocument(user, document);
                if (!changed) {
                  if (changed.error().kind == core::ErrorKind::kNotFound) return site.Fail(request, changed.error());
                  return DocumentForm(request, site, policies, places, document, Refusal::Of(changed.error()));
                }
                return http::Response::Redirect(DocumentPath(document.id));
              });

  routes.Get("/policies/documents/{id:int}/items/new", core::Access::SignedIn(),
             [&site, &policies, &places](http::Request& request, const core::SignedIn& user) {
               const auto document = policies.DocumentToChange(user, request.IntParameter("id"));
               if (!document) return site.Fail(request, document.error());
               Item item;
               item.kind = request.Query("kind").value_or("measure");
               bool bad = false;
               item.parent_id = OptionalWholeNumber(request.Query("parent"), bad);
               if (item.parent_id) {
                 if (const auto parent = policies.FindItem(*item.parent_id)) {
                   item.kind = parent->kind == "objective" ? "measure" : "activity";
                 }
               }
               return ItemForm(request, site, policies, places, *document, item, {});
             });

  routes.Post("/policies/documents/{id:int}/items", core::Access::SignedIn(),
              [&site, &policies, &places](http::Request& request, const core::SignedIn& user) {
                const auto document = policies.FindDocument(request.IntParameter("id"));
                if (!document) return site.Fail(request, core::Error::NotFound("There is no such document."));
                Refusal refusal;
                Item item = ItemFromForm(request, policies, refusal.problems);
                item.document_id = document->id;
                if (!refusal.Empty()) return ItemForm(request, site, policies, places, *document, item, refusal);
                const auto created = policies.CreateItem(user, item);
                if (!created) {
                  return ItemForm(request, site, policies, places, *document, item, Refusal::Of(created.error()));
                }
                return http::Response::Redirect(DocumentPath(document->id) + "#item-" + std::to_string(created->id));
              });

  routes.Get("/policies/items/{id:int}/edit", core::Access::SignedIn(),
             [&site, &policies, &places](http::Request& request, const core::SignedIn& user) {
               const auto found = policies.ItemToChange(user, request.IntParameter("id"));
               if (!found) return site.Fail(request, found.error());
               return ItemForm(request, site, policies, places, found->document, found->item, {});
             });

  routes.Post("/policies/items/{id:int}", core::Access::SignedIn(),
              [&site, &policies, &places](http::Request& request, const core::SignedIn& user) {
                const auto before = policies.FindItem(request.IntParameter("id"));
                if (!before)
                  return site.Fail(request, core::Error::NotFound("There is no such objective, measure or activity."));
                const auto document = policies.FindDocument(before->document_id);
                Refusal refusal;
                Item item = ItemFromForm(request, policies, refusal.problems);
                item.id = before->id;
                item.document_id = before->document_id;
                item.targets = before->targets;  // not on the form
                if (!refusal.Empty()) return ItemForm(request, site, policies, places, *document, item, refusal);
                const auto changed = policies.UpdateItem(user, item);
                if (!changed) {
                  return ItemForm(request, site, policies, places, *document, item, Refusal::Of(changed.error()));
                }
                return http::Response::Redirect(ItemPath(item.id));
              });

  // A draft made by mistake is deleted after this page has said what goes with it.
  routes.Get("/policies/documents/{id:int}/delete", core::Access::SignedIn(),
             [&site, &policies](http::Request& request, const core::SignedIn& user) {
               const auto document = policies.DocumentToChange(user, request.IntParameter("id"));
               if (!document) return site.Fail(request, document.error());
               const auto items = policies.Tree(document->id);
               const json data = {{"title", Localised(request, document->title, document->title_en)},
                                  {"action", request.path},
                                  {"back", DocumentPath(document->id)},
                                  {"version", document->version},
                                  {"draft", document->status == "draft" && document->reference_key.empty()},
                                  {"item_count", items->nodes.size() + items->withdrawn.size()},
                                  {"csrf", web::CsrfOf(request)}};
               return site.Page(request, site.Translate(request, "Delete the draft"), "policies/delete_document", data);
             });

  routes.Post("/policies/documents/{id:int}/delete", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                const auto version = ShownVersion(request);
                if (!version) return site.Fail(request, core::Error::InvalidInput("Reload the page and try again."));
                const auto deleted = policies.DeleteDraft(user, request.IntParameter("id"), *version);
                if (!deleted) return site.Fail(request, deleted.error());
                return http::Response::Redirect("/policies");
              });

  // Withdrawing takes an item and what is under it out of the plan, after this page has said what goes with it.
  routes.Get("/policies/items/{id:int}/withdraw", core::Access::SignedIn(),
             [&site, &policies](http::Request& request, const core::SignedIn& user) {
               return WithdrawPage(request, user, site, policies, "", {});
             });

  routes.Post("/policies/items/{id:int}/withdraw", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                const std::string reason = request.Form("reason").value_or("");
                const auto version = ShownVersion(request);
                if (!version) return site.Fail(request, core::Error::InvalidInput("Reload the page and try again."));
                const auto withdrawn =
                    policies.Withdraw(user, request.IntParameter("id"), *version, reason, ShownBelow(request));
                if (!withdrawn) {
                  const core::Error& error = withdrawn.error();
                  if (error.kind != core::ErrorKind::kInvalidInput && error.kind != core::ErrorKind::kConflict) {
                    return site.Fail(request, error);
                  }
                  // The page again, as it is now, with what was typed and what was wrong.
                  return WithdrawPage(request, user, site, policies, reason, Refusal::Of(error));
                }
                return http::Response::Redirect(DocumentPath(withdrawn->item.document_id) + "#withdrawn");
              });

  routes.Post("/policies/items/{id:int}/restore", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto restored = policies.Restore(user, id);
                if (!restored) return site.Fail(request, restored.error());
                return http::Response::Redirect(ItemPath(id));
              });

  routes.Get("/policies/documents/{id:int}/carry-over", core::Access::SignedIn(),
             [&site, &policies](http::Request& request, const core::SignedIn& user) {
               const auto document = policies.DocumentToChange(user, request.IntParameter("id"));
               if (!document) return site.Fail(request, document.error());
               const int length = document->period_end - document->period_start;
               const json data = {{"title", Localised(request, document->title, document->title_en)},
                                  {"action", request.path},
                                  {"back", DocumentPath(document->id)},
                                  {"period_start", document->period_end + 1},
                                  {"period_end", document->period_end + 1 + length},
                                  {"csrf", web::CsrfOf(request)}};
               return site.Page(request, site.Translate(request, "Carry the plan over"), "policies/carry_over", data);
             });

  routes.Post("/policies/documents/{id:int}/carry-over", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                bool bad = false;
                const auto start = OptionalWholeNumber(request.Form("period_start"), bad);
                const auto end = OptionalWholeNumber(request.Form("period_end"), bad);
                if (bad || !start || !end) {
                  return site.Fail(request, core::Error::InvalidInput(std::string(document_message::kPeriod)));
                }
                const auto copy = policies.CarryOver(user, request.IntParameter("id"), static_cast<int>(*start),
                                                     static_cast<int>(*end));
                if (!copy) return site.Fail(request, copy.error());
                return http::Response::Redirect(DocumentPath(copy->id));
              });
}

}  // namespace policies
