#include "modules/accounts/form_support.hpp"

#include <map>

#include "modules/accounts/accounts_routes.hpp"

namespace accounts {

FormCsrf FormCsrfOf(const http::Request& request) {
  if (const auto session_token = request.Attribute("csrf_token")) return {std::string(*session_token), false};
  std::string token = request.Cookie(kAnonymousCsrfCookie).value_or("");
  if (token.size() >= 32) return {std::move(token), false};
  return {NewToken(), true};
}

http::Response WithFormCsrf(http::Response response, const FormCsrf& csrf, const web::App& app) {
  if (csrf.new_cookie) {
    http::SetCookie cookie;
    cookie.name = std::string(kAnonymousCsrfCookie);
    cookie.value = csrf.token;
    cookie.secure = app.options().secure_cookies;
    response.AddCookie(cookie);
  }
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Origin OriginOf(const http::Request& request) { return {request.remote_address, request.request_id}; }

std::optional<std::int64_t> OffsetOf(const http::Request& request) {
  const std::string text = request.Query("offset").value_or("0");
  try {
    std::size_t used = 0;
    const std::int64_t offset = std::stoll(text, &used);
    if (used != text.size() || offset < 0) return std::nullopt;
    return offset;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

nlohmann::json MunicipalityOptions(const web::Reader& reader, places::PlacesService& places,
                                   const std::string& selected, const std::set<std::string, std::less<>>& only) {
  std::map<std::string, std::string, std::less<>> oblasts;
  for (const auto& oblast : places.AllOblasts())
    oblasts[oblast.code] = reader.Localised(oblast.name_bg, oblast.name_en);
  auto municipalities = places.AllMunicipalities();
  if (!only.empty()) {
    std::erase_if(municipalities, [&](const places::Municipality& each) { return !only.contains(each.code); });
    // Those of other countries, labelled by their country.
    for (const std::string& code : only) {
      if (places::CountryOfMunicipality(code) == places::kBulgaria) continue;
      const auto profile = places.FindMunicipality(code);
      if (!profile) continue;
      municipalities.push_back((*profile)->detail.municipality);
      oblasts[code] = reader.Localised((*profile)->detail.country.name_bg, (*profile)->detail.country.name_en);
    }
  }
  reader.SortByName(municipalities,
                    [&](const places::Municipality& each) { return reader.Localised(each.name_bg, each.name_en); });
  nlohmann::json options = nlohmann::json::array();
  for (const auto& municipality : municipalities) {
    // Two municipalities may share a name (Бяла in Ruse and in Varna oblast): the oblast tells them apart.
    const bool bulgarian = municipality.country_code == places::kBulgaria;
    options.push_back({{"value", municipality.code},
                       {"label", reader.Localised(municipality.name_bg, municipality.name_en) + " (" +
                                     oblasts[bulgarian ? municipality.oblast_code : municipality.code] + ")"},
                       {"selected", municipality.code == selected}});
  }
  return options;
}

}  // namespace accounts
