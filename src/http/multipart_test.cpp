#include "http/multipart.hpp"

#include <gtest/gtest.h>

namespace {

http::Request Upload(std::string content_type, std::string body) {
  http::Request request;
  request.method = http::Method::kPost;
  request.headers = {{"content-type", std::move(content_type)}};
  request.body = std::move(body);
  return request;
}

TEST(Multipart, ReadsAFileAndTheFieldsBesideIt) {
  const std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
      "token-123\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"план.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\n"
      "kind,title\r\nobjective,\"Образование\r\nза всички\"\r\n"
      "--XyZ--\r\n";
  const auto parts = http::MultipartParts(Upload("multipart/form-data; boundary=XyZ", body));
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ(http::FindPart(&*parts, "csrf")->body, "token-123");
  EXPECT_FALSE(http::FindPart(&*parts, "csrf")->filename.has_value());
  const http::FormPart* file = http::FindPart(&*parts, "file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "план.csv");
  EXPECT_EQ(file->content_type, "text/csv");
  EXPECT_EQ(file->body, "kind,title\r\nobjective,\"Образование\r\nза всички\"") << "the file's bytes, whole";
  EXPECT_EQ(http::FindPart(&*parts, "other"), nullptr);
}

TEST(Multipart, KeepsBinaryBytesAndAQuotedBoundary) {
  std::string bytes("PK\x03\x04\x00\xff\r\n--X", 10);
  const std::string body =
      "--a b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.xlsx\"\r\n\r\n" + bytes + "\r\n--a b--\r\n";
  const auto parts = http::MultipartParts(Upload("multipart/form-data; boundary=\"a b\"", body));
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->at(0).body, bytes);
}

TEST(Multipart, IsParsedOncePerRequest) {
  http::Request request = Upload("multipart/form-data; boundary=b",
                                 "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nt\r\n--b--\r\n");
  const auto* first = http::CachedMultipartParts(request);
  ASSERT_NE(first, nullptr);
  request.body.clear();  // a second parse would find nothing
  EXPECT_EQ(http::CachedMultipartParts(request), first);
  EXPECT_EQ(http::FindPart(first, "csrf")->body, "t");
}

// The boundary is a parameter of the Content-Type, read by its grammar: not text that happens to contain "boundary=".
TEST(Multipart, ReadsTheBoundaryParameterNotTextThatLooksLikeIt) {
  const std::string body = "--real\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--real--\r\n";
  const auto decoy =
      http::MultipartParts(Upload("multipart/form-data; note=\"x; boundary=fake\"; boundary=real", body));
  ASSERT_TRUE(decoy.has_value()) << "the boundary inside a quoted value is not the boundary";
  EXPECT_EQ(http::FindPart(&*decoy, "a")->body, "1");
  EXPECT_FALSE(http::MultipartParts(Upload("multipart/form-data; xboundary=real", body)).has_value());
  const auto spaced = http::MultipartParts(Upload("Multipart/Form-Data ; BOUNDARY=real", body));
  EXPECT_TRUE(spaced.has_value()) << "type and parameter names in any case, spaces before ';'";
  EXPECT_FALSE(http::MultipartParts(Upload("multipart/form-dataX; boundary=real", body)).has_value());
  EXPECT_FALSE(http::MultipartParts(Upload("multipart/mixed; boundary=real", body)).has_value());
  EXPECT_FALSE(http::MultipartParts(Upload("multipart/form-data; boundary=" + std::string(71, 'b'), body)).has_value());
}

TEST(Multipart, RefusesWhatIsNotAMultipartForm) {
  EXPECT_FALSE(http::MultipartParts(Upload("application/x-www-form-urlencoded", "a=1")).has_value());
  EXPECT_FALSE(http::MultipartParts(Upload("multipart/form-data", "--x\r\n")).has_value()) << "no boundary";
  EXPECT_FALSE(http::MultipartParts(Upload("multipart/form-data; boundary=x", "no parts at all")).has_value());
  EXPECT_FALSE(
      http::MultipartParts(Upload("multipart/form-data; boundary=x", "--x\r\nX-Other: 1\r\n\r\nbody\r\n--x--\r\n"))
          .has_value())
      << "a part without Content-Disposition";
}

}  // namespace
