#pragma once
// A ZIP archive written in memory (libzip), each file deflated: the open-data dump.

#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace formats {

struct ZipFile {
  std::string name;  // a path inside the archive, UTF-8, '/' between folders
  std::string bytes;
};

// The archive's bytes; an error only when libzip fails (out of memory).
core::Result<std::string> WriteZip(const std::vector<ZipFile>& files);

}  // namespace formats
