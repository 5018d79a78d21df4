// Administration: static pages (issue #18): 이용약관, 개인정보처리방침, 청소년보호정책 … Every
// save is a new version with its own effective date (시행일), so a policy can be amended
// ahead of its date and readers can still see what was in force before. The footer links
// the pages given a position.

#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/time.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"

namespace sinmun::newsroom {
namespace {

constexpr size_t kMaxTitle = 200;
constexpr size_t kMaxBody = 200'000;

// The form as typed, kept when it is shown again with its errors.
struct PageForm {
  std::string path;
  std::string title;
  std::string body;
  std::string footer = "0";
  std::string effective;  // "YYYY-MM-DD" or "YYYY-MM-DD HH:MM", KST
  nlohmann::json errors = nlohmann::json::object();
};

// The pages a Korean paper is expected to have; the list offers those not written yet.
struct Suggested {
  std::string_view path;
  std::string_view label;  // its usual title
};
constexpr Suggested kSuggested[] = {
    {"terms", "legal_page_terms"},
    {"privacy", "legal_page_privacy"},
    {"youth-policy", "legal_page_youth_policy"},
    {"no-email-collection", "legal_page_no_email_collection"},
    {"copyright", "legal_page_copyright"},
    {"ethics", "legal_page_ethics"},
    {"tips", "legal_page_tips"},
    {"comment-policy", "legal_page_comment_policy"},
};

std::string PageUrl(std::string_view path) { return "/page/" + std::string(path); }

http::Response RenderForm(const NewsroomContext& context, const Staff& staff, const PageForm& form,
                          int status) {
  nlohmann::json versions = nlohmann::json::array();
  if (store::IsStaticPagePath(form.path)) {
    if (Result<std::vector<store::StaticPage>> all =
            context.deps.store.pages->StaticPageVersions(form.path)) {
      for (const store::StaticPage& version : *all) {
        versions.push_back(
            {{"version", version.version},
             {"title", version.title},
             {"effective", FormatKst(version.effective_at)},
             {"saved", FormatKst(version.saved_at)},
             {"url", PageUrl(form.path) + "?version=" + std::to_string(version.version)}});
      }
    }
  }
  nlohmann::json view = {{"path", form.path},
                         {"title", form.title},
                         {"body", form.body},
                         {"footer", form.footer},
                         {"effective", form.effective},
                         {"errors", form.errors},
                         {"is_new", versions.empty()},
                         {"has_versions", !versions.empty()},
                         {"versions", std::move(versions)}};
  if (!form.errors.empty()) view["error"] = Label(context, "newsroom_invalid_form");
  return RenderNewsroomPage(context, staff, "newsroom/admin_page_form", std::move(view),
                            Label(context, "newsroom_pages_title"), status);
}

}  // namespace

http::Response StaticPagesPage(const NewsroomContext& context, const http::Request& request,
                               const Staff& staff) {
  const store::StaticPages& pages = *context.deps.store.pages;
  const Timestamp now = context.deps.clock->Now();
  // Each page's version with the latest date, and which one readers see now.
  const Result<std::vector<store::StaticPage>> latest =
      pages.StaticPagesAt(std::numeric_limits<Timestamp>::max());
  if (!latest) return NewsroomErrorFor(context, latest.error());
  const Result<std::vector<store::StaticPage>> in_force = pages.StaticPagesAt(now);
  if (!in_force) return NewsroomErrorFor(context, in_force.error());
  nlohmann::json items = nlohmann::json::array();
  for (const store::StaticPage& page : *latest) {
    const store::StaticPage* current = nullptr;
    for (const store::StaticPage& each : *in_force) {
      if (each.path == page.path) current = &each;
    }
    items.push_back(
        {{"path", page.path},
         {"title", page.title},
         {"footer", page.footer},
         {"url", PageUrl(page.path)},
         {"edit_url", "/newsroom/admin/pages/edit?path=" + http::PercentEncode(page.path)},
         {"current_version", current ? current->version : 0},
         {"current_effective", current ? FormatKst(current->effective_at) : ""},
         {"pending", page.effective_at > now},
         {"pending_effective", FormatKst(page.effective_at)}});
  }
  nlohmann::json missing = nlohmann::json::array();
  for (const Suggested& suggested : kSuggested) {
    bool written = false;
    for (const store::StaticPage& page : *latest) written = written || page.path == suggested.path;
    if (!written) {
      missing.push_back({{"title", Label(context, suggested.label)},
                         {"url", "/newsroom/admin/pages/edit?new=" + std::string(suggested.path)}});
    }
  }
  nlohmann::json view = {{"pages", std::move(items)},
                         {"has_pages", !latest->empty()},
                         {"has_missing", !missing.empty()},
                         {"missing", std::move(missing)}};
  if (request.Query("saved")) view["done"] = Label(context, "newsroom_pages_saved");
  return RenderNewsroomPage(context, staff, "newsroom/admin_pages", std::move(view),
                            Label(context, "newsroom_pages_title"));
}

http::Response EditStaticPage(const NewsroomContext& context, const http::Request& request,
                              const Staff& staff) {
  PageForm form;
  form.effective = FormatKst(context.deps.clock->Now());
  const std::string path = request.Query("path").value_or("");
  if (!path.empty()) {
    if (!store::IsStaticPagePath(path)) return NewsroomError(context, 404);
    Result<std::vector<store::StaticPage>> versions =
        context.deps.store.pages->StaticPageVersions(path);
    if (!versions) return NewsroomErrorFor(context, versions.error());
    if (versions->empty()) return NewsroomError(context, 404);
    // A new version starts from the newest one.
    const store::StaticPage& newest = versions->front();
    form.path = newest.path;
    form.title = newest.title;
    form.body = newest.body_markdown;
    form.footer = std::to_string(newest.footer);
  } else if (std::optional<std::string> preset = request.Query("new")) {
    for (const Suggested& suggested : kSuggested) {
      if (suggested.path != *preset) continue;
      form.path = suggested.path;
      form.title = Label(context, suggested.label);
    }
  }
  return RenderForm(context, staff, form, 200);
}

http::Response SaveStaticPage(const NewsroomContext& context, const http::Request& request,
                              const Staff& staff) {
  PageForm form{.path = TrimSpace(request.Form("path").value_or("")),
                .title = TrimSpace(request.Form("title").value_or("")),
                .body = request.Form("body").value_or(""),
                .footer = TrimSpace(request.Form("footer").value_or("0")),
                .effective = TrimSpace(request.Form("effective").value_or(""))};
  if (!store::IsStaticPagePath(form.path)) {
    form.errors["path"] = Label(context, "newsroom_page_error_path");
  }
  if (form.title.empty() || Utf8Length(form.title) > kMaxTitle) {
    form.errors["title"] = Label(context, "newsroom_page_error_title");
  }
  if (form.body.size() > kMaxBody) form.errors["body"] = Label(context, "newsroom_page_error_body");
  int footer = 0;
  const auto [end, parsed] =
      std::from_chars(form.footer.data(), form.footer.data() + form.footer.size(), footer);
  if (form.footer.empty() || parsed != std::errc() ||
      end != form.footer.data() + form.footer.size() || footer < 0 || footer > 99) {
    form.errors["footer"] = Label(context, "newsroom_page_error_footer");
  }
  const std::optional<Timestamp> effective = ParseKst(form.effective);
  if (!effective) form.errors["effective"] = Label(context, "newsroom_page_error_effective");
  if (!form.errors.empty()) return RenderForm(context, staff, form, 400);

  const Result<std::int64_t> version = context.deps.store.pages->SaveStaticPage(
      store::StaticPage{.path = form.path,
                        .title = form.title,
                        .body_markdown = form.body,
                        .footer = footer,
                        .effective_at = *effective,
                        .saved_at = context.deps.clock->Now(),
                        .saved_by = staff.user_id});
  if (!version) return NewsroomErrorFor(context, version.error());
  RecordAudit(context, staff, request, "static_page_save", form.path,
              "version " + std::to_string(*version));
  return SeeOther("/newsroom/admin/pages?saved=1");
}

}  // namespace sinmun::newsroom
