#include "http/compression.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "support/gunzip.hpp"

namespace {

using http::ContentCoding;
using http::EntityTagMatch;
using http::PreferredCoding;

// A page like the ones Khetane serves: markup repeated with different numbers and Bulgarian names.
std::string SamplePage(int rows) {
  std::string page = "<!doctype html><html lang=\"bg\"><head><title>Благоевград</title></head><body><table>";
  for (int row = 0; row < rows; ++row) {
    page += "<tr><th scope=\"row\">Село " + std::to_string(row) + "</th><td class=\"number\">" +
            std::to_string(row * 7919 % 10007) + "</td></tr>\n";
  }
  return page + "</table></body></html>";
}

std::string RandomBytes(std::size_t size) {
  std::mt19937 generator(42);
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = static_cast<char>(generator() & 0xFF);
  return bytes;
}

http::Request RequestWith(http::Fields headers, http::Method method = http::Method::kGet) {
  http::Request request;
  request.method = method;
  request.path = "/places/municipalities/BLG03";
  request.headers = std::move(headers);
  return request;
}

TEST(AcceptEncoding, GzipIsSentOnlyToClientsThatAskForIt) {
  EXPECT_EQ(PreferredCoding(std::nullopt), ContentCoding::kIdentity) << "no header: curl, scripts";
  EXPECT_EQ(PreferredCoding(""), ContentCoding::kIdentity);
  EXPECT_EQ(PreferredCoding("gzip"), ContentCoding::kGzip);
  EXPECT_EQ(PreferredCoding("gzip, deflate, br, zstd"), ContentCoding::kGzip) << "Chromium";
  EXPECT_EQ(PreferredCoding("gzip, deflate, br"), ContentCoding::kGzip) << "Firefox";
  EXPECT_EQ(PreferredCoding("deflate, br"), ContentCoding::kIdentity);
  EXPECT_EQ(PreferredCoding("x-gzip"), ContentCoding::kGzip) << "RFC 9110 §8.4.1.3: an alias of gzip";
  EXPECT_EQ(PreferredCoding("gzipped, notgzip"), ContentCoding::kIdentity);
}

TEST(AcceptEncoding, CodingNamesAndWeightNamesAreCaseInsensitive) {
  EXPECT_EQ(PreferredCoding("GZIP"), ContentCoding::kGzip);
  EXPECT_EQ(PreferredCoding("GZip;Q=0.5"), ContentCoding::kGzip);
  EXPECT_EQ(PreferredCoding("gZiP;Q=0"), ContentCoding::kIdentity);
  EXPECT_EQ(PreferredCoding("IDENTITY;q=1, Gzip;q=0.5"), ContentCoding::kIdentity);
}

TEST(AcceptEncoding, AWeightOfZeroRefusesGzip) {
  EXPECT_EQ(PreferredCoding("gzip;q=0"), ContentCoding::kIdentity);
  EXPECT_EQ(PreferredCoding("gzip; q=0.000"), ContentCoding::kIdentity);
  EXPECT_EQ(PreferredCoding("br, gzip;q=0"), ContentCoding::kIdentity);
  EXPECT_EQ(PreferredCoding("gzip;q=0, gzip"), ContentCoding::kIdentity) << "listed twice: the lower weight";
  EXPECT_EQ(PreferredCoding("gzip;q=0.001"), ContentCoding::kGzip);
  EXPECT_EQ(PreferredCoding(" gzip ; q=0.8 , br"), ContentCoding::kGzip) << "spaces around the parts";
  EXPECT_EQ(PreferredCoding("gzip;level=9"), ContentCoding::kGzip) << "other parameters do not matter";
}

TEST(AcceptEncoding, AMalformedWeightCountsAsZero) {
  for (const char* header : {"gzip;q=abc", "gzip;q=1.5", "gzip;q=2", "gzip;q=", "gzip;q=0.0001", "gzip;q=-1"}) {
    EXPECT_EQ(PreferredCoding(header), ContentCoding::kIdentity) << header;
  }
  EXPECT_EQ(PreferredCoding("gzip;q=1.000"), ContentCoding::kGzip);
  EXPECT_EQ(PreferredCoding("gzip;q=1."), ContentCoding::kGzip);
}

TEST(AcceptEncoding, IdentityIsChosenOnlyWhenTheClientSaysItPrefersIt) {
  EXPECT_EQ(PreferredCoding("identity"), ContentCoding::kIdentity);
  EXPECT_EQ(PreferredCoding("identity;q=1, gzip;q=0.5"), ContentCoding::kIdentity);
  EXPECT_EQ(PreferredCoding("gzip;q=0.5, identity;q=0.1"), ContentCoding::kGzip);
  EXPECT_EQ(PreferredCoding("gzip;q=0.5"), ContentCoding::kGzip) << "identity without a weight is no preference";
  EXPECT_EQ(PreferredCoding("gzip, identity;q=0"), ContentCoding::kGzip);
  EXPECT_EQ(PreferredCoding("gzip;q=0.5, identity;q=0.5"), ContentCoding::kGzip) << "a tie goes to the smaller";
}

TEST(AcceptEncoding, AStarStandsForGzipUnlessGzipIsNamed) {
  EXPECT_EQ(PreferredCoding("*"), ContentCoding::kGzip);
  EXPECT_EQ(PreferredCoding("*;q=0"), ContentCoding::kIdentity);
  EXPECT_EQ(PreferredCoding("br, *;q=0.1"), ContentCoding::kGzip);
  EXPECT_EQ(PreferredCoding("*, gzip;q=0"), ContentCoding::kIdentity) << "named gzip beats the star";
  EXPECT_EQ(PreferredCoding("gzip;q=0.2, *;q=0.5"), ContentCoding::kIdentity) << "the star weighs identity";
  EXPECT_EQ(PreferredCoding("gzip, *;q=0"), ContentCoding::kGzip);
}

TEST(WorthCompressing, TextOfAKilobyteOrMore) {
  for (const char* type :
       {"text/html; charset=utf-8", "TEXT/HTML;charset=UTF-8", "text/css; charset=utf-8",
        "text/javascript; charset=utf-8", "application/javascript", "image/svg+xml", "application/json",
        "application/geo+json", "text/csv; charset=utf-8", "text/plain", "application/xml"}) {
    EXPECT_TRUE(http::WorthCompressing(type, 1024)) << type;
    EXPECT_FALSE(http::WorthCompressing(type, 1023)) << type << " under a kilobyte";
  }
}

TEST(WorthCompressing, NotWhatIsCompressedAlreadyOrUnknown) {
  for (const char* type :
       {"image/png", "image/jpeg", "image/webp", "image/x-icon", "font/woff2", "application/zip",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream", ""}) {
    EXPECT_FALSE(http::WorthCompressing(type, 1 << 20)) << type;
  }
}

TEST(Gzip, InflatesBackToTheOriginal) {
  for (const auto level : {http::CompressionLevel::kFast, http::CompressionLevel::kSmallest}) {
    for (const std::string& original : {SamplePage(500), RandomBytes(5000), std::string()}) {
      const std::string compressed = http::Gzip(original, level);
      ASSERT_GE(compressed.size(), 18u) << "a gzip header and trailer at least";
      EXPECT_EQ(static_cast<unsigned char>(compressed[0]), 0x1F);
      EXPECT_EQ(static_cast<unsigned char>(compressed[1]), 0x8B);
      EXPECT_EQ(test_support::Gunzip(compressed), original);
    }
  }
}

TEST(Gzip, MakesAPageSeveralTimesSmaller) {
  const std::string page = SamplePage(500);
  EXPECT_LT(http::Gzip(page, http::CompressionLevel::kFast).size() * 4, page.size());
  EXPECT_LE(http::Gzip(page, http::CompressionLevel::kSmallest).size(),
            http::Gzip(page, http::CompressionLevel::kFast).size());
}

TEST(EntityTags, TheGzipFormOfAStrongTagDiffers) {
  EXPECT_EQ(http::GzipEntityTag("\"1a2b\""), "\"1a2b-gzip\"");
  EXPECT_EQ(http::GzipEntityTag("W/\"1a2b\""), "W/\"1a2b\"") << "weak: equivalent content, kept";
  EXPECT_EQ(http::GzipEntityTag("1a2b"), "1a2b") << "not a tag: left alone";
}

TEST(EntityTags, IfNoneMatchNamesEitherForm) {
  const std::string tag = "\"1a2b\"";
  EXPECT_EQ(http::MatchIfNoneMatch("\"1a2b\"", tag), EntityTagMatch::kIdentity);
  EXPECT_EQ(http::MatchIfNoneMatch("\"1a2b-gzip\"", tag), EntityTagMatch::kGzip);
  EXPECT_EQ(http::MatchIfNoneMatch("W/\"1a2b-gzip\"", tag), EntityTagMatch::kGzip) << "compared weakly";
  EXPECT_EQ(http::MatchIfNoneMatch("W/\"1a2b\"", tag), EntityTagMatch::kIdentity);
  EXPECT_EQ(http::MatchIfNoneMatch("\"x\", \"1a2b-gzip\"", tag), EntityTagMatch::kGzip);
  EXPECT_EQ(http::MatchIfNoneMatch(" * ", tag), EntityTagMatch::kAny);
}

TEST(EntityTags, IfNoneMatchWithOtherTagsMatchesNothing) {
  const std::string tag = "\"1a2b\"";
  EXPECT_EQ(http::MatchIfNoneMatch("\"1a2b-br\"", tag), EntityTagMatch::kNone);
  EXPECT_EQ(http::MatchIfNoneMatch("\"1a2\"", tag), EntityTagMatch::kNone);
  EXPECT_EQ(http::MatchIfNoneMatch("1a2b", tag), EntityTagMatch::kNone) << "unquoted";
  EXPECT_EQ(http::MatchIfNoneMatch("\"a,\"1a2b\"\"", tag), EntityTagMatch::kNone) << "a comma inside a tag";
  EXPECT_EQ(http::MatchIfNoneMatch("\"1a2b", tag), EntityTagMatch::kNone) << "unterminated";
  EXPECT_EQ(http::MatchIfNoneMatch("", tag), EntityTagMatch::kNone);
  EXPECT_EQ(http::MatchIfNoneMatch("junk, \"1a2b\"", tag), EntityTagMatch::kIdentity) << "junk skipped";
}

TEST(NegotiateContentCoding, APageIsGzippedForAClientThatAcceptsGzip) {
  const std::string page = SamplePage(500);
  http::Response response = http::Response::Html(page);
  response.SetHeader("Vary", "Cookie, Accept-Language");
  response.SetHeader("ETag", "\"p1\"");
  http::NegotiateContentCoding(RequestWith({{"accept-encoding", "gzip, deflate, br"}}), response);
  EXPECT_EQ(response.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(response.Header("Vary"), "Cookie, Accept-Language, Accept-Encoding");
  EXPECT_EQ(response.Header("ETag"), "\"p1-gzip\"");
  EXPECT_LT(response.body.size(), page.size() / 4);
  EXPECT_EQ(test_support::Gunzip(response.body), page);
}

TEST(NegotiateContentCoding, AClientThatDoesNotAskGetsThePageAsItIsWithVary) {
  for (const auto& headers :
       std::vector<http::Fields>{{}, {{"accept-encoding", "identity"}}, {{"accept-encoding", "gzip;q=0"}}}) {
    const std::string page = SamplePage(500);
    http::Response response = http::Response::Html(page);
    response.SetHeader("ETag", "\"p1\"");
    http::NegotiateContentCoding(RequestWith(headers), response);
    EXPECT_EQ(response.body, page);
    EXPECT_FALSE(response.Header("Content-Encoding"));
    EXPECT_EQ(response.Header("Vary"), "Accept-Encoding") << "a cache must not give it to one that asks for gzip";
    EXPECT_EQ(response.Header("ETag"), "\"p1\"");
  }
}

TEST(NegotiateContentCoding, JsonAndErrorPagesAreGzippedToo) {
  const std::string json = "[" + std::string(3000, '1') + "]";
  http::Response api = http::Response::Json(json);
  http::NegotiateContentCoding(RequestWith({{"accept-encoding", "gzip"}}), api);
  EXPECT_EQ(api.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(test_support::Gunzip(api.body), json);

  http::Response not_found = http::Response::Html(SamplePage(100), 404);
  http::NegotiateContentCoding(RequestWith({{"accept-encoding", "gzip"}}), not_found);
  EXPECT_EQ(not_found.Header("Content-Encoding"), "gzip");
}

TEST(NegotiateContentCoding, SmallOrCompressedBodiesAreSentAsTheyAre) {
  const auto request = RequestWith({{"accept-encoding", "gzip"}});
  http::Response small = http::Response::Html("<p>" + std::string(1000, 'a') + "</p>");
  http::NegotiateContentCoding(request, small);
  EXPECT_FALSE(small.Header("Content-Encoding"));
  EXPECT_FALSE(small.Header("Vary"));

  const std::string png = std::string("\x89PNG", 4) + std::string(50000, '\0');
  http::Response image;
  image.SetHeader("Content-Type", "image/png");
  image.body = png;
  http::NegotiateContentCoding(request, image);
  EXPECT_EQ(image.body, png);
  EXPECT_FALSE(image.Header("Content-Encoding"));

  http::Response xlsx;
  xlsx.SetHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  xlsx.body = std::string(50000, 'x');
  http::NegotiateContentCoding(request, xlsx);
  EXPECT_FALSE(xlsx.Header("Content-Encoding"));
}

TEST(NegotiateContentCoding, TextThatGzipCannotShrinkIsSentAsItIs) {
  const std::string noise = RandomBytes(20000);
  http::Response response = http::Response::Text(noise);
  http::NegotiateContentCoding(RequestWith({{"accept-encoding", "gzip"}}), response);
  EXPECT_EQ(response.body, noise);
  EXPECT_FALSE(response.Header("Content-Encoding"));
  EXPECT_EQ(response.Header("Vary"), "Accept-Encoding");
}

TEST(NegotiateContentCoding, HeadAndNotModifiedAreLeftAlone) {
  const std::string page = SamplePage(500);
  http::Response head = http::Response::Html(page);
  http::NegotiateContentCoding(RequestWith({{"accept-encoding", "gzip"}}, http::Method::kHead), head);
  EXPECT_EQ(head.body, page);
  EXPECT_FALSE(head.Header("Content-Encoding"));

  http::Response not_modified = http::Response::Html(page);
  not_modified.status = 304;
  not_modified.SetHeader("ETag", "\"p1\"");
  http::NegotiateContentCoding(RequestWith({{"accept-encoding", "gzip"}}), not_modified);
  EXPECT_FALSE(not_modified.Header("Content-Encoding"));
  EXPECT_EQ(not_modified.Header("ETag"), "\"p1\"");
}

TEST(NegotiateContentCoding, AResponseWhoseMakerChoseTheCodingIsLeftAlone) {
  const std::string page = SamplePage(500);
  http::Response encoded = http::Response::Html(http::Gzip(page, http::CompressionLevel::kSmallest));
  encoded.SetHeader("Content-Encoding", "gzip");
  const std::string body = encoded.body;
  http::NegotiateContentCoding(RequestWith({{"accept-encoding", "gzip"}}), encoded);
  EXPECT_EQ(encoded.body, body) << "not gzipped twice";

  http::Response negotiated = http::Response::Html(page);
  negotiated.SetHeader("Vary", "accept-encoding");
  http::NegotiateContentCoding(RequestWith({{"accept-encoding", "gzip"}}), negotiated);
  EXPECT_EQ(negotiated.body, page);
  EXPECT_EQ(negotiated.Header("Vary"), "accept-encoding");
}

}  // namespace
