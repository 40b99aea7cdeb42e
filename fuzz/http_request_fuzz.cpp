// libFuzzer target for the parsers of what a request brings (issue 18): percent-decoding (http::PercentDecode, a '+'
// as a space and as a plus), query strings and form bodies (http::ParseQueryString, Request::Query and Request::Form),
// cookies (http::ParseCookieHeader, Request::Cookie), multipart/form-data bodies (http::MultipartParts, the first line
// of the input as the boundary and the rest as the body) and JSON bodies (web::JsonBodyOf). Whatever the bytes, none
// crashes, hangs or reads out of bounds, and what they give keeps its promises: decoding never lengthens a text and
// undoes PercentEncode; a query string or a cookie header written again from its fields reads back as the same fields;
// a multipart part's body is bytes of the request body without the delimiter, and the parts written again read back
// the same; an accepted JSON body is an object whose named fields have their types, nested no deeper than
// web::kMaxJsonBodyDepth, and can be written as JSON again.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target http_request_fuzz -j2
//   cp -r fuzz/corpus/http_request /tmp/http-request-corpus   # libFuzzer writes into the folder it is given
//   build/fuzz/http_request_fuzz -max_total_time=300 /tmp/http-request-corpus

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/multipart.hpp"
#include "http/request.hpp"
#include "web/json_body.hpp"

namespace {

using http::Fields;

void Require(bool condition) {
  if (!condition) std::abort();
}

bool Contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

std::size_t Count(std::string_view text, char c) {
  std::size_t count = 0;
  for (const char each : text) count += each == c ? 1 : 0;
  return count;
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

void CheckPercentDecoding(std::string_view text) {
  const std::string as_space = http::PercentDecode(text, http::PlusIs::kSpace);
  const std::string as_plus = http::PercentDecode(text, http::PlusIs::kPlus);
  // "%XX" gives one byte, anything else itself: never longer, and both modes decode the same escapes.
  Require(as_space.size() <= text.size());
  Require(as_plus.size() == as_space.size());
  for (std::size_t i = 0; i < as_space.size(); ++i) {
    Require(as_space[i] == as_plus[i] || (as_plus[i] == '+' && as_space[i] == ' '));
  }
  if (!Contains(text, "%")) {
    Require(as_plus == text);
    Require(as_space.size() == text.size());
  }
  // PercentEncode leaves only unreserved characters and escapes: decoding gives the text back, in both modes.
  const std::string encoded = http::PercentEncode(text);
  Require(!Contains(encoded, "+") && !Contains(encoded, "&") && !Contains(encoded, "="));
  Require(http::PercentDecode(encoded, http::PlusIs::kSpace) == text);
  Require(http::PercentDecode(encoded, http::PlusIs::kPlus) == text);
}

void CheckQueryString(std::string_view query) {
  const Fields fields = http::ParseQueryString(query);
  // One field for every piece between '&' that is not empty.
  std::size_t pieces = 0;
  std::size_t length = 0;
  for (const char c : query) {
    if (c == '&') {
      pieces += length > 0 ? 1 : 0;
      length = 0;
    } else {
      ++length;
    }
  }
  pieces += length > 0 ? 1 : 0;
  Require(fields.size() == pieces);
  Require(fields.size() <= Count(query, '&') + 1);
  std::size_t decoded = 0;
  for (const auto& [name, value] : fields) decoded += name.size() + value.size();
  Require(decoded <= query.size());

  // Written again with PercentEncode, the fields read back the same.
  std::string written;
  for (const auto& [name, value] : fields) {
    if (!written.empty()) written += '&';
    written += http::PercentEncode(name) + "=" + http::PercentEncode(value);
  }
  Require(http::ParseQueryString(written) == fields);

  // The request's accessors give the first field of a name, from the query string and from a form body alike.
  http::Request request;
  request.query_string = std::string(query);
  request.body = std::string(query);
  request.headers = {{"content-type", "application/x-www-form-urlencoded; charset=UTF-8"}};
  if (!fields.empty()) {
    Require(request.Query(fields.front().first) == fields.front().second);
    Require(request.Form(fields.front().first) == fields.front().second);
  }
  request.headers = {{"content-type", "text/plain"}};
  Require(!request.Form(fields.empty() ? "" : fields.front().first).has_value());
}

void CheckCookies(std::string_view header) {
  const Fields cookies = http::ParseCookieHeader(header);
  Require(cookies.size() <= Count(header, ';') + 1);
  for (const auto& [name, value] : cookies) {
    Require(!name.empty() && !IsBlank(name.front()) && !IsBlank(name.back()));
    Require(!Contains(name, ";") && !Contains(name, "=") && !Contains(value, ";"));
    Require(Contains(header, name) && Contains(header, value));
  }
  // Written again, each value quoted, the cookies read back the same.
  std::string written;
  for (const auto& [name, value] : cookies) {
    if (!written.empty()) written += "; ";
    written += name + "=\"" + value + "\"";
  }
  Require(http::ParseCookieHeader(written) == cookies);

  http::Request request;
  Require(!request.Cookie("session").has_value());
  request.headers = {{"cookie", std::string(header)}};
  if (!cookies.empty()) Require(request.Cookie(cookies.front().first) == cookies.front().second);
}

// A parameter's value as a quoted-string (RFC 9110 5.6.4).
std::string Quoted(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (const char raw : text) {
    const auto c = static_cast<unsigned char>(raw);
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(raw) == std::string_view::npos) return false;
  }
  return true;
}

http::Request Upload(std::string_view boundary, std::string body) {
  http::Request request;
  request.method = http::Method::kPost;
  request.headers = {{"content-type", "multipart/form-data; boundary=" +
                                          (IsToken(boundary) ? std::string(boundary) : Quoted(boundary))}};
  request.body = std::move(body);
  return request;
}

bool SameParts(const std::vector<http::FormPart>& a, const std::vector<http::FormPart>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].filename != b[i].filename || a[i].content_type != b[i].content_type ||
        a[i].body != b[i].body) {
      return false;
    }
  }
  return true;
}

