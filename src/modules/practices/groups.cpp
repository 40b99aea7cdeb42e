#include "modules/practices/groups.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "web/form.hpp"

namespace practices {
namespace {

constexpr std::array<std::pair<OutputKind, std::pair<std::string_view, std::string_view>>, 2> kKinds = {{
    {OutputKind::kConcept, {"concept", "Concept"}},
    {OutputKind::kMethod, {"method", "Method"}},
}};

// CheckText's problem, with the limit named when the text is too long: a post of 10,001 characters says by how much.
void CheckLongText(std::vector<core::FieldProblem>& problems, std::string_view field, std::string_view text,
                   std::size_t max_characters, bool required) {
  const std::size_t before = problems.size();
  core::CheckText(problems, field, text, max_characters, required);
  if (problems.size() > before && problems.back().message == "The text is too long.") {
    problems.back() = core::FieldProblem{std::string(field), "Write at most {max} characters; this text has {count}.",
                                         problems.back().value}
                          .With("max", std::to_string(max_characters))
                          .With("count", std::to_string(core::CountCharacters(text)));
  }
}

}  // namespace

std::string_view CodeOf(OutputKind kind) {
  for (const auto& [each, names] : kKinds) {
    if (each == kind) return names.first;
  }
  return "";
}

std::string_view TitleOf(OutputKind kind) {
  for (const auto& [each, names] : kKinds) {
    if (each == kind) return names.second;
  }
  return "";
}

std::optional<OutputKind> OutputKindFromCode(std::string_view code) {
  for (const auto& [each, names] : kKinds) {
    if (names.first == code) return each;
  }
  return std::nullopt;
}

std::vector<core::FieldProblem> GroupProblems(const GroupFields& fields) {
  std::vector<core::FieldProblem> problems;
  if (core::TrimSpaces(fields.area).empty()) problems.push_back({"area", "Choose the area the group works in.", ""});
  CheckLongText(problems, "name", fields.name, kMaxGroupNameCharacters, true);
  CheckLongText(problems, "purpose", fields.purpose, kMaxGroupPurposeCharacters, true);
  return problems;
}

std::vector<core::FieldProblem> ThreadProblems(const ThreadFields& fields) {
  std::vector<core::FieldProblem> problems;
  CheckLongText(problems, "title", fields.title, kMaxThreadTitleCharacters, true);
  CheckLongText(problems, "body", fields.body, kMaxPostCharacters, true);
  return problems;
}

std::vector<core::FieldProblem> PostProblems(std::string_view body) {
  std::vector<core::FieldProblem> problems;
  CheckLongText(problems, "body", body, kMaxPostCharacters, true);
  return problems;
}

std::optional<std::int64_t> PracticeIdIn(std::string_view typed) {
  std::string text = core::TrimSpaces(typed);
  // An address: what follows "/practices/", up to a query, a fragment or another segment.
  if (const auto at = text.rfind("/practices/"); at != std::string::npos) {
    text = text.substr(at + std::string_view("/practices/").size());
    text = text.substr(0, text.find_first_of("/?#"));
  }
  return web::IdIn(std::optional<std::string>(text));
}

}  // namespace practices
