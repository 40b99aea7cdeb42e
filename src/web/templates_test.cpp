#include "web/templates.hpp"

#include <gtest/gtest.h>

namespace {

std::string Render(const std::string& text, const nlohmann::json& data) {
  web::mustache::mustache parsed{text};
  return parsed.render(web::ToMustache(data));
}

TEST(Templates, AnEmptyStringIsFalseSoAnEmptyMessageShowsNothing) {
  const std::string form = "{{#error}}<p role=\"alert\">{{error}}</p>{{/error}}{{^error}}ok{{/error}}[{{error}}]";
  EXPECT_EQ(Render(form, {{"error", ""}}), "ok[]");
  EXPECT_EQ(Render(form, {{"error", "Write a title."}}), "<p role=\"alert\">Write a title.</p>[Write a title.]");
}

TEST(Templates, ValuesAreEscapedAndListsRepeat) {
  EXPECT_EQ(Render("{{#items}}<li>{{.}}</li>{{/items}}", {{"items", {"a<b", "\"c\""}}}),
            "<li>a&lt;b</li><li>&quot;c&quot;</li>");
  EXPECT_EQ(Render("{{#items}}x{{/items}}{{^items}}none{{/items}}", {{"items", nlohmann::json::array()}}), "none");
  EXPECT_EQ(Render("{{n}} {{#flag}}yes{{/flag}}", {{"n", 42}, {"flag", true}}), "42 yes");
}

}  // namespace
