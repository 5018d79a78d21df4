#pragma once
// A member of staff's browser for end-to-end tests: logs in through the real newsroom form,
// keeps the session cookie and posts forms with their CSRF token.

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "support/http_client.hpp"

namespace sinmun::testing {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// application/x-www-form-urlencoded
std::string FormBody(const FormFields& fields);
// The value of the first <input name="name" value="…"> in `html`, "" when there is none.
std::string InputValue(const std::string& html, const std::string& name);
// "name=value" of a Set-Cookie header.
std::string CookiePair(const std::string& set_cookie);

class Staff {
 public:
  explicit Staff(std::uint16_t port) : port_(port) {}

  HttpResponse Login(const std::string& email, const std::string& password);
  HttpResponse Get(const std::string& target);
  // Posts `fields` and a fresh CSRF token to `target`.
  HttpResponse Act(const std::string& target, FormFields fields);
  const std::string& set_cookie() const { return set_cookie_; }
  // Goes on with the same session on another server (another node of the same paper).
  void UsePort(std::uint16_t port) { port_ = port; }

 private:
  std::uint16_t port_;
  std::string session_;
  std::string set_cookie_;
};

// What a desk writing under load is told the server acknowledged: each article saved, and
// each published.
struct DeskAcknowledgements {
  std::function<void(std::int64_t id)> saved;
  std::function<void(std::int64_t id)> published;
};

// Acknowledgements kept in `acked`'s `saved` and `published` lists, under its `mutex`.
template <class Acknowledged>
DeskAcknowledgements RecordedIn(Acknowledged& acked) {
  return {.saved =
              [&acked](std::int64_t id) {
                std::lock_guard lock(acked.mutex);
                acked.saved.push_back(id);
              },
          .published =
              [&acked](std::int64_t id) {
                std::lock_guard lock(acked.mutex);
                acked.published.push_back(id);
              }};
}

// Saves articles through the newsroom form one after the other until `stop`, with headlines
// `headline_prefix` + n, publishing every `publish_every`-th of them (the first included).
void WriteArticlesUntil(Staff& editor, const std::string& headline_prefix, int publish_every,
                        const std::atomic<bool>& stop, const DeskAcknowledgements& acked);

}  // namespace sinmun::testing
