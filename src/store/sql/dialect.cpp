#include "store/sql/dialect.hpp"

#include <cctype>
#include <utility>

namespace sinmun::store {
namespace {

enum class Dialect { kSqlite, kPostgres };

// `text` with its marks (dialect.hpp) written for `dialect`.
std::string Render(std::string_view text, Dialect dialect) {
  const bool pg = dialect == Dialect::kPostgres;
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '?' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      out += pg ? '$' : '?';
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    const size_t end = text.find('}', i);
    if (end == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    const std::string_view mark = text.substr(i + 1, end - i - 1);
    i = end;
    if (mark.starts_with("for:")) {
      if (pg) out.append(" FOR ").append(mark.substr(4));
    } else if (mark.starts_with("::")) {
      if (pg) out.append(mark);
    } else if (mark.starts_with("ids:")) {
      const std::string param = Render(mark.substr(4), dialect);
      out += pg ? "SELECT value::bigint FROM json_array_elements_text(" + param + "::json)"
                : "SELECT value FROM json_each(" + param + ")";
    } else if (mark.starts_with("texts:")) {
      const std::string param = Render(mark.substr(6), dialect);
      out += pg ? "SELECT value FROM json_array_elements_text(" + param + "::json)"
                : "SELECT value FROM json_each(" + param + ")";
    } else if (mark.starts_with("indexed:")) {
      if (!pg) out.append(" INDEXED BY ").append(mark.substr(8));
    } else if (mark == "strpos") {
      out += pg ? "strpos" : "instr";
    } else if (mark == "greatest") {
      out += pg ? "GREATEST" : "MAX";
    } else {
      out.append("{").append(mark).append("}");  // not a mark: the statement fails to prepare
    }
  }
  return out;
}

}  // namespace

Sql::Sql(std::string_view text)
    : sqlite_(Render(text, Dialect::kSqlite)), postgres_(Render(text, Dialect::kPostgres)) {}

Sql Sql::Override(std::string_view sqlite, std::string_view postgres) {
  return Sql(Render(sqlite, Dialect::kSqlite), Render(postgres, Dialect::kPostgres));
}

}  // namespace sinmun::store
