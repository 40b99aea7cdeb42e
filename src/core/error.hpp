#pragma once
// Expected failures travel as values: Result<T> holds either a T or an Error. A layer whose callers need more than a
// message (e.g. formats::FormatError with the row and column of bad input) names its own error type: Result<T, E>.
// One place (web::StatusOf and web::Site::Fail) maps an Error to a status code and a page;
// `detail` goes to the log only, `message` may be shown to the user.
// (std::expected is C++23; we build as C++20, so this is a small stand-in.)

#include <cassert>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace core {

// A value of a form, an API request or a line of a file that breaks a rule: the field as the form and the file name
// it ("title", "end", "municipal_planned"), why (a msgid for the translator), and the offending value (the whole
// field, or the part to blame: one area of a list, the start of a long text), "" when there is none to show.
// A value a message names, put in its place when the message is shown: "{name}" in the msgid becomes the value in
// the reader's language (a date as they write dates). A message that names who closed a period and when is one
// msgid with its arguments, not a sentence built from pieces.
struct MessageArgument {
  std::string name;
  std::string value;
  bool date = false;          // an ISO date ("2026-12-05"), shown as the reader writes dates
  std::string value_en = "";  // the value in English when it differs (a place's name): "Lom" for "Лом"
  std::string currency = "";  // an amount: `value` whole cents of this currency, shown as the reader writes money
  bool operator==(const MessageArgument&) const = default;
};

struct FieldProblem {
  std::string field;
  std::string message;
  std::string value;
  std::vector<MessageArgument> arguments = {};  // what "{name}" in `message` stands for

  // The problem with "{name}" in its message standing for `value` (a date when `date`): "This is before the
  // institution registered it ({date})."
  FieldProblem With(std::string name, std::string argument, bool date = false) && {
    arguments.push_back({std::move(name), std::move(argument), date});
    return std::move(*this);
  }
  // "{name}" standing for an amount of `cents` in `currency`: "12 400,00 лв." to a Bulgarian reader, "12400.00 BGN"
  // in the API.
  FieldProblem WithMoney(std::string name, std::int64_t cents, std::string currency) && {
    arguments.push_back({std::move(name), std::to_string(cents), false, PlainMoney(cents, currency), currency});
    return std::move(*this);
  }
  static std::string PlainMoney(std::int64_t cents, const std::string& currency);
  bool operator==(const FieldProblem&) const = default;
};

// `text` with each "{name}" replaced by `show(argument)` of the argument of that name.
std::string FillArguments(std::string text, const std::vector<MessageArgument>& arguments,
                          const std::function<std::string(const MessageArgument&)>& show);

enum class ErrorKind {
  kNotFound,
  kInvalidInput,
  kConflict,
  kForbidden,
  kUnauthenticated,  // the credentials given are not right (a sign-in)
  kRateLimited,      // too many tries in a while: wait, then try again
  kGone,             // it was there and will not be again (a one-time link that expired)
  kUnavailable,
  kInternal,
};

struct Error {
  ErrorKind kind;
  std::string message;  // safe to show; a msgid for the translator
  std::string detail;   // for the log only
  // Input refused field by field: every problem, `message` being the first's.
  std::vector<FieldProblem> problems = {};
  std::vector<MessageArgument> arguments = {};  // what "{name}" in `message` stands for
  std::int64_t retry_after_seconds = 0;         // a kRateLimited answer's Retry-After, when it is known

  // The error with "{name}" in its message standing for `value` (a date when `date`).
  Error With(std::string name, std::string value, bool date = false) && {
    arguments.push_back({std::move(name), std::move(value), date});
    return std::move(*this);
  }
  // A name that has its own English form (a place: "Лом", "Lom").
  Error WithName(std::string name, std::string value_bg, std::string value_en) && {
    arguments.push_back({std::move(name), std::move(value_bg), false, std::move(value_en)});
    return std::move(*this);
  }

  static Error NotFound(std::string message) { return {ErrorKind::kNotFound, std::move(message), {}}; }
  static Error InvalidInput(std::string message) { return {ErrorKind::kInvalidInput, std::move(message), {}}; }
  // Input refused field by field; `problems` is not empty.
  static Error InvalidFields(std::vector<FieldProblem> problems) {
    assert(!problems.empty());
    std::string first = problems.front().message;
    return {ErrorKind::kInvalidInput, std::move(first), {}, std::move(problems)};
  }
  static Error Conflict(std::string message) { return {ErrorKind::kConflict, std::move(message), {}}; }
  static Error Forbidden(std::string message) { return {ErrorKind::kForbidden, std::move(message), {}}; }
  static Error Unauthenticated(std::string message) { return {ErrorKind::kUnauthenticated, std::move(message), {}}; }
  static Error RateLimited(std::string message) { return {ErrorKind::kRateLimited, std::move(message), {}}; }
  static Error Gone(std::string message) { return {ErrorKind::kGone, std::move(message), {}}; }
  static Error Unavailable(std::string detail) {
    return {ErrorKind::kUnavailable, "The service is unavailable.", std::move(detail)};
  }
  static Error Internal(std::string detail) {
    return {ErrorKind::kInternal, "Something went wrong.", std::move(detail)};
  }
};

// An expected failure that a layer throws where it cannot return one (a store's statement deep inside a transaction):
// the request pipeline answers it as the Error it carries, and logs what() with the request id.
class Failure : public std::runtime_error {
 public:
  Failure(Error error, const std::string& detail) : std::runtime_error(detail), error_(std::move(error)) {}
  ~Failure() override;  // defined in error.cpp, so that the class has one vtable and one type_info
  const Error& error() const { return error_; }

 private:
  Error error_;
};

template <typename T, typename E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design, like std::expected
  Result(E error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<T>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const {
    assert(!ok());
    return std::get<E>(state_);
  }

 private:
  std::variant<T, E> state_;
};

}  // namespace core
