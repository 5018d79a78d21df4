// The one file that includes curl: SMTP delivery with libcurl.

#include <curl/curl.h>
#include <fmt/format.h>

#include <cstring>
#include <mutex>

#include "mail/transport.hpp"

namespace sinmun::mail {
namespace {

struct Reader {
  std::string_view rest;
};

size_t ReadMessage(char* buffer, size_t size, size_t count, void* user) {
  auto* reader = static_cast<Reader*>(user);
  const size_t n = std::min(size * count, reader->rest.size());
  std::memcpy(buffer, reader->rest.data(), n);
  reader->rest.remove_prefix(n);
  return n;
}

class SmtpTransport final : public MailTransport {
 public:
  explicit SmtpTransport(std::string url) : url_(std::move(url)) {
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  DeliveryResult Send(std::string_view from, std::string_view to,
                      std::string_view message) override {
    CURL* curl = curl_easy_init();
    if (curl == nullptr) return {Delivery::kTemporaryFailure, "curl_easy_init failed"};
    const std::string mail_from = "<" + std::string(from) + ">";
    const std::string rcpt = "<" + std::string(to) + ">";
    curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());
    Reader reader{message};
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadMessage);
    curl_easy_setopt(curl, CURLOPT_READDATA, &reader);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    const CURLcode rc = curl_easy_perform(curl);
    long response = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);

    if (rc == CURLE_OK) return {Delivery::kSent, ""};
    const std::string detail = fmt::format("{} (SMTP {}): {}", curl_easy_strerror(rc), response,
                                           error[0] != '\0' ? error : "");
    // A 5xx answer is the server's final word on this recipient or message (RFC 5321 4.2.1).
    if (response >= 500 && response < 600) return {Delivery::kRejected, detail};
    return {Delivery::kTemporaryFailure, detail};
  }

 private:
  std::string url_;
};

}  // namespace

std::unique_ptr<MailTransport> MakeSmtpTransport(std::string url) {
  return std::make_unique<SmtpTransport>(std::move(url));
}

}  // namespace sinmun::mail
