#include "modules/advocacy/popolo.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <regex>

#include "core/one_of.hpp"

namespace advocacy {

using nlohmann::json;

namespace {

std::string PersonId(std::int64_t id) { return "person-" + std::to_string(id); }
std::string OrganizationId(std::int64_t id) { return "organization-" + std::to_string(id); }

// A text member of an object, "" when absent or not text.
std::string TextOf(const json& entry, const char* key) {
  const auto found = entry.find(key);
  return found != entry.end() && found->is_string() ? found->get<std::string>() : "";
}

bool HasType(const json& value, const std::string& type) {
  if (type == "null") return value.is_null();
  if (type == "string") return value.is_string();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "boolean") return value.is_boolean();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  return true;  // "any"
}

bool HasFormat(const std::string& text, const std::string& format) {
  if (format == "email") return text.find('@') != std::string::npos && text.find(' ') == std::string::npos;
  if (format == "uri") {
    static const std::regex kUri("^[A-Za-z][A-Za-z0-9+.-]*:[^ ]+$");
    return std::regex_match(text, kUri);
  }
  if (format == "date-time") {
    static const std::regex kDateTime(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$)");
    return std::regex_match(text, kDateTime);
  }
  return true;
}

}  // namespace

json PopoloOf(const std::vector<Stakeholder>& stakeholders, const std::vector<Membership>& memberships) {
  json persons = json::array(), organizations = json::array(), links = json::array(), posts = json::array();
  std::map<std::int64_t, const Stakeholder*> by_id;
  for (const Stakeholder& stakeholder : stakeholders) {
    by_id[stakeholder.id] = &stakeholder;
    json contacts = json::array();
    if (!stakeholder.email.empty()) contacts.push_back({{"type", "email"}, {"value", stakeholder.email}});
    if (!stakeholder.phone.empty()) contacts.push_back({{"type", "voice"}, {"value", stakeholder.phone}});
    if (stakeholder.kind == "person") {
      json person = {{"id", PersonId(stakeholder.id)}, {"name", stakeholder.name}, {"contact_details", contacts}};
      if (!stakeholder.summary.empty()) person["summary"] = stakeholder.summary;
      persons.push_back(std::move(person));
    } else {
      json organization = {{"id", OrganizationId(stakeholder.id)},
                           {"name", stakeholder.name},
                           {"classification", stakeholder.sector},
                           {"contact_details", contacts}};
      if (!stakeholder.summary.empty()) organization["description"] = stakeholder.summary;
      organizations.push_back(std::move(organization));
    }
  }
  for (const Membership& membership : memberships) {
    const auto member = by_id.find(membership.member_id);
    if (member == by_id.end() || !by_id.contains(membership.organization_id)) continue;
    json link = {{"id", "membership-" + std::to_string(membership.id)},
                 {"organization_id", OrganizationId(membership.organization_id)}};
    if (member->second->kind == "person") {
      link["person_id"] = PersonId(membership.member_id);
    } else {
      link["member"] = {{"@type", "Organization"}, {"id", OrganizationId(membership.member_id)}};
    }
    if (!membership.role.empty()) link["role"] = membership.role;
    if (!membership.start_date.empty()) link["start_date"] = membership.start_date;
    if (!membership.end_date.empty()) link["end_date"] = membership.end_date;
    if (membership.on_behalf_of_id) link["on_behalf_of_id"] = OrganizationId(*membership.on_behalf_of_id);
    if (!membership.post.empty()) {
      const std::string post_id = "post-" + std::to_string(membership.id);
      posts.push_back({{"id", post_id},
                       {"label", membership.post},
                       {"organization_id", OrganizationId(membership.organization_id)}});
      link["post_id"] = post_id;
    }
    links.push_back(std::move(link));
  }
  return {{"persons", persons}, {"organizations", organizations}, {"memberships", links}, {"posts", posts}};
}

core::Result<PopoloSchemas> PopoloSchemas::Load(const std::filesystem::path& directory) {
  PopoloSchemas loaded;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    json schema = json::parse(text, nullptr, false);
    if (schema.is_discarded() || !schema.contains("id")) {
      return core::Error::InvalidInput(entry.path().string() + ": not a JSON schema with an id");
    }
    loaded.schemas_.emplace(schema["id"].get<std::string>(), std::move(schema));
  }
  if (error || loaded.schemas_.empty()) return core::Error::NotFound(directory.string() + ": no Popolo schemas");
  return loaded;
}

std::vector<std::string> PopoloSchemas::Validate(const json& value, std::string_view name, const std::string& path,
                                                 std::size_t limit) const {
  std::vector<std::string> problems;
  const auto schema = schemas_.find(fmt::format("http://www.popoloproject.com/schemas/{}.json#", name));
  if (schema == schemas_.end()) return {fmt::format("{}: no schema {}", path, name)};
  Check(value, schema->second, path, problems, limit, 0);
  return problems;
}

