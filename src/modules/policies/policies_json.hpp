#pragma once
// The JSON of the policy API, both ways: documents and items as /api/v1/policies/… shows them, and the body of a call
// to the write API turned into the forms' fields (policy_fields.hpp). The names are the same both ways, so that what
// a client reads it can change and send back.

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "modules/policies/policies.hpp"
#include "modules/policies/policies_service.hpp"
#include "modules/policies/policy_fields.hpp"

namespace policies {

// Where the API shows a document or an item.
inline std::string ApiDocumentPath(std::int64_t id) { return "/api/v1/policies/documents/" + std::to_string(id); }
inline std::string ApiItemPath(std::int64_t id) { return "/api/v1/policies/items/" + std::to_string(id); }

nlohmann::json DocumentJson(const Document& document);
nlohmann::json ItemJson(const Item& item);
nlohmann::json LinkedJson(const LinkedItem& link);
// An item in its document's tree: ItemJson with its depth, its progress rolled up (with the items counted and those
// that did not report), its links up and down, and, at the top of the tree, the money of it and all under it.
nlohmann::json TreeNodeJson(const DocumentTree& tree, const TreeNode& node);
// How a figure of `tree` comes about (an item's, or the whole plan's): progress, why there is none, what it counts.
nlohmann::json RollUpJson(const DocumentTree& tree, const RollUp& roll_up);
// Amounts planned, secured and spent per funding source and in all, written as budgets are ("1500.50").
nlohmann::json MoneyJson(const MoneyTotals& money);
// What /api/v1/policies/items/{id} shows: the item where it is in its document's tree, or, withdrawn from it, the
// item alone with no links (withdrawing took them).
nlohmann::json ItemWithLinksJson(PoliciesService& policies, const Item& item);

// Whether a body must say which version of the record the client last read (a change), or need not (a creation).
enum class VersionSent { kRequired, kIgnored };

// What a body of the write API sent, by the forms' names: what DocumentFromFields and ItemFromFields read.
struct SentFields {
  std::map<std::string, std::string, std::less<>> text;
  std::vector<std::int64_t> area_ids;
  std::vector<std::string> sources;  // the funding sources the budgets name, for ItemFromFields (the rules check them)

  // Reads `text`: it must not outlive this.
  FieldOf Reader() const;
};

// The fields of a document (DocumentJson's names) or of an item (ItemJson's, and "position") in `body`, a JSON
// object; kInvalidInput naming the field whose JSON type is wrong. A field left out, or null, is empty, as on the
// form. What the read API shows but nobody writes (id, uid, url, demo, targets, …) is ignored.
core::Result<SentFields> DocumentFieldsOf(const nlohmann::json& body, VersionSent version);
core::Result<SentFields> ItemFieldsOf(const nlohmann::json& body, VersionSent version);

// The whole number `body` has at `name`; kInvalidInput naming it when it is missing or not a whole number.
core::Result<std::int64_t> RequiredWholeNumber(const nlohmann::json& body, std::string_view name);
// The text `body` has at `name` ("" when it is missing or null); kInvalidInput naming it when it is not text.
core::Result<std::string> OptionalText(const nlohmann::json& body, std::string_view name);

}  // namespace policies
