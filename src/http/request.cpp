#include "http/request.hpp"

#include <charconv>
#include <stdexcept>

namespace http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<std::string_view> FindField(const Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return std::nullopt;
}

// The value of `name` in freshly parsed fields, moved out before they go.
std::optional<std::string> TakeField(Fields fields, std::string_view name) {
  for (auto& [key, value] : fields) {
    if (key == name) return std::move(value);
  }
  return std::nullopt;
}

}  // namespace

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

std::string PercentDecode(std::string_view text, PlusIs plus) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus == PlusIs::kSpace) {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() + 0 && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += c;  // a stray '%' stays as it is
    }
  }
  return out;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char raw : text) {
    const auto c = static_cast<unsigned char>(raw);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += raw;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

Fields ParseQueryString(std::string_view query) {
  Fields fields;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) {
      fields.emplace_back(PercentDecode(pair), "");
    } else {
      fields.emplace_back(PercentDecode(pair.substr(0, eq)), PercentDecode(pair.substr(eq + 1)));
    }
  }
  return fields;
}

Fields ParseCookieHeader(std::string_view header) {
  Fields cookies;
  while (!header.empty()) {
    const auto semicolon = header.find(';');
    const std::string_view pair = Trim(header.substr(0, semicolon));
    header = semicolon == std::string_view::npos ? std::string_view{} : header.substr(semicolon + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string_view value = Trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    cookies.emplace_back(std::string(Trim(pair.substr(0, eq))), std::string(value));
  }
  return cookies;
}

std::optional<std::string_view> Request::Header(std::string_view lowercase_name) const {
  return FindField(headers, lowercase_name);
}

std::optional<std::string> Request::Query(std::string_view name) const {
  return TakeField(ParseQueryString(query_string), name);
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  const auto header = Header("cookie");
  if (!header) return std::nullopt;
  return TakeField(ParseCookieHeader(*header), name);
}

std::optional<std::string> Request::Form(std::string_view name) const {
  const auto type = Header("content-type");
  if (!type || !type->starts_with("application/x-www-form-urlencoded")) return std::nullopt;
  return TakeField(ParseQueryString(body), name);
}

const std::string& Request::Parameter(std::string_view name) const {
  for (const auto& [key, value] : path_parameters) {
    if (key == name) return value;
  }
  throw std::logic_error("route has no parameter " + std::string(name));
}

std::int64_t Request::IntParameter(std::string_view name) const {
  const std::string& text = Parameter(name);
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);  // the router checked the digits
  return value;
}

std::optional<std::string_view> Request::Attribute(std::string_view name) const { return FindField(attributes, name); }

void Request::SetAttribute(std::string name, std::string value) {
  for (auto& [key, existing] : attributes) {
    if (key == name) {
      existing = std::move(value);
      return;
    }
  }
  attributes.emplace_back(std::move(name), std::move(value));
}

}  // namespace http
