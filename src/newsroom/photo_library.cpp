// The photo library (사진 보관함, issue #19): the photos a member of staff may use
// (PhotoScopeFor), newest first, searched by words in their captions and credits and by upload
// date, each with its number, size and the articles that use it. A page is a GET form and
// links, so it works without JavaScript; the article form takes a photo by its number
// (photo_pick.hpp).

#include "store/photo_library.hpp"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/text.hpp"
#include "core/time.hpp"
#include "http/request.hpp"
#include "newsroom/desk.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"
#include "newsroom/photo_scope.hpp"
#include "render/article_view.hpp"

namespace sinmun::newsroom {
namespace {

constexpr int kPhotosPerPage = 24;
constexpr size_t kMaxWords = 8;
constexpr size_t kMaxWordBytes = 100;
constexpr Timestamp kDay = 24 * 3600;

// The search as the form sent it, as typed.
struct LibraryForm {
  std::string words;
  std::string from;  // YYYY-MM-DD (KST), "" for no bound
  std::string to;    // YYYY-MM-DD (KST), inclusive
};

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  while (!text.empty() && words.size() < kMaxWords) {
    const size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) break;
    text.remove_prefix(start);
    const size_t end = text.find_first_of(" \t\r\n");
    const std::string_view word = text.substr(0, end);
    if (word.size() <= kMaxWordBytes) words.emplace_back(word);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end);
  }
  return words;
}

// "1733456789-17": the upload time and id of the last photo of the page before.
std::optional<store::PhotoCursor> ParseCursor(std::string_view text) {
  const size_t dash = text.find('-', 1);
  if (dash == std::string_view::npos) return std::nullopt;
  store::PhotoCursor cursor;
  const std::string_view at = text.substr(0, dash);
  const std::string_view id = text.substr(dash + 1);
  const auto [at_end, at_ec] =
      std::from_chars(at.data(), at.data() + at.size(), cursor.uploaded_at);
  const auto [id_end, id_ec] = std::from_chars(id.data(), id.data() + id.size(), cursor.id);
  if (at_ec != std::errc() || at_end != at.data() + at.size() || id_ec != std::errc() ||
      id_end != id.data() + id.size() || cursor.id <= 0) {
    return std::nullopt;
  }
  return cursor;
}

// A day typed as YYYY-MM-DD, read as KST midnight; nullopt when malformed.
std::optional<Timestamp> ParseDay(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return ParseKst(text);
}

// The page's address with the search kept and `after` as the cursor ("" for the first page).
std::string LibraryPath(const LibraryForm& form, std::string_view after) {
  std::string path = "/newsroom/photos";
  char separator = '?';
  const auto add = [&](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    path += separator;
    path.append(key).append("=").append(http::PercentEncode(value));
    separator = '&';
  };
  add("q", form.words);
  add("from", form.from);
  add("to", form.to);
  add("after", after);
  return path;
}

nlohmann::json UseView(const NewsroomContext& context, const store::PhotoUse& use) {
  const bool published = use.status == store::ArticleStatus::kPublished;
  return {
      {"headline", use.headline},
      {"url", published ? fmt::format("/article/{}", use.article_id) : EditPath(use.article_id)},
      {"status", StatusLabel(context, use.status)},
      {"place", Label(context, use.lead ? "library_use_lead" : "library_use_more")}};
}

