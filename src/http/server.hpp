#pragma once
// The HTTP server: RESTinio underneath, our Request/Response above. The only place that knows RESTinio.
// Every response is finished here: its body gets its content coding (gzip when the client accepts it,
// NegotiateContentCoding in compression.hpp), then the request id and the date.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "http/request.hpp"
#include "http/response.hpp"

namespace http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  std::size_t threads = 0;  // 0: one per core
  std::size_t max_body_bytes = 32 * 1024 * 1024;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds handler_timeout{60};
  std::chrono::seconds shutdown_grace{10};  // how long in-flight requests may take to finish on SIGTERM
};

// Gets every request that made it through the transport, with request_id and remote_address set.
// It must not throw; if it does, the server answers a bare 500 with the request id.
using RequestHandler = std::function<Response(Request&)>;

// Called once the socket listens (e.g. to print the URL).
using ListeningCallback = std::function<void(const std::string& url)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler);
  // Listens and serves until SIGINT or SIGTERM; then stops accepting, lets in-flight requests finish
  // (up to shutdown_grace) and returns. Throws std::runtime_error with one line if it cannot listen.
  void Run(const ListeningCallback& on_listening = {});

 private:
  ServerOptions options_;
  RequestHandler handler_;
};

// A response for a request whose body is larger than ServerOptions::max_body_bytes is decided by the
// transport, before the body is read; the handler sees this header on such a request and answers 413.
inline constexpr std::string_view kBodyTooLargeHeader = "x-khetane-body-too-large";

}  // namespace http
