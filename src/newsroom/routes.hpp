#pragma once
// Private to newsroom/: THE newsroom route table (routes.cpp). Every newsroom route is one
// entry: method, path, who may use it, the largest body it takes, and its handler. Handlers
// live in the files of their part (handlers.hpp); Newsroom::AddRoutes registers the table and
// nothing else, and the role x route test (tests/newsroom/access_matrix_test.cpp) walks it.

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"
#include "newsroom/context.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/photo_upload.hpp"

namespace sinmun::newsroom {

// The mark of a route that a stranger may use: only the login form.
struct Public {};
inline constexpr Public kPublic;

using PublicHandler = http::Response (*)(const NewsroomContext&, const http::Request&);

// A form of text fields (an article's Markdown is refused past 1 MB by the form itself).
inline constexpr std::size_t kFormBodyBytes = 1 << 20;
// A form with one uploaded photo or banner image (kMaxPhotoBytes) and its text fields.
inline constexpr std::size_t kUploadBodyBytes = kMaxPhotoBytes + kFormBodyBytes;

// Where a route's handler runs: on the I/O thread that read the request, or, for a handler
// that hashes or verifies a password (argon2id: tens of milliseconds and 64 MB), on the
// server's work pool (http::Admission::on_work_pool), so that a flood of logins cannot stall
// the site's readers; a full pool answers 503.
enum class Work { kLight, kPassword };

// One route. There is no constructor without a permission (or kPublic): a route cannot be
// listed without saying who may use it. A staff route's handler runs behind StaffPage (GET)
// or StaffAction (POST). A route whose body limit is above kFormBodyBytes (an upload) also
// checks the session and role from the request's head, before its body is read.
struct Route {
  constexpr Route(http::Method method, std::string_view pattern, Permission permission,
                  StaffHandler handler, std::size_t max_body_bytes = kFormBodyBytes,
                  Work work = Work::kLight)
      : method(method),
        pattern(pattern),
        permission(permission),
        staff_handler(handler),
        max_body_bytes(max_body_bytes),
        work(work) {}
  constexpr Route(http::Method method, std::string_view pattern, Public, PublicHandler handler,
                  std::size_t max_body_bytes = kFormBodyBytes, Work work = Work::kLight)
      : method(method),
        pattern(pattern),
        public_handler(handler),
        max_body_bytes(max_body_bytes),
        work(work) {}

  http::Method method;
  std::string_view pattern;                // http::Router syntax: "/newsroom/ads/{id}"
  std::optional<Permission> permission;    // nullopt: public
  StaffHandler staff_handler = nullptr;    // set when permission is
  PublicHandler public_handler = nullptr;  // set when it is not
  std::size_t max_body_bytes;
  Work work;
};

// Every newsroom route, in the order the router tries them.
std::span<const Route> RouteTable();

}  // namespace sinmun::newsroom
