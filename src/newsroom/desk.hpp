#pragma once
// Private to newsroom/: what the desk pages (dashboard, article form, workflow actions,
// revisions) share: who may do what to an article, paths, labels and the diff view.

#include <nlohmann/json.hpp>
#include <string>

#include "http/request.hpp"
#include "newsroom/article_form.hpp"
#include "newsroom/context.hpp"
#include "newsroom/staff.hpp"
#include "store/desk_records.hpp"

namespace sinmun::newsroom {

// Editors and admins edit any article in any status; a reporter edits own drafts only
// (after submission the desk has it).
bool MayEdit(const Staff& staff, const store::DeskArticle& article);
// Editors and admins see every article; a reporter sees own articles.
bool MayView(const Staff& staff, const store::DeskArticle& article);
// Submitting and deleting a draft: its author or the desk.
bool MayHandleDraft(const Staff& staff, const store::DeskArticle& article);

// A positive number in the path parameter `name` ({id}, {n}); kInvalidInput otherwise.
Result<std::int64_t> PositivePathParam(const http::Request& request, std::string_view name);
// The {id} path parameter; kInvalidInput for anything but a positive number.
Result<store::ArticleId> ArticleIdParam(const http::Request& request);
// The article behind {id} when `staff` may see it: kNotFound / kForbidden otherwise.
Result<store::DeskArticle> LoadViewableArticle(const NewsroomContext& context,
                                               const http::Request& request, const Staff& staff);

std::string EditPath(store::ArticleId id);  // "/newsroom/articles/12"

// Newsroom::EditUrlFor: EditPath(id) when the request's session belongs to staff who may
// edit article `id`; nullopt without touching the store when there is no session cookie.
std::optional<std::string> StaffEditUrl(const NewsroomContext& context,
                                        const http::Request& request, store::ArticleId id);
// "작성 중", "송고", … for a status.
std::string StatusLabel(const NewsroomContext& context, store::ArticleStatus status);
// The name of a user for history lists; "—" for user 0 (before the newsroom), "#id" when
// the account is gone.
std::string UserName(const NewsroomContext& context, store::UserId id);

// Side-by-side diff of two versions, field by field: [{"label", "changed", "rows": [{"kind":
// "same|removed|added|changed", "left", "right"}]}], fields in form order.
nlohmann::json ContentDiffView(const NewsroomContext& context, const store::ArticleContent& older,
                               const store::ArticleContent& newer, const FormChoices& choices);

}  // namespace sinmun::newsroom
