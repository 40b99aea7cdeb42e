#pragma once
// Inflates a gzip body with zlib: a decoder other than the libdeflate that compresses, as a browser's would be.

#include <zlib.h>

#include <optional>
#include <string>
#include <string_view>

namespace test_support {

// The content of one whole gzip member (RFC 1952) with nothing after it; nullopt when `gzip` is not exactly that
// (a bad header, a wrong checksum or length in the trailer, a truncated stream, trailing bytes).
inline std::optional<std::string> Gunzip(std::string_view gzip) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return std::nullopt;  // 16: gzip wrapper only
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gzip.data()));
  stream.avail_in = static_cast<uInt>(gzip.size());
  std::string out;
  char buffer[16384];
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  const bool whole = result == Z_STREAM_END && stream.avail_in == 0;
  inflateEnd(&stream);
  if (!whole) return std::nullopt;
  return out;
}

}  // namespace test_support
