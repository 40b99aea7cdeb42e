#include "web/markdown.hpp"

#include <gtest/gtest.h>

namespace web {
namespace {

std::string Html(std::string_view markdown) {
  auto html = MarkdownToHtml(markdown);
  EXPECT_TRUE(html) << markdown;
  return html ? *html : "";
}

TEST(Markdown, WritesHeadingsListsTablesAndLinks) {
  const std::string html = Html(
      "## Срокове\n\n1. Подайте предложение\n2. Чакайте отговор\n\n| Срок | Член |\n|---|---|\n| 30 дни | чл. 26, ал. "
      "4 "
      "|\n\nВиж [портала](https://strategy.bg/) или https://www.parliament.bg");
  EXPECT_NE(html.find("<h2>Срокове</h2>"), std::string::npos) << html;
  EXPECT_NE(html.find("<ol>"), std::string::npos);
  EXPECT_NE(html.find("<td>30 дни</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"https://strategy.bg/\">портала</a>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://www.parliament.bg\">"), std::string::npos) << "a bare address is a link";
}

TEST(Markdown, DropsRawHtmlAndScriptAddresses) {
  const std::string html = Html(
      "<script>alert(1)</script>\n\nText <img src=x onerror=alert(2)> [click](javascript:alert(3)) "
      "[data](data:text/html;base64,PHNjcmlwdD4=) [JS](JaVaScRiPt:alert(4)) ![x](vbscript:alert(5))");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("JaVaScRiPt:"), std::string::npos) << html;
  EXPECT_EQ(html.find("data:"), std::string::npos) << html;
  EXPECT_EQ(html.find("vbscript:"), std::string::npos) << html;
  EXPECT_NE(html.find("click"), std::string::npos) << "the link's text stays";
}

TEST(Markdown, KeepsLinksWithinTheSiteAndToMail) {
  const std::string html = Html("[guide](/guides/public-consultation#deadlines) [mail](mailto:info@example.org)");
  EXPECT_NE(html.find("href=\"/guides/public-consultation#deadlines\""), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"mailto:info@example.org\""), std::string::npos) << html;
}

TEST(Markdown, RefusesTextTooLongOrNotUtf8) {
  EXPECT_FALSE(MarkdownToHtml(std::string(kMaxMarkdownBytes + 1, 'a')));
  EXPECT_FALSE(MarkdownToHtml("caf\xff\xfe"));
  EXPECT_TRUE(MarkdownToHtml(std::string(kMaxMarkdownBytes, 'a')));
}

TEST(Markdown, StaysFastOnDeeplyNestedInput) {
  // Nesting that older cmark versions parse slowly: bounded input keeps it to a fraction of a second.
  EXPECT_TRUE(MarkdownToHtml(std::string(50'000, '[') + std::string(50'000, ']')));
  EXPECT_TRUE(MarkdownToHtml(std::string(100'000, '>')));
}

}  // namespace
}  // namespace web
