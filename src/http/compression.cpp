#include "http/compression.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <memory>
#include <new>
#include <stdexcept>

namespace http {
namespace {

constexpr bool IsOptionalWhiteSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimOptionalWhiteSpace(std::string_view text) {
  while (!text.empty() && IsOptionalWhiteSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsOptionalWhiteSpace(text.back())) text.remove_suffix(1);
  return text;
}

constexpr char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return LowerAscii(x) == LowerAscii(y); });
}

// A weight in thousandths: "0.5" → 500. RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).
std::optional<int> ParseQualityValue(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) return std::nullopt;
  int value = (text[0] - '0') * 1000;
  if (text.size() == 1) return value;
  if (text[1] != '.' || text.size() > 5) return std::nullopt;
  int scale = 100;
  for (const char digit : text.substr(2)) {
    if (digit < '0' || digit > '9') return std::nullopt;
    value += (digit - '0') * scale;
    scale /= 10;
  }
  if (value > 1000) return std::nullopt;
  return value;
}

// The weight of one element of Accept-Encoding from its parameters (";q=0.5"): 1000 without a q, 0 for a bad one.
int WeightOf(std::string_view parameters) {
  int weight = 1000;
  while (!parameters.empty()) {
    const auto semicolon = parameters.find(';');
    const std::string_view parameter = parameters.substr(0, semicolon);
    const auto equals = parameter.find('=');
    if (equals != std::string_view::npos &&
        EqualsIgnoringCase(TrimOptionalWhiteSpace(parameter.substr(0, equals)), "q")) {
      weight = ParseQualityValue(TrimOptionalWhiteSpace(parameter.substr(equals + 1))).value_or(0);
    }
    if (semicolon == std::string_view::npos) break;
    parameters.remove_prefix(semicolon + 1);
  }
  return weight;
}

