#include "http/router.hpp"

#include <algorithm>
#include <array>

#include "core/check.hpp"

namespace sinmun::http {
namespace {

constexpr size_t kMaxParams = 16;

bool IsParam(std::string_view segment) {
  return segment.size() >= 3 && segment.front() == '{' && segment.back() == '}';
}

bool IsTail(std::string_view segment) {
  return IsParam(segment) && segment.size() >= 6 && segment.substr(segment.size() - 4) == "...}";
}

std::string_view ParamName(std::string_view segment) {
  segment = segment.substr(1, segment.size() - 2);
  if (segment.size() >= 3 && segment.substr(segment.size() - 3) == "...") {
    segment.remove_suffix(3);
  }
  return segment;
}

// "/" has no segments; "/a/" has "a" and "".
std::vector<std::string> SplitPattern(std::string_view pattern) {
  std::vector<std::string> segments;
  if (pattern == "/") return segments;
  pattern.remove_prefix(1);
  while (true) {
    const size_t slash = pattern.find('/');
    segments.emplace_back(pattern.substr(0, slash));
    if (slash == std::string_view::npos) break;
    pattern.remove_prefix(slash + 1);
  }
  return segments;
}

void AssignParam(std::pair<std::string, std::string>& param, std::string_view name,
                 std::string_view value) {
  param.first.assign(name);
  param.second.assign(value);
}

}  // namespace

void Router::Get(std::string pattern, Handler handler, Admission admission) {
  Add(Method::kGet, std::move(pattern), std::move(handler), std::move(admission));
}

void Router::Post(std::string pattern, Handler handler, Admission admission) {
  Add(Method::kPost, std::move(pattern), std::move(handler), std::move(admission));
}

void Router::SetNotFound(Handler handler) { not_found_ = std::move(handler); }

void Router::SetErrorPage(std::function<Response(int status)> error_page) {
  error_page_ = std::move(error_page);
}

void Router::Add(Method method, std::string pattern, Handler handler, Admission admission) {
  SINMUN_CHECK(!pattern.empty() && pattern.front() == '/');
  SINMUN_CHECK(handler);
  largest_body_limit_ = std::max(largest_body_limit_, admission.max_body_bytes);
  Route route{method, SplitPattern(pattern), std::move(handler), std::move(admission)};
  size_t params = 0;
  for (size_t i = 0; i < route.segments.size(); ++i) {
    if (IsParam(route.segments[i])) ++params;
    // A tail parameter only makes sense last.
    SINMUN_CHECK(!IsTail(route.segments[i]) || i + 1 == route.segments.size());
  }
  SINMUN_CHECK(params <= kMaxParams);
  const size_t index = routes_.size();
  if (route.segments.empty()) {
    by_first_segment_[""].push_back(index);
  } else if (IsParam(route.segments.front())) {
    open_first_segment_.push_back(index);
  } else {
    by_first_segment_[route.segments.front()].push_back(index);
  }
  routes_.push_back(std::move(route));
}

bool Router::Matches(const Route& route, std::string_view path, Request* request) const {
  std::array<std::string_view, kMaxParams> values;
  size_t count = 0;
  std::string_view rest = path.size() <= 1 ? std::string_view() : path.substr(1);
  bool segments_left = path.size() > 1;
  for (const std::string& segment : route.segments) {
    if (!segments_left) return false;
    if (IsTail(segment)) {
      if (rest.empty()) return false;
      values[count++] = rest;
      segments_left = false;
      break;
    }
    const size_t slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    if (slash == std::string_view::npos) {
      segments_left = false;
    } else {
      rest.remove_prefix(slash + 1);
    }
    if (IsParam(segment)) {
      if (part.empty()) return false;
      values[count++] = part;
    } else if (part != segment) {
      return false;
    }
  }
  if (segments_left) return false;
  if (request != nullptr) {
    request->path_params.resize(count);
    size_t index = 0;
    for (const std::string& segment : route.segments) {
      if (!IsParam(segment)) continue;
      AssignParam(request->path_params[index], ParamName(segment), values[index]);
      ++index;
    }
  }
  return true;
}

template <typename Accept>
const Router::Route* Router::FirstCandidate(std::string_view path, Accept accept) const {
  const std::string_view rest = path.size() <= 1 ? std::string_view() : path.substr(1);
  const auto literal = by_first_segment_.find(rest.substr(0, rest.find('/')));
  static const std::vector<size_t> kNone;
  const std::vector<size_t>& named = literal == by_first_segment_.end() ? kNone : literal->second;
  // Both lists are in the order routes were added: merge them.
  auto next_named = named.begin();
  auto next_open = open_first_segment_.begin();
  while (next_named != named.end() || next_open != open_first_segment_.end()) {
    const bool take_named = next_open == open_first_segment_.end() ||
                            (next_named != named.end() && *next_named < *next_open);
    const Route& route = routes_[take_named ? *next_named++ : *next_open++];
    if (accept(route)) return &route;
  }
  return nullptr;
}

const Admission& Router::AdmissionFor(Request& request) const {
  static const Admission kDefault;
  const bool head = request.method == Method::kHead;
  const Route* found = FirstCandidate(request.path, [&](const Route& route) {
    return (route.method == request.method || (head && route.method == Method::kGet)) &&
           Matches(route, request.path, nullptr);
  });
  if (found == nullptr) return kDefault;
  Matches(*found, request.path, &request);
  return found->admission;
}

Response Router::Dispatch(Request& request) const {
  const bool head = request.method == Method::kHead;
  bool path_known = false;
  bool allows_get = false;
  bool allows_post = false;
  const Route* found = FirstCandidate(request.path, [&](const Route& route) {
    if (!Matches(route, request.path, nullptr)) return false;
    if (route.method == request.method || (head && route.method == Method::kGet)) return true;
    path_known = true;
    allows_get = allows_get || route.method == Method::kGet;
    allows_post = allows_post || route.method == Method::kPost;
    return false;
  });
  if (found != nullptr) {
    Matches(*found, request.path, &request);
    return found->handler(request);
  }
  request.path_params.clear();

  if (path_known) {
    Response response = error_page_ ? error_page_(405) : Text("405 Method Not Allowed\n", 405);
    response.status = 405;
    std::string allow = allows_get ? "GET, HEAD" : "";
    if (allows_post) allow += allow.empty() ? "POST" : ", POST";
    response.headers.emplace_back("Allow", std::move(allow));
    return response;
  }

  if ((request.method == Method::kGet || head) && request.path.size() > 1 &&
      request.path.back() == '/') {
    std::string_view trimmed = request.path;
    while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.remove_suffix(1);
    const std::string_view target = request.target;
    const size_t question = target.find('?');
    std::string_view raw_path = target.substr(0, question);
    while (raw_path.size() > 1 && raw_path.back() == '/') raw_path.remove_suffix(1);
    // "//host" in Location would send the reader to another site.
    const bool safe = raw_path.size() > 0 && raw_path != "/" && raw_path.substr(0, 2) != "//" &&
                      raw_path.substr(0, 2) != "/\\";
    if (safe) {
      const Route* redirect_to = FirstCandidate(trimmed, [&](const Route& route) {
        return route.method == Method::kGet && Matches(route, trimmed, nullptr);
      });
      if (redirect_to != nullptr) {
        std::string location(raw_path);
        if (question != std::string_view::npos) location += target.substr(question);
        return Redirect(std::move(location), 301);
      }
    }
  }

  if (not_found_) return not_found_(request);
  Response response = error_page_ ? error_page_(404) : Text("404 Not Found\n", 404);
  response.status = 404;
  return response;
}

}  // namespace sinmun::http
