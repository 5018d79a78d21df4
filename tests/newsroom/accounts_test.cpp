// Logging in and out, sessions, CSRF, login throttling and password changes, through the
// newsroom's routes.

#include <algorithm>
#include <thread>

#include "newsroom/throttle.hpp"
#include "newsroom_fixture.hpp"

namespace sinmun::newsroom {
namespace {

class AccountsTest : public NewsroomTest {
 protected:
  void SetUp() override {
    NewsroomTest::SetUp();
    reporter_id_ = AddUser("kim@example.com", store::Role::kReporter, reporters_.front());
  }

  // The login form's page without its one-time token, to compare two answers.
  static std::string WithoutToken(std::string html) {
    const std::string token = InputValue(html, "login_token");
    if (!token.empty()) html.replace(html.find(token), token.size(), "");
    return html;
  }

  store::UserId reporter_id_ = 0;
};

TEST_F(AccountsTest, LoginSetsAnHttpOnlySameSiteSessionCookieAndGoesWhereAsked) {
  Browser browser;
  const http::Response form = Get(browser, "/newsroom/login?next=/newsroom/password");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.cache_control, "no-store");
  const http::Response response =
      Post(browser, "/newsroom/login",
           {{"login_token", InputValue(Body(form), "login_token")},
            {"next", InputValue(Body(form), "next")},
            {"email", " KIM@example.com "},  // letter case and spaces around do not matter
            {"password", kPassword}});
  ASSERT_EQ(response.status, 303);
  EXPECT_EQ(Header(response, "Location"), "/newsroom/password");
  const std::string cookie = Header(response, "Set-Cookie");
  EXPECT_EQ(cookie.rfind("sinmun_session=", 0), 0u);
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);

  const http::Response page = Get(browser, "/newsroom/password");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(Body(page).find("이름 kim@example.com"), std::string::npos);
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"login"});
}

TEST_F(AccountsTest, CookiesAreSecureWhenConfiguredOrServedOverHttps) {
  Config config;
  config.base_url = "https://news.example.com";
  MakeNewsroom(config);
  Browser browser;
  const std::string https_cookie = Header(Login(browser, "kim@example.com"), "Set-Cookie");
  EXPECT_NE(https_cookie.find("; Secure"), std::string::npos);
  // The __Host- prefix: the browser keeps it to this host, Secure and Path=/.
  EXPECT_EQ(https_cookie.rfind("__Host-sinmun_session=", 0), 0u) << https_cookie;
  EXPECT_NE(https_cookie.find("; Path=/;"), std::string::npos) << https_cookie;
  EXPECT_EQ(https_cookie.find("Domain"), std::string::npos);
  // And the prefixed cookie is the one that opens the session.
  EXPECT_EQ(Get(browser, "/newsroom/password").status, 200);

  // Plain http, but not only on loopback: Secure all the same.
  for (const auto& [listen, base_url] : std::vector<std::pair<std::string, std::string>>{
           {"0.0.0.0:8080", ""},
           {"192.0.2.7:80", "http://192.0.2.7"},
           {"127.0.0.1:8080", "http://news.example.com"}}) {
    Config facing;
    facing.listen = listen;
    facing.base_url = base_url;
    MakeNewsroom(facing);
    Browser reader;
    const std::string cookie = Header(Login(reader, "kim@example.com"), "Set-Cookie");
    EXPECT_NE(cookie.find("; Secure"), std::string::npos) << listen << " " << base_url;
    EXPECT_EQ(cookie.rfind("sinmun_session=", 0), 0u) << cookie;
  }
  // On loopback with a loopback base_url it stays off, so a developer can log in.
  Config local;
  local.base_url = "http://localhost:8080";
  MakeNewsroom(local);
  Browser developer;
  EXPECT_EQ(Header(Login(developer, "kim@example.com"), "Set-Cookie").find("Secure"),
            std::string::npos);

  Config flagged;
  flagged.newsroom.secure_cookies = true;
  MakeNewsroom(flagged);
  Browser other;
  EXPECT_NE(Header(Login(other, "kim@example.com"), "Set-Cookie").find("; Secure"),
            std::string::npos);
}

