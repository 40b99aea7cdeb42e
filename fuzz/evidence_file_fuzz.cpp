// libFuzzer target for what a phone uploads as evidence (monitoring::PrepareEvidenceFile): libmagic reads what the
// bytes are, libvips decodes, downscales and re-encodes photos. Whatever the bytes, nothing crashes, leaks or reads out
// of bounds, and what is accepted keeps the promises: a photo comes out as a JPEG no larger than 1,600 px a side with
// no EXIF block, a document comes out as it went in with an accepted type, and each is named by the SHA-256 of what is
// stored.
//
//   cmake --preset fuzz && cmake --build build/fuzz --target evidence_file_fuzz -j2
//   cp -r fuzz/corpus/evidence_file /tmp/evidence-corpus   # libFuzzer writes into the folder it is given
//   build/fuzz/evidence_file_fuzz -max_total_time=300 -rss_limit_mb=2048 /tmp/evidence-corpus

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "db/migrator.hpp"
#include "modules/monitoring/evidence_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto prepared = monitoring::PrepareEvidenceFile(bytes);
  if (!prepared) {
    if (prepared.error().message.empty()) std::abort();
    return 0;
  }
  if (prepared->sha256 != db::Sha256Hex(prepared->bytes)) std::abort();
  if (prepared->kind == "photo") {
    const std::string& jpeg = prepared->bytes;
    if (jpeg.size() < 4 || jpeg.compare(0, 2, "\xFF\xD8") != 0) std::abort();
    if (jpeg.find("Exif") != std::string::npos) std::abort();
    if (prepared->width > monitoring::kPhotoLongSide || prepared->height > monitoring::kPhotoLongSide) std::abort();
  } else if (prepared->kind == "document") {
    if (prepared->bytes != bytes || !monitoring::IsAcceptedDocumentType(prepared->media_type)) std::abort();
  } else {
    std::abort();
  }
  return 0;
}
