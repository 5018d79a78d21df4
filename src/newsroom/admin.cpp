// Administration (admin role): the route table, the index page and the audit log.

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "newsroom/admin_pages.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"

namespace sinmun::newsroom {
namespace {

constexpr int kAuditPageSize = 50;

}  // namespace

http::Response AdminIndex(const NewsroomContext& context, const http::Request& request,
                          const Staff& staff) {
  return RenderNewsroomPage(context, staff, "newsroom/admin_index", nlohmann::json::object(),
                            Label(context, "newsroom_admin_title"));
}

http::Response AuditPage(const NewsroomContext& context, const http::Request& request,
                         const Staff& staff) {
  const std::optional<std::int64_t> page_number = ListPageNumber(request, 1);
  if (!page_number) return NewsroomError(context, 400);
  const std::int64_t page = *page_number;
  const Result<store::AuditPage> log =
      context.deps.store.audit->AuditLog(store::Page{.number = page, .size = kAuditPageSize});
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

std::optional<std::int64_t> ParseId(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t id = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  if (id <= 0) return std::nullopt;
  return id;
}

}  // namespace sinmun::newsroom