TEST_F(AccountsTest, UnknownAccountAndWrongPasswordGetTheSameAnswer) {
  Browser first;
  Browser second;
  const http::Response unknown = Login(first, "nobody@example.com");
  const http::Response wrong = Login(second, "kim@example.com", "wrong password here");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(Body(wrong).find("이메일 또는 비밀번호가 올바르지 않습니다."), std::string::npos);
  // The same page, the typed e-mail aside.
  std::string unknown_body = WithoutToken(Body(unknown));
  std::string wrong_body = WithoutToken(Body(wrong));
  unknown_body.replace(unknown_body.find("nobody@example.com"), 18, "X");
  wrong_body.replace(wrong_body.find("kim@example.com"), 15, "X");
  EXPECT_EQ(unknown_body, wrong_body);
  EXPECT_TRUE(first.cookies.count("sinmun_session") == 0);
  EXPECT_EQ(AuditActions(2), (std::vector<std::string>{"login_failed", "login_failed"}));
}

TEST_F(AccountsTest, AnInactiveAccountCannotLogIn) {
  store::User user = *store_->UserById(reporter_id_);
  user.active = false;
  ASSERT_TRUE(store_->UpdateUser(user).has_value());
  Browser browser;
  const http::Response response = Login(browser, "kim@example.com");
  EXPECT_EQ(response.status, 401);
  EXPECT_NE(Body(response).find("이메일 또는 비밀번호가 올바르지 않습니다."), std::string::npos);
}

TEST_F(AccountsTest, ALoginFormWithoutItsTokenIsRefused) {
  Browser browser;
  const http::Response response =
      Post(browser, "/newsroom/login", {{"email", "kim@example.com"}, {"password", kPassword}});
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(browser.cookies.count("sinmun_session"), 0u);
}

TEST_F(AccountsTest, TwoOpenLoginFormsBothWork) {
  Browser browser;
  const std::string first = InputValue(Body(Get(browser, "/newsroom/login")), "login_token");
  const std::string second = InputValue(Body(Get(browser, "/newsroom/login")), "login_token");
  EXPECT_EQ(first, second);
  const http::Response response = Post(browser, "/newsroom/login",
                                       {{"login_token", first},
                                        {"next", "/newsroom/password"},
                                        {"email", "kim@example.com"},
                                        {"password", kPassword}});
  EXPECT_EQ(response.status, 303);
}

TEST_F(AccountsTest, LoginNeverRedirectsToAnotherSite) {
  for (const std::string next :
       {"//evil.example/newsroom", "https://evil.example/", "/section/x"}) {
    Browser browser;
    const http::Response form = Get(browser, "/newsroom/login?next=" + http::PercentEncode(next));
    const http::Response response = Post(browser, "/newsroom/login",
                                         {{"login_token", InputValue(Body(form), "login_token")},
                                          {"next", next},
                                          {"email", "kim@example.com"},
                                          {"password", kPassword}});
    EXPECT_EQ(Header(response, "Location"), "/newsroom") << next;
  }
}

TEST_F(AccountsTest, LockDelaysGrowAfterTheFreeFailuresAndAreCapped) {
  EXPECT_EQ(LockSeconds(5, 5), 0);
  EXPECT_EQ(LockSeconds(6, 5), 1);
  EXPECT_EQ(LockSeconds(7, 5), 2);
  EXPECT_EQ(LockSeconds(8, 5), 4);
  EXPECT_EQ(LockSeconds(1000, 5), kMaxLockSeconds);
}

TEST_F(AccountsTest, RepeatedFailuresLockTheAccountWithGrowingDelays) {
  Browser browser;
  for (int i = 0; i < kFreeFailuresPerPair; ++i) {
    ASSERT_EQ(Login(browser, "kim@example.com", "wrong password!").status, 401) << i;
  }
  // One more failure locks the account for 1 s ...
  ASSERT_EQ(Login(browser, "kim@example.com", "wrong password!").status, 401);
  // ... during which even the right password is refused, with the same wording for everyone.
  const std::int64_t audit_before = AuditCount();
  const http::Response locked = Login(browser, "kim@example.com");
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(AuditCount(), audit_before);  // a flood of locked answers leaves no trace to fill
  EXPECT_EQ(Header(locked, "Retry-After"), "1");
  EXPECT_NE(Body(locked).find("로그인 시도가 너무 많습니다"), std::string::npos);
  EXPECT_EQ(browser.cookies.count("sinmun_session"), 0u);

  clock_.Advance(1);
  ASSERT_EQ(Login(browser, "kim@example.com", "wrong password!").status, 401);
  const http::Response longer = Login(browser, "kim@example.com");
  EXPECT_EQ(longer.status, 429);
  EXPECT_EQ(Header(longer, "Retry-After"), "2");

  clock_.Advance(2);
  EXPECT_EQ(Login(browser, "kim@example.com").status, 303);
  // A success forgets the failures.
  EXPECT_EQ(store_->LoginThrottleFor(AccountKey("kim@example.com"))->failures, 0);
}

