#pragma once
// SqlStore: static pages and their versions (issue #18), for both backends. Table in
// sqlite/migrations/0010_legal.sql and postgres/migrations/0006_legal.sql.
// Included by the backends' store .cpp files only (sql_store.hpp).

#include <fmt/format.h>

#include "store/row_records.hpp"
#include "store/sql/change_log.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/one_statement.hpp"
#include "store/sql/sql_store.hpp"
#include "store/static_pages.hpp"

namespace sinmun::store {
namespace page_sql {

#define SINMUN_PAGE_COLUMNS \
  "p.path, p.version, p.title, p.body, p.footer, p.effective_at, p.saved_at, p.saved_by "
inline const Sql kNewest{"SELECT " SINMUN_PAGE_COLUMNS
                         "FROM static_pages p WHERE p.path = ?1 ORDER BY p.version DESC LIMIT 1"};
inline const Sql kVersions{"SELECT " SINMUN_PAGE_COLUMNS
                           "FROM static_pages p WHERE p.path = ?1 ORDER BY p.version DESC"};
// The version of `path` in force at the time bound as `now`.
#define SINMUN_IN_FORCE(path, now)                                                           \
  "(SELECT q.version FROM static_pages q WHERE q.path = " path " AND q.effective_at <= " now \
  " ORDER BY q.effective_at DESC, q.version DESC LIMIT 1)"
inline const Sql kAt{
    "SELECT " SINMUN_PAGE_COLUMNS
    "FROM static_pages p WHERE p.path = ?1 AND p.version = " SINMUN_IN_FORCE("?1", "?2")};
inline const Sql
    kAllAt{"SELECT " SINMUN_PAGE_COLUMNS "FROM static_pages p WHERE p.version = " SINMUN_IN_FORCE(
        "p.path",
        "?1") " ORDER BY CASE WHEN p.footer = 0 THEN 1 ELSE 0 END, "
              "p.footer, p.path"};
#undef SINMUN_IN_FORCE
#undef SINMUN_PAGE_COLUMNS
inline const Sql kInsert{
    "INSERT INTO static_pages (path, version, title, body, footer, effective_at, saved_at, "
    "saved_by) SELECT ?1, COALESCE(MAX(version), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7 "
    "FROM static_pages WHERE path = ?1 RETURNING version"};

inline const auto kReadStaticPage = rows::FieldReader<StaticPage>(
    &StaticPage::path, &StaticPage::version, &StaticPage::title, &StaticPage::body_markdown,
    &StaticPage::footer, &StaticPage::effective_at, &StaticPage::saved_at, &StaticPage::saved_by);

}  // namespace page_sql

template <typename B>
Result<std::int64_t> SqlStore<B>::SaveStaticPage(const StaticPage& page) {
  if (!IsStaticPagePath(page.path) || page.title.empty() || page.footer < 0) {
    return Fail(ErrorCode::kInvalidInput, fmt::format("static page '{}'", page.path));
  }
  return backend().OnWriteTransaction([&](auto& db) -> Result<std::int64_t> {
    // Two nodes saving one path take turns here, so that they cannot pick the same number.
    if (Result<> locked = Write(db, kLockChanges); !locked) return tl::unexpected(locked.error());
    Result<StaticPage> newest = ReadOne<StaticPage>(Query(db, page_sql::kNewest, page.path),
                                                    page_sql::kReadStaticPage, "static page");
    if (newest && newest->title == page.title && newest->body_markdown == page.body_markdown &&
        newest->footer == page.footer && newest->effective_at == page.effective_at) {
      return newest->version;
    }
    if (!newest && newest.error().code != ErrorCode::kNotFound) {
      return tl::unexpected(newest.error());
    }
    const Result<std::int64_t> version = ReadCount(
        Query(db, page_sql::kInsert, page.path, page.title, page.body_markdown,
              std::int64_t{page.footer}, page.effective_at, page.saved_at, page.saved_by));
    if (!version) return version;
    if (Result<> logged = LogSiteChange(db, "static_page"); !logged) {
      return tl::unexpected(logged.error());
    }
    return *version;
  });
}

template <typename B>
Result<StaticPage> SqlStore<B>::StaticPageAt(std::string_view path, Timestamp now) const {
  return ReadOneOn<StaticPage>(backend(), page_sql::kReadStaticPage,
                               fmt::format("static page {}", path), page_sql::kAt, path, now);
}

template <typename B>
Result<std::vector<StaticPage>> SqlStore<B>::StaticPageVersions(std::string_view path) const {
  return ReadAllOn<StaticPage>(backend(), page_sql::kReadStaticPage, page_sql::kVersions, path);
}

template <typename B>
Result<std::vector<StaticPage>> SqlStore<B>::StaticPagesAt(Timestamp now) const {
  return ReadAllOn<StaticPage>(backend(), page_sql::kReadStaticPage, page_sql::kAllAt, now);
}

}  // namespace sinmun::store
