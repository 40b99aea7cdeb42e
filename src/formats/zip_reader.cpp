#include "formats/zip_reader.hpp"

#include <zip.h>

#include <string>

namespace formats {
namespace {

FormatError Damaged(std::string detail) {
  return {.message = std::string(message::kDamagedWorkbook), .line = {}, .column = {}, .detail = std::move(detail)};
}

FormatError TooLarge() {
  return {.message = std::string(message::kUnpacksTooLarge), .line = {}, .column = {}, .detail = {}};
}

// The number of parts the end-of-central-directory record (APPNOTE 4.3.16) declares, read before libzip allocates
// an entry for each; nullopt when there is no such record or it defers to ZIP64.
std::optional<std::size_t> DeclaredEntries(std::string_view bytes) {
  constexpr std::size_t kRecordSize = 22;
  constexpr std::size_t kMaxComment = 0xFFFF;
  if (bytes.size() < kRecordSize) return std::nullopt;
  const std::size_t lowest = bytes.size() > kRecordSize + kMaxComment ? bytes.size() - kRecordSize - kMaxComment : 0;
  for (std::size_t at = bytes.size() - kRecordSize + 1; at-- > lowest;) {
    if (bytes.compare(at, 4, "PK\x05\x06") != 0) continue;
    const auto byte = [&](std::size_t offset) { return static_cast<unsigned char>(bytes[at + offset]); };
    const std::size_t entries = byte(10) | (byte(11) << 8);
    if (entries == 0xFFFF) return std::nullopt;
    return entries;
  }
  return std::nullopt;
}

struct FileClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

void ZipReader::Discard::operator()(zip_t* archive) const { zip_discard(archive); }

Result<ZipReader> ZipReader::Open(std::string_view bytes, const ZipLimits& limits) {
  const auto too_many =
      FormatError{.message = std::string(message::kTooManyParts), .line = {}, .column = {}, .detail = {}};
  if (const auto declared = DeclaredEntries(bytes); declared && *declared > limits.max_entries) return too_many;

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    FormatError failure = Damaged(zip_error_strerror(&error));
    zip_error_fini(&error);
    return failure;
  }
  std::unique_ptr<zip_t, Discard> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    zip_source_free(source);  // still ours when the open fails
    FormatError failure = Damaged(zip_error_strerror(&error));
    zip_error_fini(&error);
    return failure;
  }
  zip_error_fini(&error);
  const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  if (entries < 0 || static_cast<std::size_t>(entries) > limits.max_entries) return too_many;
  return ZipReader(std::move(archive), limits.max_unpacked_bytes);
}

bool ZipReader::Contains(std::string_view name) const {
  return zip_name_locate(archive_.get(), std::string(name).c_str(), ZIP_FL_NOCASE) >= 0;
}

std::optional<FormatError> ZipReader::Read(std::string_view name, const std::function<bool(std::string_view)>& sink) {
  const zip_int64_t index = zip_name_locate(archive_.get(), std::string(name).c_str(), ZIP_FL_NOCASE);
  if (index < 0) return Damaged("missing part " + std::string(name));
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive_.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
    return Damaged(zip_strerror(archive_.get()));
  }
  // The declared size first, then what is really unpacked: the declaration may lie.
  if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > budget_) return TooLarge();

  std::unique_ptr<zip_file_t, FileClose> file(zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0));
  if (!file) return Damaged(std::string(name) + ": " + zip_strerror(archive_.get()));
  constexpr std::size_t kChunkBytes = 64 * 1024;
  std::string buffer(kChunkBytes, '\0');
  while (true) {
    const zip_int64_t read = zip_fread(file.get(), buffer.data(), buffer.size());
    if (read < 0) return Damaged(std::string(name) + ": " + zip_file_strerror(file.get()));
    if (read == 0) return std::nullopt;
    if (static_cast<std::size_t>(read) > budget_) return TooLarge();
    budget_ -= static_cast<std::size_t>(read);
    if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(read)))) return std::nullopt;
  }
}

}  // namespace formats
