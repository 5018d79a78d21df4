#include "integration/newsroom_staff.hpp"

#include "http/request.hpp"

namespace sinmun::testing {

std::string FormBody(const FormFields& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += "&";
    body += http::PercentEncode(name) + "=" + http::PercentEncode(value);
  }
  return body;
}

std::string InputValue(const std::string& html, const std::string& name) {
  const std::string marker = "name=\"" + name + "\" value=\"";
  const size_t at = html.find(marker);
  if (at == std::string::npos) return "";
  const size_t start = at + marker.size();
  return html.substr(start, html.find('"', start) - start);
}

std::string CookiePair(const std::string& set_cookie) {
  return set_cookie.substr(0, set_cookie.find(';'));
}

HttpResponse Staff::Login(const std::string& email, const std::string& password) {
  const HttpResponse form = HttpGet(port_, "/newsroom/login");
  const std::string login_cookie = CookiePair(form.Header("set-cookie"));
  HttpResponse response =
      HttpRequest(port_, "POST", "/newsroom/login",
                  {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", login_cookie}},
                  FormBody({{"login_token", InputValue(form.body, "login_token")},
                            {"next", "/newsroom/admin"},
                            {"email", email},
                            {"password", password}}));
  set_cookie_ = response.Header("set-cookie");
  if (response.status == 303) session_ = CookiePair(set_cookie_);
  return response;
}

HttpResponse Staff::Get(const std::string& target) {
  return HttpGet(port_, target, {{"Cookie", session_}});
}

HttpResponse Staff::Act(const std::string& target, FormFields fields) {
  fields.emplace_back("csrf", InputValue(Get("/newsroom/password").body, "csrf"));
  return HttpRequest(port_, "POST", target,
                     {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", session_}},
                     FormBody(fields));
}

void WriteArticlesUntil(Staff& editor, const std::string& headline_prefix, int publish_every,
                        const std::atomic<bool>& stop, const DeskAcknowledgements& acked) {
  constexpr std::string_view kArticles = "/newsroom/articles/";
  for (int n = 0; !stop; ++n) {
    const std::string headline = headline_prefix + std::to_string(n);
    const HttpResponse saved = editor.Act("/newsroom/articles", {{"section", "1"},
                                                                 {"headline", headline},
                                                                 {"body", "본문 " + headline},
                                                                 {"reporter", "1"}});
    const std::string location = saved.Header("location");
    const size_t at = location.find(kArticles);
    if (saved.status != 303 || at == std::string::npos) continue;
    const std::int64_t id = std::atoll(location.c_str() + at + kArticles.size());
    acked.saved(id);
    if (n % publish_every != 0) continue;
    const HttpResponse published =
        editor.Act("/newsroom/articles/" + std::to_string(id) + "/publish", {});
    if (published.status == 303 &&
        published.Header("location").find("error") == std::string::npos) {
      acked.published(id);
    }
  }
}

}  // namespace sinmun::testing
