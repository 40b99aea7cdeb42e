// /advocacy and the register an organisation keeps: its people (each on a recorded basis, or under a pseudonym) and
// organisations, their memberships, a person's data exported or erased on request (GDPR Art. 15 and 17).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <span>

#include "core/text.hpp"
#include "http/multipart.hpp"
#include "modules/advocacy/advocacy_routes.hpp"
#include "web/ui.hpp"

namespace advocacy {

using nlohmann::json;

std::string StakeholderPath(std::int64_t id) { return "/advocacy/stakeholders/" + std::to_string(id); }
std::string CoalitionPath(std::int64_t id) { return "/advocacy/coalitions/" + std::to_string(id); }
std::string CampaignPath(std::int64_t id) { return "/advocacy/campaigns/" + std::to_string(id); }

std::string_view TitleOf(std::string_view code) {
  static constexpr std::pair<std::string_view, std::string_view> kTitles[] = {
      {"social", "Social"},
      {"professional", "Professional"},
      {"business", "Business"},
      {"media", "Media"},
      {"faith", "Faith"},
      {"institution", "Institution"},
      {"initiative_group", "Roma initiative group"},
      {"cso", "Civil-society organisation"},
      {"donor", "Donor"},
      {"other", "Other"},
      {"consent", "Their consent"},
      {"public_role", "A public role they hold"},
      {"legitimate_interest", "The organisation's legitimate interest"},
      {"ally", "Ally"},
      {"neutral", "Neutral"},
      {"opponent", "Opponent"},
      {"empowerment", "Community empowerment"},
      {"coalition", "Coalition"},
      {"action", "Action"},
      {"follow_up", "Follow-up"},
      {"meeting", "Meeting"},
      {"letter", "Letter"},
      {"information_request", "Information request"},
      {"public_event", "Public event"},
      {"petition", "Petition"},
      {"measure_adopted", "Measure adopted"},
      {"budget_line_added", "Budget line added"},
      {"activity_restarted", "Activity restarted"}};
  for (const auto& [key, title] : kTitles) {
    if (key == code) return title;
  }
  return code;
}

std::string ShownName(const web::Reader& reader, const Stakeholder& stakeholder) {
  if (!stakeholder.erased_on.empty()) return reader.Translate("Erased person");
  return stakeholder.pseudonym ? stakeholder.name + " (" + reader.Translate("pseudonym") + ")" : stakeholder.name;
}

nlohmann::json RegisterChoices(const web::Reader& reader, const std::vector<Stakeholder>& everyone,
                               const std::string& search) {
  const bool whole = everyone.size() <= kWholeRegisterInAForm;
  const std::string key = core::SearchKey(search);
  std::vector<const Stakeholder*> offered;
  for (const Stakeholder& stakeholder : everyone) {
    if (whole || (!key.empty() && core::SearchKey(stakeholder.name).find(key) != std::string::npos)) {
      offered.push_back(&stakeholder);
    }
  }
  const std::size_t found = offered.size();
  if (offered.size() > kWholeRegisterInAForm) offered.resize(kWholeRegisterInAForm);
  nlohmann::json options = nlohmann::json::array();
  for (const Stakeholder* stakeholder : offered) {
    options.push_back({{"value", stakeholder->id}, {"label", ShownName(reader, *stakeholder)}});
  }
  return {{"register", options},
          {"register_offered", !options.empty()},
          {"register_searchable", !whole},
          {"register_search", search},
          {"register_more", found - offered.size()}};
}

std::string PublicName(const web::Reader& reader, const Stakeholder& stakeholder) {
  if (!stakeholder.erased_on.empty()) return reader.Translate("Erased person");
  if (stakeholder.kind == "organization" || stakeholder.consent_basis == "public_role") return stakeholder.name;
  return reader.Translate("A person");
}

namespace {

json Options(const web::Reader& reader, std::span<const std::string_view> codes, std::string_view chosen) {
  json options = json::array();
  for (const std::string_view code : codes) {
    options.push_back({{"value", code}, {"label", reader.Translate(TitleOf(code))}, {"checked", code == chosen}});
  }
  return options;
}

constexpr std::int64_t kRegisterPage = 100;

json StakeholderRow(const web::Reader& reader, const Stakeholder& stakeholder) {
  return {{"url", StakeholderPath(stakeholder.id)},
          {"name", ShownName(reader, stakeholder)},
          {"person", stakeholder.kind == "person"},
          {"kind", reader.Translate(stakeholder.kind == "person" ? "Person" : "Organisation")},
          {"sector", stakeholder.sector.empty() ? "" : reader.Translate(TitleOf(stakeholder.sector))},
          {"basis", stakeholder.consent_basis.empty() ? "" : reader.Translate(TitleOf(stakeholder.consent_basis))},
          {"withdrawn", !stakeholder.consent_withdrawn_on.empty()},
          {"erased", !stakeholder.erased_on.empty()},
          {"demo", stakeholder.demo}};
}

http::Response StakeholderForm(http::Request& request, const web::Site& site, const Stakeholder& typed,
                               const std::string& keeper_name, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const json refused = refusal.Data(reader, [](std::string_view field) { return "stakeholder-" + std::string(field); });
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"keeper", typed.keeper_id},
                     {"keeper_name", keeper_name},
                     {"person", typed.kind == "person"},
                     {"kind", typed.kind},
                     {"name", typed.name},
                     {"pseudonym", typed.pseudonym},
                     {"sectors", Options(reader, kSectors, typed.sector)},
                     {"summary", typed.summary},
                     {"email", typed.email},
                     {"phone", typed.phone},
                     {"bases", Options(reader, kConsentBases, typed.consent_basis)},
                     {"consent_purpose", typed.consent_purpose},
                     {"consent_on", typed.consent_on},
                     {"refusal", refused},
                     {"problems", refused["problems"]}};
  return site.Page(request, reader.Translate(typed.kind == "person" ? "Add a person" : "Add an organisation"),
                   "advocacy/stakeholder_form", data, refusal.Empty() ? 200 : refusal.Status());
}

