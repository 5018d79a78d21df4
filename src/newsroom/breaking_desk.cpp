// Breaking news (속보, issue #18) from the desk: the ticker on every page of the site, with its
// expiry, and taking it down early. Setting it keeps the site's page cache: the site splices
// the ticker into the pages it serves and picks it up within a second.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/time.hpp"
#include "newsroom/admin_pages.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"
#include "store/breaking_news.hpp"

namespace sinmun::newsroom {
namespace {

constexpr std::size_t kMaxTickerChars = 200;
constexpr std::int64_t kMaxTickerMinutes = 7 * 24 * 60;
constexpr int kRecentTickers = 10;

// A link on the ticker is a path on the site: a ticker cannot send readers elsewhere.
bool IsSitePath(std::string_view url) {
  return url.empty() ||
         (url.starts_with('/') && !url.starts_with("//") &&
          url.find_first_of(" \t\r\n\"<>\\") == std::string_view::npos && url.size() <= 500);
}

http::Response RenderBreakingDesk(const NewsroomContext& context, const Staff& staff,
                                  const nlohmann::json& form, const std::string& error, bool done,
                                  int status) {
  const Timestamp now = context.deps.clock->Now();
  const Result<std::optional<store::BreakingItem>> current =
      context.deps.store.breaking->BreakingAt(now);
  if (!current) return NewsroomErrorFor(context, current.error());
  const Result<std::vector<store::BreakingItem>> recent =
      context.deps.store.breaking->RecentBreaking(kRecentTickers);
  if (!recent) return NewsroomErrorFor(context, recent.error());
  nlohmann::json rows = nlohmann::json::array();
  for (const store::BreakingItem& item : *recent) {
    rows.push_back({{"text", item.text},
                    {"url", item.url},
                    {"starts", FormatKst(item.starts_at)},
                    {"expires", FormatKst(item.expires_at)},
                    {"cleared", item.cleared_at ? FormatKst(*item.cleared_at) : ""}});
  }
  nlohmann::json view = {{"form", form},
                         {"error", error},
                         {"done", done},
                         {"recent", std::move(rows)},
                         {"has_recent", !recent->empty()}};
  if (*current) {
    view["current"] = {{"text", (*current)->text},
                       {"url", (*current)->url},
                       {"expires", FormatKst((*current)->expires_at)}};
  }
  return RenderNewsroomPage(context, staff, "newsroom/breaking", std::move(view),
                            Label(context, "breaking_title"), status);
}

}  // namespace

http::Response BreakingDeskPage(const NewsroomContext& context, const http::Request& request,
                                const Staff& staff) {
  if (context.deps.store.breaking == nullptr) return NewsroomError(context, 503);
  return RenderBreakingDesk(context, staff, {{"text", ""}, {"url", ""}, {"minutes", "60"}}, "",
                            request.Query("done").has_value(), 200);
}

http::Response SetBreakingNews(const NewsroomContext& context, const http::Request& request,
                               const Staff& staff) {
  if (context.deps.store.breaking == nullptr) return NewsroomError(context, 503);
  const std::string text = TrimSpace(request.Form("text").value_or(""));
  const std::string url = TrimSpace(request.Form("url").value_or(""));
  const std::string minutes_text = TrimSpace(request.Form("minutes").value_or(""));
  const nlohmann::json form = {{"text", text}, {"url", url}, {"minutes", minutes_text}};
  const std::optional<std::int64_t> minutes = ParseId(minutes_text);
  std::string error;
  if (text.empty() || Utf8Length(text) > kMaxTickerChars ||
      text.find_first_of("\r\n") != std::string::npos) {
    error = Label(context, "breaking_error_text");
  } else if (!IsSitePath(url)) {
    error = Label(context, "breaking_error_url");
  } else if (!minutes || *minutes < 1 || *minutes > kMaxTickerMinutes) {
    error = Label(context, "breaking_error_minutes");
  }
  if (!error.empty()) return RenderBreakingDesk(context, staff, form, error, false, 400);
  const Timestamp now = context.deps.clock->Now();
  const Result<std::int64_t> id =
      context.deps.store.breaking->SetBreaking({.text = text,
                                                .url = url,
                                                .starts_at = now,
                                                .expires_at = now + *minutes * 60,
                                                .set_by = staff.user_id});
  if (!id) return NewsroomErrorFor(context, id.error());
  RecordAudit(context, staff, request, "breaking_set", fmt::format("breaking:{}", *id),
              fmt::format("{} min: {}", *minutes, text));
  return SeeOther("/newsroom/breaking?done=1");
}

http::Response ClearBreakingNews(const NewsroomContext& context, const http::Request& request,
                                 const Staff& staff) {
  if (context.deps.store.breaking == nullptr) return NewsroomError(context, 503);
  if (Result<> done = context.deps.store.breaking->ClearBreaking(context.deps.clock->Now());
      !done) {
    return NewsroomErrorFor(context, done.error());
  }
  RecordAudit(context, staff, request, "breaking_clear", "breaking", "");
  return SeeOther("/newsroom/breaking?done=1");
}

}  // namespace sinmun::newsroom
