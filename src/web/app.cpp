#include "web/app.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "core/clock.hpp"
#include "core/local_time.hpp"
#include "core/text.hpp"
#include "http/multipart.hpp"
#include "http/server.hpp"
#include "web/list_formats.hpp"

namespace web {

void AddSecurityHeaders(http::Response& response) {
  response.SetHeader("Content-Security-Policy",
                     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                     "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  response.SetHeader("X-Frame-Options", "DENY");
}

App::App(Site& site, http::Router& router, AppOptions options) : site_(site), router_(router), options_(options) {
  std::string codes;  // "bg|en|cs|nl|rom"
  for (const Language language : AllLanguages()) codes += (codes.empty() ? "" : "|") + std::string(CodeOf(language));
  router_.Add(
      http::Method::kGet, "/language/{code:" + codes + "}", core::Access::Anyone(),
      [this](http::Request& request) { return SwitchLanguage(request); }, "site");
}

http::Response App::SwitchLanguage(http::Request& request) const {
  const std::string code = request.Parameter("code");
  // A language whose catalogue is incomplete is not offered: no cookie would choose it.
  if (!site_.translations().Offers(*LanguageFromCode(code))) return site_.ErrorPage(request, 404);
  http::SetCookie cookie{std::string(kLanguageCookie), code, std::chrono::hours(24 * 365), true,
                         options_.secure_cookies};
  http::Response response = http::Response::Redirect(SafeLocalPath(request.Query("next").value_or("/")));
  response.AddCookie(cookie);
  return response;
}

std::string SafeLocalPath(const std::string& requested, const std::string& fallback) {
  // Browsers drop tabs and line breaks from URLs ("/\t/evil.example" is "//evil.example"): refuse every control
  // character, and backslashes, which some browsers read as slashes.
  const bool has_control = std::any_of(requested.begin(), requested.end(),
                                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
  const bool local = requested.starts_with("/") && !requested.starts_with("//") &&
                     requested.find('\\') == std::string::npos && !has_control;
  return local ? requested : fallback;
}

std::optional<std::string> PublicUrl(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return std::nullopt;
  }
  const auto bad = [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7F || c == '\\' || c == '?' || c == '#' || c == '@' || c == '"' || c == '<' ||
           c == '>';
  };
  if (std::any_of(rest.begin(), rest.end(), bad)) return std::nullopt;
  const std::string_view host = rest.substr(0, rest.find('/'));
  if (host.empty() || host.starts_with(':')) return std::nullopt;
  while (url.ends_with('/')) url.remove_suffix(1);
  return std::string(url);
}

namespace {

// Whether the address and what a form sent (a field of the query, of an urlencoded or a multipart body; files are
// bytes) are text every database keeps alike: strict UTF-8 without NUL. JSON bodies are checked by JsonBodyOf.
bool SentText(http::Request& request) {
  if (!core::IsStorableText(request.path)) return false;
  const auto fields_are_text = [](const http::Fields& fields) {
    return std::all_of(fields.begin(), fields.end(), [](const auto& field) {
      return core::IsStorableText(field.first) && core::IsStorableText(field.second);
    });
  };
  if (!fields_are_text(http::ParseQueryString(request.query_string))) return false;
  const auto type = request.Header("content-type").value_or("");
  if (type.starts_with("application/x-www-form-urlencoded"))
    return fields_are_text(http::ParseQueryString(request.body));
  if (type.starts_with("multipart/form-data")) {
    if (const auto* parts = http::CachedMultipartParts(request)) {
      return std::all_of(parts->begin(), parts->end(), [](const http::FormPart& part) {
        return core::IsStorableText(part.name) && (part.filename || core::IsStorableText(part.body));
      });
    }
  }
  return true;
}

}  // namespace

std::string LoggedPath(const http::Request& request) {
  const auto route = request.Attribute("route");
  if (route && route->find("{token") != std::string_view::npos) return http::PatternShape(*route);
  std::string logged;
  logged.reserve(request.path.size());
  for (const char c : request.path) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || c == '\\') {
      logged += fmt::format("\\x{:02X}", byte);
    } else {
      logged += c;
    }
  }
  return logged;
}

