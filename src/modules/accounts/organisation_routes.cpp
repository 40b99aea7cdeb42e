#include "modules/accounts/organisation_routes.hpp"

#include <fmt/format.h>

#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/form_support.hpp"

namespace accounts {
namespace {

using nlohmann::json;

constexpr std::int64_t kPerPage = 50;

std::string OrganisationPath(std::int64_t id) { return "/admin/organisations/" + std::to_string(id); }

std::string CsrfOf(const http::Request& request) { return std::string(request.Attribute("csrf_token").value_or("")); }

json KindOptions(const http::Request& request, const web::Site& site, const std::string& selected) {
  json options = json::array();
  for (const std::string_view kind : OrganisationKinds()) {
    options.push_back({{"value", kind},
                       {"label", site.Translate(request, OrganisationKindTitle(kind))},
                       {"selected", kind == selected}});
  }
  return options;
}

OrganisationFields FieldsOf(const http::Request& request) {
  return {request.Form("name").value_or(""), request.Form("kind").value_or(""),
          request.Form("municipality").value_or("")};
}

// The fields of the form to create or edit an organisation, with what was typed.
json FormData(const http::Request& request, const web::Site& site, places::PlacesService& places,
              const OrganisationFields& fields, const std::string& error) {
  return {{"name", fields.name},
          {"kinds", KindOptions(request, site, fields.kind)},
          {"municipalities", MunicipalityOptions(site.ReaderOf(request), places, fields.municipality_code)},
          {"error", error.empty() ? "" : site.Translate(request, error)},
          {"csrf", CsrfOf(request)}};
}

http::Response NewOrganisationPage(http::Request& request, const web::Site& site, places::PlacesService& places,
                                   const OrganisationFields& fields, const std::string& error, int status) {
  json data = FormData(request, site, places, fields, error);
  data["title"] = site.Translate(request, "New organisation");
  data["action"] = "/admin/organisations";
  return site.Page(request, data["title"].get<std::string>(), "accounts/admin_organisation", data, status);
}

// Whether the form shows, beside each field typed otherwise, what is saved now: after someone else changed the
// organisation, so that the person sees both and keeps what they choose.
enum class SavedBeside { kNo, kYes };

// "Saved now: Лом (Монтана)" beside each field whose saved value differs from what was typed.
void AddSavedValues(const web::Reader& reader, const Organisation& saved, const OrganisationFields& typed, json& data) {
  const auto saved_now = [&](const std::string& value) { return reader.Say("Saved now: {value}", {{"value", value}}); };
  if (saved.name != typed.name) data["saved_name"] = saved_now(saved.name);
  if (saved.kind != typed.kind) data["saved_kind"] = saved_now(reader.Translate(OrganisationKindTitle(saved.kind)));
  if (saved.municipality_code != typed.municipality_code) {
    std::string municipality = reader.Translate("none: it works in several places");
    for (const json& option : data["municipalities"]) {
      if (option["value"] == saved.municipality_code) municipality = option["label"].get<std::string>();
    }
    data["saved_municipality"] = saved_now(municipality);
  }
}

// An organisation's page: its details (with the form to change them) and its members (with the form to add one).
http::Response OrganisationPage(http::Request& request, const web::Site& site, OrganisationService& organisations,
                                places::PlacesService& places, const Organisation& organisation,
                                const OrganisationFields& fields, const std::string& error,
                                const std::string& member_email, const std::string& member_error, int status,
                                SavedBeside saved_beside = SavedBeside::kNo) {
  json members = json::array();
  for (const auto& member : organisations.Members(organisation.id)) {
    members.push_back(
        {{"name", member.display_name},
         {"email", member.email},
         {"url", "/admin/users/" + std::to_string(member.id)},
         {"remove_url", OrganisationPath(organisation.id) + "/members/" + std::to_string(member.id) + "/remove"}});
  }
  json data = FormData(request, site, places, fields, error);
  data["title"] = organisation.name;
  data["existing"] = true;
  data["kind_title"] = site.Translate(request, OrganisationKindTitle(organisation.kind));
  data["scope"] = ScopeText({ScopeKind::kOrganisation, std::to_string(organisation.id)});
  data["action"] = OrganisationPath(organisation.id);
  // After a conflict, the version saved now: the person sees what it holds beside what they typed.
  data["version"] = organisation.version;
  if (saved_beside == SavedBeside::kYes) AddSavedValues(site.ReaderOf(request), organisation, fields, data);
  data["members"] = members;
  data["has_members"] = !members.empty();
  data["member_email"] = member_email;
  data["member_error"] = member_error.empty() ? "" : site.Translate(request, member_error);
  return site.Page(request, organisation.name, "accounts/admin_organisation", data, status);
}

OrganisationFields FieldsFrom(const Organisation& organisation) {
  return {organisation.name, organisation.kind, organisation.municipality_code};
}

}  // namespace

void AddOrganisationRoutes(kernel::Routes& routes, const web::Site& site, OrganisationService& organisations,
                           places::PlacesService& places) {
  routes.Get(
      "/admin/organisations", core::Access::Administrator(),
      [&site, &organisations](http::Request& request, const core::SignedIn&) {
        const std::string search = request.Query("q").value_or("");
        const std::string kind = request.Query("kind").value_or("");
        const auto offset = OffsetOf(request);
        if (!offset) return site.Fail(request, core::Error::InvalidInput("offset must be a whole number, 0 or more"));
        json rows = json::array();
        for (const auto& organisation : organisations.List(search, kind, kPerPage, *offset)) {
          rows.push_back({{"name", organisation.name},
                          {"url", OrganisationPath(organisation.id)},
                          {"kind", site.Translate(request, OrganisationKindTitle(organisation.kind))},
                          {"municipality", organisation.municipality_code},
                          {"members", organisation.member_count}});
        }
        const std::int64_t total = organisations.Count(search, kind);
        json kinds = KindOptions(request, site, kind);
        const std::string base =
            fmt::format("/admin/organisations?q={}&kind={}", http::PercentEncode(search), http::PercentEncode(kind));
        json data = {{"organisations", rows},
                     {"has_organisations", !rows.empty()},
                     {"q", search},
                     {"kinds", kinds},
                     {"total", total}};
        data["pager"] = web::ui::Pager(site.ReaderOf(request), total, kPerPage, *offset, base);
        return site.Page(request, site.Translate(request, "Organisations"), "accounts/admin_organisations", data);
      });

  routes.Get("/admin/organisations/new", core::Access::Administrator(),
             [&site, &places](http::Request& request, const core::SignedIn&) {
               return NewOrganisationPage(request, site, places, {}, "", 200);
             });

  routes.Post("/admin/organisations", core::Access::Administrator(),
              [&site, &organisations, &places](http::Request& request, const core::SignedIn& user) {
                const OrganisationFields fields = FieldsOf(request);
                const auto created = organisations.Create(user, fields);
                if (!created) {
                  return NewOrganisationPage(request, site, places, fields, created.error().message,
                                             FormStatusOf(created.error()));
                }
                return http::Response::Redirect(OrganisationPath(created->id));
              });

  routes.Get("/admin/organisations/{id:int}", core::Access::Administrator(),
             [&site, &organisations, &places](http::Request& request, const core::SignedIn&) {
               const auto organisation = organisations.Find(request.IntParameter("id"));
               if (!organisation) return site.Fail(request, core::Error::NotFound("There is no such organisation."));
               return OrganisationPage(request, site, organisations, places, *organisation, FieldsFrom(*organisation),
                                       "", "", "", 200);
             });

  routes.Post("/admin/organisations/{id:int}", core::Access::Administrator(),
              [&site, &organisations, &places](http::Request& request, const core::SignedIn& user) {
                const auto organisation = organisations.Find(request.IntParameter("id"));
                if (!organisation) return site.Fail(request, core::Error::NotFound("There is no such organisation."));
                const OrganisationFields fields = FieldsOf(request);
                const std::int64_t version = web::IdIn(request.Form("version")).value_or(0);
                const auto changed = organisations.Update(user, organisation->id, version, fields);
                if (!changed) {
                  // Read again: a save at the same moment may have got in after the one above.
                  Organisation saved = organisations.Find(organisation->id).value_or(*organisation);
                  const bool changed_meanwhile =
                      changed.error().kind == core::ErrorKind::kConflict && saved.version != version;
                  // Until the person is told of the other change, the form stays at the version they opened.
                  if (!changed_meanwhile) saved.version = version;
                  return OrganisationPage(request, site, organisations, places, saved, fields, changed.error().message,
                                          "", "", FormStatusOf(changed.error()),
                                          changed_meanwhile ? SavedBeside::kYes : SavedBeside::kNo);
                }
                return http::Response::Redirect(OrganisationPath(organisation->id));
              });

  routes.Post("/admin/organisations/{id:int}/members", core::Access::Administrator(),
              [&site, &organisations, &places](http::Request& request, const core::SignedIn& user) {
                const auto organisation = organisations.Find(request.IntParameter("id"));
                if (!organisation) return site.Fail(request, core::Error::NotFound("There is no such organisation."));
                const std::string email = request.Form("email").value_or("");
                const auto added = organisations.AddMember(user, organisation->id, email);
                if (!added) {
                  return OrganisationPage(request, site, organisations, places, *organisation,
                                          FieldsFrom(*organisation), "", email, added.error().message,
                                          FormStatusOf(added.error()));
                }
                return http::Response::Redirect(OrganisationPath(organisation->id) + "#members");
              });

  // Removing a member takes two steps: this page asks, the form on it does it.
  routes.Get("/admin/organisations/{id:int}/members/{user:int}/remove", core::Access::Administrator(),
             [&site, &organisations](http::Request& request, const core::SignedIn&) {
               const auto organisation = organisations.Find(request.IntParameter("id"));
               const std::int64_t user_id = request.IntParameter("user");
               const User* member = nullptr;
               const auto members = organisation ? organisations.Members(organisation->id) : std::vector<User>{};
               for (const auto& each : members) {
                 if (each.id == user_id) member = &each;
               }
               if (!member) {
                 return site.Fail(request, core::Error::NotFound("This user is not a member of this organisation."));
               }
               const json data = {{"organisation", organisation->name},
                                  {"name", member->display_name},
                                  {"email", member->email},
                                  {"action", request.path},
                                  {"back", OrganisationPath(organisation->id)},
                                  {"csrf", CsrfOf(request)}};
               return site.Page(request, site.Translate(request, "Remove a member"), "accounts/admin_remove_member",
                                data);
             });

  routes.Post("/admin/organisations/{id:int}/members/{user:int}/remove", core::Access::Administrator(),
              [&site, &organisations](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto removed = organisations.RemoveMember(user, id, request.IntParameter("user"));
                if (!removed) return site.Fail(request, removed.error());
                return http::Response::Redirect(OrganisationPath(id) + "#members");
              });
}

}  // namespace accounts
