// Administration: reporter profiles (name, e-mail, bio, photo) and the account each is
// linked to. Accounts are linked to a profile on the users page. Photos go through the
// desk's upload pipeline (photo_upload.hpp); the profile shows its narrowest variant.

#include <map>
#include <nlohmann/json.hpp>

#include "http/multipart.hpp"
#include "newsroom/admin_pages.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"
#include "newsroom/photo_upload.hpp"
#include "render/article_view.hpp"

namespace sinmun::newsroom {
namespace {

constexpr size_t kMaxBio = 2000;

http::Response Render(const NewsroomContext& context, const Staff& staff,
                      const store::Reporter& form, std::string_view error, std::string_view done,
                      int status) {
  const Result<std::vector<store::Reporter>> reporters = context.deps.store.catalog->Reporters();
  if (!reporters) return NewsroomErrorFor(context, reporters.error());
  const Result<std::vector<store::User>> users = context.deps.store.accounts->Users();
  if (!users) return NewsroomErrorFor(context, users.error());
  std::map<store::ReporterId, std::string> accounts;
  for (const store::User& user : *users) {
    if (user.reporter_id)
      accounts[*user.reporter_id] += (accounts[*user.reporter_id].empty() ? "" : ", ") + user.email;
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const store::Reporter& reporter : *reporters) {
    rows.push_back({{"id", reporter.id},
                    {"name", reporter.name},
                    {"email", reporter.email},
                    {"bio", reporter.bio},
                    {"photo_url", reporter.photo.empty() ? "" : "/uploads/" + reporter.photo},
                    {"account", accounts[reporter.id]}});
  }
  nlohmann::json view = {{"reporters", std::move(rows)},
                         {"add", {{"name", form.name}, {"email", form.email}, {"bio", form.bio}}}};
  if (!error.empty()) view["error"] = Label(context, error);
  if (!done.empty()) view["done"] = Label(context, done);
  return RenderNewsroomPage(context, staff, "newsroom/admin_reporters", std::move(view),
                            Label(context, "newsroom_reporters_title"), status);
}

store::Reporter FromForm(const http::Request& request, store::ReporterId id) {
  return store::Reporter{.id = id,
                         .name = request.Form("name").value_or(""),
                         .email = request.Form("email").value_or(""),
                         .bio = request.Form("bio").value_or("")};
}

std::string_view Invalid(const store::Reporter& reporter) {
  if (reporter.name.empty() || reporter.name.size() > 100) return "newsroom_name_required";
  if (reporter.email.size() > 320 || reporter.bio.size() > kMaxBio) return "newsroom_invalid_form";
  return "";
}

}  // namespace

http::Response ReportersPage(const NewsroomContext& context, const http::Request& request,
                             const Staff& staff) {
  return Render(context, staff, store::Reporter{}, "",
                request.Query("saved") ? "newsroom_saved" : "", 200);
}

http::Response AddReporter(const NewsroomContext& context, const http::Request& request,
                           const Staff& staff) {
  const store::Reporter form = FromForm(request, 0);
  if (const std::string_view error = Invalid(form); !error.empty()) {
    return Render(context, staff, form, error, "", 400);
  }
  const Result<store::ReporterId> id = context.deps.store.masthead->InsertReporter(
      store::NewReporter{.name = form.name, .email = form.email, .bio = form.bio});
  if (!id) return NewsroomErrorFor(context, id.error());
  RecordAudit(context, staff, request, "reporter_add", "reporter:" + std::to_string(*id),
              form.name);
  return SeeOther("/newsroom/admin/reporters?saved=1");
}

http::Response UpdateReporter(const NewsroomContext& context, const http::Request& request,
                              const Staff& staff) {
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const store::Reporter form = FromForm(request, *id);
  if (const std::string_view error = Invalid(form); !error.empty()) {
    return Render(context, staff, store::Reporter{}, error, "", 400);
  }
  if (Result<> done = context.deps.store.masthead->UpdateReporter(form); !done) {
    return NewsroomErrorFor(context, done.error());
  }
  RecordAudit(context, staff, request, "reporter_update", "reporter:" + std::to_string(*id),
              form.name);
  return SeeOther("/newsroom/admin/reporters?saved=1");
}

http::Response SetReporterPhoto(const NewsroomContext& context, const http::Request& request,
                                const Staff& staff) {
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  if (Result<store::Reporter> reporter = context.deps.store.catalog->ReporterById(*id); !reporter) {
    return NewsroomErrorFor(context, reporter.error());
  }
  std::string photo;  // "" removes it
  if (!request.Form("remove")) {
    const std::optional<std::string> boundary =
        http::MultipartBoundary(request.Header("content-type"));
    const std::optional<std::vector<http::FormPart>> parts =
        boundary ? http::ParseMultipart(request.body, *boundary) : std::nullopt;
    if (!parts) return NewsroomError(context, 400);
    const http::FormPart* file = nullptr;
    for (const http::FormPart& part : *parts) {
      if (part.name == "photo" && part.filename && !part.filename->empty()) file = &part;
    }
    if (file == nullptr) {
      return Render(context, staff, store::Reporter{}, "newsroom_reporter_photo_missing", "", 400);
    }
    PhotoUploadResult uploaded = StoreUploadedPhoto(
        *context.deps.store.desk, {context.deps.uploads_dir, context.deps.originals_dir},
        file->data, staff.user_id, context.deps.clock->Now());
    if (const PhotoRefusal* refusal = std::get_if<PhotoRefusal>(&uploaded)) {
      return Render(context, staff, store::Reporter{}, refusal->label_key, "", 400);
    }
    if (const Error* error = std::get_if<Error>(&uploaded))
      return NewsroomErrorFor(context, *error);
    const Result<store::Photo> stored =
        context.deps.store.catalog->PhotoById(std::get<store::PhotoId>(uploaded));
    if (!stored) return NewsroomErrorFor(context, stored.error());
    // A profile picture is small: the narrowest variant is enough.
    const std::string url = render::PhotoUrl(stored->name, stored->format, stored->widths.front());
    photo = url.substr(std::string_view("/uploads/").size());
  }
  if (Result<> done = context.deps.store.masthead->SetReporterPhoto(*id, photo); !done) {
    return NewsroomErrorFor(context, done.error());
  }
  RecordAudit(context, staff, request, "reporter_photo", "reporter:" + std::to_string(*id),
              photo.empty() ? "removed" : photo);
  return SeeOther("/newsroom/admin/reporters?saved=1");
}

}  // namespace sinmun::newsroom
