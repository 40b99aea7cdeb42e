// /practices: the library (search in any language with filters), a practice's page in the reader's language with
// its versions and where it travelled, the forms to publish one, add a version and record a take-up; and the part of
// a municipality's page with its practices and the municipalities like it.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "modules/policies/policies.hpp"
#include "modules/policies/policy_pages.hpp"
#include "modules/practices/page_names.hpp"
#include "modules/practices/practices_routes.hpp"
#include "web/form.hpp"
#include "web/ui.hpp"

namespace practices {
namespace {

using nlohmann::json;

constexpr std::int64_t kLibraryPage = 20;
constexpr std::size_t kLikeShown = 6;

std::string MunicipalityPath(const std::string& code) { return "/places/municipalities/" + code; }

std::string_view BandTitle(PopulationBand band) {
  switch (band) {
    case PopulationBand::kUnder10k:
      return "Under 10,000 people";
    case PopulationBand::k10kTo50k:
      return "10,000 to 50,000 people";
    case PopulationBand::k50kTo250k:
      return "50,000 to 250,000 people";
    case PopulationBand::kOver250k:
      return "Over 250,000 people";
    case PopulationBand::kAny:
      break;
  }
  return "";
}

std::string_view EvidenceHint(EvidenceLevel level) {
  switch (level) {
    case EvidenceLevel::kDemonstrated:
      return "It worked where it was done, and an evaluation shows it.";
    case EvidenceLevel::kReplicated:
      return "It worked in more than one place.";
    case EvidenceLevel::kPromising:
      return "It is new, or not yet evaluated, and promises results.";
  }
  return "";
}

std::string PeriodOf(const web::Reader& reader, std::optional<int> start, std::optional<int> end) {
  if (start && end) return *start == *end ? std::to_string(*start) : fmt::format("{}–{}", *start, *end);
  if (start) return fmt::format(fmt::runtime(reader.Translate("since {year}")), fmt::arg("year", *start));
  if (end) return fmt::format(fmt::runtime(reader.Translate("until {year}")), fmt::arg("year", *end));
  return "";
}

json SummaryRow(const web::Reader& reader, const Names& names, const PracticeSummary& summary) {
  std::string place = reader.Localised(summary.municipality_name_bg, summary.municipality_name_en);
  if (const std::string country = names.CountryOf(summary.country_code); !country.empty()) place += ", " + country;
  return {{"url", PracticePath(summary.id)},
          {"title", summary.title},
          {"lang", summary.title_language},
          {"machine", summary.machine_translated},
          {"demo", summary.demo},
          {"place", place},
          {"evidence", reader.Translate(TitleOf(summary.evidence_level))},
          {"period", PeriodOf(reader, summary.period_start, summary.period_end)},
          {"areas", names.AreasOf(summary.areas)},
          {"transfers", summary.transfers == 0
                            ? std::string()
                            : fmt::format(fmt::runtime(reader.TranslatePlural("taken up in {count} place",
                                                                              "taken up in {count} places",
                                                                              static_cast<long>(summary.transfers))),
                                          fmt::arg("count", reader.Number(summary.transfers)))}};
}

json Options(const std::vector<std::pair<std::string, std::string>>& options, std::string_view selected) {
  json list = json::array();
  for (const auto& [value, label] : options) {
    list.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  }
  return list;
}

json LanguageOptions(std::string_view selected) {
  std::vector<std::pair<std::string, std::string>> languages;
  for (const std::string_view code : PracticeLanguages()) {
    languages.emplace_back(std::string(code), std::string(LanguageName(code)));
  }
  return Options(languages, selected);
}

// The search a request asks for; unknown filter values are ignored, as a link from elsewhere may carry them.
SearchQuery QueryOf(const http::Request& request, std::int64_t limit) {
  SearchQuery query;
  query.text = request.Query("q").value_or("");
  query.area = request.Query("area").value_or("");
  query.country = request.Query("country").value_or("");
  query.evidence_level = EvidenceLevelFromCode(request.Query("evidence").value_or(""));
  query.population = PopulationBandFromCode(request.Query("population").value_or("")).value_or(PopulationBand::kAny);
  query.limit = limit;
  const std::string offset = request.Query("offset").value_or("0");
  query.offset = std::max<std::int64_t>(0, std::atoll(offset.c_str()));
  return query;
}

// The query string of a search without its offset: "q=school&area=education".
std::string QueryString(const SearchQuery& query) {
  std::string text;
  const auto add = [&text](std::string_view name, std::string_view value) {
    if (value.empty()) return;
    (text += text.empty() ? "" : "&") += std::string(name) + "=" + http::PercentEncode(value);
  };
  add("q", query.text);
  add("area", query.area);
  add("country", query.country);
  add("evidence", query.evidence_level ? CodeOf(*query.evidence_level) : "");
  add("population", CodeOf(query.population));
  return text;
}

http::Response LibraryPage(http::Request& request, const web::Site& site, PracticesService& service) {
  const web::Reader reader = site.ReaderOf(request);
  const SearchQuery query = QueryOf(request, kLibraryPage);
  auto found = service.Search(query, std::string(reader.code()));
  if (!found) return site.Fail(request, found.error());
  const Names names(reader, service);
  json practices = json::array();
  for (const PracticeSummary& summary : found->items) practices.push_back(SummaryRow(reader, names, summary));
  std::vector<std::pair<std::string, std::string>> areas, countries, levels, bands;
  for (const auto& area : service.Areas()) areas.emplace_back(area.code, reader.Localised(area.name_bg, area.name_en));
  for (const places::Country& country : service.places().ListCountries()) {
    countries.emplace_back(country.code, reader.Localised(country.name_bg, country.name_en));
  }
  for (const EvidenceLevel level : kEvidenceLevels) {
    levels.emplace_back(std::string(CodeOf(level)), reader.Translate(TitleOf(level)));
  }
  for (const PopulationBand band :
       {PopulationBand::kUnder10k, PopulationBand::k10kTo50k, PopulationBand::k50kTo250k, PopulationBand::kOver250k}) {
    bands.emplace_back(std::string(CodeOf(band)), reader.Translate(BandTitle(band)));
  }
  const std::string filters = QueryString(query);
  const std::string base = "/practices" + (filters.empty() ? "" : "?" + filters);
  const std::string api = "/api/v1/practices" + (filters.empty() ? "" : "?" + filters);
  const core::SignedIn* user = kernel::SignedInOf(request);
  json data = {
      {"q", query.text},
      {"areas", Options(areas, query.area)},
      {"countries", Options(countries, query.country)},
      {"levels", Options(levels, query.evidence_level ? CodeOf(*query.evidence_level) : "")},
      {"bands", Options(bands, CodeOf(query.population))},
      {"practices", practices},
      {"has_practices", !practices.empty()},
      {"found", fmt::format(fmt::runtime(reader.TranslatePlural("{count} practice", "{count} practices",
                                                                static_cast<long>(found->total))),
                            fmt::arg("count", reader.Number(found->total)))},
      {"none", web::ui::Empty(filters.empty() ? reader.Translate("No practice is in the library yet.")
                                              : reader.Translate("No practice matches this search. Try fewer words "
                                                                 "or another filter."),
                              user ? reader.Translate("Publish a practice") : "", user ? "/practices/new" : "")},
      {"pager", web::ui::Pager(reader, found->total, query.limit, query.offset, base)},
      {"may_publish", user != nullptr && !user->roles().empty()},
      {"json_url", api},
      {"csv_url", api + (filters.empty() ? "?" : "&") + "format=csv"},
      {"xlsx_url", api + (filters.empty() ? "?" : "&") + "format=xlsx"}};
  return site.Page(request, reader.Translate("Good practices"), "practices/library", data);
}

json TextSections(const web::Reader& reader, const PracticeText& text) {
  json sections = json::array();
  for (std::size_t i = 1; i < kTextFields.size(); ++i) {
    if (text.texts[i].empty()) continue;
    sections.push_back({{"heading", reader.Translate(kTextFields[i].heading)}, {"text", text.texts[i]}});
  }
  return sections;
}

// "LibreTranslate translated this version from български; …" for a machine's version, "" for a person's.
std::string MachineNote(const web::Reader& reader, const PracticeText& text) {
  if (text.origin != Origin::kMachine) return "";
  return fmt::format(fmt::runtime(reader.Translate("{service} translated this version from {language}; no person "
                                                   "has checked it.")),
                     fmt::arg("service", text.translator), fmt::arg("language", LanguageName(text.translated_from)));
}

// Who wrote a version, and when.
std::string WrittenLine(const web::Reader& reader, const PracticeText& text) {
  if (text.written_by_name.empty()) return reader.DateTime(text.written_at);
  return fmt::format(fmt::runtime(reader.Translate("Written by {name}, {date}")),
                     fmt::arg("name", text.written_by_name), fmt::arg("date", reader.DateTime(text.written_at)));
}

// The button that asks the installation's translation service for the practice in the reader's language, for a
// reader signed in, when there is a service and no version in that language; null otherwise.
json MachineTranslationOffer(const http::Request& request, const web::Reader& reader, PracticesService& service,
                             const Practice& practice) {
  const std::string language(reader.code());
  if (!service.translation_service() || !kernel::SignedInOf(request) || !IsPracticeLanguage(language) ||
      std::any_of(practice.versions.begin(), practice.versions.end(),
                  [&](const PracticeText& version) { return version.language == language; })) {
    return nullptr;
  }
  return {{"action", PracticePath(practice.id) + "/translations"},
          {"csrf", web::CsrfOf(request)},
          {"language", language},
          {"label", reader.Say("Translate it into {language} by machine ({service})",
                               {{"language", std::string(LanguageName(language))},
                                {"service", service.translation_service()->name}})}};
}

http::Response PracticePage(http::Request& request, const web::Site& site, PracticesService& service,
                            GroupsService& groups, const kernel::DiscussedSections& discussed) {
  const web::Reader reader = site.ReaderOf(request);
  auto practice = service.Find(request.IntParameter("id"));
  if (!practice) return site.Fail(request, practice.error());
  const std::string wanted = request.Query("version").value_or(std::string(reader.code()));
  const PracticeText* text = practice->VersionIn(wanted);
  if (!text) return site.Fail(request, core::Error::NotFound("There is no such practice."));
  const Names names(reader, service);
  const std::string path = PracticePath(practice->id);

  json versions = json::array();
  for (const PracticeText& version : practice->versions) {
    versions.push_back({{"code", version.language},
                        {"name", LanguageName(version.language)},
                        {"url", path + "?version=" + version.language},
                        {"current", &version == text},
                        {"machine", version.origin == Origin::kMachine},
                        {"original", version.language == practice->original_language}});
  }
  json transfers = json::array();
  for (const Transfer& transfer : practice->transfers) {
    json row = {{"url", MunicipalityPath(transfer.municipality_code)},
                {"place", reader.Localised(transfer.municipality_name_bg, transfer.municipality_name_en)},
                {"country", names.CountryOf(transfer.country_code)},
                {"kind", reader.Translate(transfer.kind == "adopts" ? "adopts it" : "adapts it")},
                {"note", transfer.note},
                {"demo", transfer.demo}};
    if (transfer.item_id) {
      row["measure"] = {
          {"measure", transfer.measure},
          {"measure_url", policies::ItemPath(*transfer.item_id)},
          {"plan", transfer.plan},
          {"status",
           transfer.measure_status.empty() ? "" : reader.Translate(policies::StatusTitle(transfer.measure_status))},
          {"progress",
           web::ui::Progress(
               reader, transfer.measure_progress ? std::optional<double>(*transfer.measure_progress) : std::nullopt)}};
    }
    transfers.push_back(std::move(row));
  }
  const std::string machine = MachineNote(reader, *text);
  const std::string written = WrittenLine(reader, *text);
  const char* level_title = TitleOf(practice->evidence_level).data();
  json data = {
      {"title", text->title()},
      {"lang", text->language},
      {"demo", practice->demo},
      {"machine", machine},
      {"written", written},
      {"versions", versions},
      {"place", reader.Localised(practice->municipality_name_bg, practice->municipality_name_en)},
      {"place_url", MunicipalityPath(practice->municipality_code)},
      {"country", names.CountryOf(practice->country_code)},
      {"population", practice->population ? fmt::format(fmt::runtime(reader.Translate("{count} people")),
                                                        fmt::arg("count", reader.Number(*practice->population)))
                                          : ""},
      {"areas", names.AreasOf(practice->areas)},
      {"period", PeriodOf(reader, practice->period_start, practice->period_end).empty()
                     ? reader.Translate("not given")
                     : PeriodOf(reader, practice->period_start, practice->period_end)},
      {"evidence", reader.Translate(level_title)},
      {"evidence_hint", reader.Translate(EvidenceHint(practice->evidence_level))},
      {"cost",
       practice->cost_cents ? reader.Money(*practice->cost_cents, practice->currency) : reader.Translate("not given")},
      {"contacts", practice->contacts},
      {"sources", practice->sources},
      {"sections", TextSections(reader, *text)},
      {"transfers", transfers},
      {"has_transfers", !transfers.empty()},
      {"groups_html", OutputOfGroupsHtml(request, site, groups, practice->id).value_or("")},
      {"discussed_html", discussed.HtmlFor(request, path)},
      {"translate", MachineTranslationOffer(request, reader, service, *practice)},
      {"signed_in", kernel::SignedInOf(request) != nullptr},
      {"facts_url",
       kernel::SignedInOf(request) && service.MayWriteFor(*kernel::SignedInOf(request), practice->municipality_code)
           ? path + "/facts"
           : ""},
      {"version_url", path + "/versions/new"},
      {"transfer_url", path + "/transfers/new"}};
  return site.Page(request, text->title(), "practices/practice", data);
}

// The text fields of the template, with what was typed and each one's problem.
json TextFieldsData(const web::Reader& reader, const PracticeText& text, const web::Refusal& refusal) {
  json fields = json::array();
  for (std::size_t i = 0; i < kTextFields.size(); ++i) {
    const TextField& field = kTextFields[i];
    fields.push_back({{"name", field.name},
                      {"heading", reader.Translate(field.heading)},
                      {"hint", reader.Translate(field.hint)},
                      {"value", text.texts[i]},
                      {"max", field.max_characters},
                      {"required", i == 0},
                      {"single_line", i == 0},
                      {"problem", refusal.ProblemOf(reader, field.name)}});
  }
  return fields;
}

PracticeText TextOf(const http::Request& request) {
  PracticeText text;
  text.language = request.Form("language").value_or("");
  for (std::size_t i = 0; i < kTextFields.size(); ++i) text.texts[i] = request.Form(kTextFields[i].name).value_or("");
  return text;
}

// The municipalities a person works for, by name: whom they may publish and record for.
std::vector<std::pair<std::string, std::string>> PlacesOf(const web::Reader& reader, PracticesService& service,
                                                          const core::SignedIn& user) {
  std::vector<std::pair<std::string, std::string>> places;
  const auto add = [&](const places::Municipality& municipality) {
    if (service.MayWriteFor(user, municipality.code)) {
      places.emplace_back(municipality.code, reader.Localised(municipality.name_bg, municipality.name_en));
    }
  };
  if (user.actor().IsAdministrator()) {
    for (const places::Municipality& municipality : service.places().AllMunicipalities()) add(municipality);
  }
  for (const core::RoleAssignment& role : user.roles()) {
    if (role.scope.kind == core::ScopeKind::kMunicipality) {
      if (const auto profile = service.places().FindMunicipality(role.scope.code)) add((*profile)->detail.municipality);
    } else if (role.scope.kind == core::ScopeKind::kOblast) {
      const auto listed = service.places().ListMunicipalities(role.scope.code, places::SortMunicipalities::kByName,
                                                              {places::kMaxPageLimit, 0});
      if (listed) {
        for (const places::Municipality& municipality : listed->items) add(municipality);
      }
    }
  }
  std::sort(places.begin(), places.end());
  places.erase(std::unique(places.begin(), places.end()), places.end());
  reader.SortByName(places, [](const auto& place) { return place.second; });
  return places;
}

// A practice's facts as they are stored, shown beside the form of someone whose save came after another's.
json SavedFacts(const web::Reader& reader, PracticesService& service, const Practice& practice) {
  const Names names(reader, service);
  const std::string period = PeriodOf(reader, practice.period_start, practice.period_end);
  return {{"place", reader.Localised(practice.municipality_name_bg, practice.municipality_name_en)},
          {"areas", names.AreasOf(practice.areas)},
          {"period", period.empty() ? reader.Translate("not given") : period},
          {"evidence", reader.Translate(TitleOf(practice.evidence_level))},
          {"cost",
           practice.cost_cents ? reader.Money(*practice.cost_cents, practice.currency) : reader.Translate("not given")},
          {"contacts", practice.contacts},
          {"sources", practice.sources}};
}

bool IsConflict(const web::Refusal& refusal) { return !refusal.Empty() && refusal.kind == core::ErrorKind::kConflict; }

// The form to publish a practice, or, given the practice, to change its facts (its texts change by their versions).
http::Response PublishForm(http::Request& request, const web::Site& site, PracticesService& service,
                           const core::SignedIn& user, const PracticeFields& typed, const web::Refusal& refusal,
                           const Practice* editing = nullptr, std::int64_t version = 0) {
  const web::Reader reader = site.ReaderOf(request);
  const json refused = refusal.Data(reader, [](std::string_view field) { return "practice-" + std::string(field); });
  // One municipality a person works for is theirs to publish for, chosen already.
  auto places = PlacesOf(reader, service, user);
  if (editing && std::none_of(places.begin(), places.end(),
                              [&](const auto& place) { return place.first == editing->municipality_code; })) {
    places.emplace(places.begin(), editing->municipality_code,
                   reader.Localised(editing->municipality_name_bg, editing->municipality_name_en));
  }
  json areas = json::array();
  for (const auto& area : service.Areas()) {
    areas.push_back({{"value", area.code},
                     {"label", reader.Localised(area.name_bg, area.name_en)},
                     {"checked", std::find(typed.areas.begin(), typed.areas.end(), area.code) != typed.areas.end()}});
  }
  json levels = json::array();
  for (const EvidenceLevel level : kEvidenceLevels) {
    levels.push_back({{"value", CodeOf(level)},
                      {"label", reader.Translate(TitleOf(level))},
                      {"hint", reader.Translate(EvidenceHint(level))},
                      {"checked", CodeOf(level) == typed.evidence_level}});
  }
  const auto field = [&](std::string name, std::string label, std::string value, std::string hint = "") {
    web::ui::Field each{name, "practice-" + name, std::move(label), std::move(value), std::move(hint)};
    return web::ui::TextField(each, refusal.ProblemOf(reader, name));
  };
  json data = {
      {"csrf", web::CsrfOf(request)},
      {"refusal", refused},
      {"problems", refused["problems"]},
      {"municipalities",
       Options(places,
               typed.municipality_code.empty() && places.size() == 1 ? places.front().first : typed.municipality_code)},
      {"languages", LanguageOptions(typed.text.language.empty() ? std::string(reader.code()) : typed.text.language)},
      {"text_fields", TextFieldsData(reader, typed.text, refusal)},
      {"areas", areas},
      {"levels", levels},
      {"period_start", field("period_start", reader.Translate("First year"), typed.period_start)},
      {"period_end", field("period_end", reader.Translate("Last year"), typed.period_end,
                           reader.Translate("Empty while it goes on."))},
      {"cost", field("cost", reader.Translate("Cost"), typed.cost)},
      {"currency", field("currency", reader.Translate("Currency"), typed.currency.empty() ? "EUR" : typed.currency)},
      {"contacts", typed.contacts},
      {"sources", typed.sources}};
  const int status = refusal.Empty() ? 200 : refusal.Status();
  if (!editing) {
    data["action"] = "/practices";
    data["heading"] = reader.Translate("Publish a practice");
    return site.Page(request, reader.Translate("Publish a practice"), "practices/practice_form", data, status);
  }
  const PracticeText* title = editing->VersionIn(reader.code());
  if (IsConflict(refusal)) data["saved"] = SavedFacts(reader, service, *editing);
  data["editing"] = true;
  data["version"] = version;
  data["action"] = PracticePath(editing->id) + "/facts";
  data["practice_url"] = PracticePath(editing->id);
  data["practice_title"] = title ? title->title() : "";
  data["heading"] = reader.Translate("Change its facts");
  return site.Page(request, reader.Translate("Change its facts"), "practices/practice_form", data, status);
}

// A practice's facts as its form shows them.
PracticeFields FactsOf(const Practice& practice) {
  PracticeFields fields;
  fields.municipality_code = practice.municipality_code;
  fields.period_start = practice.period_start ? std::to_string(*practice.period_start) : "";
  fields.period_end = practice.period_end ? std::to_string(*practice.period_end) : "";
  fields.evidence_level = std::string(CodeOf(practice.evidence_level));
  fields.cost = practice.cost_cents ? policies::FormatAmount(*practice.cost_cents) : "";
  fields.currency = practice.currency;
  fields.contacts = practice.contacts;
  fields.sources = practice.sources;
  fields.areas = practice.areas;
  return fields;
}

PracticeFields FieldsOf(const http::Request& request, PracticesService& service) {
  PracticeFields fields;
  fields.municipality_code = request.Form("municipality").value_or("");
  fields.period_start = request.Form("period_start").value_or("");
  fields.period_end = request.Form("period_end").value_or("");
  fields.evidence_level = request.Form("evidence_level").value_or("");
  fields.cost = request.Form("cost").value_or("");
  fields.currency = request.Form("currency").value_or("");
  fields.contacts = request.Form("contacts").value_or("");
  fields.sources = request.Form("sources").value_or("");
  for (const auto& area : service.Areas()) {
    if (request.Form("area_" + area.code)) fields.areas.push_back(area.code);
  }
  fields.text = TextOf(request);
  return fields;
}

// The stored version in `language`, if any (VersionIn falls back to another language; this does not).
const PracticeText* StoredVersion(const Practice& practice, std::string_view language) {
  for (const PracticeText& version : practice.versions) {
    if (version.language == language) return &version;
  }
  return nullptr;
}

// The form of a version in another language; `typed.version` is the stored version of `typed.language` the form
// shows (0 for none), carried with that language, as it holds only while the language chosen stays the same. When a
// save came after another's, `practice` is as it is now, and its version in the language is shown beside what was
// typed.
http::Response VersionForm(http::Request& request, const web::Site& site, const Practice& practice,
                           const PracticeText& typed, const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const json refused = refusal.Data(reader, [](std::string_view field) { return "practice-" + std::string(field); });
  json saved = nullptr;
  if (const PracticeText* stored = StoredVersion(practice, typed.language); stored && IsConflict(refusal)) {
    saved = {{"lang", stored->language},
             {"language", LanguageName(stored->language)},
             {"written", WrittenLine(reader, *stored)},
             {"machine_note", MachineNote(reader, *stored)},
             {"title", stored->title()},
             {"sections", TextSections(reader, *stored)}};
  }
  std::vector<std::pair<std::string, std::string>> from;
  for (const PracticeText& version : practice.versions) {
    from.emplace_back(version.language, std::string(LanguageName(version.language)));
  }
  const PracticeText* original = practice.VersionIn(practice.original_language);
  const json data = {
      {"csrf", web::CsrfOf(request)},
      {"refusal", refused},
      {"problems", refused["problems"]},
      {"action", PracticePath(practice.id) + "/versions"},
      {"practice_url", PracticePath(practice.id)},
      {"practice_title", original ? original->title() : ""},
      {"languages", LanguageOptions(typed.language)},
      {"machine", typed.origin == Origin::kMachine},
      {"translator",
       web::ui::TextField(
           {"translator", "practice-translator", reader.Translate("Translation service"), typed.translator,
            reader.Translate("For a machine translation: the service that made it, e.g. LibreTranslate.")},
           refusal.ProblemOf(reader, "translator"))},
      {"from_languages",
       Options(from, typed.translated_from.empty() ? practice.original_language : typed.translated_from)},
      {"text_fields", TextFieldsData(reader, typed, refusal)},
      {"version", typed.version},
      {"version_language", typed.language},
      {"saved", saved}};
  return site.Page(request, reader.Translate("A version in another language"), "practices/version_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

struct TransferTyped {
  std::string municipality;
  std::string kind = "adapts";
  std::string item;
  std::string note;
  // The version of the municipality's take-up the form shows (0 for none), and that municipality: the version holds
  // only while the municipality chosen stays the same.
  std::int64_t version = 0;
  std::string version_of;
};

const Transfer* StoredTransfer(const Practice& practice, std::string_view municipality_code) {
  for (const Transfer& transfer : practice.transfers) {
    if (transfer.municipality_code == municipality_code) return &transfer;
  }
  return nullptr;
}

// The form of a municipality's take-up. A new form (nothing typed, `typed.version_of` empty) for a municipality that
// recorded one already starts from it, at its version; when a save came after another's, `practice` is as it is now,
// and the take-up it holds is shown beside what was typed.
http::Response TransferForm(http::Request& request, const web::Site& site, PracticesService& service,
                            const core::SignedIn& user, const Practice& practice, TransferTyped typed,
                            const web::Refusal& refusal) {
  const web::Reader reader = site.ReaderOf(request);
  const json refused = refusal.Data(reader, [](std::string_view field) { return "transfer-" + std::string(field); });
  auto places = PlacesOf(reader, service, user);
  std::erase_if(places, [&](const auto& place) { return place.first == practice.municipality_code; });
  const std::string chosen = typed.municipality.empty() && !places.empty() ? places.front().first : typed.municipality;
  if (typed.version_of.empty()) {
    typed.version_of = chosen;
    if (const Transfer* stored = StoredTransfer(practice, chosen); stored && refusal.Empty()) {
      typed.kind = stored->kind;
      typed.item = stored->item_id ? std::to_string(*stored->item_id) : "";
      typed.note = stored->note;
      typed.version = stored->version;
    }
  }
  std::vector<std::pair<std::string, std::string>> measures;
  for (const auto& [id, title] : service.MeasuresOf(chosen)) measures.emplace_back(std::to_string(id), title);
  const PracticeText* original = practice.VersionIn(reader.code());
  json saved = nullptr;
  if (const Transfer* stored = StoredTransfer(practice, chosen); stored && IsConflict(refusal)) {
    saved = {{"place", reader.Localised(stored->municipality_name_bg, stored->municipality_name_en)},
             {"kind", reader.Translate(stored->kind == "adopts" ? "adopts it" : "adapts it")},
             {"measure", stored->measure},
             {"note", stored->note}};
  }
  const json data = {{"csrf", web::CsrfOf(request)},
                     {"refusal", refused},
                     {"problems", refused["problems"]},
                     {"action", PracticePath(practice.id) + "/transfers"},
                     {"practice_url", PracticePath(practice.id)},
                     {"practice_title", original ? original->title() : ""},
                     {"places", Options(places, chosen)},
                     {"has_places", !places.empty()},
                     {"adopts", typed.kind == "adopts"},
                     {"adapts", typed.kind != "adopts"},
                     {"measures", Options(measures, typed.item)},
                     {"note", typed.note},
                     {"version", typed.version},
                     {"version_of", typed.version_of},
                     {"saved", saved}};
  return site.Page(request, reader.Translate("Record that a municipality takes it up"), "practices/transfer_form", data,
                   refusal.Empty() ? 200 : refusal.Status());
}

}  // namespace

std::string PracticePath(std::int64_t id) { return "/practices/" + std::to_string(id); }

void AddPracticePages(kernel::Routes& routes, const web::Site& site, PracticesService& service, GroupsService& groups,
                      const kernel::DiscussedSections& discussed) {
  routes.Get(
      "/practices", core::Access::Anyone(),
      [&site, &service](http::Request& request) { return LibraryPage(request, site, service); },
      http::Kept::kForVisitors);
  routes.Get("/practices/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               PracticeFields typed;
               typed.municipality_code = request.Query("municipality").value_or("");
               return PublishForm(request, site, service, user, typed, {});
             });
  routes.Post("/practices", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const PracticeFields typed = FieldsOf(request, service);
                const auto published = service.Publish(user, typed);
                if (published) return http::Response::Redirect(PracticePath(*published));
                return PublishForm(request, site, service, user, typed, web::Refusal::Of(published.error()));
              });
  routes.Get("/practices/{id:int}/facts", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto practice = service.Find(request.IntParameter("id"));
               if (!practice) return site.Fail(request, practice.error());
               if (!service.MayWriteFor(user, practice->municipality_code)) {
                 return site.Fail(
                     request, core::Error::Forbidden("Only those who work for a municipality change its practices."));
               }
               return PublishForm(request, site, service, user, FactsOf(*practice), {}, &*practice, practice->version);
             });
  routes.Post("/practices/{id:int}/facts", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto practice = service.Find(request.IntParameter("id"));
                if (!practice) return site.Fail(request, practice.error());
                const PracticeFields typed = FieldsOf(request, service);
                const std::int64_t version = std::atoll(request.Form("version").value_or("0").c_str());
                const auto changed = service.EditFacts(user, practice->id, version, typed);
                if (changed) return http::Response::Redirect(PracticePath(*changed));
                const web::Refusal refusal = web::Refusal::Of(changed.error());
                // Someone else saved meanwhile: what was typed stays, beside the facts as they are now, and the form
                // carries their version, so that saving again keeps what the person made of both.
                if (IsConflict(refusal)) {
                  const auto now = service.Find(practice->id);
                  if (!now) return site.Fail(request, now.error());
                  return PublishForm(request, site, service, user, typed, refusal, &*now, now->version);
                }
                return PublishForm(request, site, service, user, typed, refusal, &*practice, version);
              });
  routes.Get(
      "/practices/{id:int}", core::Access::Anyone(),
      [&site, &service, &groups, &discussed](http::Request& request) {
        return PracticePage(request, site, service, groups, discussed);
      },
      http::Kept::kForVisitors);
  routes.Get("/practices/{id:int}/versions/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn&) {
               const auto practice = service.Find(request.IntParameter("id"));
               if (!practice) return site.Fail(request, practice.error());
               PracticeText typed;
               typed.language = request.Query("language").value_or("");
               // The version there is in the language, to change: the form starts from it, at its version.
               if (const PracticeText* stored = StoredVersion(*practice, typed.language)) typed = *stored;
               return VersionForm(request, site, *practice, typed, {});
             });
  routes.Post("/practices/{id:int}/versions", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto practice = service.Find(request.IntParameter("id"));
                if (!practice) return site.Fail(request, practice.error());
                PracticeText typed = TextOf(request);
                typed.origin = request.Form("origin") == std::optional<std::string>("machine") ? Origin::kMachine
                                                                                               : Origin::kPerson;
                typed.translator = request.Form("translator").value_or("");
                typed.translated_from = request.Form("translated_from").value_or("");
                // The version the form showed is of the language it showed; another chosen since was shown at none.
                if (request.Form("version_language") == std::optional<std::string>(typed.language)) {
                  typed.version = web::IdIn(request.Form("version")).value_or(0);
                }
                const auto saved = service.SaveVersion(user, practice->id, typed);
                if (saved) return http::Response::Redirect(PracticePath(*saved) + "?version=" + typed.language);
                const web::Refusal refusal = web::Refusal::Of(saved.error());
                if (!IsConflict(refusal)) return VersionForm(request, site, *practice, typed, refusal);
                // Saved by someone else meanwhile: theirs beside what was typed, and its version in the form, so that
                // saving again replaces it with what the person made of both.
                const auto now = service.Find(practice->id);
                if (!now) return site.Fail(request, now.error());
                const PracticeText* stored = StoredVersion(*now, typed.language);
                typed.version = stored ? stored->version : 0;
                return VersionForm(request, site, *now, typed, refusal);
              });
  routes.Post("/practices/{id:int}/translations", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const std::string language = request.Form("language").value_or("");
                const auto translated = service.TranslateByMachine(user, request.IntParameter("id"), language);
                if (!translated) return site.Fail(request, translated.error());
                return http::Response::Redirect(PracticePath(*translated) + "?version=" + language);
              });
  routes.Get("/practices/{id:int}/transfers/new", core::Access::SignedIn(),
             [&site, &service](http::Request& request, const core::SignedIn& user) {
               const auto practice = service.Find(request.IntParameter("id"));
               if (!practice) return site.Fail(request, practice.error());
               TransferTyped typed;
               typed.municipality = request.Query("municipality").value_or("");
               return TransferForm(request, site, service, user, *practice, typed, {});
             });
  routes.Post("/practices/{id:int}/transfers", core::Access::SignedIn(),
              [&site, &service](http::Request& request, const core::SignedIn& user) {
                const auto practice = service.Find(request.IntParameter("id"));
                if (!practice) return site.Fail(request, practice.error());
                TransferTyped typed;
                typed.municipality = request.Form("municipality").value_or("");
                typed.kind = request.Form("kind").value_or("");
                typed.item = request.Form("item").value_or("");
                typed.note = request.Form("note").value_or("");
                // The version the form showed is of the municipality it showed; another chosen since had none shown.
                if (request.Form("version_of") == std::optional<std::string>(typed.municipality)) {
                  typed.version = web::IdIn(request.Form("version")).value_or(0);
                }
                typed.version_of = typed.municipality;
                const auto saved = service.RecordTransfer(user, practice->id, typed.municipality, typed.kind,
                                                          typed.item, typed.note, typed.version);
                if (saved) return http::Response::Redirect(PracticePath(*saved) + "#travelled-heading");
                const web::Refusal refusal = web::Refusal::Of(saved.error());
                if (!IsConflict(refusal)) return TransferForm(request, site, service, user, *practice, typed, refusal);
                // Recorded by someone else meanwhile: theirs beside what was typed, as for a text's version.
                const auto now = service.Find(practice->id);
                if (!now) return site.Fail(request, now.error());
                const Transfer* stored = StoredTransfer(*now, typed.municipality);
                typed.version = stored ? stored->version : 0;
                return TransferForm(request, site, service, user, *now, typed, refusal);
              });
}

