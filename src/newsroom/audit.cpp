#include "newsroom/audit.hpp"

#include <spdlog/spdlog.h>

namespace sinmun::newsroom {
namespace {

void Append(const NewsroomContext& context, store::AuditEntry entry) {
  const std::string action = entry.action;
  if (Result<std::int64_t> done = context.deps.store.audit->AppendAudit(entry); !done) {
    spdlog::error("newsroom: audit {} not written: {}", action, done.error().detail);
  }
}

}  // namespace

void RecordAudit(const NewsroomContext& context, const Staff& staff, const http::Request& request,
                 std::string_view action, std::string_view target, std::string detail) {
  Append(context, store::AuditEntry{.id = 0,
                                    .at = context.deps.clock->Now(),
                                    .user_id = staff.user_id,
                                    .actor = staff.email,
                                    .action = std::string(action),
                                    .target = std::string(target),
                                    .detail = std::move(detail),
                                    .remote_address = request.remote_address});
}

void RecordGuestAudit(const NewsroomContext& context, std::string_view actor,
                      const http::Request& request, std::string_view action, std::string detail) {
  Append(context, store::AuditEntry{.id = 0,
                                    .at = context.deps.clock->Now(),
                                    .user_id = std::nullopt,
                                    .actor = std::string(actor.substr(0, 200)),
                                    .action = std::string(action),
                                    .target = "",
                                    .detail = std::move(detail),
                                    .remote_address = request.remote_address});
}

}  // namespace sinmun::newsroom
