#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"

namespace http {

enum class SameSite { kLax, kStrict };

struct SetCookie {
  std::string name;
  std::string value;
  std::chrono::seconds max_age{0};  // 0: a session cookie
  bool http_only = true;
  bool secure = false;
  SameSite same_site = SameSite::kLax;

  std::string Header() const;
};

struct Response {
  int status = 200;
  Fields headers;
  std::string body;
  // For a JSON list (web::Site::List): the member of the body that holds its records. web::App pages such a list and
  // gives it as CSV on request; the open-data archive holds it.
  std::string list_member = {};

  static Response Html(std::string body, int status = 200);
  static Response Json(std::string body, int status = 200);
  static Response Text(std::string body, int status = 200);
  // 303 See Other: after a form post or a preference change, the browser fetches `location` with GET.
  static Response Redirect(std::string location);

  void SetHeader(std::string name, std::string value);
  std::optional<std::string_view> Header(std::string_view name) const;
  void AddCookie(const SetCookie& cookie) { headers.emplace_back("Set-Cookie", cookie.Header()); }
};

}  // namespace http
