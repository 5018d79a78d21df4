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
// The desk: /newsroom (dashboard), /newsroom/articles/new, /newsroom/articles/{id} and its
// preview (desk_pages.cpp); the workflow actions /newsroom/articles/{id}/submit, publish,
// schedule, unpublish, delete (desk_actions.cpp); /newsroom/articles/{id}/revisions/...
// (revision_pages.cpp).
void AddDeskPageRoutes(http::Router& router, const NewsroomContext* context);
void AddDeskActionRoutes(http::Router& router, const NewsroomContext* context);
void AddRevisionRoutes(http::Router& router, const NewsroomContext* context);
// /newsroom/ads/... (ads_admin.cpp): sponsor banner campaigns and reports (issue #7).
void AddAdsRoutes(http::Router& router, const NewsroomContext* context);

}  // namespace sinmun::newsroom
