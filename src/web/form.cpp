#include "web/form.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <ctime>

#include "web/site.hpp"

namespace web {

int FormStatusOf(core::ErrorKind kind) {
  switch (kind) {
    case core::ErrorKind::kInvalidInput:
    case core::ErrorKind::kNotFound:
      return 422;
    default:
      return StatusOf(kind);
  }
}

Refusal Refusal::Of(const core::Error& error) {
  if (!error.problems.empty()) return {error.kind, error.problems, ""};
  return {error.kind, {}, error.message, error.arguments};
}

nlohmann::json Refusal::Data(const Reader& reader,
                             const std::function<std::string(std::string_view field)>& field_id) const {
  nlohmann::json list = nlohmann::json::array();
  nlohmann::json by_field = nlohmann::json::object();
  for (const core::FieldProblem& problem : problems) {
    const std::string text = reader.Say(problem.message, problem.arguments);
    list.push_back({{"message", text}, {"field_id", field_id(problem.field)}});
    if (!by_field.contains(problem.field)) by_field[problem.field] = text;
  }
  return {{"error", message.empty() ? "" : reader.Say(message, arguments)},
          {"has_refusal", !Empty()},
          {"has_problems", !list.empty()},
          {"problem_list", list},
          {"problems", by_field}};
}

std::string Refusal::ProblemOf(const Reader& reader, std::string_view field) const {
  for (const core::FieldProblem& problem : problems) {
    if (problem.field == field) return reader.Say(problem.message, problem.arguments);
  }
  return "";
}

std::optional<std::int64_t> IdIn(const std::optional<std::string>& text) {
  if (!text || text->empty() || text->size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : *text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value > 0 ? std::optional(value) : std::nullopt;
}

std::string CsrfOf(const http::Request& request) { return std::string(request.Attribute("csrf_token").value_or("")); }

}  // namespace web
