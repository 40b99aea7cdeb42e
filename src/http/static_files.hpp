#pragma once
// Serves the files of one directory (CSS, scripts, icons) from memory, read once at start-up.
// Each answer carries an ETag; a matching If-None-Match gets 304. URLs may carry "?v=<hash>" (cache busting):
// then the file is cached for a year, otherwise for an hour. Text files (WorthCompressing) are gzipped once, at
// start-up, and sent so to clients that accept gzip, with an ETag of their own (GzipEntityTag).

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "http/request.hpp"
#include "http/response.hpp"

namespace http {

class StaticFiles {
 public:
  // `url_prefix` like "/static/"; reads every regular file under `directory` (it must exist).
  StaticFiles(std::string url_prefix, const std::filesystem::path& directory);

  // The response when `request.path` names one of the files; nothing otherwise.
  std::optional<Response> Serve(const Request& request) const;
  // "/static/app.css?v=1a2b3c" for "app.css": a URL that changes when the file does.
  std::string VersionedUrl(const std::string& relative_path) const;

 private:
  struct File {
    std::string content;
    std::string content_type;
    std::string etag;
    std::string gzip;       // the content gzipped, or empty when it is not worth it
    std::string gzip_etag;  // GzipEntityTag(etag) when there is a gzip form
  };
  std::string url_prefix_;
  std::map<std::string, File, std::less<>> files_;
};

}  // namespace http