void PopoloSchemas::Check(const json& value, const json& schema, const std::string& path,
                          std::vector<std::string>& problems, std::size_t limit, int depth) const {
  if (problems.size() >= limit || depth > 32) return;
  if (const auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
    const auto target = schemas_.find(ref->get<std::string>());
    if (target != schemas_.end()) Check(value, target->second, path, problems, limit, depth + 1);
    return;
  }
  if (const auto type = schema.find("type"); type != schema.end()) {
    std::vector<std::string> types;
    if (type->is_string()) types.push_back(type->get<std::string>());
    if (type->is_array()) {
      for (const json& each : *type) {
        if (each.is_string()) types.push_back(each.get<std::string>());
      }
    }
    const bool fits = types.empty() || std::any_of(types.begin(), types.end(),
                                                   [&](const std::string& each) { return HasType(value, each); });
    if (!fits) {
      problems.push_back(fmt::format("{}: should be {}", path, fmt::join(types, " or ")));
      return;
    }
  }
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    if (const auto pattern = schema.find("pattern"); pattern != schema.end() && pattern->is_string()) {
      if (!std::regex_search(text, std::regex(pattern->get<std::string>()))) {
        problems.push_back(
            fmt::format("{}: \"{}\" does not match the pattern {}", path, text, pattern->get<std::string>()));
      }
    }
    if (const auto format = schema.find("format"); format != schema.end() && format->is_string()) {
      if (!HasFormat(text, format->get<std::string>())) {
        problems.push_back(fmt::format("{}: \"{}\" is not a valid {}", path, text, format->get<std::string>()));
      }
    }
  }
  if (value.is_object()) {
    if (const auto properties = schema.find("properties"); properties != schema.end() && properties->is_object()) {
      for (const auto& [key, property] : properties->items()) {
        const auto found = value.find(key);
        if (found == value.end()) {
          // Draft 3 says a property is required inside the property itself.
          if (property.value("required", false)) problems.push_back(fmt::format("{}.{}: is required", path, key));
          continue;
        }
        Check(*found, property, path + "." + key, problems, limit, depth + 1);
      }
    }
  }
  if (value.is_array()) {
    if (const auto items = schema.find("items"); items != schema.end() && items->is_object()) {
      for (std::size_t at = 0; at < value.size(); ++at) {
        Check(value[at], *items, fmt::format("{}[{}]", path, at), problems, limit, depth + 1);
      }
    }
  }
}

core::Result<PopoloImport> ReadPopolo(const json& document, const PopoloSchemas& schemas, const std::string& basis,
                                      const std::string& purpose, const std::string& today) {
  if (!document.is_object()) return core::Error::InvalidInput("The file is not a Popolo document (a JSON object).");
  std::vector<core::FieldProblem> problems;
  PopoloImport import;
  std::map<std::string, std::size_t> index;  // a Popolo id → its stakeholder in the import
  const auto list = [&](const char* key) {
    const auto found = document.find(key);
    return found != document.end() && found->is_array() ? *found : json::array();
  };
  const auto add = [&](const json& entry, const std::string& path, const char* schema, std::string kind) {
    for (std::string& problem : schemas.Validate(entry, schema, path)) problems.push_back({"file", problem, ""});
    if (!entry.is_object()) return;
    Stakeholder stakeholder;
    stakeholder.kind = std::move(kind);
    stakeholder.name = TextOf(entry, "name");
    if (stakeholder.kind == "person") {
      stakeholder.consent_basis = basis;
      stakeholder.consent_purpose = purpose;
      stakeholder.consent_on = today;
      stakeholder.summary = TextOf(entry, "summary");
    } else {
      const std::string sector = TextOf(entry, "classification");
      stakeholder.sector = core::IsOneOf(sector, kSectors) ? sector : "other";
    }
    if (const auto contacts = entry.find("contact_details"); contacts != entry.end() && contacts->is_array()) {
      for (const json& contact : *contacts) {
        if (!contact.is_object()) continue;
        const std::string type = TextOf(contact, "type");
        if (type == "email") stakeholder.email = TextOf(contact, "value");
        if (type == "voice" || type == "cell") stakeholder.phone = TextOf(contact, "value");
      }
    }
    for (core::FieldProblem problem : StakeholderProblems(stakeholder, today)) {
      problems.push_back({"file", path + "." + problem.field + ": " + problem.message, problem.value});
    }
    if (const std::string id = TextOf(entry, "id"); !id.empty()) index[id] = import.stakeholders.size();
    import.stakeholders.push_back(std::move(stakeholder));
  };
  const json persons = list("persons");
  for (std::size_t at = 0; at < persons.size(); ++at)
    add(persons[at], fmt::format("persons[{}]", at), "person", "person");
  const json organizations = list("organizations");
  for (std::size_t at = 0; at < organizations.size(); ++at) {
    add(organizations[at], fmt::format("organizations[{}]", at), "organization", "organization");
  }
  const json memberships = list("memberships");
  for (std::size_t at = 0; at < memberships.size(); ++at) {
    const json& entry = memberships[at];
    const std::string path = fmt::format("memberships[{}]", at);
    for (std::string& problem : schemas.Validate(entry, "membership", path)) problems.push_back({"file", problem, ""});
    if (!entry.is_object()) continue;
    std::string member = TextOf(entry, "person_id");
    if (member.empty() && entry.contains("member") && entry["member"].is_object())
      member = TextOf(entry["member"], "id");
    const std::string organization = TextOf(entry, "organization_id");
    if (!index.contains(member) || !index.contains(organization)) {
      problems.push_back({"file", path + ": the member and the organisation must be in the file", ""});
      continue;
    }
    Membership fields;
    fields.role = TextOf(entry, "role");
    fields.start_date = TextOf(entry, "start_date");
    fields.end_date = TextOf(entry, "end_date");
    fields.member_id = 1;  // placeholders for the rules: the real ids come when stored
    fields.organization_id = 2;
    for (core::FieldProblem problem : MembershipProblems(fields)) {
      problems.push_back({"file", path + "." + problem.field + ": " + problem.message, problem.value});
    }
    import.memberships.emplace_back(index[member], index[organization]);
    import.membership_fields.push_back(fields);
  }
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  return import;
}

}  // namespace advocacy