TEST_F(AccountsTest, AnUnknownAccountIsThrottledLikeAKnownOne) {
  Browser browser;
  for (int i = 0; i <= kFreeFailuresPerPair; ++i) {
    ASSERT_EQ(Login(browser, "ghost@example.com", "wrong password!").status, 401);
  }
  EXPECT_EQ(Login(browser, "ghost@example.com", "wrong password!").status, 429);
}

// Anyone can read a reporter's e-mail on a byline. Failures from elsewhere lock the account,
// but never the browser the reporter signed in with before, nor another place's own tries.
TEST_F(AccountsTest, FailuresFromElsewhereCannotLockTheRealUserOut) {
  Browser reporter;
  reporter.address = "192.0.2.50";
  ASSERT_EQ(Login(reporter, "kim@example.com").status, 303);
  ASSERT_EQ(reporter.cookies.count("sinmun_device"), 1u);
  ASSERT_EQ(Act(reporter, "/newsroom/logout", {}).status, 303);

  // An attacker from many addresses, a few tries from each: no pair and no address lock,
  // only the account's.
  for (int i = 0; i < 3 * kFreeFailuresPerAccount; ++i) {
    Browser attacker;
    attacker.address = "203.0.113." + std::to_string(i);
    const int status = Login(attacker, "kim@example.com", "guessing " + std::to_string(i)).status;
    ASSERT_TRUE(status == 401 || status == 429) << status;
  }
  Browser fresh;
  fresh.address = "198.51.100.20";
  EXPECT_EQ(Login(fresh, "kim@example.com").status, 429);     // the account is locked ...
  EXPECT_EQ(Login(reporter, "kim@example.com").status, 303);  // ... but not for its browser

  // A copy of the device cookie works (it is the browser's); a forged one does not.
  Browser forged;
  forged.address = "198.51.100.21";
  forged.cookies["sinmun_device"] = reporter.cookies["sinmun_device"];
  for (int i = 0; i < 3 * kFreeFailuresPerAccount; ++i) {
    Browser attacker;
    attacker.address = "203.0.113." + std::to_string(100 + i);
    (void)Login(attacker, "kim@example.com", "guessing again");
  }
  ASSERT_EQ(Login(forged, "kim@example.com").status, 303);  // a copy of the real cookie works
  Browser other;
  other.address = "198.51.100.22";
  other.cookies["sinmun_device"] = std::string(22, 'A') + std::string(64, '0');
  for (int i = 0; i < 3 * kFreeFailuresPerAccount; ++i) {
    Browser attacker;
    attacker.address = "203.0.113." + std::to_string(200 + i % 50);
    (void)Login(attacker, "kim@example.com", "and again");
  }
  EXPECT_EQ(Login(other, "kim@example.com").status, 429);
}

// Concurrent tries cannot all get past the free failures: each is counted before its
// password is checked.
TEST_F(AccountsTest, ConcurrentFailuresAreCountedBeforeThePasswordIsChecked) {
  constexpr int kTries = kFreeFailuresPerPair + 2;
  std::vector<std::string> tokens(kTries);
  std::vector<Browser> browsers(kTries);
  for (int i = 0; i < kTries; ++i) {
    tokens[i] = InputValue(Body(Get(browsers[i], "/newsroom/login")), "login_token");
  }
  std::vector<int> statuses(kTries, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kTries; ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = Post(browsers[i], "/newsroom/login",
                         {{"login_token", tokens[i]},
                          {"next", "/newsroom"},
                          {"email", "kim@example.com"},
                          {"password", "wrong password!"}})
                        .status;
    });
  }
  for (std::thread& thread : threads) thread.join();
  // All from one place: the pair allows its free failures and the one that sets the lock.
  EXPECT_LE(std::count(statuses.begin(), statuses.end(), 401), kFreeFailuresPerPair + 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 401) +
                std::count(statuses.begin(), statuses.end(), 429),
            kTries);
}

