#pragma once
// multipart/form-data bodies (RFC 7578): the forms that upload a file.

#include <optional>
#include <string>
#include <vector>

#include "http/request.hpp"

namespace http {

struct FormPart {
  std::string name;                     // the form field's name
  std::optional<std::string> filename;  // set on a file, as the browser sent it
  std::string content_type;             // "" when the part gives none
  std::string body;
};

// The parts of a multipart/form-data request, in order; nullopt when the request is not one or its body is malformed.
std::optional<std::vector<FormPart>> MultipartParts(const Request& request);

// The same, parsed once per request and kept in its context for whoever asks next (the CSRF check, then the route).
const std::vector<FormPart>* CachedMultipartParts(Request& request);

// The first part named `name`, or nullptr.
const FormPart* FindPart(const std::vector<FormPart>* parts, std::string_view name);
// The text of the field `name` (not a file): "" when absent, or when `parts` is null (the body was no multipart form).
std::string PartText(const std::vector<FormPart>* parts, std::string_view name);

}  // namespace http
