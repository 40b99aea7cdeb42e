#include "web/json_body.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"

namespace web {

using nlohmann::json;

namespace {

// Whether every string of `value` (names of members too, at any depth) is text every database keeps: a JSON escape
// can carry a NUL ("\u0000"), which the parser accepts and PostgreSQL refuses.
bool AllStorable(const json& value) {
  if (value.is_string()) return core::IsStorableText(value.get_ref<const std::string&>());
  if (value.is_array())
    return std::all_of(value.begin(), value.end(), [](const json& each) { return AllStorable(each); });
  if (value.is_object()) {
    for (const auto& [name, member] : value.items()) {
      if (!core::IsStorableText(name) || !AllStorable(member)) return false;
    }
  }
  return true;
}

// Whether arrays and objects nest deeper than `limit` in `text`, counted outside strings without recursion, before
// anything parses it: for JSON this is its depth, and anything else the parser refuses anyway.
bool NestedDeeperThan(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character, a quote included
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace

core::Result<json> JsonBodyOf(const http::Request& request, std::initializer_list<const char*> texts,
                              std::initializer_list<const char*> ids, std::initializer_list<const char*> flags) {
  if (NestedDeeperThan(request.body, kMaxJsonBodyDepth)) {
    core::Error error = core::Error::InvalidInput("The request body is not JSON.");
    error.detail = "arrays and objects nested deeper than " + std::to_string(kMaxJsonBodyDepth) + " levels";
    return error;
  }
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return core::Error::InvalidInput("The request body is not JSON.");
  if (!body.is_object()) return core::Error::InvalidInput("The request body is not a JSON object.");
  if (!AllStorable(body)) return core::Error::InvalidInput("The request body holds text with a NUL character.");
  std::vector<core::FieldProblem> problems;
  for (const char* name : texts) {
    const auto found = body.find(name);
    if (found != body.end() && !found->is_null() && !found->is_string()) {
      problems.push_back({name, "This field is text.", ""});
    }
  }
  for (const char* name : ids) {
    const auto found = body.find(name);
    if (found != body.end() && !found->is_null() && (!found->is_number_integer() || found->get<std::int64_t>() <= 0)) {
      problems.push_back({name, "This field is the id of a record: a whole number above 0.", ""});
    }
  }
  for (const char* name : flags) {
    const auto found = body.find(name);
    if (found != body.end() && !found->is_null() && !found->is_boolean()) {
      problems.push_back({name, "This field is true or false.", ""});
    }
  }
  if (!problems.empty()) return core::Error::InvalidFields(std::move(problems));
  return body;
}

std::string TextIn(const json& body, const char* name) {
  const auto found = body.find(name);
  return found == body.end() || !found->is_string() ? "" : found->get<std::string>();
}

std::optional<std::int64_t> IdIn(const json& body, const char* name) {
  const auto found = body.find(name);
  if (found == body.end() || !found->is_number_integer()) return std::nullopt;
  const std::int64_t value = found->get<std::int64_t>();
  return value > 0 ? std::optional(value) : std::nullopt;
}

bool FlagIn(const json& body, const char* name, bool absent) {
  const auto found = body.find(name);
  return found == body.end() || !found->is_boolean() ? absent : found->get<bool>();
}

}  // namespace web
