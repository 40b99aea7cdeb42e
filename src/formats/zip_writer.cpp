#include "formats/zip_writer.hpp"

#include <zip.h>

#include <cstdio>

namespace formats {

namespace {

core::Error Failed(const char* what) { return core::Error::Internal(std::string("zip: ") + what); }

}  // namespace

core::Result<std::string> WriteZip(const std::vector<ZipFile>& files) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) return Failed("cannot make a buffer");
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    zip_source_free(buffer);
    return Failed("cannot open the archive");
  }
  zip_source_keep(buffer);  // read after the archive is closed
  for (const ZipFile& file : files) {
    zip_source_t* part = zip_source_buffer(archive, file.bytes.data(), file.bytes.size(), 0);
    if (part == nullptr || zip_file_add(archive, file.name.c_str(), part, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      zip_source_free(part);
      zip_discard(archive);
      zip_source_free(buffer);
      return Failed("cannot add a file");
    }
  }
  if (zip_close(archive) < 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    return Failed("cannot write the archive");
  }
  std::string bytes;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    if (size > 0) {
      bytes.resize(static_cast<std::size_t>(size));
      if (zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size)) != size) bytes.clear();
    }
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  if (bytes.empty()) return Failed("cannot read the archive back");
  return bytes;
}

}  // namespace formats
