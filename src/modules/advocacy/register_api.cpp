// /api/v1/advocacy/register and /stakeholders: the register of an organisation for its members (a list, also CSV),
// one stakeholder with memberships and coalitions, adding either, and the register as Popolo JSON out and in.
#include "modules/advocacy/advocacy_routes.hpp"
#include "web/json_body.hpp"

namespace advocacy {
namespace {

using nlohmann::json;

json MembershipJson(const Membership& membership) {
  return {{"id", membership.id},
          {"member_id", membership.member_id},
          {"organization_id", membership.organization_id},
          {"role", membership.role},
          {"post", membership.post},
          {"on_behalf_of_id", membership.on_behalf_of_id ? json(*membership.on_behalf_of_id) : json(nullptr)},
          {"start_date", membership.start_date},
          {"end_date", membership.end_date}};
}

// The register's keeper named by `?keeper=` (0 when missing: refused by the service as anyone else's).
std::int64_t KeeperIn(const http::Request& request) { return web::IdIn(request.Query("keeper")).value_or(0); }

}  // namespace

json StakeholderJson(const Stakeholder& stakeholder) {
  return {{"id", stakeholder.id},
          {"keeper_id", stakeholder.keeper_id},
          {"kind", stakeholder.kind},
          {"name", stakeholder.name},
          {"pseudonym", stakeholder.pseudonym},
          {"sector", stakeholder.sector},
          {"summary", stakeholder.summary},
          {"email", stakeholder.email},
          {"phone", stakeholder.phone},
          {"consent_basis", stakeholder.consent_basis},
          {"consent_purpose", stakeholder.consent_purpose},
          {"consent_on", stakeholder.consent_on},
          {"consent_withdrawn_on", stakeholder.consent_withdrawn_on},
          {"erased_on", stakeholder.erased_on},
          {"demo", stakeholder.demo},
          {"version", stakeholder.version},
          {"url", StakeholderPath(stakeholder.id)}};
}

json StakeholderRecordJson(AdvocacyService& service, const Stakeholder& stakeholder) {
  json record = StakeholderJson(stakeholder);
  json memberships = json::array();
  for (const Membership& membership : service.MembershipsOf(stakeholder.id)) {
    memberships.push_back(MembershipJson(membership));
  }
  json coalitions = json::array();
  for (const Coalition& coalition : service.CoalitionsOf(stakeholder.id)) {
    coalitions.push_back({{"id", coalition.id}, {"name", coalition.name}});
  }
  record["memberships"] = std::move(memberships);
  record["coalitions"] = std::move(coalitions);
  return record;
}

void AddRegisterApi(kernel::Routes& routes, const web::Site& site, AdvocacyService& service,
                    const PopoloSchemas& schemas) {
  routes.Get("/api/v1/advocacy/register", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto stakeholders = service.Register(user, KeeperIn(request));
               if (!stakeholders) return site.Fail(request, stakeholders.error());
               json list = json::array();
               for (const Stakeholder& stakeholder : *stakeholders) list.push_back(StakeholderJson(stakeholder));
               return web::Site::List({{"stakeholders", list}}, "stakeholders");
             });
  routes.Get("/api/v1/advocacy/register/popolo", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto exported = service.ExportPopolo(user, KeeperIn(request));
               if (!exported) return site.Fail(request, exported.error());
               return web::Site::Json(*exported);
             });
  // {"keeper_id", "consent_basis", "consent_purpose", "popolo": {…}}: the basis is stated for everyone in the file.
  routes.Post("/api/v1/advocacy/register/popolo", core::Access::SignedIn(), http::Body::kFiles,
              [&site, &service, &schemas](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"consent_basis", "consent_purpose"}, {"keeper_id"});
                if (!body) return site.Fail(request, body.error());
                const auto document = body->find("popolo");
                if (document == body->end() || !document->is_object()) {
                  return site.Fail(request,
                                   core::Error::InvalidFields(
                                       {{"popolo", "This field is the register as a Popolo JSON object.", ""}}));
                }
                const std::int64_t keeper = web::IdIn(*body, "keeper_id").value_or(0);
                const auto imported =
                    service.ImportPopolo(user, keeper, *document, schemas, web::TextIn(*body, "consent_basis"),
                                         web::TextIn(*body, "consent_purpose"));
                if (!imported) return site.Fail(request, imported.error());
                return web::Site::JsonCreated({{"imported", *imported}},
                                              "/api/v1/advocacy/register?keeper=" + std::to_string(keeper));
              });
  routes.Post("/api/v1/advocacy/stakeholders", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request,
                                                  {"kind", "name", "sector", "summary", "email", "phone",
                                                   "consent_basis", "consent_purpose", "consent_on"},
                                                  {"keeper_id"}, {"pseudonym"});
                if (!body) return site.Fail(request, body.error());
                Stakeholder typed;
                typed.keeper_id = web::IdIn(*body, "keeper_id").value_or(0);
                typed.kind = web::TextIn(*body, "kind") == "organization" ? "organization" : "person";
                typed.name = web::TextIn(*body, "name");
                typed.pseudonym = web::FlagIn(*body, "pseudonym", false);
                typed.sector = web::TextIn(*body, "sector");
                typed.summary = web::TextIn(*body, "summary");
                typed.email = web::TextIn(*body, "email");
                typed.phone = web::TextIn(*body, "phone");
                typed.consent_basis = web::TextIn(*body, "consent_basis");
                typed.consent_purpose = web::TextIn(*body, "consent_purpose");
                typed.consent_on = web::TextIn(*body, "consent_on");
                const auto added = service.AddStakeholder(user, typed);
                if (!added) return site.Fail(request, added.error());
                return web::Site::JsonCreated(StakeholderRecordJson(service, *added),
                                              "/api/v1/advocacy/stakeholders/" + std::to_string(added->id));
              });
  const std::string stakeholder = "/api/v1/advocacy/stakeholders/{id:int}";
  routes.Get(stakeholder, core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto found = service.FindStakeholder(user, request.IntParameter("id"));
               if (!found) return site.Fail(request, found.error());
               return web::Site::Json(StakeholderRecordJson(service, *found));
             });
  routes.Post(stakeholder + "/memberships", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto body = web::JsonBodyOf(request, {"role", "post", "start_date", "end_date"},
                                                  {"organization_id", "member_id", "on_behalf_of_id"});
                if (!body) return site.Fail(request, body.error());
                // The stakeholder of the address is the member unless it is named as the organisation.
                const std::int64_t id = request.IntParameter("id");
                Membership membership;
                membership.organization_id = web::IdIn(*body, "organization_id").value_or(id);
                membership.member_id = web::IdIn(*body, "member_id").value_or(id);
                membership.role = web::TextIn(*body, "role");
                membership.post = web::TextIn(*body, "post");
                membership.on_behalf_of_id = web::IdIn(*body, "on_behalf_of_id");
                membership.start_date = web::TextIn(*body, "start_date");
                membership.end_date = web::TextIn(*body, "end_date");
                const auto added = service.AddMembership(user, membership);
                if (!added) return site.Fail(request, added.error());
                return web::Site::JsonCreated(MembershipJson(*added),
                                              "/api/v1/advocacy/stakeholders/" + std::to_string(id));
              });
}

}  // namespace advocacy
