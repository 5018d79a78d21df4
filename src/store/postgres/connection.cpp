#include "store/postgres/connection.hpp"

#include <fmt/format.h>

#include <charconv>
#include <string_view>
#include <utility>

namespace sinmun::store::postgres {
namespace {

// Seconds to wait for a server that does not answer (a refused connection fails at once).
constexpr char kConnectTimeoutSeconds[] = "5";

// Maps a SQLSTATE to an ErrorCode: unique violations are kConflict; foreign-key, check and
// not-null violations and bad values kInvalidInput; a lost or refused connection, a server
// shutting down or out of resources, a serialization failure or a read-only server
// kUnavailable (a backend problem: try again or call an operator); anything else kInternal.
ErrorCode CodeFor(std::string_view state) {
  if (state == "23505") return ErrorCode::kConflict;
  if (state == "23503" || state == "23514" || state == "23502" || state == "22P02" ||
      state == "22003" || state == "22021" || state == "54000") {
    return ErrorCode::kInvalidInput;
  }
  if (state.starts_with("08") || state.starts_with("57P") || state.starts_with("53") ||
      state == "40001" || state == "40P01" || state == "25006") {
    return ErrorCode::kUnavailable;
  }
  return ErrorCode::kInternal;
}

std::string_view Trimmed(const char* message) {
  std::string_view text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return text;
}

constexpr int kMaxPoolSize = 256;

}  // namespace

Result<PoolUrl> SplitPoolSize(const std::string& url, int default_size) {
  PoolUrl split{.conninfo = url, .pool_size = default_size};
  const size_t query = url.find('?');
  if (query == std::string::npos) return split;
  std::string kept;
  std::string_view rest = std::string_view(url).substr(query + 1);
  while (!rest.empty()) {
    const size_t end = rest.find('&');
    const std::string_view item = rest.substr(0, end);
    constexpr std::string_view kKey = "pool_size=";
    if (item.starts_with(kKey)) {
      const std::string_view value = item.substr(kKey.size());
      int size = 0;
      const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), size);
      if (ec != std::errc() || ptr != value.data() + value.size() || size < 1 ||
          size > kMaxPoolSize) {
        return Fail(ErrorCode::kInvalidInput,
                    fmt::format("postgres: pool_size must be 1..{}, not {:?}", kMaxPoolSize,
                                std::string(value)));
      }
      split.pool_size = size;
    } else if (!item.empty()) {
      if (!kept.empty()) kept += '&';
      kept += item;
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  split.conninfo = url.substr(0, query) + (kept.empty() ? "" : "?" + kept);
  return split;
}

std::int64_t Row::Int(int column) const {
  const char* text = PQgetvalue(result_, row_, column);
  std::int64_t value = 0;
  std::from_chars(text, text + PQgetlength(result_, row_, column), value);
  return value;
}

std::string Row::Text(int column) const {
  return std::string(PQgetvalue(result_, row_, column),
                     static_cast<size_t>(PQgetlength(result_, row_, column)));
}

std::vector<std::string> Row::TextArray(int column) const {
  // {} is empty; items are separated by commas and quoted ("…", with \" and \\ inside)
  // when they hold a comma, a quote, a brace, a backslash or white space, or are empty.
  std::string_view text(PQgetvalue(result_, row_, column),
                        static_cast<size_t>(PQgetlength(result_, row_, column)));
  std::vector<std::string> items;
  if (text.size() < 2) return items;
  text = text.substr(1, text.size() - 2);
  size_t i = 0;
  while (i < text.size()) {
    std::string item;
    if (text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        item += text[i];
      }
      ++i;  // the closing quote
    } else {
      for (; i < text.size() && text[i] != ','; ++i) item += text[i];
    }
    items.push_back(std::move(item));
    if (i < text.size() && text[i] == ',') ++i;
  }
  return items;
}

std::vector<std::int64_t> Row::IntArray(int column) const {
  std::vector<std::int64_t> values;
  for (const std::string& item : TextArray(column)) {
    std::int64_t value = 0;
    std::from_chars(item.data(), item.data() + item.size(), value);
    values.push_back(value);
  }
  return values;
}

std::optional<std::int64_t> Row::OptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::int64_t Rows::Changes() const {
  const char* text = PQcmdTuples(result_.get());
  std::int64_t value = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), value);
  return value;
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& conninfo) {
  // The URL goes in as dbname and is expanded; the keywords after it override its values.
  const char* keywords[] = {"dbname", "connect_timeout", "client_encoding", "application_name",
                            nullptr};
  const char* values[] = {conninfo.c_str(), kConnectTimeoutSeconds, "UTF8", "sinmun", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) return Fail(ErrorCode::kUnavailable, "postgres: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    Error error{ErrorCode::kUnavailable,
                fmt::format("postgres: cannot connect: {}", Trimmed(PQerrorMessage(conn)))};
    PQfinish(conn);
    return tl::unexpected(std::move(error));
  }
  return std::unique_ptr<Connection>(new Connection(conn));
}

Connection::~Connection() { PQfinish(conn_); }

Error Connection::Failure(const PGresult* result, std::string_view context) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const bool lost = PQstatus(conn_) != CONNECTION_OK;
  if (lost && commands_ == 1) lost_on_first_command_ = true;
  const ErrorCode code = lost || state == nullptr ? ErrorCode::kUnavailable : CodeFor(state);
  const char* message = result != nullptr && PQresultErrorMessage(result)[0] != '\0'
                            ? PQresultErrorMessage(result)
                            : PQerrorMessage(conn_);
  return Error{code, fmt::format("postgres: {}: {}", context, Trimmed(message))};
}

Result<Rows> Connection::Run(const char* sql, const std::vector<Param>& params) {
  ++commands_;
  auto prepared = statements_.find(sql);
  if (prepared == statements_.end()) {
    std::string name = fmt::format("s{}", statements_.size() + 1);
    PGresult* result = PQprepare(conn_, name.c_str(), sql, 0, nullptr);
    if (result == nullptr || PQresultStatus(result) != PGRES_COMMAND_OK) {
      Error error = Failure(result, sql);
      PQclear(result);
      return tl::unexpected(std::move(error));
    }
    PQclear(result);
    prepared = statements_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& param : params) values.push_back(param ? param->c_str() : nullptr);
  PGresult* result =
      PQexecPrepared(conn_, prepared->second.c_str(), static_cast<int>(values.size()),
                     values.data(), nullptr, nullptr, 0);
  const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    Error error = Failure(result, sql);
    PQclear(result);
    return tl::unexpected(std::move(error));
  }
  return Rows(result);
}

Result<> Connection::Execute(const std::string& sql) {
  ++commands_;
  PGresult* result = PQexec(conn_, sql.c_str());
  const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    Error error = Failure(result, sql.size() > 60 ? sql.substr(0, 60) + "…" : sql);
    PQclear(result);
    return tl::unexpected(std::move(error));
  }
  PQclear(result);
  return {};
}

Result<> Connection::Begin(TransactionMode mode) {
  return Execute(mode == TransactionMode::kWrite
                     ? "BEGIN"
                     : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

}  // namespace sinmun::store::postgres
