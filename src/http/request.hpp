#pragma once
// A request as the rest of Khetane sees it: no RESTinio types beyond src/http/.

#include <any>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/actor.hpp"

namespace http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// What a route takes in a request's body, declared where the route is: a form's fields (or a small JSON body), or
// files (an upload, an import), for which the server accepts a larger body (http::ServerOptions).
enum class Body { kForm, kFiles };

std::string_view MethodName(Method method);

using Fields = std::vector<std::pair<std::string, std::string>>;

// "%D0%9B%D0%BE%D0%BC+x" → "Лом x": a '+' is a space in a query string or a form (application/x-www-form-urlencoded),
// and a plus in a path (RFC 3986).
enum class PlusIs { kSpace, kPlus };
std::string PercentDecode(std::string_view text, PlusIs plus = PlusIs::kSpace);
std::string PercentEncode(std::string_view text);
// "a=1&b=%D0%9B" → {{"a","1"},{"b","Л"}}
Fields ParseQueryString(std::string_view query);
// "lang=bg; session=abc" → {{"lang","bg"},{"session","abc"}}
Fields ParseCookieHeader(std::string_view header);

struct Request {
  Method method = Method::kGet;
  std::string path;          // decoded path without the query, e.g. "/places/search"
  std::string query_string;  // raw, without '?'
  Fields headers;            // names in lower case
  std::string body;
  std::string request_id;
  std::string remote_address;
  Fields path_parameters;  // filled by the router
  // What the matched route declared it needs (absent when no route matched): the access middleware checks it.
  std::optional<core::Access> access;
  // Set by middleware for the handlers that follow it (e.g. the chosen language "bg").
  Fields attributes;
  // Typed values set by middleware (e.g. the signed-in user), for modules that know the type.
  std::map<std::string, std::any, std::less<>> context;

  template <typename T>
  const T* Context(std::string_view key) const {
    const auto found = context.find(key);
    return found == context.end() ? nullptr : std::any_cast<T>(&found->second);
  }

  std::optional<std::string_view> Header(std::string_view lowercase_name) const;
  std::optional<std::string> Query(std::string_view name) const;
  std::optional<std::string> Cookie(std::string_view name) const;
  // A field of an application/x-www-form-urlencoded body.
  std::optional<std::string> Form(std::string_view name) const;
  // A path parameter the router matched; routes declare it, so it is always present there.
  const std::string& Parameter(std::string_view name) const;
  std::int64_t IntParameter(std::string_view name) const;
  std::optional<std::string_view> Attribute(std::string_view name) const;
  void SetAttribute(std::string name, std::string value);
};

}  // namespace http
