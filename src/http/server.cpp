#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <climits>
#include <csignal>
#include <limits>
#include <map>
#include <mutex>
#include <restinio/all.hpp>
#include <stdexcept>
#include <thread>

#include "http/compression.hpp"

namespace http::detail {

// Our own methods mapper only to give RESTinio's parser settings a specialisation point (below).
class Methods : public restinio::default_http_methods_t {};

// The bodies of uploads being received, counted against ServerOptions::max_upload_memory. An upload states its length
// (Content-Length) and takes a lease on that much before its first byte is kept; the handler gives the lease back.
// A connection that dies mid-body never reaches the handler, so every lease also lapses on its own once the body
// could no longer be arriving or handled (the read and handler time limits).
class UploadLeases {
 public:
  UploadLeases(std::size_t budget, std::chrono::seconds lifetime) : budget_(budget), lifetime_(lifetime) {}

  // The lease's number, or 0 when the budget is spent.
  std::uint64_t Take(std::size_t bytes) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    std::erase_if(leases_, [&](const auto& entry) {
      if (entry.second.lapses > now) return false;
      held_ -= entry.second.bytes;
      return true;
    });
    if (held_ + bytes > budget_) return 0;
    held_ += bytes;
    leases_.emplace(++last_, Lease{bytes, now + lifetime_});
    return last_;
  }

  void Give(std::uint64_t number) {
    std::lock_guard lock(mutex_);
    if (const auto found = leases_.find(number); found != leases_.end()) {
      held_ -= found->second.bytes;
      leases_.erase(found);
    }
  }

 private:
  struct Lease {
    std::size_t bytes;
    std::chrono::steady_clock::time_point lapses;
  };
  std::mutex mutex_;
  std::size_t budget_;
  std::chrono::seconds lifetime_;
  std::size_t held_ = 0;
  std::uint64_t last_ = 0;
  std::map<std::uint64_t, Lease> leases_;
};

// What the parser callbacks below need of the running server. RESTinio calls them without the server at hand, so
// Server::Run puts its limits here: one server per process.
struct Transport {
  const ServerOptions* options = nullptr;
  UploadLeases* uploads = nullptr;
};
inline std::atomic<const Transport*> running_transport{nullptr};

inline constexpr std::string_view kUploadLeaseHeader = "x-khetane-upload-lease";

}  // namespace http::detail

// RESTinio 0.6 closes the connection without a word when a request is over a limit. People deserve an answer they can
// read instead: these parser callbacks check the address, the headers and the body against the server's limits as
// they arrive, keep nothing over a limit, mark the request with the status to answer (http::kRefusedHeader), and read
// the rest of the request to its end, so that the handler answers it. Everything else is RESTinio's own callbacks.
// This specialises an internal of RESTinio (create_parser_settings, http_parser_ctx_t), which a new version may
// change without notice: the build stops on another version until someone has read this against it, and
// tests/integration/server_test.cpp (the 413, 414 and 431 tests) fails if an answer is lost (docs/DEPENDENCIES.md).
static_assert(RESTINIO_VERSION_MAJOR == 0 && RESTINIO_VERSION_MINOR == 6 && RESTINIO_VERSION_PATCH == 16,
              "RESTinio changed: check the parser callbacks below against its http_parser_ctx_t, then update this");
