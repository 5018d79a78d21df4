// The bytes a client sends, through the server's own request parser (limits, Host and
// Transfer-Encoding checks, target decoding) and then the router, with routes shaped like
// the site's and the newsroom's. Nothing may crash, leak or throw out of the router.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace {

using sinmun::http::Request;
using sinmun::http::Response;

sinmun::http::Router MakeRouter() {
  sinmun::http::Router router;
  const auto echo = [](const Request& request) {
    std::string out(request.path);
    for (const auto& [key, value] : request.query) out += key + "=" + value + "&";
    if (const auto cookie = request.Cookie("sinmun_session")) out += *cookie;
    out += request.Header("host");
    return sinmun::http::Text(out);
  };
  for (const char* pattern : {"/", "/article/{id}", "/article/{id}/print", "/article/{id}/email",
                              "/section/{slug}", "/reporter/{id}", "/search", "/static/{path...}",
                              "/newsroom/articles/{id}", "/newsroom/articles/{id}/revisions"}) {
    router.Get(pattern, echo);
    router.Post(pattern, echo);
  }
  router.Post("/newsroom/login", echo);
  return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const sinmun::http::Router router = MakeRouter();
  static const sinmun::http::ServerOptions options = [] {
    sinmun::http::ServerOptions o;
    o.max_body_bytes = 64 << 10;
    o.max_header_bytes = 16 << 10;
    return o;
  }();
  Request request;
  const int status = sinmun::http::ParseRequest(
      std::string_view(reinterpret_cast<const char*>(data), size), options, &request);
  if (status == 0) {
    const Response response = router.Dispatch(request);
    if (response.status < 100 || response.status > 599) __builtin_trap();
  }
  return 0;
}
