#include "notifications/mail_delivery.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "notifications/mail_message.hpp"

namespace notifications {
namespace {

constexpr std::string_view kSmtp = "smtp://";
constexpr std::string_view kSmtps = "smtps://";
constexpr std::size_t kMaxReplyLength = 200;

// "host:port" of smtp://host:port/…
std::string_view AuthorityOf(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const std::string_view rest = url.substr(scheme_end + 3);
  return rest.substr(0, rest.find('/'));
}

std::string_view HostOf(std::string_view authority) {
  if (authority.starts_with('[')) return authority.substr(0, authority.find(']') + 1);
  return authority.substr(0, authority.find(':'));
}

bool IsLoopback(std::string_view host) { return host == "localhost" || host.starts_with("127.") || host == "[::1]"; }

void InitialiseCurlOnce() {
  // curl_global_init is not thread-safe everywhere: once, before the first handle.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t length = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, length);
  upload->offset += length;
  return length;
}

// Keeps the server's last refusal (a 4xx or 5xx reply line), for the error: the replies after it (221 to QUIT) say
// nothing. Only what the server says is read (CURLINFO_HEADER_IN): what we send, AUTH included, never is.
int KeepLastReply(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  line.erase(std::remove_if(line.begin(), line.end(),
                            [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }),
             line.end());
  if (line.starts_with('4') || line.starts_with('5'))
    *static_cast<std::string*>(user) = line.substr(0, kMaxReplyLength);
  return 0;
}

FailureScope ScopeOf(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_LOGIN_DENIED:
    case CURLE_AUTH_ERROR:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_GOT_NOTHING:
      return FailureScope::kEveryMessage;
    default:
      return FailureScope::kThisMessage;
  }
}

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using CurlList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

}  // namespace

std::optional<std::string> MailSettingsProblem(const MailSettings& settings) {
  const std::string& url = settings.smtp_url;
  if (!url.starts_with(kSmtp) && !url.starts_with(kSmtps)) {
    return "--smtp-url must start with smtp:// or smtps:// (e.g. smtp://mail.example.org:587)";
  }
  if (std::any_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20; })) {
    return "--smtp-url must not hold spaces or control characters";
  }
  const std::string_view authority = AuthorityOf(url);
  if (authority.find('@') != std::string_view::npos) {
    return "--smtp-url must not hold a user or password (they would show in the list of processes): use --smtp-user "
           "and --smtp-password-file";
  }
  if (HostOf(authority).empty()) return "--smtp-url has no host";
  if (!IsPlainAddress(settings.from)) return "--mail-from must be an address, such as khetane@example.org";
  if (settings.username.empty() != settings.password.empty()) {
    return "--smtp-user and --smtp-password-file go together";
  }
  return std::nullopt;
}

SmtpTls TlsFor(const MailSettings& settings) {
  if (settings.smtp_url.starts_with(kSmtps)) return SmtpTls::kImplicit;
  if (!settings.username.empty()) return SmtpTls::kRequired;
  if (IsLoopback(HostOf(AuthorityOf(settings.smtp_url)))) return SmtpTls::kNone;
  return SmtpTls::kOpportunistic;
}

SmtpSender::SmtpSender(MailSettings settings) : settings_(std::move(settings)) { InitialiseCurlOnce(); }

void SmtpSender::ChangePassword(std::string password) {
  std::lock_guard lock(password_mutex_);
  settings_.password = std::move(password);
}

