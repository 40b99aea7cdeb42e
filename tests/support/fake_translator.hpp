#pragma once
// A stand-in for a LibreTranslate server in tests (none is packaged for Debian): on 127.0.0.1 (LoopbackServer) it
// answers POST /translate, and "translates" each text of `q` by putting "[target] " before it. It records what it
// was asked, and can be told to answer with another status.
//
//   test_support::FakeTranslator translator;
//   service.url = translator.url();

#include <sys/socket.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/loopback_server.hpp"

namespace test_support {

class FakeTranslator {
 public:
  FakeTranslator() = default;
  FakeTranslator(const FakeTranslator&) = delete;
  FakeTranslator& operator=(const FakeTranslator&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }
  // From now on every request is answered with `status` and a JSON error (200 translates again).
  void AnswerWith(int status) { status_ = status; }
  // The JSON bodies received, in order.
  std::vector<nlohmann::json> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  // Reads one request (headers, then Content-Length bytes of body) and answers it.
  void Answer(int connection) {
    std::string received;
    char buffer[4096];
    std::size_t body_at = std::string::npos, length = 0;
    for (;;) {
      const ssize_t got = ::recv(connection, buffer, sizeof buffer, 0);
      if (got <= 0) return;
      received.append(buffer, static_cast<std::size_t>(got));
      if (body_at == std::string::npos) {
        const auto end = received.find("\r\n\r\n");
        if (end == std::string::npos) continue;
        body_at = end + 4;
        const auto header = received.find("Content-Length: ");
        if (header != std::string::npos) length = std::stoul(received.substr(header + 16));
      }
      if (received.size() >= body_at + length) break;
    }
    const auto request = nlohmann::json::parse(received.substr(body_at, length), nullptr, false);
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    nlohmann::json answer;
    const int status = status_;
    if (status != 200 || request.is_discarded() || !request.contains("q") || !request["q"].is_array()) {
      answer = {{"error", "refused"}};
    } else {
      answer["translatedText"] = nlohmann::json::array();
      for (const auto& text : request["q"]) {
        answer["translatedText"].push_back("[" + request.value("target", "") + "] " + text.get<std::string>());
      }
    }
    const std::string body = answer.dump();
    const std::string response = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\n" +
                                 "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
                                 body;
    ::send(connection, response.data(), response.size(), MSG_NOSIGNAL);
  }

  std::atomic<int> status_{200};
  mutable std::mutex mutex_;
  std::vector<nlohmann::json> requests_;
  LoopbackServer server_{"FakeTranslator", [this](int connection) { Answer(connection); }};  // last
};

}  // namespace test_support
