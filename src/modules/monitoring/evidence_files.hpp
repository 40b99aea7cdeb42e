#pragma once
// What an uploaded piece of evidence may be, checked by its content and never by its name: photos (JPEG, PNG, WebP,
// HEIF) are decoded, turned upright, downscaled and saved again as JPEG with no metadata at all — no EXIF, no GPS, no
// camera serial —; documents (PDF, text, Office and OpenDocument files) are kept as sent and only ever served as
// downloads. Everything else is refused, SVG and HTML above all (they carry scripts).

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace monitoring {

inline constexpr std::size_t kMaxEvidenceBytes = 20 * 1024 * 1024;  // one file as uploaded
inline constexpr int kPhotoLongSide = 1600;                         // pixels, after downscaling
inline constexpr std::int64_t kMaxPhotoPixels = 120'000'000;        // refused before decoding beyond this

struct PreparedFile {
  std::string kind;        // "photo" or "document"
  std::string media_type;  // of the stored bytes: "image/jpeg" for every photo
  std::string bytes;
  std::string sha256;  // hex, of the stored bytes: the file's name in storage and in its URL
  int width = 0;       // photos
  int height = 0;
};

// Starts libvips once for the process, with only the loaders photos need (PrepareEvidenceFile calls it).
void StartImageLibrary();

// The media type libmagic reads in the content ("application/octet-stream" when it cannot tell).
std::string SniffMediaType(std::string_view bytes);
bool IsAcceptedDocumentType(std::string_view media_type);
bool IsAcceptedImageType(std::string_view media_type);

// The file as it will be stored, or why it is refused (the type found in the content is the error's detail).
core::Result<PreparedFile> PrepareEvidenceFile(std::string_view bytes);

}  // namespace monitoring
