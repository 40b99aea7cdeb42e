#include "modules/accounts/form_support.hpp"

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

nlohmann::json MunicipalityOptions(const http::Request& request, places::PlacesService& places,
                                   const std::string& selected) {
  const bool bulgarian = web::Site::LanguageOf(request) == web::Language::kBulgarian;
  auto municipalities = places.AllMunicipalities();
  if (!bulgarian) {
    std::ranges::sort(municipalities, {}, &places::Municipality::name_en);
  }
  nlohmann::json options = nlohmann::json::array();
  for (const auto& municipality : municipalities) {
    options.push_back(
        {{"value", municipality.code},
         {"label", (bulgarian ? municipality.name_bg : municipality.name_en) + " (" + municipality.code + ")"},
         {"selected", municipality.code == selected}});
  }
  return options;
}

}  // namespace accounts
