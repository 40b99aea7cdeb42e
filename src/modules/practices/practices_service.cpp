#include "modules/practices/practices_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/full_text.hpp"
#include "core/text.hpp"
#include "db/full_text.hpp"
#include "modules/accounts/roles.hpp"
#include "modules/policies/policies.hpp"
#include "web/form.hpp"

namespace practices {
namespace {

using core::Role;

constexpr std::int64_t kMaxSearchPage = 100;
constexpr std::size_t kMaxContactsCharacters = 2000;

core::Error Invalid(std::vector<core::FieldProblem> problems) {
  return core::Error::InvalidFields(std::move(problems));
}

core::Error NoSuchPractice() { return core::Error::NotFound("There is no such practice."); }

// A save from a form that showed another version than the stored one (`shown` 0: it showed none).
core::Error TextSavedMeanwhile(std::int64_t shown) {
  if (shown == 0) {
    return core::Error::Conflict(
        "A version in this language is saved already. It is shown beside what you typed: keep what you need of both, "
        "and save again to replace it.");
  }
  return core::Error::Conflict(
      "Someone saved this version while you were writing yours. It is shown beside what you typed: keep what you "
      "need of both, and save again to replace it.");
}

core::Error TransferRecordedMeanwhile(std::int64_t shown) {
  if (shown == 0) {
    return core::Error::Conflict(
        "This municipality's take-up is recorded already. It is shown beside what you typed: keep what you need of "
        "both, and record it again to replace it.");
  }
  return core::Error::Conflict(
      "Someone changed this municipality's take-up while you were writing. It is shown beside what you typed: keep "
      "what you need of both, and record it again to replace it.");
}

// A year in a form: "" for unknown, else 1900–2200.
std::optional<int> YearIn(std::vector<core::FieldProblem>& problems, std::string_view field, std::string_view text) {
  const std::string trimmed = core::TrimSpaces(text);
  if (trimmed.empty()) return std::nullopt;
  int year = 0;
  const auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), year);
  if (error != std::errc{} || end != trimmed.data() + trimmed.size() || year < 1900 || year > 2200) {
    problems.push_back({std::string(field), "Write a year such as 2024.", trimmed});
    return std::nullopt;
  }
  return year;
}