http::Response App::Route(http::Request& request) const {
  if (const auto refused = request.Header(http::kRefusedHeader)) return Refused(request, *refused);
  if (!SentText(request)) {
    return site_.Fail(request, core::Error::InvalidInput("The address or the form holds bytes that are not text."));
  }
  for (const auto& [name, value] : http::ParseQueryString(request.query_string)) {
    if (core::CountCharacters(value) > kMaxQueryValueCharacters) {
      return site_.Fail(request, core::Error::InvalidInput("A search or a filter is at most 2,000 characters long."));
    }
  }
  if (auto file = site_.static_files().Serve(request)) {
    request.SetAttribute("static", "yes");  // the same bytes for everyone: no Vary on the cookie or the language
    return std::move(*file);
  }

  const auto match = router_.Find(request.method, request.path);
  if (match.route) {
    request.path_parameters = match.parameters;
    request.SetAttribute("route", match.route->pattern);
    request.access = match.route->access;
  }
  // Middleware runs for unknown addresses too: a "not found" page still shows who is signed in.
  for (const auto& middleware : middleware_) {
    if (auto answer = middleware(request)) return std::move(*answer);
  }
  if (!match.route) return site_.ErrorPage(request, match.other_method_matches ? 405 : 404);
  const bool visitor = request.Context<core::SignedIn>(core::kSignedInContext) == nullptr;
  if (version_ && visitor && match.route->kept == http::Kept::kForVisitors &&
      (request.method == http::Method::kGet || request.method == http::Method::kHead)) {
    return Kept(request, match.route->handler);
  }
  http::Response response = match.route->handler(request);
  if (request.method == http::Method::kGet && request.path.starts_with("/api/")) {
    if (auto shaped = ShapeList(request, response); !shaped) return site_.Fail(request, shaped.error());
  }
  return response;
}

http::Body App::BodyOf(http::Method method, std::string_view path) const {
  const auto match = router_.Find(method, path);
  return match.route ? match.route->body : http::Body::kForm;
}

// What the transport refused as it arrived (http::kRefusedHeader), answered in the reader's language.
http::Response App::Refused(const http::Request& request, std::string_view status) const {
  if (status == "503") {
    http::Response busy = site_.ErrorPage(request, 503);
    busy.SetHeader("Retry-After", std::to_string(http::kUploadRetrySeconds));
    return busy;
  }
  if (status == "400") return site_.ErrorPage(request, 400);
  return site_.ErrorPage(request, status == "414" ? 414 : status == "431" ? 431 : 413);
}

// A kept page: the bytes made from the current data version, or a fresh render kept for the next visitor; a 304 when
// the browser holds them already.
http::Response App::Kept(http::Request& request, const http::Handler& handler) const {
  const std::int64_t version = version_->current();
  // Pages count days on the installation's clock: a page is made again after local midnight.
  const std::int64_t day = core::LocalDay(core::SystemClock().Now()).time_since_epoch().count();
  auto made = kept_.FindOrMake(ResponseCache::KeyOf(request), version, day, [&] {
    http::Response response = handler(request);
    if (request.path.starts_with("/api/")) {
      if (auto shaped = ShapeList(request, response); !shaped) return site_.Fail(request, shaped.error());
    }
    return response;
  });
  return made.kept ? AnswerFromKept(request, *made.kept) : std::move(made.response);
}

std::string ClientAddress(const http::Request& request, const std::vector<std::string>& trusted_proxies) {
  const auto trusted = [&](std::string_view address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) != trusted_proxies.end();
  };
  if (!trusted(request.remote_address)) return request.remote_address;
  const auto forwarded = request.Header("x-forwarded-for");
  if (!forwarded) return request.remote_address;
  // Each proxy appends the address it heard from: the first from the right that is not a proxy of ours is the client;
  // what lies to its left the client wrote itself.
  std::string_view rest = *forwarded;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    std::string hop = core::TrimSpaces(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    if (!hop.empty() && !trusted(hop)) return hop;
    if (comma == std::string_view::npos) break;
    rest = rest.substr(0, comma);
  }
  return request.remote_address;
}

http::Response App::Handle(http::Request& request) const {
  const auto started = std::chrono::steady_clock::now();
  if (!options_.trusted_proxies.empty()) request.remote_address = ClientAddress(request, options_.trusted_proxies);
  request.SetAttribute("lang", std::string(CodeOf(ChooseLanguage(request, site_.translations().Offered()))));

  http::Response response;
  try {
    response = Route(request);
  } catch (const core::Failure& failure) {
    // An expected failure thrown from below (a conflict with stored data, a lost database): its own status and page.
    spdlog::error("request {}: {} {}: {}", request.request_id, http::MethodName(request.method), request.path,
                  failure.what());
    response = site_.Fail(request, failure.error());
  } catch (const std::exception& error) {
    spdlog::error("request {}: {} {}: {}", request.request_id, http::MethodName(request.method), request.path,
                  error.what());
    response = site_.ErrorPage(request, 500);
  }
  // What visitors see changes only by the signed-in: a visitor's sign-in, registration or filing (verified later by a
  // moderator) leaves the kept pages standing.
  if (version_ && request.method != http::Method::kGet && request.method != http::Method::kHead &&
      response.status < 400 && request.Context<core::SignedIn>(core::kSignedInContext) != nullptr) {
    version_->changed();
  }
  AddSecurityHeaders(response);
  if (!response.Header("Vary") && !request.Attribute("static")) response.SetHeader("Vary", "Cookie, Accept-Language");

  const auto duration =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  metrics_.Count(request.method, response.status, duration);
  const auto micros = duration.count();
  spdlog::info("{} {} {} {} {}.{:03}ms {}", request.remote_address, http::MethodName(request.method),
               LoggedPath(request), response.status, micros / 1000, micros % 1000, request.request_id);
  return response;
}

}  // namespace web
