#pragma once
// The HTTP server: RESTinio underneath, our Request/Response above. The only place that knows RESTinio.
// Every response is finished here: its body gets its content coding (gzip when the client accepts it,
// NegotiateContentCoding in compression.hpp), then the request id and the date.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace http {

// What the transport refuses before a request reaches the handler, and how much it holds at once. Each limit is
// checked as the bytes arrive, so that no client makes the server keep more than the limit: what is over it is
// dropped unread and the handler answers (kRefusedHeader).
struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  std::size_t threads = 0;                        // 0: one per core
  std::size_t max_body_bytes = 32 * 1024 * 1024;  // a request to a route that takes files (Body::kFiles)
  std::size_t max_form_bytes = 1024 * 1024;       // any other request, and every chunked body
  // What the bodies of uploads being received may hold together; an upload beyond it is asked to come back (503).
  std::size_t max_upload_memory = 128 * 1024 * 1024;
  std::size_t max_url_bytes = 8 * 1024;
  std::size_t max_header_bytes = 8 * 1024;  // one header line, name and value
  std::size_t max_header_count = 100;
  // What a route takes in its body (the router knows); without it every request may carry files.
  std::function<Body(Method, std::string_view path)> body_of;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds handler_timeout{60};
  std::chrono::seconds shutdown_grace{10};  // how long in-flight requests may take to finish on SIGTERM
  // Called on SIGHUP (`systemctl reload`), on one of the server's threads, while it goes on serving.
  std::function<void()> on_reload;
};

// Gets every request that made it through the transport, with request_id and remote_address set.
// It must not throw; if it does, the server answers a bare 500 with the request id.
using RequestHandler = std::function<Response(Request&)>;

// Called once the socket listens (e.g. to print the URL).
using ListeningCallback = std::function<void(const std::string& url)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler);
  // Listens and serves until SIGINT or SIGTERM (SIGHUP calls on_reload and goes on); then stops accepting, lets
  // in-flight requests finish (up to shutdown_grace) and returns. Throws std::runtime_error with one line if it cannot
  // listen.
  void Run(const ListeningCallback& on_listening = {});

 private:
  ServerOptions options_;
  RequestHandler handler_;
};

// A request the transport refused as it arrived carries this header with the status to answer: 400 (a header value
// folded onto a second line), 413 (a body over its
// route's limit), 414 (an address over max_url_bytes), 431 (a header over max_header_bytes or too many), 503 (too
// many uploads at once; the answer says when to come back). What was over the limit was not kept; the handler
// answers with a page in the reader's language, and the connection closes after it.
inline constexpr std::string_view kRefusedHeader = "x-khetane-refused";
// Seconds after which a refused upload may come back (a 503's Retry-After).
inline constexpr int kUploadRetrySeconds = 10;

}  // namespace http
