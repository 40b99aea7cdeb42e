#pragma once
// A ZIP archive in memory (libzip), read part by part with one budget for everything unpacked: a zip bomb (a part
// that declares a small size and inflates past the budget, or many parts) is refused, never unpacked.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "formats/format_error.hpp"

struct zip;

namespace formats {

struct ZipLimits {
  std::size_t max_entries = 1000;
  std::size_t max_unpacked_bytes = 256 * 1024 * 1024;  // over all the parts read
};

class ZipReader {
 public:
  // `bytes` must outlive the reader. Refuses a damaged archive or one with more than max_entries parts.
  static Result<ZipReader> Open(std::string_view bytes, const ZipLimits& limits);

  bool Contains(std::string_view name) const;  // names compare without case, as in OPC

  // Hands the unpacked bytes of part `name` to `sink` in chunks as they are unpacked; `sink` returns false to stop
  // early. Fails when the part is missing, damaged, or would take the budget past max_unpacked_bytes.
  std::optional<FormatError> Read(std::string_view name, const std::function<bool(std::string_view)>& sink);

 private:
  struct Discard {
    void operator()(struct zip* archive) const;
  };
  ZipReader(std::unique_ptr<struct zip, Discard> archive, std::size_t budget)
      : archive_(std::move(archive)), budget_(budget) {}

  std::unique_ptr<struct zip, Discard> archive_;
  std::size_t budget_;  // bytes that may still be unpacked
};

}  // namespace formats
