#pragma once
// A plain HTTP/1.1 client for tests: one request per connection, over a real loopback socket.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace test_support {

struct HttpResponse {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::string Header(const std::string& lowercase_name) const {
    const auto found = headers.find(lowercase_name);
    return found == headers.end() ? "" : found->second;
  }
};

// A connection that sends a request in parts (a slow upload, say); Finish sends the rest and reads the answer.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      throw std::runtime_error("cannot connect to port " + std::to_string(port));
    }
    timeval timeout{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  ~RawConnection() { ::close(fd_); }

  void Send(const std::string& part) {
    std::size_t sent = 0;
    while (sent < part.size()) {
      const ssize_t n = ::send(fd_, part.data() + sent, part.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;  // the server may answer and close before reading everything (413)
      sent += static_cast<std::size_t>(n);
    }
  }
  // Reads until the server closes. An empty reply means it closed the connection without answering.
  std::string Finish(const std::string& rest = "") {
    Send(rest);
    std::string reply;
    char buffer[16384];
    while (true) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      reply.append(buffer, static_cast<std::size_t>(n));
    }
    return reply;
  }

 private:
  int fd_;
};

// What a server replied, read into its parts; status 0 when it closed the connection without answering.
inline HttpResponse ParseReply(const std::string& reply);

// Sends `raw` (a whole request) and reads until the server closes. An empty response means the server closed
// the connection without answering.
inline HttpResponse SendRaw(int port, const std::string& raw) {
  RawConnection connection(port);
  return ParseReply(connection.Finish(raw));
}

inline HttpResponse ParseReply(const std::string& reply) {
  HttpResponse response;
  const auto header_end = reply.find("\r\n\r\n");
  if (reply.size() < 12 || header_end == std::string::npos) return response;
  response.status = std::stoi(reply.substr(9, 3));
  std::size_t line_start = reply.find("\r\n") + 2;
  while (line_start < header_end) {
    const auto line_end = reply.find("\r\n", line_start);
    const std::string line = reply.substr(line_start, line_end - line_start);
    const auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    response.headers.emplace(name, value);
    line_start = line_end + 2;
  }
  response.body = reply.substr(header_end + 4);
  return response;
}

inline HttpResponse Request(int port, const std::string& method, const std::string& target,
                            const std::vector<std::string>& headers = {}, const std::string& body = "") {
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& header : headers) raw += header + "\r\n";
  if (!body.empty() || method == "POST") raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  raw += "\r\n" + body;
  return SendRaw(port, raw);
}

inline HttpResponse Get(int port, const std::string& target, const std::vector<std::string>& headers = {}) {
  return Request(port, "GET", target, headers);
}

}  // namespace test_support
