#pragma once
// Series (연재, issue #18): articles published as numbered episodes of one title
// ("[연재] 대전의 골목 ⑤"). A series is a title and a description; an article belongs to at
// most one series with an episode number. The site lists a series' published episodes in
// order and links each episode to the one before and after it.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

using SeriesId = std::int64_t;

struct Series {
  SeriesId id = 0;  // 0 for a new one
  std::string title;
  std::string description;
  Timestamp created_at = 0;
};

// An article's place in a series.
struct SeriesPlace {
  SeriesId series_id = 0;
  int episode = 0;  // 1, 2, …
};

// One published episode, as a list shows it.
struct SeriesEpisode {
  ArticleId article_id = 0;
  int episode = 0;
  std::string headline;
  Timestamp registered_at = 0;
};

// An article's series as its page shows it: the series, its episode, and the published
// episodes just before and after it.
struct ArticleSeries {
  Series series;
  int episode = 0;
  std::optional<SeriesEpisode> previous;
  std::optional<SeriesEpisode> next;
};

class SeriesBook {
 public:
  virtual ~SeriesBook() = default;

  // kInvalidInput for an empty title. Returns the new id.
  virtual Result<SeriesId> CreateSeries(const Series& series) = 0;
  // Saves title and description. kNotFound for an unknown id, kInvalidInput for an empty
  // title. Bumps the change sequence (article pages show the title).
  virtual Result<> UpdateSeries(const Series& series) = 0;
  // Newest first.
  virtual Result<std::vector<Series>> AllSeries() const = 0;
  virtual Result<Series> SeriesById(SeriesId id) const = 0;

  // Puts `article` in a series at an episode (replacing its earlier place) or, with nullopt,
  // out of any, and appends a change for the article. kNotFound for an unknown article or
  // series, kInvalidInput for an episode below 1.
  virtual Result<> SetArticleSeries(ArticleId article, std::optional<SeriesPlace> place,
                                    Timestamp at) = 0;
  // The article's place, whatever its status (the article form); nullopt when none.
  virtual Result<std::optional<SeriesPlace>> SeriesPlaceOf(ArticleId article) const = 0;
  // The series of a published article with its neighbouring episodes published at `now`;
  // nullopt when it belongs to none.
  virtual Result<std::optional<ArticleSeries>> ArticleSeriesAt(ArticleId article,
                                                               Timestamp now) const = 0;
  // The episodes of `series` published at `now`, by episode number (then id).
  virtual Result<std::vector<SeriesEpisode>> SeriesEpisodes(SeriesId series,
                                                            Timestamp now) const = 0;
};

}  // namespace sinmun::store
