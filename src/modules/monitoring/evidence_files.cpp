#include "modules/monitoring/evidence_files.hpp"

#include <magic.h>
#include <vips/vips.h>

#include <memory>
#include <mutex>
#include <stdexcept>

#include "db/migrator.hpp"

namespace monitoring {
namespace {

// One libmagic handle per thread: a handle is not safe to share, and loading its database costs a few milliseconds.
struct MagicHandle {
  magic_t handle = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
  MagicHandle() {
    if (handle == nullptr || magic_load(handle, nullptr) != 0) throw std::runtime_error("libmagic did not load");
  }
  ~MagicHandle() { magic_close(handle); }
  MagicHandle(const MagicHandle&) = delete;
  MagicHandle& operator=(const MagicHandle&) = delete;
};

struct ImageUnref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using Image = std::unique_ptr<VipsImage, ImageUnref>;

core::Error Undecodable() {
  return core::Error::InvalidInput("The photo could not be read: it may be damaged. Try another one.");
}

core::Result<PreparedFile> PreparePhoto(std::string_view bytes) {
  StartImageLibrary();
  // The header first: a file that claims billions of pixels is refused before anything is decoded.
  Image header(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!header) {
    vips_error_clear();
    return Undecodable();
  }
  if (static_cast<std::int64_t>(vips_image_get_width(header.get())) * vips_image_get_height(header.get()) >
      kMaxPhotoPixels) {
    return core::Error::InvalidInput("The photo is too large in pixels: at most 120 megapixels.");
  }
  header.reset();

  // Shrinks while it decodes (JPEG and WebP) and turns the photo upright by its EXIF orientation.
  VipsImage* raw = nullptr;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &raw, kPhotoLongSide, "height",
                            kPhotoLongSide, "size", VIPS_SIZE_DOWN, nullptr) != 0) {
    vips_error_clear();
    return Undecodable();
  }
  Image image(raw);
  if (vips_image_hasalpha(image.get())) {  // JPEG has no transparency: put the photo on white
    VipsArrayDouble* white = vips_array_double_newv(1, 255.0);
    VipsImage* flat = nullptr;
    const int failed = vips_flatten(image.get(), &flat, "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (failed != 0) {
      vips_error_clear();
      return Undecodable();
    }
    image.reset(flat);
  }
  void* saved = nullptr;
  std::size_t saved_size = 0;
  // strip: no EXIF, XMP, IPTC or ICC profile is written, so no GPS position and no camera serial either.
  if (vips_jpegsave_buffer(image.get(), &saved, &saved_size, "Q", 82, "strip", TRUE, "optimize_coding", TRUE,
                           nullptr) != 0) {
    vips_error_clear();
    return Undecodable();
  }
  PreparedFile file;
  file.kind = "photo";
  file.media_type = "image/jpeg";
  file.bytes.assign(static_cast<const char*>(saved), saved_size);
  g_free(saved);
  file.width = vips_image_get_width(image.get());
  file.height = vips_image_get_height(image.get());
  file.sha256 = db::Sha256Hex(file.bytes);
  return file;
}

}  // namespace

// libvips once per process, with every loader blocked but the four a phone's photo may come in: Debian's build can
// also load SVG, PDF and whatever ImageMagick reads, none of which a photo needs (STACK-NOTES, "Images").
void StartImageLibrary() {
  static std::once_flag started;
  std::call_once(started, [] {
    if (VIPS_INIT("khetane") != 0)
      throw std::runtime_error("libvips did not start: " + std::string(vips_error_buffer()));
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    for (const char* loader :
         {"VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadHeif"}) {
      vips_operation_block_set(loader, FALSE);
    }
    vips_cache_set_max(0);  // keep no decoded image or source buffer after a request
  });
}

std::string SniffMediaType(std::string_view bytes) {
  thread_local MagicHandle magic;
  // libmagic reads at most its first bytes anyway; a megabyte covers Office files' central directories.
  const char* type = magic_buffer(magic.handle, bytes.data(), std::min<std::size_t>(bytes.size(), 1024 * 1024));
  return type != nullptr ? std::string(type) : "application/octet-stream";
}

bool IsAcceptedImageType(std::string_view media_type) {
  return media_type == "image/jpeg" || media_type == "image/png" || media_type == "image/webp" ||
         media_type == "image/heic" || media_type == "image/heif";
}

bool IsAcceptedDocumentType(std::string_view media_type) {
  return media_type == "application/pdf" || media_type == "text/plain" ||
         media_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
         media_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
         media_type == "application/vnd.oasis.opendocument.text" ||
         media_type == "application/vnd.oasis.opendocument.spreadsheet" || media_type == "application/msword";
}

core::Result<PreparedFile> PrepareEvidenceFile(std::string_view bytes) {
  if (bytes.size() > kMaxEvidenceBytes) {
    return core::Error::InvalidInput("The file is larger than 20 MB: send a smaller one.");
  }
  if (bytes.empty()) return core::Error::InvalidInput("The file is empty.");
  const std::string media_type = SniffMediaType(bytes);
  if (IsAcceptedImageType(media_type)) return PreparePhoto(bytes);
  if (!IsAcceptedDocumentType(media_type)) {
    core::Error refused = core::Error::InvalidInput(
        "Files of this kind are not accepted: send a photo (JPEG, PNG, WebP, HEIF) or a document (PDF, text, Word, "
        "Excel, OpenDocument).");
    refused.detail = media_type;
    return refused;
  }
  PreparedFile file;
  file.kind = "document";
  file.media_type = media_type;
  file.bytes = std::string(bytes);
  file.sha256 = db::Sha256Hex(file.bytes);
  return file;
}

}  // namespace monitoring
