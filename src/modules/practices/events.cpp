#include "modules/practices/events.hpp"

#include <charconv>
#include <set>

#include "core/text.hpp"

namespace practices {
namespace {

constexpr std::array<std::pair<EventKind, std::pair<std::string_view, std::string_view>>, 3> kKinds = {{
    {EventKind::kPlatformMeeting, {"platform_meeting", "Platform meeting"}},
    {EventKind::kExchangeVisit, {"exchange_visit", "Exchange visit"}},
    {EventKind::kWorkingSession, {"working_session", "Online working session"}},
}};

std::optional<std::int64_t> WholeNumber(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string_view CodeOf(EventKind kind) {
  for (const auto& [each, names] : kKinds) {
    if (each == kind) return names.first;
  }
  return "";
}

std::string_view TitleOf(EventKind kind) {
  for (const auto& [each, names] : kKinds) {
    if (each == kind) return names.second;
  }
  return "";
}

std::optional<EventKind> EventKindFromCode(std::string_view code) {
  for (const auto& [each, names] : kKinds) {
    if (names.first == code) return each;
  }
  return std::nullopt;
}

std::int64_t PlatformEvent::Participants() const {
  std::int64_t total = 0;
  for (const NamedMunicipality& each : municipalities) total += each.participants;
  return total;
}

std::optional<std::int64_t> PracticeIdOf(std::string_view typed) {
  const std::string text = core::TrimSpaces(typed);
  std::string_view digits = text;
  if (const auto at = digits.rfind("/practices/"); at != std::string_view::npos) {
    digits.remove_prefix(at + std::string_view("/practices/").size());
  }
  const auto id = WholeNumber(digits);
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

std::vector<core::FieldProblem> EventProblems(const EventFields& fields) {
  std::vector<core::FieldProblem> problems;
  if (!EventKindFromCode(fields.kind)) problems.push_back({"kind", "Choose what kind of event it is.", fields.kind});
  std::set<std::string, std::less<>> named;
  for (std::size_t i = 0; i < fields.municipalities.size(); ++i) {
    const std::string code = core::TrimSpaces(fields.municipalities[i].first);
    const std::string count = core::TrimSpaces(fields.municipalities[i].second);
    const std::string row = std::to_string(i + 1);
    if (code.empty()) {
      if (!count.empty()) {
        problems.push_back({"municipality_" + row, "Choose the municipality these people came from.", ""});
      }
      continue;
    }
    if (!named.insert(code).second) {
      problems.push_back({"municipality_" + row, "This municipality is named twice.", code});
    }
    const auto participants = WholeNumber(count.empty() ? "0" : count);
    if (!participants || *participants < 0 || *participants > kMaxParticipants) {
      problems.push_back({"participants_" + row, "Write how many people came: a whole number up to 10,000.", count});
    }
  }
  return problems;
}

std::vector<core::FieldProblem> StudyProblems(const StudyFields& fields) {
  std::vector<core::FieldProblem> problems;
  core::CheckText(problems, "title", fields.title, kMaxStudyTitleCharacters, true);
  core::CheckText(problems, "authors", fields.authors, kMaxStudyTitleCharacters, false);
  core::CheckText(problems, "summary", fields.summary, kMaxStudySummaryCharacters, false);
  const std::string year = core::TrimSpaces(fields.year);
  if (!year.empty()) {
    const auto value = WholeNumber(year);
    if (!value || *value < 1900 || *value > 2200) {
      problems.push_back({"year", "Write a year such as 2024.", fields.year});
    }
  }
  const std::string link = core::TrimSpaces(fields.link);
  if (!link.empty() && !meetings::IsWebAddress(link)) {
    problems.push_back({"link", "An address that begins with https://.", fields.link});
  }
  for (std::size_t i = 0; i < fields.findings.size(); ++i) {
    const auto& [text, practice] = fields.findings[i];
    const std::string row = std::to_string(i + 1);
    core::CheckText(problems, "finding_" + row, text, kMaxFindingCharacters, false);
    if (core::TrimSpaces(text).empty() && !core::TrimSpaces(practice).empty()) {
      problems.push_back({"finding_" + row, "Write what the study found about this practice.", ""});
    }
    if (!core::TrimSpaces(practice).empty() && !PracticeIdOf(practice)) {
      problems.push_back({"practice_" + row,
                          "The practice's address in the library, such as /practices/12, or its number.", practice});
    }
  }
  return problems;
}

}  // namespace practices
