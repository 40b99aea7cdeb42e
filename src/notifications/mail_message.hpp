#pragma once
// Internet messages for the outbox: RFC 5322 text with CRLF line endings, a plain-text UTF-8 body in base64
// (RFC 2045), and a subject in RFC 2047 encoded words when it is not plain ASCII (Bulgarian subjects are not).
// Pure functions: no network, no database.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace notifications {

struct MailMessage {
  std::string from;        // an address: "khetane@example.org"
  std::string to;          // an address
  std::string subject;     // UTF-8
  std::string body;        // UTF-8; lines end in "\n" or "\r\n"
  std::int64_t date = 0;   // Unix seconds: when the message was written
  std::string message_id;  // "<…@…>"
};

// Whether `address` can stand alone in a header and in the SMTP envelope: local@domain, without spaces, control
// characters, or the characters that give an address header its structure (`<>()[]\,;:"`).
bool IsPlainAddress(std::string_view address);

// The message, ready for SMTP DATA (the sender adds the dot-stuffing). kInvalidInput when an address is not plain: it
// would not stay one header.
core::Result<std::string> BuildMessage(const MailMessage& message);

// "=?UTF-8?B?…?=" words of at most 75 characters (RFC 2047, 2), each holding whole UTF-8 characters (5), folded with
// CRLF and a space; `text` unchanged when it is printable ASCII. Line breaks in `text` become spaces.
std::string EncodeHeaderText(std::string_view text);

// RFC 4648 base64, on one line.
std::string EncodeBase64(std::string_view bytes);

// RFC 5322, 3.3: "Sat, 21 Nov 2026 09:00:00 +0000".
std::string FormatMessageDate(std::int64_t unix_seconds);

// A Message-ID that stays the same when the same outbox message is sent again: `<id.hash@domain of from>`, where the
// hash covers the message's recipient, time and body (which holds a one-time link, so it is unique).
std::string MessageIdFor(std::int64_t outbox_id, std::string_view recipient, std::int64_t created_at,
                         std::string_view body, std::string_view from);

}  // namespace notifications
