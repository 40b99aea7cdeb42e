#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <restinio/all.hpp>
#include <stdexcept>
#include <thread>

#include "http/compression.hpp"

namespace http::detail {

// Our own methods mapper only to give RESTinio's parser settings a specialisation point (below).
class Methods : public restinio::default_http_methods_t {};

}  // namespace http::detail

// RESTinio 0.6 closes the connection without a reply when a body exceeds max_body_size. Users deserve a 413
// page instead: these parser callbacks mark such a request and drop its body as it arrives (so memory stays
// bounded), and the handler answers 413. Everything else is RESTinio's own callbacks.
// This specialises an internal of RESTinio (create_parser_settings, http_parser_ctx_t), which a new version may
// change without notice: the build stops on another version until someone has read this against it, and
// tests/integration/server_test.cpp ("…Gets413…") fails if the answer is lost (docs/DEPENDENCIES.md, RESTinio).
static_assert(RESTINIO_VERSION_MAJOR == 0 && RESTINIO_VERSION_MINOR == 6 && RESTINIO_VERSION_PATCH == 16,
              "RESTinio changed: check the 413 parser callbacks below against its http_parser_ctx_t, then update this");
template <>
inline http_parser_settings restinio::impl::create_parser_settings<http::detail::Methods>() noexcept {
  http_parser_settings settings = create_parser_settings<restinio::default_http_methods_t>();
  static const auto mark_too_large = [](restinio::impl::http_parser_ctx_t* context) {
    if (!context->m_header.has_field(http::kBodyTooLargeHeader)) {
      context->m_header.set_field(std::string(http::kBodyTooLargeHeader), "1");
    }
    context->m_body.clear();
  };
  settings.on_headers_complete = [](http_parser* parser) -> int {
    auto* context = reinterpret_cast<restinio::impl::http_parser_ctx_t*>(parser->data);
    if (parser->content_length != ULLONG_MAX && parser->content_length > context->m_limits.max_body_size()) {
      context->m_leading_headers_completed = true;
      mark_too_large(context);
      return 0;
    }
    return restinio_headers_complete_cb(parser);
  };
  settings.on_body = [](http_parser* parser, const char* at, size_t length) -> int {
    auto* context = reinterpret_cast<restinio::impl::http_parser_ctx_t*>(parser->data);
    if (context->m_header.has_field(http::kBodyTooLargeHeader)) return 0;
    if (context->m_body.size() + length > context->m_limits.max_body_size()) {
      mark_too_large(context);  // a chunked body that grew too large
      return 0;
    }
    return restinio_body_cb(parser, at, length);
  };
  return settings;
}

namespace http {
namespace {

struct Traits : public restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
  using http_methods_mapper_t = detail::Methods;
};

Method MethodOf(const restinio::http_method_id_t& method) {
  if (method == restinio::http_method_get()) return Method::kGet;
  if (method == restinio::http_method_head()) return Method::kHead;
  if (method == restinio::http_method_post()) return Method::kPost;
  if (method == restinio::http_method_put()) return Method::kPut;
  if (method == restinio::http_method_patch()) return Method::kPatch;
  if (method == restinio::http_method_delete()) return Method::kDelete;
  if (method == restinio::http_method_options()) return Method::kOptions;
  return Method::kOther;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

std::string LowerCase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string NewRequestId() {
  // Short, unique within a process run and sortable by arrival; enough to find a line in the log.
  static std::atomic<std::uint64_t> counter{0};
  static const auto start = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  return fmt::format("{:x}-{:x}", start & 0xFFFFFF, ++counter);
}

Request ToRequest(const restinio::request_t& source) {
  Request request;
  request.method = MethodOf(source.header().method());
  const auto target = source.header().request_target();
  const auto question = target.find('?');
  request.path = PercentDecode(target.substr(0, question), PlusIs::kPlus);
  if (question != std::string_view::npos) request.query_string = std::string(target.substr(question + 1));
  source.header().for_each_field([&](const restinio::http_header_field_t& field) {
    request.headers.emplace_back(LowerCase(field.name()), field.value());
  });
  request.body = source.body();
  request.remote_address = source.remote_endpoint().address().to_string();
  return request;
}

}  // namespace

Server::Server(ServerOptions options, RequestHandler handler)
    : options_(std::move(options)), handler_(std::move(handler)) {}

void Server::Run(const ListeningCallback& on_listening) {
  const std::size_t threads =
      options_.threads > 0 ? options_.threads : std::max(2u, std::thread::hardware_concurrency());
  asio::io_context io_context;
  std::atomic<int> in_flight{0};

  auto handle = [this, &in_flight](const restinio::request_handle_t& source) {
    ++in_flight;
    Request request = ToRequest(*source);
    request.request_id = NewRequestId();
    Response response;
    try {
      response = handler_(request);
      NegotiateContentCoding(request, response);
    } catch (const std::exception& error) {
      spdlog::error("request {}: unhandled exception: {}", request.request_id, error.what());
      response = Response::Text("Internal error. Request id: " + request.request_id + "\n", 500);
    }
    auto reply = source->create_response(
        restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                                     std::string(ReasonPhrase(response.status))});
    for (auto& [name, value] : response.headers) reply.append_header(name, value);
    reply.append_header("X-Request-Id", request.request_id);
    reply.append_header_date_field();
    // A body we refused was not read to its end: the connection cannot carry another request.
    if (response.status == 413) reply.connection_close();
    if (request.method != Method::kHead) reply.set_body(std::move(response.body));
    reply.done([&in_flight](const asio::error_code&) { --in_flight; });
    return restinio::request_accepted();
  };

  auto settings =
      restinio::server_settings_t<Traits>{}
          .address(options_.address)
          .port(options_.port)
          .request_handler(std::move(handle))
          .read_next_http_message_timelimit(options_.read_timeout)
          .write_http_response_timelimit(options_.write_timeout)
          .handle_request_timeout(options_.handler_timeout)
          .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(options_.max_body_bytes));
  restinio::http_server_t<Traits> server{restinio::external_io_context(io_context), std::move(settings)};

  try {
    server.open_sync();
  } catch (const std::exception& error) {
    throw std::runtime_error(fmt::format("cannot listen on {}:{}: {}", options_.address, options_.port, error.what()));
  }
  if (on_listening) on_listening(fmt::format("http://{}:{}", options_.address, options_.port));

  // Graceful stop: close the listening socket, let requests in progress finish, then stop the threads.
  asio::signal_set signals(io_context, SIGINT, SIGTERM);
  asio::steady_timer drain_timer(io_context);
  auto deadline = std::chrono::steady_clock::time_point::max();
  std::function<void()> wait_for_drain = [&] {
    if (in_flight.load() == 0 || std::chrono::steady_clock::now() >= deadline) {
      if (in_flight.load() > 0) spdlog::warn("stopping with {} requests still running", in_flight.load());
      io_context.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(20));
    drain_timer.async_wait([&](const asio::error_code&) { wait_for_drain(); });
  };
  signals.async_wait([&](const asio::error_code& error, int signal_number) {
    if (error) return;
    spdlog::info("signal {}: no longer accepting connections; finishing requests in progress", signal_number);
    deadline = std::chrono::steady_clock::now() + options_.shutdown_grace;
    server.close_sync();
    wait_for_drain();
  });

  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < threads; ++i) pool.emplace_back([&] { io_context.run(); });
  io_context.run();
  for (auto& thread : pool) thread.join();
  spdlog::info("stopped");
}

}  // namespace http
