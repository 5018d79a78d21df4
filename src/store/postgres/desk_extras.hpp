#pragma once
// The desk's part of reading a public article (tags, correction note, lead photo), called by
// PgStore::PublishedArticle inside its snapshot. Internal to store/postgres.

#include "core/error.hpp"
#include "store/postgres/connection.hpp"
#include "store/records.hpp"

namespace sinmun::store::postgres {

// Fills article.tags, article.correction and article.photo from the desk tables.
// REQUIRES: article.id is set; called inside a snapshot on `connection`.
Result<> ReadDeskExtras(Connection& connection, Article& article);

}  // namespace sinmun::store::postgres
