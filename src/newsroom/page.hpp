#pragma once
// Private to newsroom/: rendering newsroom pages inside templates/newsroom/layout.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "newsroom/context.hpp"
#include "newsroom/staff.hpp"

namespace sinmun::newsroom {

// Renders `template_name` with `view` (plus "csrf": the staff's token, and the labels as
// {{t.…}}) inside templates/newsroom/layout, whose nav shows 대시보드, 새 기사, 관리 (admins)
// and a logout form. Cache-Control: no-store. A failed render is logged and becomes a 500.
http::Response RenderNewsroomPage(const NewsroomContext& context, const Staff& staff,
                                  std::string_view template_name, nlohmann::json view,
                                  std::string_view title, int status = 200);
// The same for pages seen before logging in (the login form): no nav.
http::Response RenderGuestPage(const NewsroomContext& context, std::string_view template_name,
                               nlohmann::json view, std::string_view title, int status = 200);

// The newsroom error page for `status` (400, 403, 404, 409, 429, 500, 503…).
http::Response NewsroomError(const NewsroomContext& context, int status);
// The error page for a failed call: http::StatusFor(error.code); server-side failures
// (kInternal, kUnavailable) are logged here, the one place that handles them.
http::Response NewsroomErrorFor(const NewsroomContext& context, const Error& error);

// The page of a list that `?page=` asks for: `absent` without one, nullopt when it is no page
// number (not 1 to 1,000,000): the caller answers 400.
std::optional<std::int64_t> ListPageNumber(const http::Request& request, std::int64_t absent);

// The label `key` from the messages file.
std::string Label(const NewsroomContext& context, std::string_view key);

}  // namespace sinmun::newsroom