void CheckMultipart(std::string_view input) {
  const std::size_t newline = input.find('\n');
  const std::string_view boundary = input.substr(0, newline);
  const std::string_view body = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
  http::Request request = Upload(boundary, std::string(body));

  const auto parts = http::MultipartParts(request);
  // The same request gives the same parts, and a request's cached parts are those.
  const auto again = http::MultipartParts(request);
  Require(parts.has_value() == again.has_value() && (!parts || SameParts(*parts, *again)));
  const std::vector<http::FormPart>* cached = http::CachedMultipartParts(request);
  Require((cached != nullptr) == parts.has_value() && (!parts || SameParts(*parts, *cached)));
  Require(http::CachedMultipartParts(request) == cached);
  if (!parts) return;

  Require(!boundary.empty() && boundary.size() <= 70);
  Require(!parts->empty());
  const std::string delimiter = "--" + std::string(boundary);
  for (const http::FormPart& part : *parts) {
    Require(Contains(body, part.body));
    Require(!Contains(part.body, delimiter));
    Require(!Contains(part.name, "\r") && !Contains(part.name, "\n"));
    Require(!part.filename || (!Contains(*part.filename, "\r") && !Contains(*part.filename, "\n")));
    Require(!Contains(part.content_type, "\r") && !Contains(part.content_type, "\n"));
    Require(http::FindPart(&*parts, part.name) != nullptr);
  }
  Require(http::PartText(&*parts, parts->front().name) == (parts->front().filename ? "" : parts->front().body));

  // Written again as a browser writes them, the parts read back the same; unless a name or a file name, unescaped,
  // now holds the delimiter, which no browser would choose.
  std::string written;
  for (const http::FormPart& part : *parts) {
    std::string head = "Content-Disposition: form-data; name=" + Quoted(part.name);
    if (part.filename) head += "; filename=" + Quoted(*part.filename);
    head += "\r\n";
    if (!part.content_type.empty()) head += "Content-Type: " + part.content_type + "\r\n";
    if (Contains(head, delimiter)) return;
    written += delimiter + "\r\n" + head + "\r\n" + part.body + "\r\n";
  }
  written += delimiter + "--\r\n";
  const auto reread = http::MultipartParts(Upload(boundary, written));
  Require(reread.has_value() && SameParts(*parts, *reread));
}

// How deep arrays and objects nest in `value`, found without recursion.
int DepthOf(const nlohmann::json& value) {
  int deepest = 0;
  std::vector<std::pair<const nlohmann::json*, int>> pending = {{&value, 0}};
  while (!pending.empty()) {
    const auto [each, depth] = pending.back();
    pending.pop_back();
    if (!each->is_structured()) continue;
    deepest = std::max(deepest, depth + 1);
    for (const nlohmann::json& member : *each) pending.emplace_back(&member, depth + 1);
  }
  return deepest;
}

void CheckJsonBody(std::string_view text) {
  http::Request request;
  request.method = http::Method::kPost;
  request.headers = {{"content-type", "application/json"}};
  request.body = std::string(text);
  const auto body = web::JsonBodyOf(request, {"title", "body"}, {"item_id", "organisation_id"}, {"public"});
  if (!body.ok()) {
    Require(body.error().kind == core::ErrorKind::kInvalidInput && !body.error().message.empty());
    return;
  }
  // Accepted: an object whose named fields, when present and not null, have the type they are read as.
  const nlohmann::json& object = *body;
  Require(object.is_object());
  Require(nlohmann::json::accept(text));
  // Not so deep that walking it by recursion (AllStorable, dump, a copy) could overflow a thread's stack.
  Require(DepthOf(object) <= web::kMaxJsonBodyDepth);
  for (const char* name : {"title", "body"}) {
    const auto found = object.find(name);
    Require(found == object.end() || found->is_null() || (found->is_string() && web::TextIn(object, name) == *found));
  }
  for (const char* name : {"item_id", "organisation_id"}) {
    const auto found = object.find(name);
    const std::optional<std::int64_t> id = web::IdIn(object, name);
    Require(found == object.end() || found->is_null() || (id.has_value() && *id > 0));
  }
  const auto flag = object.find("public");
  Require(flag == object.end() || flag->is_null() || flag->is_boolean());
  Require(web::FlagIn(object, "public", true) ==
          (flag != object.end() && flag->is_boolean() ? flag->get<bool>() : true));
  // Every text in it is storable UTF-8: written as JSON again (which throws on invalid UTF-8), it reads back equal.
  Require(nlohmann::json::parse(object.dump()) == object);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckPercentDecoding(input);
  CheckQueryString(input);
  CheckCookies(input);
  CheckMultipart(input);
  CheckJsonBody(input);
  return 0;
}
