#pragma once
// gzip content coding of responses (RFC 9110 §8.4, RFC 1952): which coding a client accepts, which responses are worth
// compressing, entity tags per representation, and the compression itself (libdeflate, whole buffers).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace http {

enum class ContentCoding { kIdentity, kGzip };

// The coding to send, given the request's Accept-Encoding (RFC 9110 §12.5.3). gzip (or its alias x-gzip, or "*") must
// be listed with a weight above 0, case aside, and not be outweighed by an explicit "identity" (or "*") weight. An
// absent header gets identity: clients that decode gzip say so, and curl or a script reading raw bytes does not.
// A malformed weight counts as 0.
ContentCoding PreferredCoding(std::optional<std::string_view> accept_encoding);

// Below this size the gzip header and trailer and the cost of compressing outweigh the bytes saved: a body smaller than
// one TCP segment is sent in one anyway.
inline constexpr std::size_t kSmallestCompressedBody = 1024;

// Whether a body of this media type and size is worth compressing: text (HTML, CSS, JavaScript, CSV, plain text),
// JSON, XML and SVG of at least kSmallestCompressedBody bytes. Other images, fonts, XLSX and ZIP files are compressed
// already, and an unknown type is left as it is.
bool WorthCompressing(std::string_view content_type, std::size_t body_bytes);

enum class CompressionLevel {
  kFast,      // for a response made per request: libdeflate's level 1, as fast as a copy of the page to the socket
  kSmallest,  // for what is compressed once (static files at start-up): libdeflate's level 12
};

// The gzip member (RFC 1952) holding `data`.
std::string Gzip(std::string_view data, CompressionLevel level);

// "\"abc\"" → "\"abc-gzip\"": the gzip representation must not share a strong validator with the identity one
// (RFC 9110 §8.8.3). A weak tag (W/"abc") is kept: weak tags already mean "equivalent", not "the same bytes".
std::string GzipEntityTag(std::string_view identity_tag);

enum class EntityTagMatch {
  kNone,
  kIdentity,  // the identity tag
  kGzip,      // its gzip form (GzipEntityTag)
  kAny,       // "*": whichever representation is current
};

// Which form of a resource's entity tag If-None-Match names. The field is "*" or a list of tags, compared weakly
// (RFC 9110 §13.1.2: W/ prefixes aside).
EntityTagMatch MatchIfNoneMatch(std::string_view if_none_match, std::string_view identity_tag);

// The one place a response's body gets its content coding, just before it is sent. When the response is worth
// compressing (WorthCompressing), it gets "Vary: Accept-Encoding" and, when the client accepts gzip (PreferredCoding)
// and gzip is smaller, a gzip body with "Content-Encoding: gzip" and its ETag turned by GzipEntityTag.
// Left alone: HEAD requests, 1xx, 204, 206 and 304 responses, a body with a Content-Encoding already, and a response
// that varies on Accept-Encoding already (its maker chose the coding, as StaticFiles does with precompressed files).
void NegotiateContentCoding(const Request& request, Response& response);

}  // namespace http
