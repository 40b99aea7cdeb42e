#pragma once
// A form sent back: what a refused form needs, the same in every module. The page shows what was typed (the module's
// template fills its fields from the entity it read), the refusal's message for the whole form, each field's problem
// beside it and every problem listed above the form as a link to its field, with the status FormStatusOf picks.

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/request.hpp"
#include "web/reader.hpp"

namespace web {

// The status of a form sent back with what was typed and why it was refused, from the kind of the refusal: 422 when
// the input is to be corrected (invalid, or naming what does not exist, such as an unknown email address), otherwise
// what the kind means anywhere (StatusOf): 409 for a conflict, 401 for a wrong password, 429 after too many tries.
int FormStatusOf(core::ErrorKind kind);
inline int FormStatusOf(const core::Error& error) { return FormStatusOf(error.kind); }

// Why a form comes back: a message beside each field to blame, or one for the whole form when no field is (a stale
// version, a missing right).
struct Refusal {
  core::ErrorKind kind = core::ErrorKind::kInvalidInput;
  std::vector<core::FieldProblem> problems;
  std::string message;
  std::vector<core::MessageArgument> arguments = {};  // of `message`

  bool Empty() const { return problems.empty() && message.empty(); }
  int Status() const { return FormStatusOf(kind); }
  static Refusal Of(const core::Error& error);

  // The first problem of `field` in the reader's language, "" when the field is fine: what ui::TextField shows beside
  // it.
  std::string ProblemOf(const Reader& reader, std::string_view field) const;

  // As template data: "error" (the whole form's message), "problem_list" (every field's, each with the id of its
  // field's element from `field_id`), "problems" ({field: message}, the first message of each field, shown beside it),
  // and "has_refusal" and "has_problems"; every message in the reader's language.
  nlohmann::json Data(const Reader& reader, const std::function<std::string(std::string_view field)>& field_id) const;
};

// The CSRF token a signed-in user's forms carry (empty for a visitor).
std::string CsrfOf(const http::Request& request);

// The record id a form field or query parameter names ("42"), nullopt for anything else (empty, "0", "4x2", too long).
std::optional<std::int64_t> IdIn(const std::optional<std::string>& text);

}  // namespace web
