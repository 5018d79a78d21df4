#pragma once
// Delivers one finished message to one recipient. SmtpTransport (libcurl) is the real one.

#include <memory>
#include <string>
#include <string_view>

namespace sinmun::mail {

enum class Delivery {
  kSent,
  kTemporaryFailure,  // connection refused, timeout, 4xx: try again later
  kRejected,          // 5xx from the server for this recipient or message: never retry
};

struct DeliveryResult {
  Delivery delivery = Delivery::kSent;
  std::string detail;  // the server's answer or the connection error, for the outbox row
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Thread safety: implementations may be called from one thread at a time.
  virtual DeliveryResult Send(std::string_view from, std::string_view to,
                              std::string_view message) = 0;
};

// SMTP over libcurl to `url` ("smtp://host:port" or "smtps://…"); a 20 s timeout a message.
std::unique_ptr<MailTransport> MakeSmtpTransport(std::string url);

}  // namespace sinmun::mail
