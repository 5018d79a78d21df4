// Administration (admin role): the index page and the audit log.

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/page.hpp"
#include "newsroom/routes.hpp"

namespace sinmun::newsroom {
namespace {

constexpr int kAuditPageSize = 50;

http::Response AdminIndex(const NewsroomContext& context, const http::Request& request,
                          const Staff& staff) {
  return RenderNewsroomPage(context, staff, "newsroom/admin_index", nlohmann::json::object(),
                            Label(context, "newsroom_admin_title"));
}

http::Response AuditPage(const NewsroomContext& context, const http::Request& request,
                         const Staff& staff) {
  std::int64_t page = 1;
  if (const std::optional<std::string> text = request.Query("page")) {
    char* end = nullptr;
    page = std::strtoll(text->c_str(), &end, 10);
    if (text->empty() || *end != '\0' || page < 1 || page > 1'000'000) {
      return NewsroomError(context, 400);
    }
  }
  const Result<store::AuditPage> log =
      context.deps.store->AuditLog(store::Page{.number = page, .size = kAuditPageSize});
  if (!log) return NewsroomErrorFor(context, log.error());
  nlohmann::json items = nlohmann::json::array();
  for (const store::AuditEntry& entry : log->items) {
    items.push_back({{"at", FormatKst(entry.at)},
                     {"actor", entry.actor},
                     {"action", entry.action},
                     {"target", entry.target},
                     {"detail", entry.detail},
                     {"address", entry.remote_address}});
  }
  nlohmann::json view = {{"items", std::move(items)}, {"total", log->total}};
  if (page > 1) view["newer_url"] = "/newsroom/admin/audit?page=" + std::to_string(page - 1);
  if (page * kAuditPageSize < log->total) {
    view["older_url"] = "/newsroom/admin/audit?page=" + std::to_string(page + 1);
  }
  return RenderNewsroomPage(context, staff, "newsroom/admin_audit", std::move(view),
                            Label(context, "newsroom_audit_title"));
}

}  // namespace

void AddAdminRoutes(http::Router& router, const NewsroomContext* context) {
  router.Get("/newsroom/admin", StaffPage(context, Permission::kAdmin, &AdminIndex));
  router.Get("/newsroom/admin/audit", StaffPage(context, Permission::kAdmin, &AuditPage));
}

}  // namespace sinmun::newsroom
