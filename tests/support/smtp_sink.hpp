#pragma once
// A minimal SMTP server for tests (RFC 5321's replies 220, 250, 354, 221): it listens on 127.0.0.1 on a free port,
// serves one session at a time on its own thread, and records each message's envelope and DATA. It can be told to
// refuse recipients (451 to test retries, 550 …). No TLS, no AUTH: it answers 502 to both.
// Also what a mail program does with what it receives: headers unfolded, RFC 2047 words and a base64 body decoded.
//
//   test_support::SmtpSink sink;
//   settings.smtp_url = sink.url();
//   …
//   ASSERT_TRUE(sink.WaitForMessages(1, std::chrono::seconds(10)));
//   EXPECT_EQ(sink.messages()[0].recipients, std::vector<std::string>{"official@lom.bg"});

#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "support/loopback_server.hpp"

namespace test_support {

struct ReceivedMail {
  std::string mail_from;                // the address of MAIL FROM:<…>
  std::vector<std::string> recipients;  // the addresses of RCPT TO:<…>
  std::string data;                     // DATA with its CRLFs, dot-stuffing undone, without the final "."
};

class SmtpSink {
 public:
  SmtpSink() = default;
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return server_.port(); }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(server_.port()); }

  // From now on every RCPT TO gets `reply` ("451 4.7.1 Try again later") instead of 250; "" accepts again.
  void RefuseRecipients(std::string reply) {
    std::lock_guard lock(mutex_);
    recipient_refusal_ = std::move(reply);
  }

  std::vector<ReceivedMail> messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
  }
  // Every command line received, in order (e.g. to check that no AUTH was sent).
  std::vector<std::string> commands() const {
    std::lock_guard lock(mutex_);
    return commands_;
  }
  int sessions() const {
    std::lock_guard lock(mutex_);
    return sessions_;
  }

  // Whether `count` messages have come within `timeout`.
  bool WaitForMessages(std::size_t count, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return received_.wait_for(lock, timeout, [&] { return messages_.size() >= count; });
  }

 private:
  void Serve(int connection) {
    {
      std::lock_guard lock(mutex_);
      ++sessions_;
    }
    Session(connection);
  }

  static void Reply(int connection, const std::string& line) {
    const std::string text = line + "\r\n";
    ::send(connection, text.data(), text.size(), MSG_NOSIGNAL);
  }

  // The next line without its CRLF; false when the client has gone (or the sink stops).
  bool ReadLine(int connection, std::string& buffer, std::string& line) {
    while (true) {
      const auto end = buffer.find("\r\n");
      if (end != std::string::npos) {
        line = buffer.substr(0, end);
        buffer.erase(0, end + 2);
        return true;
      }
      if (server_.stopping()) return false;
      char chunk[4096];
      const ssize_t n = ::recv(connection, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
  }

  static std::string Upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
  }

  // "MAIL FROM:<a@b> SIZE=12" → "a@b"
  static std::string AddressIn(const std::string& line) {
    const auto open = line.find('<');
    const auto close = line.find('>', open);
    return open == std::string::npos || close == std::string::npos ? "" : line.substr(open + 1, close - open - 1);
  }

  void Session(int connection) {
    Reply(connection, "220 sink.test ESMTP ready");
    std::string buffer, line;
    ReceivedMail mail;
    while (ReadLine(connection, buffer, line)) {
      {
        std::lock_guard lock(mutex_);
        commands_.push_back(line);
      }
      const std::string verb = Upper(line.substr(0, line.find(' ')));
      if (verb == "EHLO" || verb == "HELO") {
        Reply(connection, "250 sink.test");
      } else if (verb == "MAIL") {
        mail = ReceivedMail{};
        mail.mail_from = AddressIn(line);
        Reply(connection, "250 2.1.0 OK");
      } else if (verb == "RCPT") {
        std::string refusal;
        {
          std::lock_guard lock(mutex_);
          refusal = recipient_refusal_;
        }
        if (refusal.empty()) {
          mail.recipients.push_back(AddressIn(line));
          Reply(connection, "250 2.1.5 OK");
        } else {
          Reply(connection, refusal);
        }
      } else if (verb == "DATA") {
        if (mail.recipients.empty()) {
          Reply(connection, "554 5.5.1 No valid recipients");
          continue;
        }
        Reply(connection, "354 End data with <CR><LF>.<CR><LF>");
        std::string data_line;
        bool complete = false;
        while (ReadLine(connection, buffer, data_line)) {
          if (data_line == ".") {
            complete = true;
            break;
          }
          if (data_line.starts_with('.')) data_line.erase(0, 1);  // RFC 5321, 4.5.2
          mail.data += data_line + "\r\n";
        }
        if (!complete) return;
        {
          std::lock_guard lock(mutex_);
          messages_.push_back(mail);
        }
        received_.notify_all();
        mail = ReceivedMail{};
        Reply(connection, "250 2.0.0 Queued");
      } else if (verb == "RSET") {
        mail = ReceivedMail{};
        Reply(connection, "250 2.0.0 OK");
      } else if (verb == "NOOP") {
        Reply(connection, "250 2.0.0 OK");
      } else if (verb == "QUIT") {
        Reply(connection, "221 2.0.0 Bye");
        return;
      } else {
        Reply(connection, "502 5.5.2 Command not implemented");
      }
    }
  }

  mutable std::mutex mutex_;
  mutable std::condition_variable received_;
  std::string recipient_refusal_;
  std::vector<ReceivedMail> messages_;
  std::vector<std::string> commands_;
  int sessions_ = 0;
  LoopbackServer server_{"SmtpSink", [this](int connection) { Serve(connection); }};  // last: see loopback_server.hpp
};

