#pragma once
// One SQL statement, written once. The text uses SQLite's ?N placeholders and a few dialect
// marks; the PostgreSQL text is made from it when the program starts:
//   ?N          $N
//   {for:X}     nothing        | " FOR X"   (row locks: UPDATE, SHARE, UPDATE SKIP LOCKED …;
//                                             SQLite's writer holds the database lock anyway)
//   {::T}       nothing        | "::T"      (casts: booleans read as {::int} 0/1, …)
//   {greatest}  MAX            | GREATEST   (of two values)
//   {strpos}    instr          | strpos     (where a text holds another, 1-based)
//   {ids:?N}    SELECT value FROM json_each(?N)
//                              | SELECT value::bigint FROM json_array_elements_text($N::json)
//                                            (a list of ids bound as one JSON array "[1,2]")
//   {texts:?N}  SELECT value FROM json_each(?N)
//                              | SELECT value FROM json_array_elements_text($N::json)
//                                            (a list of texts bound as one JSON array, JsonStrings)
//   {indexed:I} " INDEXED BY I" | nothing    (SQLite reads a row by its rowid even where index I
//                                             covers the statement; I exists in SQLite only)
// Booleans are written TRUE/FALSE and NOT x, which both read; RETURNING works in both.
// Where a backend needs another plan on purpose, Sql::Override takes both texts; the constant
// says why in its comment.
// Statements are prepared once per connection and cached by the address of their text, so
// every Sql has static storage (a namespace-scope constant). Internal to store/.

#include <string>
#include <string_view>

namespace sinmun::store {

class Sql {
 public:
  explicit Sql(std::string_view text);
  static Sql Override(std::string_view sqlite, std::string_view postgres);

  const char* sqlite() const { return sqlite_.c_str(); }
  const char* postgres() const { return postgres_.c_str(); }

 private:
  Sql(std::string sqlite, std::string postgres)
      : sqlite_(std::move(sqlite)), postgres_(std::move(postgres)) {}

  std::string sqlite_;
  std::string postgres_;
};

}  // namespace sinmun::store
