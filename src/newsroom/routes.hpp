#pragma once
// Private to newsroom/: each part of the newsroom adds its routes here; Newsroom::AddRoutes
// calls them all. Every handler is wrapped by StaffPage/StaffAction (guard.hpp), except the
// login form itself.

#include "http/router.hpp"
#include "newsroom/context.hpp"

namespace sinmun::newsroom {

// /newsroom/login, /newsroom/logout, /newsroom/password (accounts.cpp).
void AddAccountRoutes(http::Router& router, const NewsroomContext* context);
// /newsroom/admin/... (admin_*.cpp).
void AddAdminRoutes(http::Router& router, const NewsroomContext* context);

}  // namespace sinmun::newsroom
