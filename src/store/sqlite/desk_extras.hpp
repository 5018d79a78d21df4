#pragma once
// The desk's part of reading a public article (tags, correction note, lead photo), called by
// SqliteStore::PublishedArticle inside its snapshot. Internal to store/sqlite.

#include "core/error.hpp"
#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace sinmun::store::sqlite {

// Fills article.tags, article.correction and article.photo from the desk tables.
// REQUIRES: article.id is set; called inside a read snapshot on `connection`.
Result<> ReadDeskExtras(Connection& connection, Article& article);

}  // namespace sinmun::store::sqlite
