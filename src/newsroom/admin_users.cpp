// Administration: accounts (list, add, change name, role, linked reporter, deactivate).

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "newsroom/admin_pages.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/crypto.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"

namespace sinmun::newsroom {
namespace {

constexpr store::Role kRoles[] = {store::Role::kReporter, store::Role::kEditor, store::Role::kAdmin,
                                  store::Role::kAdManager, store::Role::kOmbudsman};

nlohmann::json RoleOptions(const NewsroomContext& context, store::Role selected) {
  nlohmann::json options = nlohmann::json::array();
  for (const store::Role role : kRoles) {
    const std::string name(store::RoleName(role));
    options.push_back({{"value", name},
                       {"label", Label(context, "newsroom_role_" + name)},
                       {"selected", role == selected}});
  }
  return options;
}

nlohmann::json ReporterOptions(const std::vector<store::Reporter>& reporters,
                               std::optional<store::ReporterId> selected) {
  nlohmann::json options = nlohmann::json::array();
  for (const store::Reporter& reporter : reporters) {
    options.push_back(
        {{"id", reporter.id}, {"name", reporter.name}, {"selected", selected == reporter.id}});
  }
  return options;
}

// What the add form had in it, kept when it is refused.
struct NewUserForm {
  std::string email;
  std::string name;
  store::Role role = store::Role::kReporter;
  std::optional<store::ReporterId> reporter_id;
};

http::Response RenderUsersPage(const NewsroomContext& context, const Staff& staff,
                               const NewUserForm& form, std::string_view error,
                               std::string_view done, int status) {
  const Result<std::vector<store::User>> users = context.deps.store.accounts->Users();
  if (!users) return NewsroomErrorFor(context, users.error());
  const Result<std::vector<store::Reporter>> reporters = context.deps.store.catalog->Reporters();
  if (!reporters) return NewsroomErrorFor(context, reporters.error());
  nlohmann::json rows = nlohmann::json::array();
  for (const store::User& user : *users) {
    rows.push_back({{"id", user.id},
                    {"email", user.email},
                    {"name", user.name},
                    {"active", user.active},
                    {"is_self", user.id == staff.user_id},
                    {"created_at", FormatKst(user.created_at)},
                    {"roles", RoleOptions(context, user.role)},
                    {"reporters", ReporterOptions(*reporters, user.reporter_id)}});
  }
  nlohmann::json view = {{"users", std::move(rows)},
                         {"add",
                          {{"email", form.email},
                           {"name", form.name},
                           {"roles", RoleOptions(context, form.role)},
                           {"reporters", ReporterOptions(*reporters, form.reporter_id)}}},
                         {"min_length", kMinPasswordLength}};
  if (!error.empty()) view["error"] = Label(context, error);
  if (!done.empty()) view["done"] = Label(context, done);
  return RenderNewsroomPage(context, staff, "newsroom/admin_users", std::move(view),
                            Label(context, "newsroom_users_title"), status);
}

// The reporter field: "" is none; anything else must be a known reporter's id.
std::optional<std::optional<store::ReporterId>> ReporterField(const http::Request& request) {
  const std::string text = request.Form("reporter").value_or("");
  if (text.empty()) return std::optional<store::ReporterId>();
  const std::optional<std::int64_t> id = ParseId(text);
  if (!id) return std::nullopt;
  return std::optional<store::ReporterId>(*id);
}

}  // namespace

http::Response UsersPage(const NewsroomContext& context, const http::Request& request,
                         const Staff& staff) {
  std::string done;
  if (request.Query("added")) done = "newsroom_user_added";
  if (request.Query("saved")) done = "newsroom_saved";
  return RenderUsersPage(context, staff, NewUserForm{}, "", done, 200);
}

http::Response AddUser(const NewsroomContext& context, const http::Request& request,
                       const Staff& staff) {
  NewUserForm form{
      .email = request.Form("email").value_or(""),
      .name = request.Form("name").value_or(""),
      .role = store::ParseRole(request.Form("role").value_or("")).value_or(store::Role::kReporter),
      .reporter_id = std::nullopt};
  const std::optional<std::optional<store::ReporterId>> reporter = ReporterField(request);
  if (reporter) form.reporter_id = *reporter;
  const std::string password = request.Form("password").value_or("");
  if (!store::ParseRole(request.Form("role").value_or("")) || !reporter) {
    return RenderUsersPage(context, staff, form, "newsroom_invalid_form", "", 400);
  }
  if (!IsPlausibleEmail(form.email)) {
    return RenderUsersPage(context, staff, form, "newsroom_user_bad_email", "", 400);
  }
  if (form.name.empty() || form.name.size() > 200) {
    return RenderUsersPage(context, staff, form, "newsroom_name_required", "", 400);
  }
  if (password.size() < kMinPasswordLength || password.size() > kMaxPasswordLength) {
    return RenderUsersPage(context, staff, form, "newsroom_password_too_short", "", 400);
  }
  const Result<std::string> hash = HashPassword(password);
  if (!hash) return NewsroomErrorFor(context, hash.error());
  const Result<store::UserId> id = context.deps.store.accounts->InsertUser(
      store::NewUser{.email = form.email,
                     .name = form.name,
                     .role = form.role,
                     .reporter_id = form.reporter_id,
                     .password_hash = *hash,
                     .created_at = context.deps.clock->Now()});
  if (!id) {
    if (id.error().code == ErrorCode::kConflict) {
      return RenderUsersPage(context, staff, form, "newsroom_user_email_taken", "", 409);
    }
    if (id.error().code == ErrorCode::kInvalidInput) {
      return RenderUsersPage(context, staff, form, "newsroom_invalid_form", "", 400);
    }
    return NewsroomErrorFor(context, id.error());
  }
  RecordAudit(context, staff, request, "user_add", "user:" + std::to_string(*id),
              form.email + " " + std::string(store::RoleName(form.role)));
  return SeeOther("/newsroom/admin/users?added=1");
}

http::Response UpdateUser(const NewsroomContext& context, const http::Request& request,
                          const Staff& staff) {
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  Result<store::User> user = context.deps.store.accounts->UserById(*id);
  if (!user) return NewsroomErrorFor(context, user.error());
  const std::optional<store::Role> role = store::ParseRole(request.Form("role").value_or(""));
  const std::optional<std::optional<store::ReporterId>> reporter = ReporterField(request);
  const std::string name = request.Form("name").value_or("");
  const bool active = request.Form("active").has_value();
  if (!role || !reporter)
    return RenderUsersPage(context, staff, NewUserForm{}, "newsroom_invalid_form", "", 400);
  if (name.empty() || name.size() > 200) {
    return RenderUsersPage(context, staff, NewUserForm{}, "newsroom_name_required", "", 400);
  }
  // An admin cannot lock themself out: their own role and active flag stay.
  if (user->id == staff.user_id && (*role != user->role || !active)) {
    return RenderUsersPage(context, staff, NewUserForm{}, "newsroom_user_not_self", "", 400);
  }
  // The audit line says what changed, role changes above all.
  const bool role_changed = *role != user->role;
  std::string detail;
  if (role_changed) {
    detail += "role " + std::string(store::RoleName(user->role)) + " -> " +
              std::string(store::RoleName(*role)) + "; ";
  }
  if (active != user->active) detail += active ? "activated; " : "deactivated; ";
  if (name != user->name) detail += "name " + name + "; ";
  if (*reporter != user->reporter_id) {
    detail += "reporter " + (reporter->has_value() ? std::to_string(**reporter) : "-") + "; ";
  }
  user->name = name;
  user->role = *role;
  user->active = active;
  user->reporter_id = *reporter;
  if (Result<> done = context.deps.store.accounts->UpdateUser(*user); !done) {
    if (done.error().code == ErrorCode::kInvalidInput) {
      return RenderUsersPage(context, staff, NewUserForm{}, "newsroom_invalid_form", "", 400);
    }
    return NewsroomErrorFor(context, done.error());
  }
  if (!detail.empty()) {
    detail.resize(detail.size() - 2);
    RecordAudit(context, staff, request, role_changed ? "role_change" : "user_update",
                "user:" + std::to_string(user->id), detail);
  }
  return SeeOther("/newsroom/admin/users?saved=1");
}

}  // namespace sinmun::newsroom