http::Response StakeholderPage(http::Request& request, const web::Site& site, AdvocacyService& service, std::int64_t id,
                               const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const auto stakeholder = service.FindStakeholder(kernel::ActorOf(request), id);
  if (!stakeholder) return site.Fail(request, stakeholder.error());
  const auto others = service.Register(kernel::ActorOf(request), stakeholder->keeper_id);
  std::map<std::int64_t, std::string> names;
  json organisations = json::array();
  json people = json::array();
  if (others) {
    for (const Stakeholder& other : *others) {
      names[other.id] = ShownName(reader, other);
      if (other.id == id) continue;
      (other.kind == "organization" ? organisations : people)
          .push_back({{"value", other.id}, {"label", ShownName(reader, other)}});
    }
  }
  json memberships = json::array();
  for (const Membership& membership : service.MembershipsOf(id)) {
    memberships.push_back({{"member", names[membership.member_id]},
                           {"member_url", StakeholderPath(membership.member_id)},
                           {"organization", names[membership.organization_id]},
                           {"organization_url", StakeholderPath(membership.organization_id)},
                           {"role", membership.role},
                           {"post", membership.post},
                           {"on_behalf_of", membership.on_behalf_of_id ? names[*membership.on_behalf_of_id] : ""},
                           {"from", membership.start_date},
                           {"until", membership.end_date}});
  }
  json coalitions = json::array();
  for (const Coalition& coalition : service.CoalitionsOf(id)) {
    coalitions.push_back({{"name", coalition.name}, {"url", CoalitionPath(coalition.id)}});
  }
  const json refused = refusal.Data(reader, [](std::string_view field) { return "membership-" + std::string(field); });
  json data = StakeholderRow(reader, *stakeholder);
  data.update({{"id", id},
               {"summary", stakeholder->summary},
               {"email", stakeholder->email},
               {"phone", stakeholder->phone},
               {"consent_purpose", stakeholder->consent_purpose},
               {"consent_on", stakeholder->consent_on.empty() ? "" : reader.Date(stakeholder->consent_on)},
               {"withdrawn_on",
                stakeholder->consent_withdrawn_on.empty() ? "" : reader.Date(stakeholder->consent_withdrawn_on)},
               {"erased_on", stakeholder->erased_on.empty() ? "" : reader.Date(stakeholder->erased_on)},
               {"memberships", memberships},
               {"has_memberships", !memberships.empty()},
               {"coalitions", coalitions},
               {"in_coalitions", !coalitions.empty()},
               {"organisations", organisations},
               {"people", people},
               {"is_organisation", stakeholder->kind == "organization"},
               {"today", service.Today()},
               {"csrf", web::CsrfOf(request)},
               {"register_url", "/advocacy/register?keeper=" + std::to_string(stakeholder->keeper_id)},
               {"refusal", refused},
               {"problems", refused["problems"]}});
  return site.Page(request, ShownName(reader, *stakeholder), "advocacy/stakeholder", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

Stakeholder TypedStakeholder(const http::Request& request) {
  Stakeholder typed;
  typed.keeper_id = web::IdIn(request.Form("keeper")).value_or(0);
  typed.kind = request.Form("kind").value_or("person");
  typed.name = request.Form("name").value_or("");
  typed.pseudonym = request.Form("pseudonym").has_value();
  typed.sector = request.Form("sector").value_or("");
  typed.summary = request.Form("summary").value_or("");
  typed.email = request.Form("email").value_or("");
  typed.phone = request.Form("phone").value_or("");
  typed.consent_basis = request.Form("consent_basis").value_or("");
  typed.consent_purpose = request.Form("consent_purpose").value_or("");
  typed.consent_on = request.Form("consent_on").value_or("");
  return typed;
}

}  // namespace

http::Response ImportForm(http::Request& request, const web::Site& site, std::int64_t keeper, const std::string& text,
                          const std::string& basis, const std::string& purpose, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  json problems = json::array();
  for (const core::FieldProblem& problem : refusal.problems) {
    problems.push_back(reader.Say(problem.message, problem.arguments));
  }
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"keeper", keeper},
                     {"text", text},
                     {"bases", Options(reader, kConsentBases, basis)},
                     {"purpose", purpose},
                     {"error", refusal.Empty() || !refusal.problems.empty() ? "" : reader.Say(refusal.message, {})},
                     {"problems", problems},
                     {"has_problems", !problems.empty()}};
  return site.Page(request, reader.Translate("Import a register (Popolo JSON)"), "advocacy/import", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

void AddRegisterPages(kernel::Routes& routes, const web::Site& site, AdvocacyService& service,
                      const PopoloSchemas& schemas) {
  routes.Get("/advocacy/register/popolo", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const std::int64_t keeper = web::IdIn(request.Query("keeper")).value_or(0);
               const auto exported = service.ExportPopolo(user, keeper);
               if (!exported) return site.Fail(request, exported.error());
               return web::Site::Download(exported->dump(2), "application/json; charset=utf-8",
                                          fmt::format("register-{}.popolo.json", keeper));
             });
  routes.Get("/advocacy/register/import", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const std::int64_t keeper = web::IdIn(request.Query("keeper")).value_or(0);
               if (!service.MayEdit(user, keeper)) {
                 return site.Fail(request,
                                  core::Error::Forbidden("Only the members of an organisation keep its register."));
               }
               return ImportForm(request, site, keeper, "", "", "", {});
             });
  routes.Post(
      "/advocacy/register/import", core::Access::SignedIn(), http::Body::kFiles,
      [&site, &service, &schemas](http::Request& request, const core::SignedIn& user) {
        // A file chosen (multipart) or the document pasted; the file wins when both are there.
        const auto* parts = http::CachedMultipartParts(request);
        const std::int64_t keeper = web::IdIn(http::PartText(parts, "keeper")).value_or(0);
        const http::FormPart* file = http::FindPart(parts, "file");
        const std::string text = file != nullptr && !file->body.empty() ? file->body : http::PartText(parts, "popolo");
        const std::string basis = http::PartText(parts, "consent_basis");
        const std::string purpose = http::PartText(parts, "consent_purpose");
        if (core::TrimSpaces(text).empty()) {
          return ImportForm(request, site, keeper, text, basis, purpose,
                            web::Refusal::Of(core::Error::InvalidFields(
                                {{"popolo", "Choose a Popolo JSON file or paste its text.", ""}})));
        }
        const json document = json::parse(text, nullptr, false);
        if (document.is_discarded()) {
          return ImportForm(request, site, keeper, text, basis, purpose,
                            web::Refusal::Of(core::Error::InvalidFields({{"popolo", "The file is not JSON.", ""}})));
        }
        const auto imported = service.ImportPopolo(user, keeper, document, schemas, basis, purpose);
        if (imported) return http::Response::Redirect("/advocacy/register?keeper=" + std::to_string(keeper));
        if (imported.error().kind == core::ErrorKind::kForbidden) return site.Fail(request, imported.error());
        return ImportForm(request, site, keeper, text, basis, purpose, web::Refusal::Of(imported.error()));
      });
  routes.Get("/advocacy", core::Access::Anyone(), [&site, &service](http::Request& request) {
    const web::Reader reader = site.ReaderOf(request);
    json coalitions = json::array();
    bool demo = false;
    for (const Coalition& coalition : service.Coalitions()) {
      demo = demo || coalition.demo;
      coalitions.push_back({{"name", coalition.name}, {"url", CoalitionPath(coalition.id)}, {"demo", coalition.demo}});
    }
    json campaigns = json::array();
    for (const Campaign& campaign : service.Campaigns()) {
      campaigns.push_back({{"title", campaign.title},
                           {"url", CampaignPath(campaign.id)},
                           {"stage", web::ui::Badge(reader.Translate(TitleOf(campaign.stage)))},
                           {"demo", campaign.demo}});
    }
    json keepers = json::array();
    if (const core::SignedIn* user = kernel::SignedInOf(request)) {
      for (const accounts::Organisation& keeper : service.KeepersOf(*user)) {
        keepers.push_back({{"name", keeper.name},
                           {"register_url", "/advocacy/register?keeper=" + std::to_string(keeper.id)},
                           {"coalition_url", "/advocacy/coalitions/new?keeper=" + std::to_string(keeper.id)}});
      }
    }
    const json data = {{"coalitions", coalitions}, {"has_coalitions", !coalitions.empty()},
                       {"campaigns", campaigns},   {"has_campaigns", !campaigns.empty()},
                       {"keepers", keepers},       {"has_keepers", !keepers.empty()},
                       {"has_demo", demo},         {"none", web::ui::Empty(reader.Translate("No coalition yet."))}};
    return site.Page(request, reader.Translate("Advocacy"), "advocacy/overview", data);
  });

  // The register, a page of kRegisterPage at a time, found by a word of the name and narrowed to people or
  // organisations.
  routes.Get("/advocacy/register", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const web::Reader reader = site.ReaderOf(request);
               const std::int64_t keeper = web::IdIn(request.Query("keeper")).value_or(0);
               const auto stakeholders = service.Register(user, keeper);
               if (!stakeholders) return site.Fail(request, stakeholders.error());
               const std::string query = core::TrimSpaces(request.Query("q").value_or(""));
               const std::string kind = request.Query("kind").value_or("");
               const std::string key = core::SearchKey(query);
               std::vector<const Stakeholder*> found;
               for (const Stakeholder& stakeholder : *stakeholders) {
                 if ((kind == "person" || kind == "organization") && stakeholder.kind != kind) continue;
                 if (!key.empty() && core::SearchKey(stakeholder.name).find(key) == std::string::npos) continue;
                 found.push_back(&stakeholder);
               }
               // Organisations, then people, each in the reader's alphabetical order.
               reader.SortByName(found, [](const Stakeholder* each) { return each->name; });
               std::stable_partition(found.begin(), found.end(),
                                     [](const Stakeholder* each) { return each->kind == "organization"; });
               const auto total = static_cast<std::int64_t>(found.size());
               const std::int64_t offset = std::min(web::IdIn(request.Query("offset")).value_or(0), total);
               json rows = json::array();
               for (std::int64_t at = offset; at < std::min(total, offset + kRegisterPage); ++at) {
                 rows.push_back(StakeholderRow(reader, *found[static_cast<std::size_t>(at)]));
               }
               const std::string base = fmt::format("/advocacy/register?keeper={}&kind={}&q={}", keeper,
                                                    http::PercentEncode(kind), http::PercentEncode(query));
               const json kinds = {
                   {{"value", ""}, {"label", reader.Translate("Everyone")}, {"selected", kind.empty()}},
                   {{"value", "person"}, {"label", reader.Translate("People")}, {"selected", kind == "person"}},
                   {{"value", "organization"},
                    {"label", reader.Translate("Organisations")},
                    {"selected", kind == "organization"}}};
               const bool empty_register = stakeholders->empty();
               const json data = {
                   {"keeper", keeper},
                   {"q", query},
                   {"kinds", kinds},
                   {"rows", rows},
                   {"has_rows", !rows.empty()},
                   {"pager", web::ui::Pager(reader, total, kRegisterPage, offset, base)},
                   {"none", web::ui::Empty(reader.Translate(empty_register ? "Nobody is in the register yet."
                                                                           : "Nobody in the register matches."))}};
               return site.Page(request, reader.Translate("Register of stakeholders"), "advocacy/register", data);
             });
  routes.Get("/advocacy/register/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               Stakeholder typed;
               typed.keeper_id = web::IdIn(request.Query("keeper")).value_or(0);
               typed.kind = request.Query("kind").value_or("person") == "organization" ? "organization" : "person";
               typed.consent_on = service.Today();
               if (!service.MayEdit(user, typed.keeper_id)) {
                 return site.Fail(request,
                                  core::Error::Forbidden("Only the members of an organisation keep its register."));
               }
               return StakeholderForm(request, site, typed, "", {});
             });
  routes.Post("/advocacy/register", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                Stakeholder typed = TypedStakeholder(request);
                if (typed.kind != "organization") typed.kind = "person";
                const auto added = service.AddStakeholder(user, typed);
                if (added) return http::Response::Redirect(StakeholderPath(added->id));
                if (added.error().kind == core::ErrorKind::kForbidden) return site.Fail(request, added.error());
                return StakeholderForm(request, site, typed, "", web::Refusal::Of(added.error()));
              });
  const std::string stakeholder = "/advocacy/stakeholders/{id:int}";
  routes.Get(stakeholder, core::Access::SignedIn(), [&site, &service](http::Request& request, const core::SignedIn&) {
    return StakeholderPage(request, site, service, request.IntParameter("id"), {});
  });
  // What Khetane holds of a person, for them (GDPR Art. 15): the record, memberships and coalitions, as JSON.
  routes.Get(stakeholder + "/export", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const std::int64_t id = request.IntParameter("id");
               const auto found = service.FindStakeholder(user, id);
               if (!found) return site.Fail(request, found.error());
               const json record = StakeholderRecordJson(service, *found);
               return web::Site::Download(record.dump(2), "application/json; charset=utf-8",
                                          fmt::format("stakeholder-{}.json", id));
             });
  routes.Get(
      stakeholder + "/erase", core::Access::SignedIn(),
      [&site, &service](http::Request& request, const core::SignedIn& user) {
        const web::Reader reader = site.ReaderOf(request);
        const auto found = service.FindStakeholder(user, request.IntParameter("id"));
        if (!found) return site.Fail(request, found.error());
        return site.Page(
            request, reader.Translate("Erase this person's data"), "advocacy/erase",
            {{"csrf", web::CsrfOf(request)}, {"name", ShownName(reader, *found)}, {"url", StakeholderPath(found->id)}});
      });
  routes.Post(stakeholder + "/erase", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto erased = service.Erase(user, request.IntParameter("id"));
                if (!erased) return site.Fail(request, erased.error());
                return http::Response::Redirect(StakeholderPath(erased->id));
              });
  routes.Post(stakeholder + "/withdraw", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto withdrawn = service.WithdrawConsent(user, id, request.Form("day").value_or(""));
                if (withdrawn) return http::Response::Redirect(StakeholderPath(id));
                if (withdrawn.error().kind != core::ErrorKind::kInvalidInput)
                  return site.Fail(request, withdrawn.error());
                return StakeholderPage(request, site, service, id, web::Refusal::Of(withdrawn.error()));
              });
  routes.Post(stakeholder + "/memberships", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                Membership membership;
                membership.organization_id = web::IdIn(request.Form("organization")).value_or(id);
                membership.member_id = web::IdIn(request.Form("member")).value_or(id);
                membership.role = request.Form("role").value_or("");
                membership.post = request.Form("post").value_or("");
                membership.on_behalf_of_id = web::IdIn(request.Form("on_behalf_of"));
                membership.start_date = request.Form("start_date").value_or("");
                membership.end_date = request.Form("end_date").value_or("");
                const auto added = service.AddMembership(user, membership);
                if (added) return http::Response::Redirect(StakeholderPath(id) + "#memberships");
                if (added.error().kind != core::ErrorKind::kInvalidInput) return site.Fail(request, added.error());
                return StakeholderPage(request, site, service, id, web::Refusal::Of(added.error()));
              });
}

}  // namespace advocacy
