#include "modules/policies/policies_api.hpp"

#include <nlohmann/json.hpp>
#include <utility>

#include "modules/policies/policies_json.hpp"
#include "modules/policies/policy_fields.hpp"

namespace policies {
namespace {

using nlohmann::json;

// The body of the request: a JSON object (RFC 8259), or kInvalidInput.
core::Result<json> JsonObjectOf(const http::Request& request) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return core::Error::InvalidInput("The body must be a JSON object.");
  return body;
}

// What the body describes, read as the form reads its fields: `fields_of` finds them in the JSON, `from_fields` reads
// them into a document or an item.
template <typename Entity>
core::Result<Entity> EntityOf(const http::Request& request, VersionSent version,
                              core::Result<SentFields> (*fields_of)(const json&, VersionSent),
                              Entity (*from_fields)(const SentFields&, std::vector<core::FieldProblem>&)) {
  const auto body = JsonObjectOf(request);
  if (!body) return body.error();
  const auto fields = fields_of(*body, version);
  if (!fields) return fields.error();
  std::vector<core::FieldProblem> problems;
  Entity entity = from_fields(*fields, problems);
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  return entity;
}

core::Result<Document> DocumentOf(const http::Request& request, VersionSent version) {
  return EntityOf<Document>(request, version, DocumentFieldsOf,
                            [](const SentFields& sent, std::vector<core::FieldProblem>& problems) {
                              return DocumentFromFields(sent.Reader(), sent.area_ids, problems);
                            });
}

core::Result<Item> ItemOf(const http::Request& request, VersionSent version) {
  return EntityOf<Item>(request, version, ItemFieldsOf,
                        [](const SentFields& sent, std::vector<core::FieldProblem>& problems) {
                          return ItemFromFields(sent.Reader(), sent.area_ids, sent.sources, problems);
                        });
}

// What a link or its removal leaves: whether `item` implements `implements` now, and whether the call changed that.
json LinkJson(std::int64_t item, std::int64_t implements, bool linked, bool changed) {
  return {{"item", item}, {"implements", implements}, {"linked", linked}, {"changed", changed}};
}

}  // namespace

void AddPolicyApiRoutes(kernel::Routes& routes, const web::Site& site, PoliciesService& policies) {
  routes.Post("/api/v1/policies/documents", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                auto document = DocumentOf(request, VersionSent::kIgnored);
                if (!document) return site.Fail(request, document.error());
                const auto created = policies.CreateDocument(user, std::move(*document));
                if (!created) return site.Fail(request, created.error());
                return web::Site::JsonCreated(DocumentJson(*created), ApiDocumentPath(created->id));
              });

  routes.Post("/api/v1/policies/documents/{id:int}", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                auto document = DocumentOf(request, VersionSent::kRequired);
                if (!document) return site.Fail(request, document.error());
                document->id = request.IntParameter("id");
                const auto changed = policies.UpdateDocument(user, std::move(*document));
                if (!changed) return site.Fail(request, changed.error());
                return web::Site::Json(DocumentJson(*changed));
              });

  routes.Post("/api/v1/policies/documents/{id:int}/items", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                auto item = ItemOf(request, VersionSent::kIgnored);
                if (!item) return site.Fail(request, item.error());
                item->document_id = request.IntParameter("id");
                const auto created = policies.CreateItem(user, std::move(*item));
                if (!created) return site.Fail(request, created.error());
                return web::Site::JsonCreated(ItemWithLinksJson(policies, *created), ApiItemPath(created->id));
              });

  routes.Post("/api/v1/policies/items/{id:int}", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                const auto before = policies.FindItem(request.IntParameter("id"));
                if (!before) {
                  return site.Fail(request, core::Error::NotFound("There is no such objective, measure or activity."));
                }
                auto item = ItemOf(request, VersionSent::kRequired);
                if (!item) return site.Fail(request, item.error());
                item->id = before->id;
                item->document_id = before->document_id;
                item->targets = before->targets;  // not written here, as not on the form
                const auto changed = policies.UpdateItem(user, std::move(*item));
                if (!changed) return site.Fail(request, changed.error());
                return web::Site::Json(ItemWithLinksJson(policies, *changed));
              });

  routes.Post("/api/v1/policies/items/{id:int}/links", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                const auto body = JsonObjectOf(request);
                if (!body) return site.Fail(request, body.error());
                const auto target = RequiredWholeNumber(*body, "implements");
                if (!target) return site.Fail(request, target.error());
                const std::int64_t id = request.IntParameter("id");
                const auto added = policies.Link(user, id, *target);
                if (!added) return site.Fail(request, added.error());
                return web::Site::Json(LinkJson(id, *target, true, *added));
              });

  routes.Post("/api/v1/policies/items/{id:int}/links/{target:int}/remove", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const std::int64_t target = request.IntParameter("target");
                const auto removed = policies.Unlink(user, id, target);
                if (!removed) return site.Fail(request, removed.error());
                return web::Site::Json(LinkJson(id, target, false, *removed));
              });

  routes.Post("/api/v1/policies/items/{id:int}/withdraw", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                const auto body = JsonObjectOf(request);
                if (!body) return site.Fail(request, body.error());
                const auto version = RequiredWholeNumber(*body, "version");
                if (!version) return site.Fail(request, version.error());
                const auto reason = OptionalText(*body, "reason");
                if (!reason) return site.Fail(request, reason.error());
                const auto withdrawn = policies.Withdraw(user, request.IntParameter("id"), *version, *reason);
                if (!withdrawn) return site.Fail(request, withdrawn.error());
                json items = json::array({withdrawn->item.id});
                for (const Item& below : withdrawn->below) items.push_back(below.id);
                return web::Site::Json({{"item", withdrawn->item.id},
                                        {"withdrawn", std::move(items)},
                                        {"links_removed", withdrawn->links.size()}});
              });

  routes.Post("/api/v1/policies/items/{id:int}/restore", core::Access::SignedIn(),
              [&site, &policies](http::Request& request, const core::SignedIn& user) {
                const std::int64_t id = request.IntParameter("id");
                const auto restored = policies.Restore(user, id);
                if (!restored) return site.Fail(request, restored.error());
                return web::Site::Json({{"item", id}, {"restored", *restored}});
              });
}

}  // namespace policies
