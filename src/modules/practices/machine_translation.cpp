#include "modules/practices/machine_translation.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>

namespace practices {
namespace {

// The largest answer taken: a practice's texts are at most some 60,000 characters, several bytes each.
constexpr std::size_t kMaxAnswerBytes = 4 * 1024 * 1024;

std::size_t KeepAnswer(char* data, std::size_t size, std::size_t count, void* answer) {
  auto& kept = *static_cast<std::string*>(answer);
  if (kept.size() + size * count > kMaxAnswerBytes) return 0;  // curl then stops with CURLE_WRITE_ERROR
  kept.append(data, size * count);
  return size * count;
}

core::Error Unavailable(const std::string& detail) {
  spdlog::warn("machine translation: {}", detail);
  return {core::ErrorKind::kUnavailable, "The translation service did not translate it. Try again later.", detail};
}

}  // namespace

core::Result<std::vector<std::string>> TranslateTexts(const TranslationService& service,
                                                      const std::vector<std::string>& texts, std::string_view source,
                                                      std::string_view target) {
  nlohmann::json sent = nlohmann::json::array();
  for (const std::string& text : texts) {
    if (!text.empty()) sent.push_back(text);
  }
  std::vector<std::string> translated(texts.size());
  if (sent.empty()) return translated;
  nlohmann::json request = {{"q", sent}, {"source", source}, {"target", target}, {"format", "text"}};
  if (!service.api_key.empty()) request["api_key"] = service.api_key;
  const std::string body = request.dump();
  const std::string url = service.url + "/translate";

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return Unavailable("curl_easy_init failed");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(
      curl_slist_append(nullptr, "Content-Type: application/json"), &curl_slist_free_all);
  std::string answer;
  char error[CURL_ERROR_SIZE] = {};
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &KeepAnswer);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(service.timeout.count()));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // a server thread: no SIGALRM for timeouts
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  const CURLcode sent_code = curl_easy_perform(handle);
  if (sent_code != CURLE_OK) {
    return Unavailable(url + ": " + (error[0] ? std::string(error) : curl_easy_strerror(sent_code)));
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) return Unavailable(url + " answered " + std::to_string(status) + ": " + answer.substr(0, 300));
  const auto parsed = nlohmann::json::parse(answer, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("translatedText") ||
      !parsed["translatedText"].is_array() || parsed["translatedText"].size() != sent.size()) {
    return Unavailable(url + " answered what is not the translations: " + answer.substr(0, 300));
  }
  std::size_t next = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].empty()) continue;
    const nlohmann::json& each = parsed["translatedText"][next++];
    if (!each.is_string()) return Unavailable(url + " answered a translation that is not text");
    translated[i] = each.get<std::string>();
  }
  return translated;
}

}  // namespace practices
