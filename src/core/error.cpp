#include "core/error.hpp"

namespace core {

Failure::~Failure() = default;

std::string FieldProblem::PlainMoney(std::int64_t cents, const std::string& currency) {
  const std::int64_t whole = cents / 100;
  const std::int64_t part = (cents < 0 ? -cents : cents) % 100;
  return (cents < 0 && whole == 0 ? "-" : "") + std::to_string(whole) + "." + (part < 10 ? "0" : "") +
         std::to_string(part) + " " + currency;
}

std::string FillArguments(std::string text, const std::vector<MessageArgument>& arguments,
                          const std::function<std::string(const MessageArgument&)>& show) {
  for (const MessageArgument& argument : arguments) {
    const std::string placeholder = "{" + argument.name + "}";
    const std::string value = show(argument);
    for (std::size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

}  // namespace core
