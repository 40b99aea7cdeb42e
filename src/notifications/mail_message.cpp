#include "notifications/mail_message.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <ctime>

#include "db/migrator.hpp"

namespace notifications {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// RFC 2047, 2: an encoded word is at most 75 characters. "Subject: " and a word of 12 + 52 characters stay within the
// 78 characters a line should keep to (RFC 5322, 2.1.1): 39 bytes of text make 52 characters of base64.
constexpr std::size_t kEncodedWordBytes = 39;

// RFC 2045, 6.8: encoded lines of at most 76 characters.
constexpr std::size_t kBase64LineLength = 76;

bool IsPrintableAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

// The length of the UTF-8 sequence that starts with `lead`; 1 for a byte that cannot start one.
std::size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// "\n" and a lone "\r" become "\r\n": SMTP carries lines that end in CRLF only (RFC 5321, 2.3.8).
std::string WithCrlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += kCrlf;
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += kCrlf;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string_view DomainOf(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view("localhost") : address.substr(at + 1);
}

}  // namespace

bool IsPlainAddress(std::string_view address) {
  const auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size() || address.size() > 254) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  constexpr std::string_view kStructural = "<>()[]\\,;:\"";
  return std::none_of(address.begin(), address.end(), [&](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7F || kStructural.find(c) != std::string_view::npos;
  });
}

std::string EncodeBase64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = static_cast<unsigned char>(bytes[i]) << 16 |
                                static_cast<unsigned char>(bytes[i + 1]) << 8 |
                                static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[group >> 18 & 0x3F];
    out += kAlphabet[group >> 12 & 0x3F];
    out += kAlphabet[group >> 6 & 0x3F];
    out += kAlphabet[group & 0x3F];
  }
  if (const std::size_t left = bytes.size() - i; left > 0) {
    std::uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
    if (left == 2) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[group >> 18 & 0x3F];
    out += kAlphabet[group >> 12 & 0x3F];
    out += left == 2 ? kAlphabet[group >> 6 & 0x3F] : '=';
    out += '=';
  }
  return out;
}

std::string EncodeHeaderText(std::string_view text) {
  std::string flat(text);
  std::replace_if(
      flat.begin(), flat.end(), [](char c) { return c == '\r' || c == '\n' || c == '\t'; }, ' ');
  // Printable ASCII goes as it is, unless it holds "=?", which a reader would take for the start of an encoded word.
  if (IsPrintableAscii(flat) && flat.find("=?") == std::string::npos) return flat;
  std::string out;
  std::size_t start = 0;
  while (start < flat.size()) {
    std::size_t end = start;
    while (end < flat.size()) {
      const std::size_t next = std::min(flat.size(), end + SequenceLength(static_cast<unsigned char>(flat[end])));
      if (next - start > kEncodedWordBytes && end > start) break;
      end = next;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + EncodeBase64(std::string_view(flat).substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string FormatMessageDate(std::int64_t unix_seconds) {
  // The names are English whatever the process's locale (RFC 5322, 3.3): no strftime.
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto time = static_cast<std::time_t>(unix_seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays.at(parts.tm_wday), parts.tm_mday,
                     kMonths.at(parts.tm_mon), parts.tm_year + 1900, parts.tm_hour, parts.tm_min, parts.tm_sec);
}

std::string MessageIdFor(std::int64_t outbox_id, std::string_view recipient, std::int64_t created_at,
                         std::string_view body, std::string_view from) {
  const std::string hash =
      db::Sha256Hex(fmt::format("{}\n{}\n{}\n{}", outbox_id, recipient, created_at, body)).substr(0, 24);
  return fmt::format("<{}.{}.khetane@{}>", outbox_id, hash, DomainOf(from));
}

core::Result<std::string> BuildMessage(const MailMessage& message) {
  if (!IsPlainAddress(message.from)) return core::Error::InvalidInput("The sender's address cannot go in a message.");
  if (!IsPlainAddress(message.to)) return core::Error::InvalidInput("The recipient's address cannot go in a message.");
  std::string out;
  out += "Date: " + FormatMessageDate(message.date) + "\r\n";
  out += "From: " + message.from + "\r\n";
  out += "To: " + message.to + "\r\n";
  out += "Subject: " + EncodeHeaderText(message.subject) + "\r\n";
  out += "Message-ID: " + message.message_id + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  // Base64 keeps every line short and free of leading dots, whatever the text holds.
  out += "Content-Transfer-Encoding: base64\r\n";
  // RFC 3834: no vacation replies to a machine.
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  const std::string encoded = EncodeBase64(WithCrlf(message.body));
  for (std::size_t at = 0; at < encoded.size(); at += kBase64LineLength) {
    out += encoded.substr(at, kBase64LineLength) + "\r\n";
  }
  return out;
}

}  // namespace notifications
