#include "web/app.hpp"

#include <gtest/gtest.h>

namespace {

TEST(PublicUrl, KeepsAnHttpOrHttpsAddressWithoutItsTrailingSlash) {
  EXPECT_EQ(web::PublicUrl("https://khetane.example.org"), "https://khetane.example.org");
  EXPECT_EQ(web::PublicUrl("https://khetane.example.org/"), "https://khetane.example.org");
  EXPECT_EQ(web::PublicUrl("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
  EXPECT_EQ(web::PublicUrl("https://example.org/khetane/"), "https://example.org/khetane");
}

TEST(PublicUrl, RefusesWhatCouldNotStartALink) {
  for (const std::string url :
       {"", "khetane.example.org", "ftp://khetane.example.org", "https://", "https:///x",
        "https://user@khetane.example.org", "https://khetane.example.org/?a=1", "https://khetane.example.org/#top",
        "https://khetane example.org", "javascript://khetane.example.org"}) {
    EXPECT_EQ(web::PublicUrl(url), std::nullopt) << url;
  }
}

}  // namespace