// Whether a comma-separated list of tokens (a Vary field) holds `token`, case aside.
bool ListsToken(std::string_view list, std::string_view token) {
  while (true) {
    const auto comma = list.find(',');
    if (EqualsIgnoringCase(TrimOptionalWhiteSpace(list.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) return false;
    list.remove_prefix(comma + 1);
  }
}

std::string_view WithoutWeakPrefix(std::string_view tag) { return tag.starts_with("W/") ? tag.substr(2) : tag; }

struct FreeCompressor {
  void operator()(libdeflate_compressor* compressor) const { libdeflate_free_compressor(compressor); }
};

libdeflate_compressor* CompressorFor(CompressionLevel level) {
  // A libdeflate compressor may not be shared between threads: each server thread keeps its own, made on first use.
  thread_local std::array<std::unique_ptr<libdeflate_compressor, FreeCompressor>, 2> compressors;
  auto& compressor = compressors[level == CompressionLevel::kFast ? 0 : 1];
  if (!compressor) {
    compressor.reset(libdeflate_alloc_compressor(level == CompressionLevel::kFast ? 1 : 12));
    if (!compressor) throw std::bad_alloc();
  }
  return compressor.get();
}

}  // namespace

ContentCoding PreferredCoding(std::optional<std::string_view> accept_encoding) {
  if (!accept_encoding) return ContentCoding::kIdentity;
  std::optional<int> gzip;
  std::optional<int> identity;
  std::optional<int> any;
  // A coding listed twice counts with its lower weight: "gzip;q=0, gzip" is not taken as a yes.
  const auto note = [](std::optional<int>& slot, int weight) { slot = std::min(slot.value_or(weight), weight); };
  std::string_view rest = *accept_encoding;
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view element = rest.substr(0, comma);
    const auto semicolon = element.find(';');
    const std::string_view coding = TrimOptionalWhiteSpace(element.substr(0, semicolon));
    const int weight = semicolon == std::string_view::npos ? 1000 : WeightOf(element.substr(semicolon + 1));
    if (EqualsIgnoringCase(coding, "gzip") || EqualsIgnoringCase(coding, "x-gzip")) {
      note(gzip, weight);
    } else if (EqualsIgnoringCase(coding, "identity")) {
      note(identity, weight);
    } else if (coding == "*") {
      note(any, weight);
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  const int gzip_weight = gzip ? *gzip : any.value_or(0);
  // Identity is always acceptable (RFC 9110 §12.5.3), but only an explicit weight makes a client prefer it.
  const int identity_weight = identity ? *identity : any.value_or(0);
  return gzip_weight > 0 && gzip_weight >= identity_weight ? ContentCoding::kGzip : ContentCoding::kIdentity;
}

bool WorthCompressing(std::string_view content_type, std::size_t body_bytes) {
  if (body_bytes < kSmallestCompressedBody) return false;
  std::string type(TrimOptionalWhiteSpace(content_type.substr(0, content_type.find(';'))));
  std::transform(type.begin(), type.end(), type.begin(), LowerAscii);
  // image/svg+xml and application/geo+json are covered by their structured-syntax suffixes (RFC 6839).
  return type.starts_with("text/") || type == "application/json" || type == "application/javascript" ||
         type == "application/xml" || type.ends_with("+json") || type.ends_with("+xml");
}

std::string Gzip(std::string_view data, CompressionLevel level) {
  libdeflate_compressor* compressor = CompressorFor(level);
  std::string compressed(libdeflate_gzip_compress_bound(compressor, data.size()), '\0');
  const std::size_t size =
      libdeflate_gzip_compress(compressor, data.data(), data.size(), compressed.data(), compressed.size());
  if (size == 0) throw std::logic_error("libdeflate: gzip output larger than its own bound");
  compressed.resize(size);
  return compressed;
}

std::string GzipEntityTag(std::string_view identity_tag) {
  const bool strong = identity_tag.size() >= 2 && identity_tag.front() == '"' && identity_tag.back() == '"';
  if (!strong) return std::string(identity_tag);
  std::string tag(identity_tag.substr(0, identity_tag.size() - 1));
  tag += "-gzip\"";
  return tag;
}

EntityTagMatch MatchIfNoneMatch(std::string_view if_none_match, std::string_view identity_tag) {
  if_none_match = TrimOptionalWhiteSpace(if_none_match);
  if (if_none_match == "*") return EntityTagMatch::kAny;
  const std::string_view identity = WithoutWeakPrefix(identity_tag);
  const std::string gzip = GzipEntityTag(identity);
  // entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, where etagc may be a comma: read tag by tag, not by splitting.
  std::size_t at = 0;
  while (at < if_none_match.size()) {
    if (if_none_match[at] == ',' || IsOptionalWhiteSpace(if_none_match[at])) {
      ++at;
      continue;
    }
    if (if_none_match.substr(at).starts_with("W/")) at += 2;
    if (at >= if_none_match.size() || if_none_match[at] != '"') {  // not a tag: skip to the next element
      at = std::min(if_none_match.find(',', at), if_none_match.size());
      continue;
    }
    const auto close = if_none_match.find('"', at + 1);
    if (close == std::string_view::npos) break;
    const std::string_view opaque = if_none_match.substr(at, close + 1 - at);
    if (opaque == identity) return EntityTagMatch::kIdentity;
    if (opaque == gzip) return EntityTagMatch::kGzip;
    at = close + 1;
  }
  return EntityTagMatch::kNone;
}

void NegotiateContentCoding(const Request& request, Response& response) {
  if (request.method == Method::kHead) return;
  const int status = response.status;
  if (status < 200 || status == 204 || status == 206 || status == 304) return;
  if (response.Header("Content-Encoding")) return;
  const auto vary = response.Header("Vary");
  if (vary && (ListsToken(*vary, "Accept-Encoding") || TrimOptionalWhiteSpace(*vary) == "*")) return;
  const auto type = response.Header("Content-Type");
  if (!type || !WorthCompressing(*type, response.body.size())) return;

  // Caches must keep the identity and the gzip response apart, whichever of them this one is.
  response.SetHeader("Vary", vary ? std::string(*vary) + ", Accept-Encoding" : std::string("Accept-Encoding"));
  if (PreferredCoding(request.Header("accept-encoding")) != ContentCoding::kGzip) return;
  std::string compressed = Gzip(response.body, CompressionLevel::kFast);
  if (compressed.size() >= response.body.size()) return;
  response.body = std::move(compressed);
  response.SetHeader("Content-Encoding", "gzip");
  if (const auto etag = response.Header("ETag")) response.SetHeader("ETag", GzipEntityTag(*etag));
}

}  // namespace http
