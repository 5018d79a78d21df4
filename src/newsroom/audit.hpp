#pragma once
// Private to newsroom/: writing the audit log (shown to admins at /newsroom/admin/audit).

#include <string>
#include <string_view>

#include "http/request.hpp"
#include "newsroom/context.hpp"
#include "newsroom/staff.hpp"

namespace sinmun::newsroom {

// Appends {now, staff, action, target, detail, client address}. Actions in use: "login",
// "login_failed", "logout", "password_change", "user_add", "user_update", "section_*",
// "reporter_update", "settings_update"; the desk adds "publish", "unpublish", …
// A failure to write is logged, not returned: the action it records has already happened.
void RecordAudit(const NewsroomContext& context, const Staff& staff, const http::Request& request,
                 std::string_view action, std::string_view target, std::string detail = "");

// For events without a logged-in account (failed logins): `actor` is what was typed.
void RecordGuestAudit(const NewsroomContext& context, std::string_view actor,
                      const http::Request& request, std::string_view action,
                      std::string detail = "");

}  // namespace sinmun::newsroom
