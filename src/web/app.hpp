#pragma once
// The request pipeline in front of every route: static files, the body-size limit, language, routing,
// error pages, security headers and the access log.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "web/metrics.hpp"
#include "web/response_cache.hpp"
#include "web/site.hpp"

namespace web {

struct AppOptions {
  bool secure_cookies = false;  // behind a TLS-terminating proxy, set true
  // Whether anyone may register as a community monitor at /register (an administrator still approves each request).
  bool allow_registration = false;
  // Where users reach the site ("https://khetane.example.org", see PublicUrl): links in messages are this and a path.
  // "" leaves paths. Never taken from a request's Host header, which the client chooses.
  std::string public_url;
  // A mail server delivers the outbox (`khetane serve --smtp-url`): pages say that messages are sent by email.
  bool mail_delivery = false;
  // Counts of people below this, and shares of fewer people, are suppressed on public pages, in the API and exports.
  int suppress_below = 5;
  // How far, in points of 0–100, the official progress of a measure may run ahead of the community's view before the
  // two are a discrepancy (docs/methodology.md, "Community monitoring").
  int discrepancy_threshold = 30;
  // A LibreTranslate server (`khetane serve --translation-url`), and its API key: readers may then ask for a practice
  // in their language by machine. "" for none.
  std::string translation_url;
  std::string translation_api_key;
  // Addresses of reverse proxies in front (`khetane serve --trusted-proxy`): a request from one of them is from the
  // client its X-Forwarded-For names, for sign-in throttling, the audit log and the access log alike.
  std::vector<std::string> trusted_proxies;
};

// `url` without its trailing slashes when it is an http or https URL with a host and no user, query or fragment
// ("https://khetane.example.org/" → "https://khetane.example.org"); nullopt otherwise.
std::optional<std::string> PublicUrl(std::string_view url);

// Runs after the route is found (its pattern is the request attribute "route"; absent when none matched) and
// before it is called; an answer it gives ends the request (a refused CSRF token, say).
using Middleware = std::function<std::optional<http::Response>(http::Request&)>;

// Where the data version of the site comes from, and what moves it on (kernel::DataVersion).
struct DataVersionSource {
  std::function<std::int64_t()> current;  // the version now; cheap, called on every kept page's request
  std::function<void()> changed;          // after a request that may have changed the data
};

class App {
 public:
  App(Site& site, http::Router& router, AppOptions options = {});
  // Middleware runs in the order it is added, after static files and before the route.
  void Use(Middleware middleware) { middleware_.push_back(std::move(middleware)); }
  const AppOptions& options() const { return options_; }
  const http::Router& router() const { return router_; }
  // Keeps the pages routes declare http::Kept::kForVisitors for visitors, under `version`; a POST (or any method but
  // GET and HEAD) of a signed-in person answered below 400 moves the version on. Without it, every request renders its
  // page.
  void KeepPagesUnder(DataVersionSource version) { version_ = std::move(version); }
  // Never throws: an exception in a route becomes a 500 page with the request id.
  http::Response Handle(http::Request& request) const;
  // What the route at `path` takes in its body (http::ServerOptions::body_of); a path without a route takes a form.
  http::Body BodyOf(http::Method method, std::string_view path) const;
  // What has been answered since the start (`/metrics`), and how many pages are kept for visitors.
  const RequestMetrics& metrics() const { return metrics_; }
  std::size_t kept_pages() const { return kept_.size(); }

 private:
  http::Response Route(http::Request& request) const;
  http::Response SwitchLanguage(http::Request& request) const;
  http::Response Kept(http::Request& request, const http::Handler& handler) const;
  http::Response Refused(const http::Request& request, std::string_view status) const;

  Site& site_;
  http::Router& router_;
  AppOptions options_;
  std::vector<Middleware> middleware_;
  std::optional<DataVersionSource> version_;
  mutable ResponseCache kept_;
  mutable RequestMetrics metrics_;
};

// `requested` when it is a path on this site, otherwise `fallback`: "//evil.example" or "https://…" as a
// redirect target would send users elsewhere.
std::string SafeLocalPath(const std::string& requested, const std::string& fallback = "/");

// Headers every response carries (CSP without inline scripts, no framing, no sniffing).
void AddSecurityHeaders(http::Response& response);

// The longest value of a query parameter, in characters: a search, a filter, a scope. A longer one is refused with a
// 400 before any route runs (SQLite refuses a LIKE pattern beyond 50,000 bytes with an error, and nobody searches
// with a page of text).
inline constexpr std::size_t kMaxQueryValueCharacters = 2000;

// The address a request came from: `request.remote_address`, or, when that is one of `trusted_proxies`, the right-most
// address in X-Forwarded-For that is not one of them.
std::string ClientAddress(const http::Request& request, const std::vector<std::string>& trusted_proxies);

// A request's path as the access log and the audit log write it: the route's shape when the path holds a one-time
// link's token (a password for as long as it lives), and every control character as \xNN, so that an address with
// %0A in it cannot write a forged line.
std::string LoggedPath(const http::Request& request);

}  // namespace web
