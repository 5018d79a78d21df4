// Logging in and out, and changing one's password.

#include <nlohmann/json.hpp>

#include "ads/click_signer.hpp"
#include "http/cookies.hpp"
#include "http/encoding.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/crypto.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"
#include "newsroom/session.hpp"
#include "newsroom/throttle.hpp"

namespace sinmun::newsroom {
namespace {

// The login form is protected against login CSRF (a site logging a victim into the
// attacker's account) by a double-submit token: a cookie and a hidden field that must match.
constexpr std::string_view kLoginCookie = "sinmun_login";
// A nonce (kDeviceNonceChars) and its signature with the account: this browser signed in to
// that account before.
constexpr std::string_view kDeviceCookie = "sinmun_device";
constexpr size_t kDeviceNonceChars = 22;
constexpr int kDeviceCookieSeconds = 365 * 24 * 3600;

http::CookieOptions DeviceCookieOptions(const NewsroomContext& context) {
  http::CookieOptions options;
  options.path = "/newsroom/login";
  options.max_age_seconds = kDeviceCookieSeconds;
  options.http_only = true;
  options.secure = context.secure_cookies;
  options.same_site = "Strict";
  return options;
}

std::string DeviceSigned(std::string_view account_key, std::string_view nonce) {
  return "device\n" + std::string(account_key) + "\n" + std::string(nonce);
}

// A device cookie for `account_key`, or "" without a signer.
std::string DeviceToken(const NewsroomContext& context, std::string_view account_key) {
  if (context.deps.token_signer == nullptr) return "";
  const std::string nonce = RandomToken().substr(0, kDeviceNonceChars);
  return nonce + context.deps.token_signer->Sign(0, DeviceSigned(account_key, nonce));
}

// The browser signed in to this account before (its device cookie names it).
bool IsKnownDevice(const NewsroomContext& context, const http::Request& request,
                   std::string_view account_key) {
  if (context.deps.token_signer == nullptr) return false;
  const std::optional<std::string> cookie = request.Cookie(kDeviceCookie);
  if (!cookie) return false;
  if (cookie->size() <= kDeviceNonceChars) return false;
  const std::string_view value = *cookie;
  return context.deps.token_signer->Verify(
      0, DeviceSigned(account_key, value.substr(0, kDeviceNonceChars)),
      value.substr(kDeviceNonceChars));
}

// Where to go after logging in: a newsroom path of ours only, never another site.
std::string SafeNext(const std::optional<std::string>& next) {
  if (!next || next->rfind("/newsroom", 0) != 0 || next->find("//") != std::string::npos ||
      next->find('\\') != std::string::npos) {
    return "/newsroom";
  }
  return *next;
}

http::CookieOptions LoginCookieOptions(const NewsroomContext& context) {
  http::CookieOptions options;
  options.path = "/newsroom/login";
  options.secure = context.secure_cookies;
  return options;
}

// The login form with `message` (a label key or "") and `email` kept. The browser's login
// token is reused when it has one, so that two open login tabs (or the back button) do not
// invalidate each other; else a fresh one is set.
http::Response LoginForm(const NewsroomContext& context, const http::Request& request,
                         const std::string& next, const std::string& email,
                         std::string_view message, int status) {
  std::string token = request.Cookie(kLoginCookie).value_or("");
  if (!IsWellFormedToken(token)) token = RandomToken();
  nlohmann::json view = {{"next", next}, {"email", email}, {"login_token", token}};
  if (!message.empty()) view["error"] = Label(context, message);
  http::Response response = RenderGuestPage(context, "newsroom/login", view,
                                            Label(context, "newsroom_login_title"), status);
  response.headers.emplace_back("Set-Cookie",
                                http::SetCookie(kLoginCookie, token, LoginCookieOptions(context)));
  return response;
}

}  // namespace

http::Response LoginPage(const NewsroomContext& context, const http::Request& request) {
  const std::string next = SafeNext(request.Query("next"));
  // Already logged in: nothing to do here.
  if (Result<std::optional<Staff>> staff = CurrentStaff(context, request); staff && *staff) {
    return SeeOther(next);
  }
  return LoginForm(context, request, next, "", "", 200);
}

namespace {

// Checks the e-mail and password. The same answer, and the same work, for an unknown
// account, an inactive one and a wrong password.
Result<std::optional<store::User>> CheckPassword(const NewsroomContext& context,
                                                 const std::string& email,
                                                 const std::string& password) {
  Result<store::UserCredentials> credentials =
      context.deps.store.accounts->CredentialsByEmail(email);
  if (!credentials) {
    if (credentials.error().code != ErrorCode::kNotFound) {
      return tl::unexpected(credentials.error());
    }
    VerifyAgainstDummy(password);
    return std::nullopt;
  }
  if (!VerifyPassword(credentials->password_hash, password) || !credentials->user.active) {
    return std::nullopt;
  }
  return credentials->user;
}

}  // namespace

http::Response Login(const NewsroomContext& context, const http::Request& request) {
  const std::string next = SafeNext(request.Form("next"));
  // A space pasted around the address is no reason to fail (or to count a failure).
  const std::string email(http::TrimSpaces(request.Form("email").value_or("")));
  const std::string password = request.Form("password").value_or("");
  const std::optional<std::string> form_token = request.Form("login_token");
  const std::optional<std::string> cookie_token = request.Cookie(kLoginCookie);
  if (!form_token || !cookie_token || !ConstantTimeEquals(*form_token, *cookie_token)) {
    // An old form or a forged one: show a fresh form rather than a bare 403.
    return LoginForm(context, request, next, email, "newsroom_login_expired", 403);
  }
  if (email.empty() || password.empty() || email.size() > 320 ||
      password.size() > kMaxPasswordLength) {
    return LoginForm(context, request, next, email, "newsroom_login_failed", 400);
  }

  const std::string account_key = AccountKey(email);
  const std::string address_key = AddressKey(request.remote_address);
  const std::string pair_key = PairKey(email, request.remote_address);
  // Counted before the password is checked (a success forgets it): see ReserveAttempt.
  const Result<Timestamp> locked = ReserveAttempt(
      context,
      {{pair_key, kFreeFailuresPerPair, true},
       {account_key, kFreeFailuresPerAccount, !IsKnownDevice(context, request, account_key)},
       {address_key, kFreeFailuresPerAddress, true}});
  if (!locked) return NewsroomErrorFor(context, locked.error());
  if (*locked > 0) {
    // Not audited: a locked answer costs nothing, so a flood of them must not fill the log.
    http::Response response =
        LoginForm(context, request, next, email, "newsroom_login_throttled", 429);
    response.headers.emplace_back("Retry-After", std::to_string(*locked));
    return response;
  }

  const Result<std::optional<store::User>> user = CheckPassword(context, email, password);
  if (!user) return NewsroomErrorFor(context, user.error());
  if (!user->has_value()) {
    RecordGuestAudit(context, email, request, "login_failed");
    return LoginForm(context, request, next, email, "newsroom_login_failed", 401);
  }

  const Timestamp now = context.deps.clock->Now();
  NewSession session = MakeSession((*user)->id, now);
  if (Result<> stored = context.deps.store.accounts->InsertSession(session.record); !stored) {
    return NewsroomErrorFor(context, stored.error());
  }
  (void)ForgetFailures(context, account_key);
  (void)ForgetFailures(context, address_key);
  (void)ForgetFailures(context, pair_key);
  // The browser's previous session, if any, ends: one cookie, one session.
  if (const std::optional<std::string> old = request.Cookie(context.session_cookie);
      old && IsWellFormedToken(*old)) {
    (void)context.deps.store.accounts->DeleteSession(TokenHash(*old));
  }
  // Sessions idle past the limit are swept here, where it costs nobody a wait.
  (void)context.deps.store.accounts->DeleteSessionsIdleSince(now - context.session_idle_seconds);

  const Staff staff{.user_id = (*user)->id,
                    .name = (*user)->name,
                    .email = (*user)->email,
                    .role = (*user)->role,
                    .reporter_id = (*user)->reporter_id,
                    .csrf_token = session.record.csrf_token};
  RecordAudit(context, staff, request, "login", "user:" + std::to_string(staff.user_id));
  http::Response response = SeeOther(next);
  response.headers.emplace_back("Set-Cookie", SessionCookie(context, session.token));
  response.headers.emplace_back("Set-Cookie",
                                http::ExpireCookie(kLoginCookie, LoginCookieOptions(context)));
  if (const std::string device = DeviceToken(context, account_key); !device.empty()) {
    response.headers.emplace_back(
        "Set-Cookie", http::SetCookie(kDeviceCookie, device, DeviceCookieOptions(context)));
  }
  return response;
}

http::Response Logout(const NewsroomContext& context, const http::Request& request,
                      const Staff& staff) {
  if (const std::optional<std::string> token = request.Cookie(context.session_cookie)) {
    if (Result<> done = context.deps.store.accounts->DeleteSession(TokenHash(*token)); !done) {
      return NewsroomErrorFor(context, done.error());
    }
  }
  RecordAudit(context, staff, request, "logout", "user:" + std::to_string(staff.user_id));
  http::Response response = SeeOther("/newsroom/login");
  response.headers.emplace_back("Set-Cookie", ExpiredSessionCookie(context));
  return response;
}

namespace {

http::Response PasswordForm(const NewsroomContext& context, const Staff& staff,
                            std::string_view error, bool changed, int status) {
  nlohmann::json view = {{"changed", changed}, {"min_length", kMinPasswordLength}};
  if (!error.empty()) view["error"] = Label(context, error);
  return RenderNewsroomPage(context, staff, "newsroom/password", view,
                            Label(context, "newsroom_password_title"), status);
}

}  // namespace

http::Response PasswordPage(const NewsroomContext& context, const http::Request& request,
                            const Staff& staff) {
  return PasswordForm(context, staff, "", request.Query("changed").has_value(), 200);
}

http::Response ChangePassword(const NewsroomContext& context, const http::Request& request,
                              const Staff& staff) {
  const std::string current = request.Form("current").value_or("");
  const std::string next = request.Form("new").value_or("");
  const std::string again = request.Form("confirm").value_or("");
  if (next.size() < kMinPasswordLength || next.size() > kMaxPasswordLength) {
    return PasswordForm(context, staff, "newsroom_password_too_short", false, 400);
  }
  if (next != again) return PasswordForm(context, staff, "newsroom_password_mismatch", false, 400);

  const std::string throttle_key = PasswordChangeKey(staff.user_id);
  const Result<Timestamp> locked =
      ReserveAttempt(context, {{throttle_key, kFreeFailuresPerPasswordChange, true}});
  if (!locked) return NewsroomErrorFor(context, locked.error());
  if (*locked > 0) {
    http::Response response =
        PasswordForm(context, staff, "newsroom_password_throttled", false, 429);
    response.headers.emplace_back("Retry-After", std::to_string(*locked));
    return response;
  }
  Result<store::UserCredentials> credentials =
      context.deps.store.accounts->CredentialsByEmail(staff.email);
  if (!credentials) return NewsroomErrorFor(context, credentials.error());
  if (!VerifyPassword(credentials->password_hash, current)) {
    return PasswordForm(context, staff, "newsroom_password_wrong_current", false, 400);
  }
  (void)ForgetFailures(context, throttle_key);
  Result<std::string> hash = HashPassword(next);
  if (!hash) return NewsroomErrorFor(context, hash.error());
  // Every other session of the account ends; this browser gets a new one.
  NewSession session = MakeSession(staff.user_id, context.deps.clock->Now());
  if (Result<> done =
          context.deps.store.accounts->ChangePassword(staff.user_id, *hash, session.record);
      !done) {
    return NewsroomErrorFor(context, done.error());
  }
  RecordAudit(context, staff, request, "password_change", "user:" + std::to_string(staff.user_id));
  http::Response response = SeeOther("/newsroom/password?changed=1");
  response.headers.emplace_back("Set-Cookie", SessionCookie(context, session.token));
  return response;
}

}  // namespace sinmun::newsroom
