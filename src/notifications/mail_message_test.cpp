#include "notifications/mail_message.hpp"

#include <gtest/gtest.h>

#include "support/smtp_sink.hpp"

namespace {

using test_support::DecodeBase64;
using test_support::DecodedBody;
using test_support::DecodeEncodedWords;
using test_support::HeaderOf;

notifications::MailMessage Invitation() {
  notifications::MailMessage message;
  message.from = "khetane@obshtina-lom.bg";
  message.to = "official@lom.bg";
  message.subject = "Покана за Khetane";
  message.body = "Здравейте,\n\nОтворете тази връзка:\nhttps://khetane.example.org/invitations/abc\n";
  message.date = 1700000000;
  message.message_id = "<7.abc.khetane@obshtina-lom.bg>";
  return message;
}

std::vector<std::string> LinesOf(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < text.size();) {
    const auto end = text.find("\r\n", at);
    lines.push_back(text.substr(at, end - at));
    at = end == std::string::npos ? text.size() : end + 2;
  }
  return lines;
}

TEST(MailMessage, CarriesTheHeadersAMailProgramNeeds) {
  const auto built = notifications::BuildMessage(Invitation());
  ASSERT_TRUE(built.ok()) << built.error().message;
  const std::string& data = *built;
  EXPECT_EQ(HeaderOf(data, "From"), "khetane@obshtina-lom.bg");
  EXPECT_EQ(HeaderOf(data, "To"), "official@lom.bg");
  EXPECT_EQ(HeaderOf(data, "Date"), "Tue, 14 Nov 2023 22:13:20 +0000");
  EXPECT_EQ(HeaderOf(data, "Message-ID"), "<7.abc.khetane@obshtina-lom.bg>");
  EXPECT_EQ(HeaderOf(data, "MIME-Version"), "1.0");
  EXPECT_EQ(HeaderOf(data, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(HeaderOf(data, "Content-Transfer-Encoding"), "base64");
  EXPECT_EQ(HeaderOf(data, "Auto-Submitted"), "auto-generated");
}

TEST(MailMessage, EndsEveryLineWithCrlfAndKeepsLinesShort) {
  auto message = Invitation();
  message.body = std::string(500, 'x') + "\nlast line\r\nand a lone CR\r";
  const std::string data = *notifications::BuildMessage(message);
  ASSERT_TRUE(data.ends_with("\r\n"));
  for (std::size_t at = data.find('\n'); at != std::string::npos; at = data.find('\n', at + 1)) {
    ASSERT_GT(at, 0u);
    EXPECT_EQ(data[at - 1], '\r') << "a bare LF at byte " << at;
  }
  for (std::size_t at = data.find('\r'); at != std::string::npos; at = data.find('\r', at + 1)) {
    EXPECT_EQ(data[at + 1], '\n') << "a bare CR at byte " << at;
  }
  for (const auto& line : LinesOf(data)) {
    EXPECT_LE(line.size(), 78u) << line;
    EXPECT_FALSE(line.starts_with('.')) << "nothing for dot-stuffing to change";
  }
  EXPECT_EQ(DecodedBody(data), std::string(500, 'x') + "\r\nlast line\r\nand a lone CR\r\n");
}

TEST(MailMessage, TheBodyDecodesBackToTheTextWithCrlf) {
  const std::string data = *notifications::BuildMessage(Invitation());
  EXPECT_EQ(DecodedBody(data),
            "Здравейте,\r\n\r\nОтворете тази връзка:\r\nhttps://khetane.example.org/invitations/abc\r\n");
}

TEST(MailMessage, ABulgarianSubjectIsEncodedInWordsThatDecodeBack) {
  auto message = Invitation();
  message.subject = "Покана за Khetane: общински служител на община Лом, област Монтана, за плана за приобщаване";
  const std::string data = *notifications::BuildMessage(message);
  const std::string subject = HeaderOf(data, "Subject");
  EXPECT_TRUE(subject.starts_with("=?UTF-8?B?")) << subject;
  EXPECT_EQ(DecodeEncodedWords(subject), message.subject);

  // RFC 2047: words of at most 75 characters, each of whole characters.
  const std::string folded = notifications::EncodeHeaderText(message.subject);
  int words = 0;
  for (std::size_t at = 0; at < folded.size();) {
    const auto end = folded.find("\r\n ", at);
    const std::string word = folded.substr(at, end - at);
    ++words;
    EXPECT_LE(word.size(), 75u) << word;
    ASSERT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?=")) << word;
    const std::string text = DecodeBase64(word.substr(10, word.size() - 12));
    EXPECT_NE(static_cast<unsigned char>(text.back()) & 0xC0, 0xC0) << "a character split between words";
    EXPECT_NE(static_cast<unsigned char>(text.front()) & 0xC0, 0x80) << "a character split between words";
    at = end == std::string::npos ? folded.size() : end + 3;
  }
  EXPECT_GT(words, 1);
}

TEST(MailMessage, APlainAsciiSubjectStaysReadable) {
  EXPECT_EQ(notifications::EncodeHeaderText("Your invitation to Khetane"), "Your invitation to Khetane");
  // What could pass for an encoded word, or start a new header, is encoded.
  EXPECT_TRUE(notifications::EncodeHeaderText("=?UTF-8?B?x?=").starts_with("=?UTF-8?B?"));
  EXPECT_EQ(notifications::EncodeHeaderText("one\r\nBcc: someone@example.org"), "one  Bcc: someone@example.org");
}

TEST(MailMessage, AnAddressThatWouldNotStayOneHeaderIsRefused) {
  for (const std::string address :
       {"official@lom.bg\r\nBcc: x@example.org", "Official <official@lom.bg>", "official", "a b@lom.bg", "@lom.bg"}) {
    auto message = Invitation();
    message.to = address;
    EXPECT_FALSE(notifications::BuildMessage(message).ok()) << address;
  }
  EXPECT_TRUE(notifications::IsPlainAddress("official+lom@lom.bg"));
}

TEST(MailMessage, Base64FollowsTheVectorsOfRfc4648) {
  EXPECT_EQ(notifications::EncodeBase64(""), "");
  EXPECT_EQ(notifications::EncodeBase64("f"), "Zg==");
  EXPECT_EQ(notifications::EncodeBase64("fo"), "Zm8=");
  EXPECT_EQ(notifications::EncodeBase64("foo"), "Zm9v");
  EXPECT_EQ(notifications::EncodeBase64("foob"), "Zm9vYg==");
  EXPECT_EQ(notifications::EncodeBase64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(notifications::EncodeBase64("foobar"), "Zm9vYmFy");
}

TEST(MailMessage, TheDateIsInTheFormOfRfc5322) {
  EXPECT_EQ(notifications::FormatMessageDate(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(notifications::FormatMessageDate(1795251600), "Sat, 21 Nov 2026 09:00:00 +0000");
}

TEST(MailMessage, TheMessageIdStaysTheSameForTheSameOutboxMessage) {
  const std::string first = notifications::MessageIdFor(7, "official@lom.bg", 1700000000, "body", "khetane@lom.bg");
  EXPECT_EQ(first, notifications::MessageIdFor(7, "official@lom.bg", 1700000000, "body", "khetane@lom.bg"));
  EXPECT_NE(first, notifications::MessageIdFor(7, "official@lom.bg", 1700000000, "other body", "khetane@lom.bg"));
  EXPECT_TRUE(first.starts_with("<7.")) << first;
  EXPECT_TRUE(first.ends_with(".khetane@lom.bg>")) << first;
}

}  // namespace