// RFC 4648 base64; characters outside the alphabet (line breaks) are skipped.
inline std::string DecodeBase64(std::string_view text) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z') {
      value = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      value = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      value = c - '0' + 52;
    } else if (c == '+') {
      value = 62;
    } else if (c == '/') {
      value = 63;
    } else {
      continue;
    }
    bits = bits << 6 | static_cast<std::uint32_t>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>(bits >> count & 0xFF);
    }
  }
  return out;
}

// The header part of a message, up to the empty line.
inline std::string HeadersOf(const std::string& data) { return data.substr(0, data.find("\r\n\r\n") + 2); }

// The value of header `name` (case-insensitive), unfolded (RFC 5322, 2.2.3); "" when absent.
inline std::string HeaderOf(const std::string& data, std::string_view name) {
  const std::string headers = HeadersOf(data);
  std::string wanted(name);
  std::transform(wanted.begin(), wanted.end(), wanted.begin(), [](unsigned char c) { return std::tolower(c); });
  std::size_t at = 0;
  while (at < headers.size()) {
    std::size_t end = headers.find("\r\n", at);
    while (end != std::string::npos && end + 2 < headers.size() &&
           (headers[end + 2] == ' ' || headers[end + 2] == '\t'))
      end = headers.find("\r\n", end + 2);
    const std::string field = headers.substr(at, end - at);
    const auto colon = field.find(':');
    std::string field_name = field.substr(0, colon);
    std::transform(field_name.begin(), field_name.end(), field_name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (colon != std::string::npos && field_name == wanted) {
      std::string value = field.substr(colon + 1);
      std::string unfolded;
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (value.compare(i, 2, "\r\n") == 0) {
          ++i;
          continue;
        }
        unfolded += value[i];
      }
      unfolded.erase(0, unfolded.find_first_not_of(' '));
      return unfolded;
    }
    at = end + 2;
  }
  return "";
}

// RFC 2047 B-encoded UTF-8 words decoded; whitespace between two words dropped (6.2), other text kept.
inline std::string DecodeEncodedWords(const std::string& value) {
  std::string out;
  std::size_t at = 0;
  bool after_word = false;
  while (at < value.size()) {
    const auto start = value.find("=?UTF-8?B?", at);
    if (start == std::string::npos) {
      out += value.substr(at);
      break;
    }
    const std::string between = value.substr(at, start - at);
    if (!(after_word && between.find_first_not_of(" \t") == std::string::npos)) out += between;
    const auto end = value.find("?=", start + 10);
    if (end == std::string::npos) {
      out += value.substr(start);
      break;
    }
    out += DecodeBase64(value.substr(start + 10, end - start - 10));
    at = end + 2;
    after_word = true;
  }
  return out;
}

// The body as a mail program shows it: decoded from base64 when the message says so.
inline std::string DecodedBody(const std::string& data) {
  const auto start = data.find("\r\n\r\n");
  const std::string body = start == std::string::npos ? "" : data.substr(start + 4);
  return HeaderOf(data, "Content-Transfer-Encoding") == "base64" ? DecodeBase64(body) : body;
}

}  // namespace test_support
