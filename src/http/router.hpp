#pragma once
// A route table: one per face of the server. Patterns are literal segments and {name}
// segments, e.g. "/article/{id}/print"; a {name} matches one non-empty segment.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace sinmun::http {

using Handler = std::function<Response(const Request&)>;

class Router {
 public:
  // GET routes answer HEAD too (the server drops the body).
  void Get(std::string pattern, Handler handler);
  void Post(std::string pattern, Handler handler);
  // Answers requests that no route matches (a styled 404 page).
  void SetNotFound(Handler handler);

  // Finds the route for (method, path), filling request.path_params, and calls it.
  // No route for the path: the not-found handler; a route for another method: 405.
  Response Dispatch(Request& request) const;

 private:
  struct Route {
    Method method;
    std::vector<std::string> segments;  // "{id}" marks a parameter
    Handler handler;
  };
  std::vector<Route> routes_;
  Handler not_found_;
};

}  // namespace sinmun::http
