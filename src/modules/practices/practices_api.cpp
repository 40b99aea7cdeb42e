// /api/v1/practices: the library as open data (JSON, and CSV by web::App), and one practice with every version.
#include <fmt/format.h>

#include <charconv>

#include "core/days.hpp"
#include "modules/practices/practices_routes.hpp"

namespace practices {
namespace {

using nlohmann::json;

constexpr std::int64_t kDefaultLimit = 100;

std::string Joined(const std::vector<std::string>& codes) {
  std::string text;
  for (const std::string& code : codes) (text += text.empty() ? "" : ";") += code;
  return text;
}

json SummaryJson(const PracticeSummary& summary) {
  return {{"id", summary.id},
          {"url", PracticePath(summary.id)},
          {"api_url", "/api/v1" + PracticePath(summary.id)},
          {"title", summary.title},
          {"language", summary.title_language},
          {"machine_translated", summary.machine_translated},
          {"municipality", summary.municipality_code},
          {"municipality_name_bg", summary.municipality_name_bg},
          {"municipality_name_en", summary.municipality_name_en},
          {"country", summary.country_code},
          {"evidence_level", CodeOf(summary.evidence_level)},
          {"areas", Joined(summary.areas)},
          {"period_start", summary.period_start ? json(*summary.period_start) : json()},
          {"period_end", summary.period_end ? json(*summary.period_end) : json()},
          {"transfers", summary.transfers},
          {"demo", summary.demo}};
}

http::Response ApiList(http::Request& request, const web::Site& site, PracticesService& service) {
  SearchQuery query;
  query.text = request.Query("q").value_or("");
  query.area = request.Query("area").value_or("");
  query.country = request.Query("country").value_or("");
  if (const auto level = request.Query("evidence")) {
    query.evidence_level = EvidenceLevelFromCode(*level);
    if (!query.evidence_level) {
      return site.Fail(request, core::Error::InvalidInput("evidence must be demonstrated, replicated or promising"));
    }
  }
  if (const auto band = request.Query("population")) {
    const auto parsed = PopulationBandFromCode(*band);
    if (!parsed) {
      return site.Fail(request,
                       core::Error::InvalidInput("population must be under_10k, 10k_50k, 50k_250k or over_250k"));
    }
    query.population = *parsed;
  }
  const auto number = [&](std::string_view name, std::int64_t fallback) -> std::optional<std::int64_t> {
    const auto text = request.Query(name);
    if (!text) return fallback;
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc{} || end != text->data() + text->size()) return std::nullopt;
    return value;
  };
  const auto limit = number("limit", kDefaultLimit);
  const auto offset = number("offset", 0);
  if (!limit || !offset) return site.Fail(request, core::Error::InvalidInput("limit and offset must be whole numbers"));
  query.limit = *limit;
  query.offset = *offset;
  const std::string language = request.Query("language").value_or("en");
  auto found = service.Search(query, language);
  if (!found) return site.Fail(request, found.error());
  json items = json::array();
  for (const PracticeSummary& summary : found->items) items.push_back(SummaryJson(summary));
  json next = nullptr;
  if (query.offset + query.limit < found->total) {
    std::string base = "/api/v1/practices?";
    for (const std::string_view name : {"q", "area", "country", "evidence", "population", "language"}) {
      if (const auto value = request.Query(name)) base += std::string(name) + "=" + http::PercentEncode(*value) + "&";
    }
    next = fmt::format("{}limit={}&offset={}", base, query.limit, query.offset + query.limit);
  }
  return web::Site::List({{"items", std::move(items)}, {"total", found->total}, {"next", std::move(next)}}, "items");
}

http::Response ApiPractice(http::Request& request, const web::Site& site, PracticesService& service) {
  auto practice = service.Find(request.IntParameter("id"));
  if (!practice) return site.Fail(request, practice.error());
  json versions = json::array();
  for (const PracticeText& text : practice->versions) {
    json version = {{"language", text.language},
                    {"origin", text.origin == Origin::kMachine ? "machine" : "person"},
                    {"translator", text.translator},
                    {"translated_from", text.translated_from},
                    {"written_at", core::IsoUtc(text.written_at)}};
    for (std::size_t i = 0; i < kTextFields.size(); ++i) version[std::string(kTextFields[i].name)] = text.texts[i];
    versions.push_back(std::move(version));
  }
  json transfers = json::array();
  for (const Transfer& transfer : practice->transfers) {
    transfers.push_back({{"municipality", transfer.municipality_code},
                         {"country", transfer.country_code},
                         {"kind", transfer.kind},
                         {"measure_id", transfer.item_id ? json(*transfer.item_id) : json()},
                         {"measure", transfer.measure},
                         {"measure_status", transfer.measure_status},
                         {"measure_progress", transfer.measure_progress ? json(*transfer.measure_progress) : json()},
                         {"note", transfer.note},
                         {"demo", transfer.demo},
                         {"recorded_at", core::IsoUtc(transfer.recorded_at)}});
  }
  return web::Site::Json({{"id", practice->id},
                          {"url", PracticePath(practice->id)},
                          {"municipality", practice->municipality_code},
                          {"country", practice->country_code},
                          {"period_start", practice->period_start ? json(*practice->period_start) : json()},
                          {"period_end", practice->period_end ? json(*practice->period_end) : json()},
                          {"evidence_level", CodeOf(practice->evidence_level)},
                          {"cost_cents", practice->cost_cents ? json(*practice->cost_cents) : json()},
                          {"currency", practice->currency},
                          {"areas", practice->areas},
                          {"contacts", practice->contacts},
                          {"sources", practice->sources},
                          {"original_language", practice->original_language},
                          {"versions", versions},
                          {"transfers", transfers},
                          {"demo", practice->demo},
                          {"version", practice->version}});
}

}  // namespace

void AddPracticesApi(kernel::Routes& routes, const web::Site& site, PracticesService& service) {
  routes.Get("/api/v1/practices", core::Access::Anyone(),
             [&site, &service](http::Request& request) { return ApiList(request, site, service); });
  routes.Get("/api/v1/practices/{id:int}", core::Access::Anyone(),
             [&site, &service](http::Request& request) { return ApiPractice(request, site, service); });
}

}  // namespace practices
