#include "http/static_files.hpp"

#include <fmt/format.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

#include "http/compression.hpp"

namespace http {
namespace {

std::string ContentTypeOf(const std::filesystem::path& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
      {".woff2", "font/woff2"},
  };
  const auto found = kTypes.find(path.extension().string());
  return found == kTypes.end() ? "application/octet-stream" : found->second;
}

}  // namespace

StaticFiles::StaticFiles(std::string url_prefix, const std::filesystem::path& directory)
    : url_prefix_(std::move(url_prefix)) {
  if (!std::filesystem::is_directory(directory)) {
    throw std::runtime_error("static files directory not found: " + directory.string());
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    File file{content.str(), ContentTypeOf(entry.path()), {}, {}, {}};
    file.etag = fmt::format("\"{:016x}\"", std::hash<std::string>{}(file.content));
    // Compressed here, once, rather than into .gz files at build time: the files are read into memory here anyway,
    // so this works alike from the source tree (scripts/run), a build tree or an installed share directory, with no
    // build step to install and no .gz that could go stale beside an edited file. It costs milliseconds at start-up.
    if (WorthCompressing(file.content_type, file.content.size())) {
      std::string gzip = Gzip(file.content, CompressionLevel::kSmallest);
      if (gzip.size() < file.content.size()) {
        file.gzip = std::move(gzip);
        file.gzip_etag = GzipEntityTag(file.etag);
      }
    }
    files_.emplace(std::filesystem::relative(entry.path(), directory).generic_string(), std::move(file));
  }
}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
  if (request.method != Method::kGet && request.method != Method::kHead) return std::nullopt;
  if (!request.path.starts_with(url_prefix_)) return std::nullopt;
  // Only names read at start-up are served, so "../" cannot reach outside the directory.
  const auto found = files_.find(std::string_view(request.path).substr(url_prefix_.size()));
  if (found == files_.end()) return std::nullopt;
  const File& file = found->second;

  Response response;
  // The response depends on Accept-Encoding whenever the file could be sent gzipped; saying so also tells
  // NegotiateContentCoding that the coding is chosen already.
  if (WorthCompressing(file.content_type, file.content.size())) response.SetHeader("Vary", "Accept-Encoding");
  // HEAD gets the identity headers, as NegotiateContentCoding leaves it.
  const bool send_gzip = request.method == Method::kGet && !file.gzip.empty() &&
                         PreferredCoding(request.Header("accept-encoding")) == ContentCoding::kGzip;
  response.SetHeader("ETag", send_gzip ? file.gzip_etag : file.etag);
  response.SetHeader("Cache-Control",
                     request.Query("v") ? "public, max-age=31536000, immutable" : "public, max-age=3600");
  if (const auto if_none_match = request.Header("if-none-match")) {
    // Either form of the tag names this file's content. The 304 echoes the form the client holds, so that a cache
    // finds the stored response it refreshes.
    switch (MatchIfNoneMatch(*if_none_match, file.etag)) {
      case EntityTagMatch::kNone:
        break;
      case EntityTagMatch::kIdentity:
        response.SetHeader("ETag", file.etag);
        response.status = 304;
        return response;
      case EntityTagMatch::kGzip:
        if (file.gzip.empty()) break;
        response.SetHeader("ETag", file.gzip_etag);
        response.status = 304;
        return response;
      case EntityTagMatch::kAny:
        response.status = 304;
        return response;
    }
  }
  response.SetHeader("Content-Type", file.content_type);
  if (send_gzip) {
    response.SetHeader("Content-Encoding", "gzip");
    response.body = file.gzip;
  } else {
    response.body = file.content;
  }
  return response;
}

std::string StaticFiles::VersionedUrl(const std::string& relative_path) const {
  const auto found = files_.find(relative_path);
  if (found == files_.end()) return url_prefix_ + relative_path;
  return url_prefix_ + relative_path + "?v=" + found->second.etag.substr(1, 8);
}

}  // namespace http