std::optional<SendFailure> SmtpSender::Send(const std::string& to, const std::string& data) const {
  CurlHandle curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return SendFailure{"libcurl could not start a transfer", FailureScope::kEveryMessage};
  CurlList recipients(curl_slist_append(nullptr, ("<" + to + ">").c_str()), &curl_slist_free_all);
  const std::string from = "<" + settings_.from + ">";
  Upload upload{data};
  std::string last_refusal;
  char error_buffer[CURL_ERROR_SIZE] = {};

  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, settings_.smtp_url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings_.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // we run on a thread of our own: no SIGALRM for timeouts
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  // Verbose only so that the callback hears the server's replies; nothing goes to standard error.
  curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, &KeepLastReply);
  curl_easy_setopt(handle, CURLOPT_DEBUGDATA, &last_refusal);
  switch (TlsFor(settings_)) {
    case SmtpTls::kImplicit:
    case SmtpTls::kRequired:
      curl_easy_setopt(handle, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
      break;
    case SmtpTls::kOpportunistic:
      curl_easy_setopt(handle, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
      break;
    case SmtpTls::kNone:
      curl_easy_setopt(handle, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_NONE));
      break;
  }
  std::string password;
  if (!settings_.username.empty()) {
    {
      std::lock_guard lock(password_mutex_);
      password = settings_.password;
    }
    curl_easy_setopt(handle, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, password.c_str());
  }

  const CURLcode code = curl_easy_perform(handle);
  if (code == CURLE_OK) return std::nullopt;
  std::string error = error_buffer[0] != '\0' ? std::string(error_buffer) : std::string(curl_easy_strerror(code));
  if (!last_refusal.empty()) error += "; the server said: " + last_refusal;
  return SendFailure{std::move(error), ScopeOf(code)};
}

std::optional<std::chrono::seconds> RetryDelay(std::int64_t failed_attempts) {
  if (failed_attempts < 1 || failed_attempts > static_cast<std::int64_t>(kRetryDelays.size())) return std::nullopt;
  return kRetryDelays[static_cast<std::size_t>(failed_attempts - 1)];
}

DeliveryReport MailDelivery::DeliverDue(std::int64_t now, const std::function<bool()>& keep_going) {
  DeliveryReport report;
  report.given_up += store_.GiveUpExpired(now, std::string(kExpiredBeforeSending));
  const std::string& from = sender_.settings().from;
  for (const OutboxMessage& message : store_.ListDue(now, kMessagesPerRound)) {
    if (keep_going && !keep_going()) break;
    if (!store_.Claim(message.id, now, now + std::chrono::seconds(kClaimLease).count())) continue;
    const auto data =
        BuildMessage({from, message.recipient, message.subject, message.body_text, message.created_at,
                      MessageIdFor(message.id, message.recipient, message.created_at, message.body_text, from)});
    if (!data) {
      store_.MarkGivenUp(message.id, data.error().message, now);
      ++report.given_up;
      spdlog::warn("mail: outbox message {} cannot be sent: {}", message.id, data.error().message);
      continue;
    }
    const auto failure = sender_.Send(message.recipient, *data);
    if (!failure) {
      store_.MarkSent(message.id, now);
      ++report.sent;
      spdlog::info("mail: sent outbox message {}", message.id);
      continue;
    }
    const std::int64_t attempts = message.attempts + 1;
    if (const auto delay = RetryDelay(attempts)) {
      store_.MarkFailed(message.id, failure->error, now + delay->count());
      ++report.failed;
      spdlog::warn("mail: outbox message {} not sent (attempt {}), trying again in {} s: {}", message.id, attempts,
                   delay->count(), failure->error);
    } else {
      store_.MarkGivenUp(message.id, failure->error, now);
      ++report.given_up;
      spdlog::warn("mail: outbox message {} not sent after {} attempts; giving up: {}", message.id, attempts,
                   failure->error);
    }
    if (failure->scope == FailureScope::kEveryMessage) break;
  }
  return report;
}

MailDeliveryLoop::MailDeliveryLoop(MailDelivery& delivery, const core::Clock& clock, std::chrono::milliseconds interval)
    : delivery_(delivery), clock_(clock), interval_(interval), thread_([this] { Run(); }) {}

void MailDeliveryLoop::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MailDeliveryLoop::Run() {
  const auto keep_going = [this] {
    std::lock_guard lock(mutex_);
    return !stopping_;
  };
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      delivery_.DeliverDue(clock_.Now(), keep_going);
    } catch (const std::exception& error) {
      // The database may be away for a moment: the next round tries again.
      spdlog::error("mail: delivering the outbox failed: {}", error.what());
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace notifications
