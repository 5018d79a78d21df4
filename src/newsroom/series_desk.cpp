// Series (연재, issue #18) for the desk: the list of series with a form to start one, and each
// series' title and description to edit. Articles join a series in the article form.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/time.hpp"
#include "newsroom/admin_pages.hpp"
#include "newsroom/audit.hpp"
#include "newsroom/guard.hpp"
#include "newsroom/handlers.hpp"
#include "newsroom/page.hpp"
#include "store/series_book.hpp"

namespace sinmun::newsroom {
namespace {

constexpr std::size_t kMaxSeriesTitleChars = 100;
constexpr std::size_t kMaxSeriesDescriptionChars = 1000;

struct SeriesForm {
  std::string title;
  std::string description;
};

SeriesForm SeriesFormFrom(const http::Request& request) {
  return {TrimSpace(request.Form("title").value_or("")),
          TrimSpace(request.Form("description").value_or(""))};
}

// The label key of what is wrong with `form`; "" when nothing is.
std::string_view SeriesFormError(const SeriesForm& form) {
  if (form.title.empty() || Utf8Length(form.title) > kMaxSeriesTitleChars ||
      form.title.find_first_of("\r\n") != std::string::npos) {
    return "series_error_title";
  }
  if (Utf8Length(form.description) > kMaxSeriesDescriptionChars) return "series_error_description";
  return "";
}

http::Response RenderSeriesDesk(const NewsroomContext& context, const Staff& staff,
                                const SeriesForm& form, std::optional<store::SeriesId> editing,
                                std::string_view error, bool done, int status) {
  const Result<std::vector<store::Series>> all = context.deps.store.series->AllSeries();
  if (!all) return NewsroomErrorFor(context, all.error());
  nlohmann::json rows = nlohmann::json::array();
  for (const store::Series& series : *all) {
    rows.push_back({{"id", series.id},
                    {"title", series.title},
                    {"edit_url", fmt::format("/newsroom/series/{}", series.id)},
                    {"site_url", fmt::format("/series/{}", series.id)},
                    {"created", FormatKst(series.created_at)}});
  }
  nlohmann::json view = {
      {"form", {{"title", form.title}, {"description", form.description}}},
      {"action", editing ? fmt::format("/newsroom/series/{}", *editing) : "/newsroom/series"},
      {"editing", editing.has_value()},
      {"error", error.empty() ? "" : Label(context, error)},
      {"done", done},
      {"series", std::move(rows)},
      {"has_series", !all->empty()}};
  return RenderNewsroomPage(context, staff, "newsroom/series", std::move(view),
                            Label(context, "series_title"), status);
}

}  // namespace

http::Response SeriesDeskPage(const NewsroomContext& context, const http::Request& request,
                              const Staff& staff) {
  if (context.deps.store.series == nullptr) return NewsroomError(context, 503);
  return RenderSeriesDesk(context, staff, {}, std::nullopt, "", request.Query("done").has_value(),
                          200);
}

http::Response CreateSeries(const NewsroomContext& context, const http::Request& request,
                            const Staff& staff) {
  if (context.deps.store.series == nullptr) return NewsroomError(context, 503);
  const SeriesForm form = SeriesFormFrom(request);
  if (std::string_view error = SeriesFormError(form); !error.empty()) {
    return RenderSeriesDesk(context, staff, form, std::nullopt, error, false, 400);
  }
  const Result<store::SeriesId> id =
      context.deps.store.series->CreateSeries({.title = form.title,
                                               .description = form.description,
                                               .created_at = context.deps.clock->Now()});
  if (!id) return NewsroomErrorFor(context, id.error());
  RecordAudit(context, staff, request, "series_create", fmt::format("series:{}", *id), form.title);
  return SeeOther("/newsroom/series?done=1");
}

http::Response EditSeriesPage(const NewsroomContext& context, const http::Request& request,
                              const Staff& staff) {
  if (context.deps.store.series == nullptr) return NewsroomError(context, 503);
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const Result<store::Series> series = context.deps.store.series->SeriesById(*id);
  if (!series) return NewsroomErrorFor(context, series.error());
  return RenderSeriesDesk(context, staff, {series->title, series->description}, *id, "",
                          request.Query("done").has_value(), 200);
}

http::Response SaveSeries(const NewsroomContext& context, const http::Request& request,
                          const Staff& staff) {
  if (context.deps.store.series == nullptr) return NewsroomError(context, 503);
  const std::optional<std::int64_t> id = ParseId(request.PathParam("id"));
  if (!id) return NewsroomError(context, 404);
  const SeriesForm form = SeriesFormFrom(request);
  if (std::string_view error = SeriesFormError(form); !error.empty()) {
    return RenderSeriesDesk(context, staff, form, *id, error, false, 400);
  }
  if (Result<> done = context.deps.store.series->UpdateSeries(
          {.id = *id, .title = form.title, .description = form.description});
      !done) {
    return NewsroomErrorFor(context, done.error());
  }
  RecordAudit(context, staff, request, "series_update", fmt::format("series:{}", *id), form.title);
  return SeeOther(fmt::format("/newsroom/series/{}?done=1", *id));
}

}  // namespace sinmun::newsroom