nlohmann::json PhotoView(const NewsroomContext& context, const store::LibraryPhoto& item) {
  const store::Photo& photo = item.photo;
  const int thumb_width = photo.widths.empty() ? photo.width : photo.widths.front();
  const int thumb_height =
      photo.width > 0
          ? static_cast<int>(static_cast<std::int64_t>(photo.height) * thumb_width / photo.width)
          : photo.height;
  // The caption and credit an article last gave it (uses come newest first).
  std::string caption;
  std::string credit;
  for (const store::PhotoUse& use : item.uses) {
    if (use.caption.empty() && use.credit.empty()) continue;
    caption = use.caption;
    credit = use.credit;
    break;
  }
  nlohmann::json uses = nlohmann::json::array();
  for (const store::PhotoUse& use : item.uses) uses.push_back(UseView(context, use));
  const bool has_uses = !uses.empty();
  const std::int64_t more_uses = item.use_count - static_cast<std::int64_t>(item.uses.size());
  return {{"id", photo.id},
          {"thumbnail", render::PhotoUrl(photo.name, photo.format, thumb_width)},
          {"large", render::PhotoUrl(photo.name, photo.format,
                                     photo.widths.empty() ? photo.width : photo.widths.back())},
          {"thumb_width", thumb_width},
          {"thumb_height", thumb_height},
          {"caption", caption},
          {"credit", credit},
          {"has_caption", !caption.empty()},
          {"uploaded", FormatKst(photo.uploaded_at)},
          {"uploaded_iso", FormatIso8601Kst(photo.uploaded_at)},
          {"size", fmt::format("{}×{}", photo.width, photo.height)},
          {"uses", std::move(uses)},
          {"has_uses", has_uses},
          {"more_uses", more_uses > 0 ? fmt::format("{}", more_uses) : ""}};
}

}  // namespace

http::Response PhotoLibraryPage(const NewsroomContext& context, const http::Request& request,
                                const Staff& staff) {
  const LibraryForm form{.words = TrimSpace(request.Query("q").value_or("")),
                         .from = TrimSpace(request.Query("from").value_or("")),
                         .to = TrimSpace(request.Query("to").value_or(""))};
  store::PhotoSearch search{.scope = PhotoScopeFor(staff, context.deps.clock->Now()),
                            .words = SplitWords(form.words),
                            .limit = kPhotosPerPage};
  nlohmann::json errors = nlohmann::json::object();
  if (!form.from.empty()) {
    if (const std::optional<Timestamp> from = ParseDay(form.from)) {
      search.uploaded_from = *from;
    } else {
      errors["from"] = Label(context, "library_error_date");
    }
  }
  if (!form.to.empty()) {
    if (const std::optional<Timestamp> to = ParseDay(form.to)) {
      search.uploaded_until = *to + kDay;  // the whole day typed
    } else {
      errors["to"] = Label(context, "library_error_date");
    }
  }
  if (const std::optional<std::string> after = request.Query("after")) {
    search.after = ParseCursor(*after);
    if (!search.after) return NewsroomError(context, 400);
  }

  nlohmann::json photos = nlohmann::json::array();
  std::string next_url;
  if (errors.empty()) {
    const Result<store::PhotoPage> page = context.deps.store.photos->SearchPhotos(search);
    if (!page) return NewsroomErrorFor(context, page.error());
    for (const store::LibraryPhoto& item : page->photos) photos.push_back(PhotoView(context, item));
    if (page->more && !page->photos.empty()) {
      const store::Photo& last = page->photos.back().photo;
      next_url = LibraryPath(form, fmt::format("{}-{}", last.uploaded_at, last.id));
    }
  }
  const bool searched = !form.words.empty() || !form.from.empty() || !form.to.empty();
  const bool has_photos = !photos.empty();
  // A date field holds a valid date or nothing: one that was not is shown empty, with its
  // message.
  nlohmann::json view = {{"q", form.words},
                         {"from", errors.contains("from") ? "" : form.from},
                         {"to", errors.contains("to") ? "" : form.to},
                         {"errors", std::move(errors)},
                         {"photos", std::move(photos)},
                         {"has_photos", has_photos},
                         {"searched", searched},
                         {"paged", search.after.has_value()},
                         {"first_url", LibraryPath(form, "")},
                         {"next_url", next_url},
                         {"sees_all", search.scope.all}};
  const bool bad_input = !view["errors"].empty();
  return RenderNewsroomPage(context, staff, "newsroom/photos", std::move(view),
                            Label(context, "library_title"), bad_input ? 400 : 200);
}

}  // namespace sinmun::newsroom
