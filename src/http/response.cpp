#include "http/response.hpp"

#include <algorithm>
#include <cctype>

namespace http {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

Response WithType(std::string body, int status, std::string type) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.headers.emplace_back("Content-Type", std::move(type));
  return response;
}

}  // namespace

std::string SetCookie::Header() const {
  std::string header = name + "=" + value + "; Path=/";
  if (max_age.count() > 0) header += "; Max-Age=" + std::to_string(max_age.count());
  if (http_only) header += "; HttpOnly";
  if (secure) header += "; Secure";
  header += same_site == SameSite::kLax ? "; SameSite=Lax" : "; SameSite=Strict";
  return header;
}

Response Response::Html(std::string body, int status) {
  return WithType(std::move(body), status, "text/html; charset=utf-8");
}

Response Response::Json(std::string body, int status) { return WithType(std::move(body), status, "application/json"); }

Response Response::Text(std::string body, int status) {
  return WithType(std::move(body), status, "text/plain; charset=utf-8");
}

Response Response::Redirect(std::string location) {
  Response response;
  response.status = 303;
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (EqualsIgnoringCase(key, name)) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Response::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoringCase(key, name)) return value;
  }
  return std::nullopt;
}

}  // namespace http