template <>
inline http_parser_settings restinio::impl::create_parser_settings<http::detail::Methods>() noexcept {
  using Context = restinio::impl::http_parser_ctx_t;
  http_parser_settings settings = create_parser_settings<restinio::default_http_methods_t>();
  static const auto context_of = [](http_parser* parser) { return reinterpret_cast<Context*>(parser->data); };
  static const auto refused = [](const Context& context) { return context.m_header.has_field(http::kRefusedHeader); };
  // The first refusal is the one answered; what arrives after it is not kept.
  static const auto refuse = [](Context& context, int status) {
    if (!refused(context)) context.m_header.set_field(std::string(http::kRefusedHeader), std::to_string(status));
    context.m_body.clear();
    context.m_body.shrink_to_fit();
  };
  // The parser's state while it reports a value whose line has ended (s_header_almost_done in http_parser 2.9's
  // http_parser.c), and what the field's name, moved into the field by then, is set to until the next name.
  static_assert(HTTP_PARSER_VERSION_MAJOR == 2 && HTTP_PARSER_VERSION_MINOR == 9,
                "http_parser changed: check its state numbers against the obs-fold check below");
  static constexpr unsigned kHeaderAlmostDone = 52;
  static const std::string kLineEnded = "\n";
  static const auto options = [] {
    const auto* transport = http::detail::running_transport.load();
    return transport ? transport->options : nullptr;
  };
  settings.on_url = [](http_parser* parser, const char* at, size_t length) -> int {
    auto* context = context_of(parser);
    const auto* limits = options();
    if (refused(*context)) return 0;
    if (limits && context->m_header.request_target().size() + length > limits->max_url_bytes) {
      refuse(*context, 414);
      return 0;
    }
    return restinio_url_cb(parser, at, length);
  };
  settings.on_header_field = [](http_parser* parser, const char* at, size_t length) -> int {
    auto* context = context_of(parser);
    const auto* limits = options();
    if (refused(*context)) return 0;
    // "Host : x": whitespace before the colon makes a name another reader may take differently (RFC 9112 §5.1).
    if (std::string_view(at, length).find_first_of(" \t") != std::string_view::npos) {
      refuse(*context, 400);
      return 0;
    }
    if (limits) {
      const bool another = context->m_last_was_value;
      const std::size_t name = (another ? 0 : context->m_current_field_name.size()) + length;
      if ((another && context->m_total_field_count >= limits->max_header_count) || name > limits->max_header_bytes) {
        refuse(*context, 431);
        return 0;
      }
    }
    return restinio_header_field_cb(parser, at, length);
  };
  settings.on_header_value = [](http_parser* parser, const char* at, size_t length) -> int {
    auto* context = context_of(parser);
    const auto* limits = options();
    if (refused(*context)) return 0;
    // A value continued on the next line (obs-fold, RFC 9112 §5.2) is refused: a proxy in front could read the
    // request differently. The parser calls again for the same value when its bytes came in two reads too; only a
    // call made after the line ended (marked below) is a fold.
    if (context->m_last_was_value && context->m_current_field_name == kLineEnded) {
      refuse(*context, 400);
      return 0;
    }
    if (limits) {
      const std::size_t line = context->m_current_field_name.size() +
                               (context->m_last_was_value ? context->m_last_value_total_size : 0) + length;
      if (line > limits->max_header_bytes) {
        refuse(*context, 431);
        return 0;
      }
    }
    const int result = restinio_header_value_cb(parser, at, length);
    if (result == 0 && parser->state == kHeaderAlmostDone) context->m_current_field_name = kLineEnded;
    return result;
  };
  settings.on_headers_complete = [](http_parser* parser) -> int {
    auto* context = context_of(parser);
    const auto* transport = http::detail::running_transport.load();
    if (refused(*context) || !transport) {
      context->m_leading_headers_completed = true;
      return refused(*context) ? 0 : restinio_headers_complete_cb(parser);
    }
    const auto& limits = *transport->options;
    // HTTP/1.1 names the host in every request (RFC 9112 §3.2); a request without one is refused. So is one that
    // brings a lease of its own: only the server gives one.
    if ((parser->http_major == 1 && parser->http_minor >= 1 && !context->m_header.has_field("Host")) ||
        context->m_header.has_field(http::detail::kUploadLeaseHeader)) {
      context->m_leading_headers_completed = true;
      refuse(*context, 400);
      return 0;
    }
    const bool length_stated = parser->content_length != ULLONG_MAX;
    if (length_stated && parser->content_length > limits.max_form_bytes) {
      // Only a route that takes files accepts more, and only what the upload budget has room for.
      const auto target = context->m_header.request_target();
      const auto path = http::PercentDecode(target.substr(0, target.find('?')), http::PlusIs::kPlus);
      const auto method = static_cast<http_method>(parser->method);
      const http::Method ours = method == HTTP_POST    ? http::Method::kPost
                                : method == HTTP_PUT   ? http::Method::kPut
                                : method == HTTP_PATCH ? http::Method::kPatch
                                                       : http::Method::kOther;
      const bool takes_files = !limits.body_of || limits.body_of(ours, path) == http::Body::kFiles;
      context->m_leading_headers_completed = true;
      if (!takes_files || parser->content_length > limits.max_body_bytes) {
        refuse(*context, 413);
        return 0;
      }
      const auto lease = transport->uploads->Take(static_cast<std::size_t>(parser->content_length));
      if (lease == 0) {
        refuse(*context, 503);
        return 0;
      }
      context->m_header.set_field(std::string(http::detail::kUploadLeaseHeader), std::to_string(lease));
    }
    return restinio_headers_complete_cb(parser);
  };
  settings.on_body = [](http_parser* parser, const char* at, size_t length) -> int {
    auto* context = context_of(parser);
    const auto* limits = options();
    if (refused(*context)) return 0;
    // Only an upload that stated its length holds a lease; any other body, chunked ones too, keeps to the form limit.
    const std::size_t limit = !limits ? std::numeric_limits<std::size_t>::max()
                              : context->m_header.has_field(http::detail::kUploadLeaseHeader) ? limits->max_body_bytes
                                                                                              : limits->max_form_bytes;
    if (context->m_body.size() + length > limit) {
      refuse(*context, 413);
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
    case 414:
      return "URI Too Long";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
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
  // Short, unique among the processes serving one site (their start and process id) and sortable by arrival within
  // one; enough to find a line in the log of the process that answered.
  static std::atomic<std::uint64_t> counter{0};
  static const auto start = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  static const auto process = static_cast<std::uint64_t>(::getpid());
  return fmt::format("{:x}{:x}-{:x}", start & 0xFFFFFF, process & 0xFFFF, ++counter);
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

  detail::UploadLeases uploads(options_.max_upload_memory, options_.read_timeout + options_.handler_timeout);
  const detail::Transport transport{&options_, &uploads};
  detail::running_transport.store(&transport);
  // The request line and the headers together; the callbacks refuse what is over our own limits before this.
  http_parser_set_max_header_size(static_cast<std::uint32_t>(std::min<std::size_t>(
      UINT32_MAX, options_.max_url_bytes + options_.max_header_bytes * options_.max_header_count + 64 * 1024)));

  auto handle = [this, &in_flight, &uploads](const restinio::request_handle_t& source) {
    ++in_flight;
    Request request = ToRequest(*source);
    request.request_id = NewRequestId();
    const auto lease = request.Header(detail::kUploadLeaseHeader);
    Response response;
    try {
      response = handler_(request);
      NegotiateContentCoding(request, response);
    } catch (const std::exception& error) {
      spdlog::error("request {}: unhandled exception: {}", request.request_id, error.what());
      response = Response::Text("Internal error. Request id: " + request.request_id + "\n", 500);
    }
    // A refused request holds no lease of ours (a client's own was refused with it).
    if (lease && !request.Header(kRefusedHeader)) uploads.Give(std::strtoull(std::string(*lease).c_str(), nullptr, 10));
    auto reply = source->create_response(
        restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                                     std::string(ReasonPhrase(response.status))});
    for (auto& [name, value] : response.headers) reply.append_header(name, value);
    reply.append_header("X-Request-Id", request.request_id);
    reply.append_header_date_field();
    // After a refusal the connection carries no other request: what was refused was not kept, so where it ended
    // is not known for certain.
    if (request.Header(kRefusedHeader)) reply.connection_close();
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

  // A reload is asked for as often as the administrator likes: wait for the next each time.
  asio::signal_set reloads(io_context, SIGHUP);
  std::function<void()> wait_for_reload = [&] {
    reloads.async_wait([&](const asio::error_code& error, int) {
      if (error) return;
      spdlog::info("signal {}: reloading", SIGHUP);
      if (options_.on_reload) options_.on_reload();
      wait_for_reload();
    });
  };
  wait_for_reload();

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
    reloads.cancel();
    wait_for_drain();
  });

  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < threads; ++i) pool.emplace_back([&] { io_context.run(); });
  io_context.run();
  for (auto& thread : pool) thread.join();
  const detail::Transport* ours = &transport;
  detail::running_transport.compare_exchange_strong(ours, nullptr);
  spdlog::info("stopped");
}

}  // namespace http
