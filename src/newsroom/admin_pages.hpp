#pragma once
// Private to newsroom/: the administration's handlers (admin role), routed in admin.cpp.

#include <cstdint>
#include <optional>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"
#include "newsroom/context.hpp"
#include "newsroom/staff.hpp"

namespace sinmun::newsroom {

// A positive decimal id, or nullopt.
std::optional<std::int64_t> ParseId(std::string_view text);

// admin_users.cpp
http::Response UsersPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response AddUser(const NewsroomContext&, const http::Request&, const Staff&);
http::Response UpdateUser(const NewsroomContext&, const http::Request&, const Staff&);
// admin_sections.cpp
http::Response SectionsPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response AddSection(const NewsroomContext&, const http::Request&, const Staff&);
http::Response UpdateSection(const NewsroomContext&, const http::Request&, const Staff&);
http::Response MoveSection(const NewsroomContext&, const http::Request&, const Staff&);
// admin_reporters.cpp
http::Response ReportersPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response AddReporter(const NewsroomContext&, const http::Request&, const Staff&);
http::Response UpdateReporter(const NewsroomContext&, const http::Request&, const Staff&);
http::Response SetReporterPhoto(const NewsroomContext&, const http::Request&, const Staff&);
// admin_settings.cpp
http::Response SettingsPage(const NewsroomContext&, const http::Request&, const Staff&);
http::Response SaveSettings(const NewsroomContext&, const http::Request&, const Staff&);

}  // namespace sinmun::newsroom