TEST_F(AccountsTest, WrongCurrentPasswordsOnThePasswordFormAreThrottled) {
  Browser browser;
  ASSERT_EQ(Login(browser, "kim@example.com").status, 303);
  const auto change = [&](const std::string& current) {
    return Act(
        browser, "/newsroom/password",
        {{"current", current}, {"new", "another password 1"}, {"confirm", "another password 1"}});
  };
  for (int i = 0; i <= kFreeFailuresPerPasswordChange; ++i) {
    ASSERT_EQ(change("wrong current " + std::to_string(i)).status, 400) << i;
  }
  // Locked: even the right one waits, and nothing changes.
  const http::Response locked = change(kPassword);
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(Header(locked, "Retry-After"), "1");
  EXPECT_NE(Body(locked).find("현재 비밀번호를 너무 많이 틀렸습니다"), std::string::npos);
  clock_.Advance(1);
  EXPECT_EQ(change(kPassword).status, 303);
}

TEST_F(AccountsTest, ManyFailuresFromOneAddressLockThatAddressOnly) {
  Browser attacker;
  attacker.address = "198.51.100.7";
  for (int i = 0; i <= kFreeFailuresPerAddress; ++i) {
    // A different account each time: only the address counter grows past its limit. The
    // accounts exist (an unknown one costs a full argon2id verification, 21 times over).
    AddUser("user" + std::to_string(i) + "@example.com", store::Role::kReporter);
    ASSERT_EQ(Login(attacker, "user" + std::to_string(i) + "@example.com", "nope nope").status, 401)
        << i;
  }
  EXPECT_EQ(Login(attacker, "kim@example.com").status, 429);
  Browser colleague;
  colleague.address = "198.51.100.8";
  EXPECT_EQ(Login(colleague, "kim@example.com").status, 303);
}

TEST_F(AccountsTest, AnIdleSessionEndsAndAnActiveOneSlides) {
  Browser browser;
  ASSERT_EQ(Login(browser, "kim@example.com").status, 303);
  const Timestamp idle = Config().newsroom.session_idle_minutes * 60;

  clock_.Advance(idle - 10);
  EXPECT_EQ(Get(browser, "/newsroom/password").status, 200);
  clock_.Advance(idle - 10);  // past the first limit, but the last request slid it
  EXPECT_EQ(Get(browser, "/newsroom/password").status, 200);

  clock_.Advance(idle);
  const http::Response expired = Get(browser, "/newsroom/password");
  EXPECT_EQ(expired.status, 303);
  EXPECT_EQ(Header(expired, "Location"), "/newsroom/login?next=%2Fnewsroom%2Fpassword");
}

TEST_F(AccountsTest, ASessionEndsAtItsAbsoluteLifetimeHoweverBusy) {
  Browser browser;
  ASSERT_EQ(Login(browser, "kim@example.com").status, 303);
  const Timestamp max = Config().newsroom.session_max_days * Timestamp{86400};
  const Timestamp step = 3600;  // well inside the idle limit
  for (Timestamp elapsed = step; elapsed < max; elapsed += step) {
    clock_.Advance(step);
    ASSERT_EQ(Get(browser, "/newsroom/password").status, 200) << elapsed;
  }
  clock_.Advance(step);
  const http::Response expired = Get(browser, "/newsroom/password");
  EXPECT_EQ(expired.status, 303);
  EXPECT_EQ(Header(expired, "Location"), "/newsroom/login?next=%2Fnewsroom%2Fpassword");
}

