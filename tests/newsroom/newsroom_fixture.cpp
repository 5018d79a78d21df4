#include "newsroom_fixture.hpp"

#include <sodium.h>

#include <array>
#include <cstring>

#include "http/static_files.hpp"
#include "newsroom/crypto.hpp"
#include "render/renderer.hpp"
#include "support/store_probe.hpp"

namespace sinmun::newsroom {

void NewsroomTest::SetUp() {
  store_ = sinmun::testing::OpenTestStore(sinmun::testing::Backend::kSqlite);
  sections_ = sinmun::testing::SeedSections(*store_);
  reporters_ = sinmun::testing::SeedReporters(*store_, 2);
  MakeNewsroom();
}

void NewsroomTest::MakeNewsroom(const Config& config,
                                const std::function<void(NewsroomDeps&)>& adjust) {
  const std::string root = SINMUN_SOURCE_DIR;
  auto renderer = render::Renderer::Load(root + "/templates", root + "/messages", config.language);
  ASSERT_TRUE(renderer.has_value()) << renderer.error().detail;
  auto static_files = http::StaticFiles::Load(root + "/static");
  ASSERT_TRUE(static_files.has_value()) << static_files.error().detail;
  NewsroomDeps deps{store_.get(), &clock_, *renderer, *static_files, config, "", &token_signer_};
  if (adjust) adjust(deps);
  newsroom_ = std::make_unique<Newsroom>(std::move(deps));
  router_ = http::Router();
  newsroom_->AddRoutes(router_);
}

namespace {

// kPassword hashed with argon2id at libsodium's smallest limits, once per test process. A
// login verifies it for real (a hash string carries its own limits), in a millisecond instead
// of the 64 MiB and tenth of a second of the newsroom's own hashes, which the many logins of
// these tests would spend minutes on. Passwords the newsroom sets are hashed as in production.
const std::string& QuickPasswordHash() {
  static const std::string hash = [] {
    std::array<char, crypto_pwhash_STRBYTES> out{};
    const bool hashed =
        sodium_init() >= 0 &&
        crypto_pwhash_str(out.data(), kPassword, std::strlen(kPassword), crypto_pwhash_OPSLIMIT_MIN,
                          crypto_pwhash_MEMLIMIT_MIN) == 0;
    return hashed ? std::string(out.data()) : std::string();
  }();
  return hash;
}

}  // namespace

store::UserId NewsroomTest::AddUser(const std::string& email, store::Role role,
                                    std::optional<store::ReporterId> reporter_id) {
  const std::string& hash = QuickPasswordHash();
  EXPECT_FALSE(hash.empty()) << "argon2id could not hash the test password";
  return sinmun::testing::Must(store_->InsertUser(store::NewUser{.email = email,
                                                                 .name = "이름 " + email,
                                                                 .role = role,
                                                                 .reporter_id = reporter_id,
                                                                 .password_hash = hash,
                                                                 .created_at = kStart}));
}

http::Request NewsroomTest::MakeRequest(const Browser& browser, http::Method method,
                                        const std::string& target) {
  http::Request request;
  request.method = method;
  request.target = target;
  const size_t question = target.find('?');
  request.path = http::PercentDecode(target.substr(0, question), false).value_or("/");
  if (question != std::string::npos) request.query = http::ParseQuery(target.substr(question + 1));
  std::string cookie;
  for (const auto& [name, value] : browser.cookies) {
    if (!cookie.empty()) cookie += "; ";
    cookie += name + "=" + value;
  }
  if (!cookie.empty()) request.headers.emplace_back("cookie", cookie);
  if (method == http::Method::kPost) {
    request.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  }
  request.remote_address = browser.address;
  return request;
}

std::optional<http::Response> NewsroomTest::AskHead(Browser& browser, http::Method method,
                                                    const std::string& target,
                                                    std::size_t* body_limit) {
  http::Request request = MakeRequest(browser, method, target);
  const http::Admission& admission = router_.AdmissionFor(request);
  if (body_limit != nullptr) *body_limit = admission.max_body_bytes;
  if (!admission.admit) return std::nullopt;
  return admission.admit(request);
}

http::Response NewsroomTest::Send(Browser& browser, http::Method method, const std::string& target,
                                  const std::string& body) {
  http::Request request = MakeRequest(browser, method, target);
  request.body = body;
  http::Response response = router_.Dispatch(request);
  for (const std::string& set_cookie : Headers(response, "Set-Cookie")) {
    const std::string pair = set_cookie.substr(0, set_cookie.find(';'));
    const size_t equals = pair.find('=');
    const std::string name = pair.substr(0, equals);
    const std::string value = pair.substr(equals + 1);
    if (value.empty() || set_cookie.find("Max-Age=0") != std::string::npos) {
      browser.cookies.erase(name);
    } else {
      browser.cookies[name] = value;
    }
  }
  return response;
}

http::Response NewsroomTest::Get(Browser& browser, const std::string& target) {
  return Send(browser, http::Method::kGet, target, "");
}

http::Response NewsroomTest::Post(Browser& browser, const std::string& target,
                                  const Fields& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += "&";
    body += http::PercentEncode(name) + "=" + http::PercentEncode(value);
  }
  return Send(browser, http::Method::kPost, target, body);
}

http::Response NewsroomTest::Login(Browser& browser, const std::string& email,
                                   const std::string& password) {
  const http::Response form = Get(browser, "/newsroom/login");
  return Post(browser, "/newsroom/login",
              {{"login_token", InputValue(Body(form), "login_token")},
               {"next", "/newsroom"},
               {"email", email},
               {"password", password}});
}

std::string NewsroomTest::Csrf(Browser& browser) {
  return InputValue(Body(Get(browser, "/newsroom/password")), "csrf");
}

http::Response NewsroomTest::Act(Browser& browser, const std::string& target, Fields fields) {
  fields.emplace_back("csrf", Csrf(browser));
  return Post(browser, target, fields);
}

std::string NewsroomTest::Body(const http::Response& response) {
  return response.body.bytes ? *response.body.bytes : std::string();
}

std::string NewsroomTest::Header(const http::Response& response, const std::string& name) {
  const std::vector<std::string> all = Headers(response, name);
  return all.empty() ? "" : all.front();
}

std::vector<std::string> NewsroomTest::Headers(const http::Response& response,
                                               const std::string& name) {
  std::vector<std::string> values;
  for (const auto& [key, value] : response.headers) {
    if (key == name) values.push_back(value);
  }
  return values;
}

std::string NewsroomTest::InputValue(const std::string& html, const std::string& name) {
  const std::string marker = "name=\"" + name + "\" value=\"";
  const size_t at = html.find(marker);
  if (at == std::string::npos) return "";
  const size_t start = at + marker.size();
  return html.substr(start, html.find('"', start) - start);
}

std::int64_t NewsroomTest::AuditCount() const {
  return sinmun::testing::Must(store_->AuditLog(store::Page{.number = 1, .size = 1})).total;
}

std::vector<std::string> NewsroomTest::AuditActions(int count) const {
  std::vector<std::string> actions;
  for (const store::AuditEntry& entry :
       sinmun::testing::Must(store_->AuditLog(store::Page{.number = 1, .size = count})).items) {
    actions.push_back(entry.action);
  }
  return actions;
}

std::vector<std::pair<std::string, std::string>> NewsroomTest::QueuedMails() {
  return sinmun::testing::ClaimMailTexts(*store_, clock_.Now() + 1);
}

}  // namespace sinmun::newsroom
