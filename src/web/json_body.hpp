#pragma once
// The body of an API call that changes something, read as a form would be: a JSON object whose fields of the wrong
// type (a number for a text, a text for an id) are refused by name rather than read as absent.

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "http/request.hpp"

namespace web {

// Arrays and objects nested deeper than this are refused as "not JSON": what is accepted is walked by recursion (here
// and by nlohmann's copies and dumps), and 50,000 levels (a 100 KB body) overflowed a thread's 8 MB stack.
inline constexpr int kMaxJsonBodyDepth = 64;

// The body as an object, or the one error: not JSON (or nested deeper than kMaxJsonBodyDepth), not an object, or every
// field of `texts` that is not a string, of `ids` that is not a whole number above 0 and of `flags` that is not true or
// false (null counts as absent).
core::Result<nlohmann::json> JsonBodyOf(const http::Request& request, std::initializer_list<const char*> texts,
                                        std::initializer_list<const char*> ids,
                                        std::initializer_list<const char*> flags = {});
// A text field ("" when absent) and an id field (nullopt when absent).
std::string TextIn(const nlohmann::json& body, const char* name);
std::optional<std::int64_t> IdIn(const nlohmann::json& body, const char* name);
// A true-or-false field, `absent` when it is not there.
bool FlagIn(const nlohmann::json& body, const char* name, bool absent);

}  // namespace web
