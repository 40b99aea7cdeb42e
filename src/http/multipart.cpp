#include "http/multipart.hpp"

#include <restinio/all.hpp>
#include <restinio/helpers/http_field_parsers/content-disposition.hpp>
#include <restinio/helpers/http_field_parsers/content-type.hpp>
#include <restinio/helpers/multipart_body.hpp>

namespace http {
namespace {

// The boundary parameter of "multipart/form-data; boundary=…", read by RESTinio's parser of the Content-Type grammar
// (RFC 9110 8.3.1: type/subtype, parameters as tokens or quoted strings, names in any case), so that a "boundary="
// inside another parameter's quoted value is not taken for it.
std::optional<std::string> BoundaryOf(std::string_view content_type) {
  namespace hfp = restinio::http_field_parsers;
  const auto parsed = hfp::content_type_value_t::try_parse(content_type);
  if (!parsed || parsed->media_type.type != "multipart" || parsed->media_type.subtype != "form-data") {
    return std::nullopt;
  }
  const auto boundary = hfp::find_first(parsed->media_type.parameters, "boundary");
  // RFC 2046 5.1.1: 1 to 70 characters.
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  return std::string(boundary->data(), boundary->size());
}

}  // namespace

std::optional<std::vector<FormPart>> MultipartParts(const Request& request) {
  const auto content_type = request.Header("content-type");
  if (!content_type) return std::nullopt;
  const auto boundary = BoundaryOf(*content_type);
  if (!boundary) return std::nullopt;
  namespace hfp = restinio::http_field_parsers;
  const std::string delimiter = "--" + *boundary;
  std::vector<FormPart> parts;
  for (const auto raw : restinio::multipart_body::split_multipart_body(request.body, delimiter)) {
    const auto parsed = restinio::multipart_body::try_parse_part(raw);
    if (!parsed) return std::nullopt;
    const auto disposition = parsed->fields.opt_value_of(restinio::http_field::content_disposition);
    if (!disposition) return std::nullopt;
    const auto value = hfp::content_disposition_value_t::try_parse(*disposition);
    if (!value || value->value != "form-data") return std::nullopt;
    const auto name = hfp::find_first(value->parameters, "name");
    if (!name) return std::nullopt;
    FormPart part;
    part.name = std::string(name->data(), name->size());
    if (const auto filename = hfp::find_first(value->parameters, "filename")) {
      part.filename = std::string(filename->data(), filename->size());
    }
    if (const auto type = parsed->fields.opt_value_of(restinio::http_field::content_type)) {
      part.content_type = std::string(type->data(), type->size());
    }
    part.body = std::string(parsed->body.data(), parsed->body.size());
    parts.push_back(std::move(part));
  }
  if (parts.empty()) return std::nullopt;
  return parts;
}

const std::vector<FormPart>* CachedMultipartParts(Request& request) {
  constexpr std::string_view kKey = "multipart_parts";
  if (const auto* cached = request.Context<std::optional<std::vector<FormPart>>>(kKey)) {
    return cached->has_value() ? &**cached : nullptr;
  }
  auto& stored = request.context[std::string(kKey)] = MultipartParts(request);
  const auto& parts = std::any_cast<const std::optional<std::vector<FormPart>>&>(stored);
  return parts.has_value() ? &*parts : nullptr;
}

const FormPart* FindPart(const std::vector<FormPart>* parts, std::string_view name) {
  if (parts == nullptr) return nullptr;
  for (const FormPart& part : *parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

std::string PartText(const std::vector<FormPart>* parts, std::string_view name) {
  const FormPart* part = FindPart(parts, name);
  return part != nullptr && !part->filename ? part->body : "";
}

}  // namespace http
