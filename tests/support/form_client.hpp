#pragma once
// What a browser does with Khetane's forms, for HTTP tests: read cookies and the hidden CSRF field, post a form.

#include <regex>
#include <string>

#include "http/request.hpp"
#include "support/http_client.hpp"

namespace test_support {

// The value of cookie `name` from the Set-Cookie headers of `response`, or "".
inline std::string CookieFrom(const HttpResponse& response, const std::string& name) {
  for (auto [it, end] = response.headers.equal_range("set-cookie"); it != end; ++it) {
    if (it->second.starts_with(name + "=")) {
      return it->second.substr(name.size() + 1, it->second.find(';') - name.size() - 1);
    }
  }
  return "";
}

// The CSRF token of the first form on a page, or "".
inline std::string HiddenCsrf(const std::string& html) {
  std::smatch match;
  return std::regex_search(html, match, std::regex(R"(name="csrf" value="([^"]+)\")")) ? match[1].str() : "";
}

inline HttpResponse PostForm(int port, const std::string& path, const std::string& body, const std::string& cookies) {
  return Request(port, "POST", path, {"Content-Type: application/x-www-form-urlencoded", "Cookie: " + cookies}, body);
}

// Signs in through the sign-in page as a browser does; returns the session cookie, "" when refused.
inline std::string SignIn(int port, const std::string& email, const std::string& password) {
  const HttpResponse page = Get(port, "/signin");
  const HttpResponse answer = PostForm(port, "/signin",
                                       "csrf=" + HiddenCsrf(page.body) + "&email=" + http::PercentEncode(email) +
                                           "&password=" + http::PercentEncode(password),
                                       "csrf=" + CookieFrom(page, "csrf"));
  return answer.status == 303 ? CookieFrom(answer, "session") : "";
}

}  // namespace test_support
