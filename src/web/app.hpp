#pragma once
// The request pipeline in front of every route: static files, the body-size limit, language, routing,
// error pages, security headers and the access log.

#include <functional>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "web/site.hpp"

namespace web {

struct AppOptions {
  bool secure_cookies = false;  // behind a TLS-terminating proxy, set true
};

class App {
 public:
  App(Site& site, http::Router& router, AppOptions options = {});
  // Never throws: an exception in a route becomes a 500 page with the request id.
  http::Response Handle(http::Request& request) const;

 private:
  http::Response Route(http::Request& request) const;
  http::Response SwitchLanguage(http::Request& request) const;

  Site& site_;
  http::Router& router_;
  AppOptions options_;
};

// Headers every response carries (CSP without inline scripts, no framing, no sniffing).
void AddSecurityHeaders(http::Response& response);

}  // namespace web