bool IsCurrencyCode(std::string_view code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

PracticesService::PracticesService(PracticesStore& store, places::PlacesService& places, kernel::AuditLog& audit,
                                   const core::Clock& clock, kernel::DataVersion& version)
    : store_(store), places_(places), audit_(audit), clock_(clock) {
  profiles_ = std::make_shared<kernel::KeptUntilChange<Profiles>>(version, [this] {
    Profiles profiles;
    profiles.all = store_.Profiles();
    for (std::size_t i = 0; i < profiles.all.size(); ++i) profiles.index.emplace(profiles.all[i].code, i);
    return profiles;
  });
}

bool PracticesService::MayWriteFor(const core::Actor& actor, const std::string& municipality_code) const {
  if (!actor.user_id) return false;
  if (actor.IsAdministrator()) return true;
  const core::Scope place{core::ScopeKind::kMunicipality, municipality_code};
  return std::any_of(actor.roles.begin(), actor.roles.end(), [&](const core::RoleAssignment& assignment) {
    const bool works_there = assignment.role == Role::kMunicipalOfficial || assignment.role == Role::kCoordinator ||
                             assignment.role == Role::kCsoEditor || assignment.role == Role::kProgrammeOperator;
    return works_there && accounts::ScopeCovers(assignment.scope, place);
  });
}

bool PracticesService::MayWriteVersion(const core::Actor& actor, const Practice& practice,
                                       std::string_view language) const {
  if (!actor.user_id) return false;
  if (MayWriteFor(actor, practice.municipality_code)) return true;
  if (actor.roles.empty()) return false;
  const PracticeText* existing = nullptr;
  for (const PracticeText& version : practice.versions) {
    if (version.language == language) existing = &version;
  }
  return !existing || existing->origin == Origin::kMachine || existing->written_by == actor.user_id;
}

core::Result<Practice> PracticesService::PracticeFrom(const PracticeFields& fields) {
  std::vector<core::FieldProblem> problems = TextProblems(fields.text);
  Practice practice;
  practice.municipality_code = core::TrimSpaces(fields.municipality_code);
  if (practice.municipality_code.empty()) {
    problems.push_back({"municipality", "Choose the municipality.", ""});
  } else if (!places_.FindMunicipality(practice.municipality_code)) {
    problems.push_back({"municipality", "There is no municipality with this code.", practice.municipality_code});
  }
  practice.period_start = YearIn(problems, "period_start", fields.period_start);
  practice.period_end = YearIn(problems, "period_end", fields.period_end);
  if (practice.period_start && practice.period_end && *practice.period_end < *practice.period_start) {
    problems.push_back({"period_end", "The end comes before the start.", fields.period_end});
  }
  const auto level = EvidenceLevelFromCode(fields.evidence_level);
  if (!level) problems.push_back({"evidence_level", "Choose how strong the evidence is.", fields.evidence_level});
  practice.evidence_level = level.value_or(EvidenceLevel::kPromising);
  const std::string cost = core::TrimSpaces(fields.cost);
  if (!cost.empty()) {
    practice.cost_cents = policies::ParseAmount(cost);
    if (!practice.cost_cents) problems.push_back({"cost", "Write an amount such as 12500 or 12 500,50.", cost});
  }
  practice.currency = core::TrimSpaces(fields.currency);
  if (practice.currency.empty()) practice.currency = "EUR";
  if (!IsCurrencyCode(practice.currency)) {
    problems.push_back(
        {"currency", "Write the currency's three capital letters, such as EUR or CZK.", fields.currency});
  }
  core::CheckText(problems, "contacts", fields.contacts, kMaxContactsCharacters, false);
  core::CheckText(problems, "sources", fields.sources, kMaxContactsCharacters, false);
  practice.contacts = core::TrimSpaces(fields.contacts);
  practice.sources = core::TrimSpaces(fields.sources);
  const auto areas = store_.Areas();
  for (const std::string& code : fields.areas) {
    if (std::none_of(areas.begin(), areas.end(), [&](const auto& area) { return area.code == code; })) {
      problems.push_back({"areas", "Choose areas from the list.", code});
    } else if (std::find(practice.areas.begin(), practice.areas.end(), code) == practice.areas.end()) {
      practice.areas.push_back(code);
    }
  }
  if (practice.areas.empty() &&
      std::none_of(problems.begin(), problems.end(), [](const auto& problem) { return problem.field == "areas"; })) {
    problems.push_back({"areas", "Choose at least one area.", ""});
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  PracticeText text = fields.text;
  for (std::string& each : text.texts) each = core::TrimSpaces(each);
  practice.original_language = text.language;
  practice.versions.push_back(std::move(text));
  return practice;
}

core::Result<std::int64_t> PracticesService::Publish(const core::SignedIn& user, const PracticeFields& fields) {
  auto practice = PracticeFrom(fields);
  if (!practice) return practice.error();
  if (!MayWriteFor(user, practice->municipality_code)) {
    return core::Error::Forbidden("Only those who work for a municipality publish its practices.");
  }
  practice->versions.front().origin = Origin::kPerson;
  practice->versions.front().written_by = user.user_id();
  const std::int64_t id = store_.Create(*practice, user.user_id(), clock_.Now());
  audit_.Write(user, "practice_published", fmt::format("practice {}", id));
  return id;
}

core::Result<std::int64_t> PracticesService::EditFacts(const core::SignedIn& user, std::int64_t id,
                                                       std::int64_t version, const PracticeFields& fields) {
  const auto existing = store_.Find(id);
  if (!existing) return NoSuchPractice();
  if (!MayWriteFor(user, existing->municipality_code)) {
    return core::Error::Forbidden("Only those who work for a municipality change its practices.");
  }
  PracticeFields checked = fields;
  // The facts' form carries no texts: the title of the original keeps the text rules quiet.
  checked.text = *existing->VersionIn(existing->original_language);
  auto practice = PracticeFrom(checked);
  if (!practice) return practice.error();
  if (!MayWriteFor(user, practice->municipality_code)) {
    return core::Error::Forbidden("Only those who work for a municipality publish its practices.");
  }
  practice->id = id;
  practice->version = version;
  if (!store_.UpdateFacts(*practice, user.user_id(), clock_.Now())) {
    return core::Error::Conflict(
        "Someone saved a change while you were editing it. What is saved now is shown beside what you typed: keep "
        "what you need of both and save again.");
  }
  audit_.Write(user, "practice_changed", fmt::format("practice {}", id));
  return id;
}

core::Result<std::int64_t> PracticesService::SaveVersion(const core::SignedIn& user, std::int64_t id,
                                                         PracticeText text) {
  const auto practice = store_.Find(id);
  if (!practice) return NoSuchPractice();
  for (std::string& each : text.texts) each = core::TrimSpaces(each);
  std::vector<core::FieldProblem> problems = TextProblems(text);
  if (text.origin == Origin::kMachine) {
    core::CheckText(problems, "translator", text.translator, 100, true);
    if (!IsPracticeLanguage(text.translated_from)) {
      problems.push_back({"translated_from", "Choose the language it was translated from.", text.translated_from});
    }
  } else {
    text.translator.clear();
    text.translated_from.clear();
  }
  if (!problems.empty()) return Invalid(std::move(problems));
  if (!MayWriteVersion(user, *practice, text.language)) {
    return core::Error::Forbidden(
        "A person wrote this version: only those who work for the practice's municipality, or its writer, replace it.");
  }
  const auto stored = std::find_if(practice->versions.begin(), practice->versions.end(),
                                   [&](const PracticeText& version) { return version.language == text.language; });
  if ((stored == practice->versions.end() ? 0 : stored->version) != text.version) {
    return TextSavedMeanwhile(text.version);
  }
  text.written_by = user.user_id();
  if (!store_.SaveText(id, text, clock_.Now())) return TextSavedMeanwhile(text.version);
  audit_.Write(user, "practice_version_saved", fmt::format("practice {} ({})", id, text.language));
  return id;
}

core::Result<std::int64_t> PracticesService::TranslateByMachine(const core::SignedIn& user, std::int64_t id,
                                                                const std::string& language) {
  if (!translation_) return core::Error::NotFound("No translation service is configured.");
  if (!IsPracticeLanguage(language)) return core::Error::InvalidInput("Choose a language from the list.");
  const auto practice = store_.Find(id);
  if (!practice) return NoSuchPractice();
  if (std::any_of(practice->versions.begin(), practice->versions.end(),
                  [&](const PracticeText& version) { return version.language == language; })) {
    return id;
  }
  const PracticeText* original = practice->VersionIn(practice->original_language);
  if (!original) return NoSuchPractice();
  const std::vector<std::string> texts(original->texts.begin(), original->texts.end());
  auto translated = TranslateTexts(*translation_, texts, original->language, language);
  if (!translated) return translated.error();
  PracticeText text;
  text.language = language;
  text.origin = Origin::kMachine;
  text.translator = translation_->name;
  text.translated_from = original->language;
  for (std::size_t i = 0; i < text.texts.size(); ++i) text.texts[i] = core::TrimSpaces((*translated)[i]);
  // A title the service left empty would leave the version without one: the original's stands in.
  if (text.texts[0].empty()) text.texts[0] = original->texts[0];
  text.written_by = user.user_id();
  // A version someone saved in the language while the service translated is kept, as one there before would be.
  if (!store_.SaveText(id, text, clock_.Now())) return id;
  audit_.Write(user, "practice_version_saved", fmt::format("practice {} ({}, by machine)", id, language));
  return id;
}

core::Result<std::int64_t> PracticesService::RecordTransfer(const core::SignedIn& user, std::int64_t id,
                                                            const std::string& municipality_code,
                                                            const std::string& kind, const std::string& item,
                                                            const std::string& note, std::int64_t version) {
  const auto practice = store_.Find(id);
  if (!practice) return NoSuchPractice();
  std::vector<core::FieldProblem> problems;
  if (!places_.FindMunicipality(municipality_code)) {
    problems.push_back({"municipality", "Choose the municipality.", municipality_code});
  } else if (municipality_code == practice->municipality_code) {
    problems.push_back({"municipality", "The practice comes from this municipality.", municipality_code});
  }
  if (kind != "adopts" && kind != "adapts") problems.push_back({"kind", "Choose adopts or adapts.", kind});
  Transfer transfer;
  transfer.practice_id = id;
  transfer.municipality_code = municipality_code;
  transfer.kind = kind;
  if (!core::TrimSpaces(item).empty()) {
    transfer.item_id = web::IdIn(std::optional<std::string>(core::TrimSpaces(item)));
    if (!transfer.item_id || !store_.MeasureOf(*transfer.item_id, municipality_code)) {
      problems.push_back({"item", "Choose a measure of this municipality's plans.", item});
    }
  }
  core::CheckText(problems, "note", note, 2000, false);
  transfer.note = core::TrimSpaces(note);
  if (!problems.empty()) return Invalid(std::move(problems));
  if (!MayWriteFor(user, municipality_code)) {
    return core::Error::Forbidden("Only those who work for a municipality record what it takes up.");
  }
  const auto stored = std::find_if(practice->transfers.begin(), practice->transfers.end(),
                                   [&](const Transfer& each) { return each.municipality_code == municipality_code; });
  if ((stored == practice->transfers.end() ? 0 : stored->version) != version) {
    return TransferRecordedMeanwhile(version);
  }
  transfer.version = version;
  if (!store_.SaveTransfer(transfer, user.user_id(), clock_.Now())) return TransferRecordedMeanwhile(version);
  audit_.Write(user, "practice_transferred", fmt::format("practice {} → {} ({})", id, municipality_code, kind));
  return id;
}

core::Result<Practice> PracticesService::Find(std::int64_t id) {
  auto practice = store_.Find(id);
  if (!practice) return NoSuchPractice();
  return std::move(*practice);
}

core::Result<SearchResult> PracticesService::Search(const SearchQuery& query, const std::string& language) {
  if (query.limit < 1 || query.limit > kMaxSearchPage || query.offset < 0) {
    return core::Error::InvalidInput(fmt::format("limit must be 1 to {}, and offset 0 or more", kMaxSearchPage));
  }
  std::string match;
  if (!core::TrimSpaces(query.text).empty()) {
    const core::FullTextQuery parsed = core::ParseFullTextQuery(query.text);
    // Only punctuation was typed: nothing can match it.
    if (parsed.empty()) return SearchResult{};
    match = db::FullTextMatch(store_.backend(), parsed);
  }
  return store_.Search(query, match, language);
}

std::vector<LikeYours> PracticesService::MunicipalitiesLike(const std::string& code, std::size_t limit) {
  const auto profiles = profiles_->Get();
  const auto found = profiles->index.find(code);
  if (found == profiles->index.end()) return {};
  const MunicipalityProfile& mine = profiles->all[found->second];
  std::vector<LikeYours> like;
  for (const MunicipalityProfile& other : profiles->all) {
    if (other.code == mine.code || !other.population || !mine.population || *other.population <= 0 ||
        *mine.population <= 0) {
      continue;
    }
    // Size: 0 for the same population, about 0.7 for twice or half of it.
    const double size =
        std::abs(std::log(static_cast<double>(*other.population) / static_cast<double>(*mine.population)));
    std::vector<std::string> shared;
    for (const std::string& area : other.areas) {
      if (mine.areas.contains(area)) shared.push_back(area);
    }
    const std::size_t either = mine.areas.size() + other.areas.size() - shared.size();
    const double overlap = either == 0 ? 0.0 : static_cast<double>(shared.size()) / static_cast<double>(either);
    // Half a point for a library to read, so that among equals those with practices come first.
    const double score = 2.0 * overlap - size + (other.practices > 0 ? 0.5 : 0.0);
    if (size > std::log(4.0) && shared.empty()) continue;
    like.push_back({other, std::move(shared), other.practices, score});
  }
  const std::size_t shown = std::min(limit, like.size());
  std::partial_sort(like.begin(), like.begin() + static_cast<std::ptrdiff_t>(shown), like.end(),
                    [](const LikeYours& a, const LikeYours& b) {
                      return a.score != b.score ? a.score > b.score : a.municipality.code < b.municipality.code;
                    });
  like.resize(shown);
  const auto areas = store_.Areas();
  for (LikeYours& each : like) {
    std::stable_sort(each.shared_areas.begin(), each.shared_areas.end(), [&](const auto& a, const auto& b) {
      const auto position = [&](const std::string& code) {
        return std::find_if(areas.begin(), areas.end(), [&](const auto& area) { return area.code == code; });
      };
      return position(a) < position(b);
    });
  }
  return like;
}

}  // namespace practices