TEST_F(AccountsTest, LogoutEndsTheSessionOnTheServer) {
  Browser browser;
  ASSERT_EQ(Login(browser, "kim@example.com").status, 303);
  Browser stolen = browser;  // a copy of the cookie, as if taken earlier
  const http::Response out = Act(browser, "/newsroom/logout", {});
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(Header(out, "Location"), "/newsroom/login");
  EXPECT_EQ(browser.cookies.count("sinmun_session"), 0u);
  EXPECT_EQ(Get(stolen, "/newsroom/password").status, 303);
  EXPECT_EQ(AuditActions(1), std::vector<std::string>{"logout"});
}

TEST_F(AccountsTest, APasswordChangeEndsEveryOtherSession) {
  Browser laptop;
  Browser phone;
  ASSERT_EQ(Login(laptop, "kim@example.com").status, 303);
  ASSERT_EQ(Login(phone, "kim@example.com").status, 303);

  const http::Response changed = Act(laptop, "/newsroom/password",
                                     {{"current", kPassword},
                                      {"new", "a brand new passphrase"},
                                      {"confirm", "a brand new passphrase"}});
  ASSERT_EQ(changed.status, 303);
  EXPECT_EQ(Header(changed, "Location"), "/newsroom/password?changed=1");

  EXPECT_EQ(Get(laptop, "/newsroom/password").status, 200);  // its new session
  EXPECT_EQ(Get(phone, "/newsroom/password").status, 303);
  Browser again;
  EXPECT_EQ(Login(again, "kim@example.com").status, 401);
  EXPECT_EQ(Login(again, "kim@example.com", "a brand new passphrase").status, 303);
  EXPECT_EQ(AuditActions(3),
            (std::vector<std::string>{"login", "login_failed", "password_change"}));
}

TEST_F(AccountsTest, ARefusedPasswordChangeSaysWhyAndChangesNothing) {
  Browser browser;
  ASSERT_EQ(Login(browser, "kim@example.com").status, 303);
  const http::Response wrong_current = Act(browser, "/newsroom/password",
                                           {{"current", "not my password"},
                                            {"new", "another passphrase"},
                                            {"confirm", "another passphrase"}});
  EXPECT_EQ(wrong_current.status, 400);
  EXPECT_NE(Body(wrong_current).find("현재 비밀번호가 올바르지 않습니다."), std::string::npos);
  const http::Response mismatch = Act(
      browser, "/newsroom/password",
      {{"current", kPassword}, {"new", "another passphrase"}, {"confirm", "another passphrase!"}});
  EXPECT_EQ(mismatch.status, 400);
  const http::Response short_one =
      Act(browser, "/newsroom/password",
          {{"current", kPassword}, {"new", "short"}, {"confirm", "short"}});
  EXPECT_EQ(short_one.status, 400);

  Browser again;
  EXPECT_EQ(Login(again, "kim@example.com").status, 303);
}

TEST_F(AccountsTest, AnActionWithoutTheRightCsrfTokenIsRefusedAndChangesNothing) {
  AddUser("lee@example.com", store::Role::kReporter);
  Browser kim;
  Browser lee;
  ASSERT_EQ(Login(kim, "kim@example.com").status, 303);
  ASSERT_EQ(Login(lee, "lee@example.com").status, 303);
  const Fields change = {
      {"current", kPassword}, {"new", "hijacked passphrase"}, {"confirm", "hijacked passphrase"}};

  EXPECT_EQ(Post(kim, "/newsroom/password", change).status, 403);  // none
  Fields wrong = change;
  wrong.emplace_back("csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  EXPECT_EQ(Post(kim, "/newsroom/password", wrong).status, 403);
  Fields someone_elses = change;
  someone_elses.emplace_back("csrf", Csrf(lee));
  EXPECT_EQ(Post(kim, "/newsroom/password", someone_elses).status, 403);
  EXPECT_EQ(Post(kim, "/newsroom/logout", {}).status, 403);

  EXPECT_EQ(Get(kim, "/newsroom/password").status, 200);  // still logged in
  Browser again;
  EXPECT_EQ(Login(again, "kim@example.com").status, 303);  // the old password still works
}

TEST_F(AccountsTest, TheLoginFormSendsALoggedInBrowserOn) {
  Browser browser;
  ASSERT_EQ(Login(browser, "kim@example.com").status, 303);
  const http::Response response = Get(browser, "/newsroom/login");
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(Header(response, "Location"), "/newsroom");
}

}  // namespace
}  // namespace sinmun::newsroom
