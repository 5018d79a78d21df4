// Administration: sections (create, rename, reorder, hide). Every change bumps the store's
// change sequence, so the public pages that show the section bar are rendered afresh.

#include <algorithm>
#include <nlohmann/json.hpp>

#include "newsroom/admin_pages.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"

namespace sinmun::newsroom {
namespace {

struct NewSectionForm {
  std::string slug;
  std::string name;
};

http::Response RenderSectionsPage(const NewsroomContext& context, const Staff& staff,
                                  const NewSectionForm& form, std::string_view error,
                                  std::string_view done, int status) {
  const Result<std::vector<store::SectionAdmin>> sections =
      context.deps.store.catalog->AllSections();
  if (!sections) return NewsroomErrorFor(context, sections.error());
  nlohmann::json rows = nlohmann::json::array();
  for (size_t i = 0; i < sections->size(); ++i) {
    const store::SectionAdmin& section = (*sections)[i];
    rows.push_back({{"id", section.section.id},
                    {"slug", section.section.slug},
                    {"name", section.section.name},
                    {"hidden", section.hidden},
                    {"can_move_up", i > 0},
                    {"can_move_down", i + 1 < sections->size()}});
  }
  nlohmann::json view = {{"sections", std::move(rows)},
                         {"add", {{"slug", form.slug}, {"name", form.name}}}};
  if (!error.empty()) view["error"] = Label(context, error);
  if (!done.empty()) view["done"] = Label(context, done);
  return RenderNewsroomPage(context, staff, "newsroom/admin_sections", std::move(view),
                            Label(context, "newsroom_sections_title"), status);
}

// URL names: lower-case ASCII letters, digits and '-', 1 to 40 characters.
bool IsSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > 40 || slug.front() == '-') return false;
  return std::all_of(slug.begin(), slug.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

http::Response SectionsPage(const NewsroomContext& context, const http::Request& request,
                            const Staff& staff) {
  return RenderSectionsPage(context, staff, NewSectionForm{}, "",
                            request.Query("saved") ? "newsroom_saved" : "", 200);
}

http::Response AddSection(const NewsroomContext& context, const http::Request& request,
                          const Staff& staff) {
  const NewSectionForm form{.slug = request.Form("slug").value_or(""),
                            .name = request.Form("name").value_or("")};
  if (!IsSlug(form.slug))
    return RenderSectionsPage(context, staff, form, "newsroom_section_bad_slug", "", 400);
  if (form.name.empty() || form.name.size() > 100) {
    return RenderSectionsPage(context, staff, form, "newsroom_name_required", "", 400);
  }
  const Result<store::SectionId> id = context.deps.store.masthead->CreateSection(
      store::NewSection{.slug = form.slug, .name = form.name, .position = 0},
      request.Form("hidden").has_value());
  if (!id) {
    if (id.error().code == ErrorCode::kConflict) {
      return RenderSectionsPage(context, staff, form, "newsroom_section_slug_taken", "", 409);
    }
    return NewsroomErrorFor(context, id.error());
  }
  RecordAudit(context, staff, request, "section_add", "section:" + std::to_string(*id),
              form.slug + " " + form.name);
  return SeeOther("/newsroom/admin/sections?saved=1");
}

http::Response UpdateSection(const NewsroomContext& context, const http::Request& request,
                             const Staff& staff) {
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const std::string name = request.Form("name").value_or("");
  if (name.empty() || name.size() > 100) {
    return RenderSectionsPage(context, staff, NewSectionForm{}, "newsroom_name_required", "", 400);
  }
  const bool hidden = request.Form("hidden").has_value();
  const Result<> done = context.deps.store.masthead->UpdateSection(store::SectionAdmin{
      .section = store::Section{.id = *id, .slug = "", .name = name, .position = 0},
      .hidden = hidden});
  if (!done) return NewsroomErrorFor(context, done.error());
  RecordAudit(context, staff, request, "section_update", "section:" + std::to_string(*id),
              name + (hidden ? " (hidden)" : ""));
  return SeeOther("/newsroom/admin/sections?saved=1");
}

http::Response MoveSection(const NewsroomContext& context, const http::Request& request,
                           const Staff& staff) {
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const std::string direction = request.Form("direction").value_or("");
  if (direction != "up" && direction != "down") return NewsroomError(context, 400);
  const Result<std::vector<store::SectionAdmin>> sections =
      context.deps.store.catalog->AllSections();
  if (!sections) return NewsroomErrorFor(context, sections.error());
  std::vector<store::SectionId> order;
  for (const store::SectionAdmin& section : *sections) order.push_back(section.section.id);
  const auto at = std::find(order.begin(), order.end(), *id);
  if (at == order.end()) return NewsroomError(context, 404);
  if (direction == "up" && at != order.begin()) std::iter_swap(at, at - 1);
  if (direction == "down" && at + 1 != order.end()) std::iter_swap(at, at + 1);
  if (Result<> done = context.deps.store.masthead->ReorderSections(order); !done) {
    return NewsroomErrorFor(context, done.error());
  }
  RecordAudit(context, staff, request, "section_move", "section:" + std::to_string(*id), direction);
  return SeeOther("/newsroom/admin/sections?saved=1");
}

}  // namespace sinmun::newsroom
