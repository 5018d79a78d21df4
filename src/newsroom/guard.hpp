#pragma once
// Private to newsroom/: the role and CSRF checks in front of every newsroom handler.

#include <functional>
#include <optional>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "newsroom/context.hpp"
#include "newsroom/staff.hpp"

namespace sinmun::newsroom {

enum class Permission {
  kSignedIn,     // every role: own password, logging out
  kWrite,        // reporter, editor, admin: write and submit own articles
  kDesk,         // editor, admin: edit any article, approve, publish, schedule, unpublish
  kAdmin,        // admin: users, sections, reporter profiles, site settings, audit log
  kAds,          // admin, ad manager: sponsor banner campaigns and their reports (issue #7)
  kCorrections,  // admin, editor, ombudsman (고충처리인): readers' correction requests (#18)
};

bool Allows(store::Role role, Permission permission);

using StaffHandler = http::Response (*)(const NewsroomContext&, const http::Request&, const Staff&);

// For GET pages. No valid session: 303 to /newsroom/login?next=<path and query>. A role
// without `permission`: the 403 page. Otherwise the handler's response, never cached.
// REQUIRES: context outlives the handler.
http::Handler StaffPage(const NewsroomContext* context, Permission permission,
                        StaffHandler handler);
// For POST actions: as StaffPage, and the form field "csrf" must equal the session's token,
// else 403 and the handler is not called (nothing changes).
http::Handler StaffAction(const NewsroomContext* context, Permission permission,
                          StaffHandler handler);

// For upload routes, asked by the server once the request's head is read and before its body
// is: nullopt when the session's role has `permission`, else what StaffPage/StaffAction would
// answer (303 to the login form, the 403 page), which is sent without reading the body.
// REQUIRES: context outlives the predicate.
std::function<std::optional<http::Response>(const http::Request&)> StaffAdmission(
    const NewsroomContext* context, Permission permission);

// The staff member behind the request's session cookie: nullopt when there is no cookie, the
// session is unknown, idle too long (it is then ended) or its account inactive. Slides the
// idle expiry. An error when the store fails.
Result<std::optional<Staff>> CurrentStaff(const NewsroomContext& context,
                                          const http::Request& request);

// A 303 See Other to `location`, never cached.
http::Response SeeOther(std::string location);

}  // namespace sinmun::newsroom