kernel::PlaceSectionSource PracticesOfThePlace(const web::Site& site, PracticesService& service) {
  return [&site, &service](const http::Request& request, std::string_view code) -> std::optional<std::string> {
    const web::Reader reader = site.ReaderOf(request);
    const std::string place(code);
    const Names names(reader, service);
    json own = json::array(), taken = json::array(), like = json::array();
    for (const PracticeSummary& summary : service.OfMunicipality(place, std::string(reader.code()))) {
      own.push_back(SummaryRow(reader, names, summary));
    }
    for (const PracticeSummary& summary : service.TransferredTo(place, std::string(reader.code()))) {
      taken.push_back(SummaryRow(reader, names, summary));
    }
    for (const LikeYours& each : service.MunicipalitiesLike(place, kLikeShown)) {
      like.push_back(
          {{"url", MunicipalityPath(each.municipality.code)},
           {"name", reader.Localised(each.municipality.name_bg, each.municipality.name_en)},
           {"country", names.CountryOf(each.municipality.country_code)},
           {"population", fmt::format(fmt::runtime(reader.Translate("{count} people")),
                                      fmt::arg("count", reader.Number(each.municipality.population.value_or(0))))},
           {"shared", names.AreasOf(each.shared_areas)},
           {"practices", each.practices == 0
                             ? std::string()
                             : fmt::format(fmt::runtime(reader.TranslatePlural("{count} practice", "{count} practices",
                                                                               static_cast<long>(each.practices))),
                                           fmt::arg("count", reader.Number(each.practices)))},
           {"practices_url", MunicipalityPath(each.municipality.code) + "#practices-heading"}});
    }
    const json data = {{"own", own},   {"has_own", !own.empty()},  {"taken", taken}, {"has_taken", !taken.empty()},
                       {"like", like}, {"has_like", !like.empty()}};
    return site.RenderBody(request, "practices/place_section", data);
  };
}

}  // namespace practices
