#pragma once
// Checks on generated XML (SVG) for tests: well-formedness, and counting.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string>
#include <vector>

namespace test_support {

inline std::size_t CountOccurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

namespace xml_checks_detail {

inline bool HaveXmllint() {
  static const bool have = std::system("command -v xmllint >/dev/null 2>&1") == 0;
  return have;
}

// Elements nest and close, attribute values are quoted and hold no '<', and every '&' starts an entity.
// A small check that needs nothing installed; xmllint, when present, checks the rest.
inline void ExpectBalancedTags(const std::string& xml) {
  static const std::regex kAttributes(R"((\s+[A-Za-z_:][-A-Za-z0-9_:.]*="[^"<]*")*\s*/?)");
  static const std::regex kEntity(R"(&(amp|lt|gt|quot|apos|#[0-9]+);)");
  std::vector<std::string> open;
  std::size_t roots = 0;
  for (std::size_t i = 0; i < xml.size();) {
    if (xml[i] == '&') {
      std::smatch entity;
      const std::string rest = xml.substr(i, 8);
      ASSERT_TRUE(std::regex_search(rest, entity, kEntity) && entity.position(0) == 0) << "bare & at " << i;
      i += entity.length(0);
      continue;
    }
    if (xml[i] != '<') {
      ASSERT_FALSE(open.empty()) << "text outside the root element at " << i;
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    bool in_quotes = false;
    while (end < xml.size() && (in_quotes || xml[end] != '>')) {
      if (xml[end] == '"') in_quotes = !in_quotes;
      ASSERT_FALSE(!in_quotes && xml[end] == '<') << "'<' inside a tag at " << end;
      ++end;
    }
    ASSERT_LT(end, xml.size()) << "unterminated tag at " << i;
    const std::string tag = xml.substr(i + 1, end - i - 1);
    if (!tag.empty() && tag[0] == '/') {
      ASSERT_FALSE(open.empty()) << "stray " << tag;
      ASSERT_EQ(open.back(), tag.substr(1)) << "mismatched close at " << i;
      open.pop_back();
    } else {
      const std::size_t name_end = std::min(tag.find_first_of(" \t\n/"), tag.size());
      const std::string name = tag.substr(0, name_end);
      ASSERT_FALSE(name.empty()) << "empty tag name at " << i;
      ASSERT_TRUE(std::regex_match(tag.substr(name_end), kAttributes)) << "bad attributes in <" << tag << ">";
      if (open.empty()) ++roots;
      if (tag.back() != '/') open.push_back(name);
    }
    i = end + 1;
  }
  EXPECT_TRUE(open.empty()) << "unclosed <" << (open.empty() ? "" : open.back()) << ">";
  EXPECT_EQ(roots, 1u);
}

}  // namespace xml_checks_detail

inline void ExpectWellFormedXml(const std::string& xml) {
  xml_checks_detail::ExpectBalancedTags(xml);
  if (!xml_checks_detail::HaveXmllint()) return;
  FILE* pipe = popen("xmllint --noout - >/dev/null 2>&1", "w");
  ASSERT_NE(pipe, nullptr);
  std::fwrite(xml.data(), 1, xml.size(), pipe);
  EXPECT_EQ(pclose(pipe), 0) << "xmllint rejects the SVG";
}

}  // namespace test_support
