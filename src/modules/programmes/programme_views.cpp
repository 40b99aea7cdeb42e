// What the programmes' pages share: the titles of codes, and the fields of their forms.
#include <charconv>

#include "modules/policies/policies.hpp"
#include "modules/programmes/programmes_routes.hpp"
#include "web/ui.hpp"

namespace programmes {
namespace {

template <std::size_t N>
std::string_view TitleIn(const std::pair<std::string_view, std::string_view> (&titles)[N], std::string_view code) {
  for (const auto& [each, title] : titles) {
    if (each == code) return title;
  }
  return code;
}

}  // namespace

std::string_view StatusTitle(std::string_view status) {
  static constexpr std::pair<std::string_view, std::string_view> kTitles[] = {
      {"pipeline", "In preparation"}, {"implementation", "Under way"}, {"finalisation", "Finishing"},
      {"closed", "Closed"},           {"cancelled", "Cancelled"},      {"suspended", "Suspended"}};
  return TitleIn(kTitles, status);
}

std::string_view ProblemKindTitle(std::string_view kind) {
  static constexpr std::pair<std::string_view, std::string_view> kTitles[] = {
      {"partners", "Partners"},       {"staff", "Staff"},         {"funding", "Funding"},
      {"procurement", "Procurement"}, {"community", "Community"}, {"legal", "Legal or administrative"},
      {"schedule", "Schedule"},       {"other", "Other"}};
  return TitleIn(kTitles, kind);
}

std::string_view ReportStateTitle(ReportState state) {
  switch (state) {
    case ReportState::kDraft:
      return "Draft";
    case ReportState::kSubmitted:
      return "Submitted";
    case ReportState::kReturned:
      return "Returned";
    case ReportState::kAccepted:
      return "Accepted";
  }
  return "Draft";
}

std::string_view ReportStepTitle(ReportState state) {
  return state == ReportState::kDraft ? "Drafted" : ReportStateTitle(state);
}

std::string_view ReportTone(ReportState state) {
  switch (state) {
    case ReportState::kAccepted:
      return "good";
    case ReportState::kReturned:
      return "bad";
    case ReportState::kSubmitted:
      return "warning";
    case ReportState::kDraft:
      break;
  }
  return "neutral";
}

std::string_view PartnerRoleTitle(std::string_view role) {
  static constexpr std::pair<std::string_view, std::string_view> kTitles[] = {{"funding", "Funds it"},
                                                                              {"accountable", "Accountable"},
                                                                              {"extending", "Manages the funds"},
                                                                              {"implementing", "Carries it out"}};
  return TitleIn(kTitles, role);
}

std::string_view PartnerKindTitle(std::string_view kind) {
  static constexpr std::pair<std::string_view, std::string_view> kTitles[] = {
      {"government", "Government or its agency"},
      {"local_government", "Municipality or local government"},
      {"ngo", "NGO or civil-society organisation"},
      {"academic", "School, university or research institute"},
      {"private", "Company"},
      {"multilateral", "International organisation"},
      {"other", "Other (a clinic, a community centre …)"}};
  return TitleIn(kTitles, kind);
}

std::string_view TransactionTitle(std::string_view kind) {
  static constexpr std::pair<std::string_view, std::string_view> kTitles[] = {{"incoming", "Funds received"},
                                                                              {"commitment", "Commitment"},
                                                                              {"disbursement", "Disbursement"},
                                                                              {"expenditure", "Expenditure"},
                                                                              {"other", "Other"}};
  return TitleIn(kTitles, kind);
}

nlohmann::json FormField(const web::Reader& reader, const web::Refusal& refusal, std::string_view prefix,
                         std::string_view name, std::string_view label, std::string value, std::string_view type,
                         bool required, std::string_view hint) {
  web::ui::Field field{std::string(name), std::string(prefix) + "-" + std::string(name), reader.Translate(label),
                       std::move(value)};
  field.hint = hint.empty() ? "" : reader.Translate(hint);
  field.type = std::string(type);
  field.required = required;
  return web::ui::TextField(field, refusal.ProblemOf(reader, name));
}

std::string DaysText(const web::Reader& reader, const std::string& start, const std::string& end) {
  if (start.empty() && end.empty()) return "";
  return (start.empty() ? "…" : reader.Date(start)) + " – " + (end.empty() ? "…" : reader.Date(end));
}

std::optional<std::int64_t> CentsIn(const std::optional<std::string>& text) {
  if (!text || text->find_first_not_of(" \t") == std::string::npos) return 0;
  return policies::ParseAmount(*text);
}

std::string AmountText(std::optional<std::int64_t> cents) { return policies::FormatAmount(cents); }

std::optional<int> NumberIn(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

}  // namespace programmes
