#pragma once
// A route table: one per face of the server. Patterns are literal segments and {name}
// segments, e.g. "/article/{id}/print"; a {name} matches one non-empty segment. A last segment
// {name...} matches the rest of the path (one or more segments, "css/site.css").
// Routes are tried in the order they were added; the first match wins.
// Thread safety: build the table first; Dispatch() is then safe from any number of threads.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace sinmun::http {

using Handler = std::function<Response(const Request&)>;

// What a route lets in before the server reads the request's body, and where its handler
// runs. The server asks once the headers are parsed, so an upload route can refuse a stranger
// before 20 MB arrive.
struct Admission {
  // The largest body the route accepts; 0: the server's own limit (ServerOptions).
  std::size_t max_body_bytes = 0;
  // Optional, cheap (no body yet: method, target, path, query, headers, path parameters and
  // remote address are set). nullopt lets the request in; a response refuses it: the server
  // sends it, reads none of the body and closes the connection.
  std::function<std::optional<Response>(const Request&)> admit = nullptr;
  // The handler runs on the server's work pool (ServerOptions::work_threads) instead of the
  // I/O thread that read the request: for handlers slow by design (a password hashed or
  // verified), so that a flood of them cannot stall the readers an I/O thread serves. When
  // the pool's queue is full the request is answered 503 with Retry-After.
  bool on_work_pool = false;
};

class Router {
 public:
  // GET routes answer HEAD too (the server drops the body).
  void Get(std::string pattern, Handler handler, Admission admission = {});
  void Post(std::string pattern, Handler handler, Admission admission = {});
  // Answers requests that no route matches (a styled 404 page).
  void SetNotFound(Handler handler);
  // Renders the 405 page, and the 404 page when SetNotFound() was not called. Unset: plain
  // text. Server::Open sets this from ServerOptions::error_page unless it is already set.
  void SetErrorPage(std::function<Response(int status)> error_page);
  bool HasErrorPage() const { return static_cast<bool>(error_page_); }

  // Finds the route for (method, path), filling request.path_params, and calls it.
  // No route for the path: the not-found handler; a route for another method: 405 with Allow.
  // A GET/HEAD for "/x/" that has no route while "/x" has one: 301 to "/x" (query kept).
  // REQUIRES: request.path starts with '/'. Handler exceptions propagate (the server catches).
  Response Dispatch(Request& request) const;

  // The admission of the route Dispatch would call for (method, path), filling
  // request.path_params; a default Admission when no route matches.
  // REQUIRES: request.path starts with '/'.
  const Admission& AdmissionFor(Request& request) const;
  // The largest max_body_bytes of any route (0 when none sets one).
  std::size_t LargestBodyLimit() const { return largest_body_limit_; }

 private:
  struct Route {
    Method method;
    std::vector<std::string> segments;  // "{id}" marks a parameter, "{rest...}" the tail
    Handler handler;
    Admission admission;
  };
  struct TransparentHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  void Add(Method method, std::string pattern, Handler handler, Admission admission);
  bool Matches(const Route& route, std::string_view path, Request* request) const;
  // The first route that may match `path` for which `accept(route)` is true, trying in the
  // order routes were added only those whose first segment is the path's and those that
  // start with a parameter; nullptr when none. Dispatch runs for every request: this keeps it
  // from walking the whole table (most routes are the newsroom's; the article page is late).
  template <typename Accept>
  const Route* FirstCandidate(std::string_view path, Accept accept) const;
  std::vector<Route> routes_;
  std::unordered_map<std::string, std::vector<size_t>, TransparentHash, std::equal_to<>>
      by_first_segment_;                    // "" for "/" (no segments)
  std::vector<size_t> open_first_segment_;  // routes starting with {name}
  std::size_t largest_body_limit_ = 0;
  Handler not_found_;
  std::function<Response(int status)> error_page_;
};

}  // namespace sinmun::http
