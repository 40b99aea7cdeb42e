#pragma once
// What the accounts module's pages share: the CSRF token of a form, the origin of a request for the audit log,
// times and paging as pages show them, and the list of municipalities a form offers.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "http/request.hpp"
#include "http/response.hpp"
#include "modules/accounts/session.hpp"
#include "modules/places/places_service.hpp"
#include "web/app.hpp"
#include "web/form.hpp"
#include "web/reader.hpp"
#include "web/site.hpp"
#include "web/ui.hpp"

namespace accounts {

using web::FormStatusOf;

// The token a form carries: the session's when signed in; before sign-in the `csrf` cookie's, made when there is none.
struct FormCsrf {
  std::string token;
  bool new_cookie = false;  // the response must set the cookie
};
FormCsrf FormCsrfOf(const http::Request& request);
// Sets the cookie when it is new, and keeps the page out of every cache (its form holds a token).
http::Response WithFormCsrf(http::Response response, const FormCsrf& csrf, const web::App& app);

Origin OriginOf(const http::Request& request);

// The `offset` query parameter: 0 when absent, nullopt when it is not a whole number.
std::optional<std::int64_t> OffsetOf(const http::Request& request);

// Every municipality of Bulgaria (or those in `only`, when it names any, which may be of other countries) as <option>
// data ({value, label, selected}), labelled "Лом (Монтана)" or "Gent (Belgium)", in the reader's alphabetical order.
nlohmann::json MunicipalityOptions(const web::Reader& reader, places::PlacesService& places,
                                   const std::string& selected, const std::set<std::string, std::less<>>& only = {});

}  // namespace accounts
