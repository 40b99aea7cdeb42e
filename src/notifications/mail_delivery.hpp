#pragma once
// Sends the outbox by SMTP (libcurl) when a mail server is configured: `khetane serve --smtp-url …` on a background
// thread, `khetane mail send` once. A message is never lost: one that cannot be sent stays in the outbox with its
// error and is tried again after 1, 5 and 30 minutes, then 2, 6 and 12 hours, then given up; one whose link expires
// first is given up unsent. Without a mail server nothing here runs, and the outbox is read at /admin/outbox.

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "notifications/outbox_store.hpp"

namespace notifications {

struct MailSettings {
  // smtp://host[:port] or smtps://host[:port] (TLS from the first byte). Credentials never go in the URL.
  std::string smtp_url;
  std::string from;      // the envelope sender and the From header: an address
  std::string username;  // optional; with it, smtp:// requires STARTTLS
  std::string password;  // read from a file; never logged, never on a command line
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds timeout{60};  // for one whole message
};

// What is wrong with `settings`, in one line for the command line; nullopt when they can work.
std::optional<std::string> MailSettingsProblem(const MailSettings& settings);

// How a connection is protected. smtps:// is TLS from the start. smtp:// with a user requires STARTTLS (the password
// never crosses the network in clear); without one, STARTTLS is used when the server offers it, except towards this
// machine (a local relay, often with a self-signed certificate, and nobody on the wire to read it). Certificates are
// always verified.
enum class SmtpTls { kImplicit, kRequired, kOpportunistic, kNone };
SmtpTls TlsFor(const MailSettings& settings);

// Whether a failure concerns this message (the server refused it) or any message (no server, refused sign-in, TLS):
// after the latter, the others are left for the next round instead of failing alike.
enum class FailureScope { kThisMessage, kEveryMessage };

struct SendFailure {
  std::string error;  // curl's description and the server's last reply: shown to administrators
  FailureScope scope = FailureScope::kThisMessage;
};

// One SMTP transaction per message through libcurl.
class SmtpSender {
 public:
  explicit SmtpSender(MailSettings settings);
  // nullopt when the server accepted the message. `data` is the whole message (BuildMessage); `to` one address.
  std::optional<SendFailure> Send(const std::string& to, const std::string& data) const;
  const MailSettings& settings() const { return settings_; }
  // A new password (its file read again on `systemctl reload`): the next message uses it.
  void ChangePassword(std::string password);

 private:
  MailSettings settings_;
  mutable std::mutex password_mutex_;  // the password changes while a message may be sent
};

// The waits after the 1st, 2nd, … failed attempt; after as many failures as there are waits plus one, Khetane stops.
inline constexpr std::array<std::chrono::seconds, 6> kRetryDelays = {std::chrono::minutes(1),  std::chrono::minutes(5),
                                                                     std::chrono::minutes(30), std::chrono::hours(2),
                                                                     std::chrono::hours(6),    std::chrono::hours(12)};
// The wait before the next attempt after `failed_attempts` failures; nullopt: give up.
std::optional<std::chrono::seconds> RetryDelay(std::int64_t failed_attempts);

// How long a process may take to send a message it claimed before another may try it.
inline constexpr std::chrono::minutes kClaimLease{15};
// Messages one round sends at most: the rest wait for the next round.
inline constexpr std::int64_t kMessagesPerRound = 50;

inline constexpr std::string_view kExpiredBeforeSending = "the link in it expired before it could be sent";

struct DeliveryReport {
  std::int64_t sent = 0;
  std::int64_t failed = 0;    // to be tried again
  std::int64_t given_up = 0;  // after the last attempt, or expired
};

class MailDelivery {
 public:
  MailDelivery(OutboxStore& store, const SmtpSender& sender) : store_(store), sender_(sender) {}
  // Sends what is due at `now` (Unix seconds). `keep_going` is asked before each message: false ends the round early
  // (shutdown); what is left waits for the next round.
  DeliveryReport DeliverDue(std::int64_t now, const std::function<bool()>& keep_going = {});

 private:
  OutboxStore& store_;
  const SmtpSender& sender_;
};

// Runs MailDelivery::DeliverDue at once and then every `interval` on its own thread, at the time `clock` tells, until
// Stop() or destruction. Must be stopped before the database goes: declare it after the database, or call Stop().
class MailDeliveryLoop {
 public:
  MailDeliveryLoop(MailDelivery& delivery, const core::Clock& clock, std::chrono::milliseconds interval);
  MailDeliveryLoop(const MailDeliveryLoop&) = delete;
  MailDeliveryLoop& operator=(const MailDeliveryLoop&) = delete;
  ~MailDeliveryLoop() { Stop(); }
  // Returns once the thread has ended. A message being sent is finished (within MailSettings::timeout); the rest of
  // the round waits for the next start.
  void Stop();

 private:
  void Run();

  MailDelivery& delivery_;
  const core::Clock& clock_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace notifications
