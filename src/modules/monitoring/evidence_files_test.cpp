#include "modules/monitoring/evidence_files.hpp"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <fstream>
#include <iterator>

namespace monitoring {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// An EXIF block (little-endian TIFF) whose IFD0 points to a GPS IFD with latitude N 42° 30′ 0″: what a phone
// writes into a photo taken with location on.
std::string GpsExif() {
  const unsigned char tiff[] = {
      'I', 'I', 0x2A, 0,    8, 0, 0, 0,                                   // header, IFD0 at 8
      1,   0,   0x25, 0x88, 4, 0, 1, 0, 0,   0, 26, 0, 0, 0, 0, 0, 0, 0,  // IFD0: GPSInfo → 26; no next IFD
      2,   0,                                                             // GPS IFD: two entries
      1,   0,   2,    0,    2, 0, 0, 0, 'N', 0, 0,  0,                    // GPSLatitudeRef "N"
      2,   0,   5,    0,    3, 0, 0, 0, 56,  0, 0,  0,                    // GPSLatitude, three rationals at 56
      0,   0,   0,    0,                                                  // no next IFD
      42,  0,   0,    0,    1, 0, 0, 0, 30,  0, 0,  0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};
  return std::string("Exif\0\0", 6) + std::string(reinterpret_cast<const char*>(tiff), sizeof tiff);
}

// `jpeg` with an APP1 EXIF segment carrying a GPS position right after its start marker.
std::string WithGps(const std::string& jpeg) {
  const std::string payload = GpsExif();
  const std::size_t length = payload.size() + 2;
  std::string segment = "\xFF\xE1";
  segment += static_cast<char>(length >> 8);
  segment += static_cast<char>(length & 0xFF);
  return jpeg.substr(0, 2) + segment + payload + jpeg.substr(2);
}

bool HasExif(const std::string& bytes) {
  VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (image == nullptr) return false;
  const bool has = vips_image_get_typeof(image, "exif-data") != 0;
  g_object_unref(image);
  return has;
}

// A photo the size a phone takes: 4000 × 3000, as JPEG.
std::string LargePhoto() {
  VipsImage* noise = nullptr;
  VipsImage* photo = nullptr;
  EXPECT_EQ(vips_gaussnoise(&noise, 4000, 3000, nullptr), 0);
  EXPECT_EQ(vips_cast_uchar(noise, &photo, nullptr), 0);
  void* bytes = nullptr;
  std::size_t size = 0;
  EXPECT_EQ(vips_jpegsave_buffer(photo, &bytes, &size, "Q", 90, nullptr), 0);
  std::string jpeg(static_cast<const char*>(bytes), size);
  g_free(bytes);
  g_object_unref(photo);
  g_object_unref(noise);
  return jpeg;
}

TEST(EvidenceFiles, APhotoWithAGpsPositionIsStoredWithoutAnyMetadata) {
  const std::string original = WithGps(ReadFile("data/monitoring/demo-photo.jpg"));
  ASSERT_EQ(SniffMediaType(original), "image/jpeg");
  StartImageLibrary();
  ASSERT_TRUE(HasExif(original)) << "the test's photo carries EXIF, or the test proves nothing";
  const auto prepared = PrepareEvidenceFile(original);
  ASSERT_TRUE(prepared.ok()) << prepared.error().message;
  EXPECT_EQ(prepared->kind, "photo");
  EXPECT_EQ(prepared->media_type, "image/jpeg");
  EXPECT_FALSE(HasExif(prepared->bytes));
  EXPECT_EQ(prepared->bytes.find("Exif"), std::string::npos);
  EXPECT_EQ(prepared->width, 800);
  EXPECT_EQ(prepared->sha256.size(), 64u);
}

TEST(EvidenceFiles, APhoneSizedPhotoIsDownscaledToItsLongSide) {
  const auto prepared = PrepareEvidenceFile(LargePhoto());
  ASSERT_TRUE(prepared.ok()) << prepared.error().message;
  EXPECT_EQ(prepared->width, kPhotoLongSide);
  EXPECT_EQ(prepared->height, 1200);
}

TEST(EvidenceFiles, SvgAndHtmlWithScriptsAreRefusedWhateverTheirNames) {
  for (const char* content :
       {"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"}) {
    const auto prepared = PrepareEvidenceFile(content);
    ASSERT_FALSE(prepared.ok()) << content;
    EXPECT_EQ(prepared.error().message.rfind("Files of this kind are not accepted", 0), 0u);
  }
}

TEST(EvidenceFiles, AFileThatSaysJpegButIsNotOneIsRefusedAsUnreadable) {
  std::string broken = ReadFile("data/monitoring/demo-photo.jpg").substr(0, 300);
  broken += std::string(2000, 'x');
  const auto prepared = PrepareEvidenceFile(broken);
  ASSERT_FALSE(prepared.ok());
  EXPECT_EQ(prepared.error().message, "The photo could not be read: it may be damaged. Try another one.");
}

TEST(EvidenceFiles, APdfIsKeptAsSentAndATooLargeOrEmptyFileIsRefused) {
  const std::string pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
  const auto prepared = PrepareEvidenceFile(pdf);
  ASSERT_TRUE(prepared.ok()) << prepared.error().message;
  EXPECT_EQ(prepared->kind, "document");
  EXPECT_EQ(prepared->media_type, "application/pdf");
  EXPECT_EQ(prepared->bytes, pdf);
  EXPECT_FALSE(PrepareEvidenceFile(std::string(kMaxEvidenceBytes + 1, 'a')).ok());
  EXPECT_FALSE(PrepareEvidenceFile("").ok());
}

}  // namespace
}  // namespace monitoring
