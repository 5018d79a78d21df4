#pragma once
// A Newsroom over a real SQLite test store, with the project's templates, messages and static
// files, driven through its Router without sockets; a settable clock; browsers that keep
// cookies and log in through the real login form.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ads/click_signer.hpp"
#include "core/config.hpp"
#include "core/time.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "newsroom/newsroom.hpp"
#include "support/test_store.hpp"

namespace sinmun::newsroom {

// "now" at the start of every test: 2024-05-03 12:00 KST.
inline constexpr Timestamp kStart = 1714705200;
// The password of every account the fixture adds.
inline constexpr const char* kPassword = "correct horse battery";

// A clock the test moves by hand. Thread safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp now) : now_(now) {}
  Timestamp Now() const override { return now_.load(); }
  void Advance(Timestamp seconds) { now_ += seconds; }

 private:
  std::atomic<Timestamp> now_;
};

using Fields = std::vector<std::pair<std::string, std::string>>;

// One browser: its cookies and its client address.
struct Browser {
  std::map<std::string, std::string> cookies;
  std::string address = "192.0.2.10";
};

class NewsroomTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Builds the Newsroom and its routes (again, e.g. with other settings); `adjust` may change
  // its deps (e.g. give it counters) before it is made.
  void MakeNewsroom(const Config& config = Config(),
                    const std::function<void(NewsroomDeps&)>& adjust = {});

  // An account with kPassword; its id.
  store::UserId AddUser(const std::string& email, store::Role role,
                        std::optional<store::ReporterId> reporter_id = std::nullopt);

  // A request as the server would hand it over; the browser's cookies go with it and the
  // response's Set-Cookie headers come back into it.
  http::Response Get(Browser& browser, const std::string& target);
  http::Response Post(Browser& browser, const std::string& target, const Fields& fields);
  // What the server would answer from the request's head alone, before reading any body
  // (http::Admission): nullopt when the route lets it in. `body_limit`, when given, gets the
  // route's largest body (0: the server's default).
  std::optional<http::Response> AskHead(Browser& browser, http::Method method,
                                        const std::string& target,
                                        std::size_t* body_limit = nullptr);
  // Opens the login form and submits it.
  http::Response Login(Browser& browser, const std::string& email,
                       const std::string& password = kPassword);
  // The CSRF token on the browser's password page ("" when not logged in).
  std::string Csrf(Browser& browser);
  // Post with the browser's CSRF token added.
  http::Response Act(Browser& browser, const std::string& target, Fields fields);

  static std::string Body(const http::Response& response);
  static std::string Header(const http::Response& response, const std::string& name);
  static std::vector<std::string> Headers(const http::Response& response, const std::string& name);
  // The value="…" of the input named `name` in `html`, or "".
  static std::string InputValue(const std::string& html, const std::string& name);

  // The recipient and plain text of every mail queued so far, in order (claimed, so each is
  // returned once).
  std::vector<std::pair<std::string, std::string>> QueuedMails();

  std::int64_t AuditCount() const;
  // The newest audit entries' actions, newest first.
  std::vector<std::string> AuditActions(int count) const;

  std::unique_ptr<store::Store> store_;
  std::vector<store::Section> sections_;  // politics, economy, society
  std::vector<store::ReporterId> reporters_;
  ManualClock clock_{kStart};
  ads::ClickSigner token_signer_{std::array<unsigned char, 32>{3, 1, 4}};  // device cookies
  std::unique_ptr<Newsroom> newsroom_;
  http::Router router_;

 private:
  static http::Request MakeRequest(const Browser& browser, http::Method method,
                                   const std::string& target);
  http::Response Send(Browser& browser, http::Method method, const std::string& target,
                      const std::string& body);
};

}  // namespace sinmun::newsroom
