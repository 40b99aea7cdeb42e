// How long a phone photo takes to become evidence (monitoring::PrepareEvidenceFile: sniffed, decoded, turned upright,
// downscaled to 1,600 px, saved as JPEG without metadata) and how much memory it needs. Target (issue "Community
// monitoring"): a 6 MB photo in at most 1 s on the 2-core test machine, with memory bounded.
//
// The photo is made here, as a 12-megapixel phone writes one (4032 × 3024, JPEG quality 92, textured so that it is
// about 6 MB), unless a file is given. Reports its size, the median and worst time of RUNS preparations, and the
// process's peak resident memory before and after them.
//
//   cmake --preset release && cmake --build build/release --target evidence_photo_bench
//   build/release/evidence_photo_bench [PHOTO.jpg] [RUNS]

#include <sys/resource.h>
#include <vips/vips.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "modules/monitoring/evidence_files.hpp"

namespace {

long PeakResidentKilobytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

std::string PhoneSizedPhoto() {
  VipsImage *noise = nullptr, *smooth = nullptr, *coloured = nullptr, *photo = nullptr;
  // Noise blurred a little: detail a JPEG cannot throw away, like leaves or a crowd.
  vips_gaussnoise(&noise, 4032, 3024, "sigma", 40.0, "mean", 128.0, nullptr);
  vips_gaussblur(noise, &smooth, 0.6, nullptr);
  VipsImage* bands[3] = {smooth, smooth, smooth};
  vips_bandjoin(bands, &coloured, 3, nullptr);
  vips_cast_uchar(coloured, &photo, nullptr);
  photo->Type = VIPS_INTERPRETATION_sRGB;
  void* bytes = nullptr;
  std::size_t size = 0;
  vips_jpegsave_buffer(photo, &bytes, &size, "Q", 92, nullptr);
  std::string jpeg(static_cast<const char*>(bytes), size);
  g_free(bytes);
  for (VipsImage* image : {noise, smooth, coloured, photo}) g_object_unref(image);
  return jpeg;
}

}  // namespace

int main(int argc, char** argv) {
  monitoring::StartImageLibrary();
  std::string photo;
  if (argc > 1 && std::string(argv[1]) != "-") {
    std::ifstream in(argv[1], std::ios::binary);
    photo.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } else {
    photo = PhoneSizedPhoto();
  }
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 10;
  const long before = PeakResidentKilobytes();
  std::vector<double> seconds;
  int width = 0, height = 0;
  std::size_t stored = 0;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const auto prepared = monitoring::PrepareEvidenceFile(photo);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (!prepared) {
      std::fprintf(stderr, "refused: %s\n", prepared.error().message.c_str());
      return 1;
    }
    width = prepared->width, height = prepared->height, stored = prepared->bytes.size();
  }
  std::sort(seconds.begin(), seconds.end());
  std::printf(
      "photo %.1f MB → %d × %d, %.0f KB stored; %d runs: median %.0f ms, worst %.0f ms; "
      "peak memory %ld MB before, %ld MB after (the photo itself is %.1f MB of it)\n",
      photo.size() / 1e6, width, height, stored / 1e3, runs, seconds[seconds.size() / 2] * 1e3, seconds.back() * 1e3,
      before / 1024, PeakResidentKilobytes() / 1024, photo.size() / 1048576.0);
  return 0;
}
