#include "support/store_probe.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

#include "store/store_text.hpp"

namespace sinmun::testing {
namespace {

std::mutex urls_mutex;
std::map<const store::Store*, std::string> urls;

std::string UrlOf(const store::Store& store) {
  std::lock_guard lock(urls_mutex);
  const auto found = urls.find(&store);
  if (found == urls.end()) {
    throw std::runtime_error("store_probe: a store not opened by OpenTestStore or TestDatabase");
  }
  return found->second;
}

using Cells = std::vector<std::optional<std::string>>;

// Runs `sql` (placeholders ?1, ?2 … for SQLite, written $1, $2 … for PostgreSQL by the
// caller's text) with integer parameters and returns every row as text cells.
std::vector<Cells> Select(const store::Store& store, const std::string& sqlite_sql,
                          const std::vector<std::int64_t>& params) {
  const std::string url = UrlOf(store);
  std::vector<Cells> rows;
  if (url.starts_with("sqlite:")) {
    sqlite3* db = nullptr;
    const std::string path = url.substr(7);
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      sqlite3_close(db);
      throw std::runtime_error("store_probe: cannot open " + path);
    }
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sqlite_sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      const std::string error = sqlite3_errmsg(db);
      sqlite3_close(db);
      throw std::runtime_error("store_probe: " + error);
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      sqlite3_bind_int64(statement, static_cast<int>(i + 1), params[i]);
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
      Cells cells;
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        const unsigned char* text = sqlite3_column_text(statement, i);
        if (text == nullptr) {
          cells.emplace_back(std::nullopt);
        } else {
          cells.emplace_back(reinterpret_cast<const char*>(text));
        }
      }
      rows.push_back(std::move(cells));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return rows;
  }
  std::string sql = sqlite_sql;
  for (std::size_t at = sql.find('?'); at != std::string::npos; at = sql.find('?', at)) {
    sql[at] = '$';
  }
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string error = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("store_probe: " + error);
  }
  std::vector<std::string> texts;
  for (std::int64_t param : params) texts.push_back(std::to_string(param));
  std::vector<const char*> values;
  for (const std::string& text : texts) values.push_back(text.c_str());
  PGresult* result = PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, 0);
  if (PQresultStatus(result) != PGRES_TUPLES_OK) {
    const std::string error = PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(conn);
    throw std::runtime_error("store_probe: " + error);
  }
  for (int row = 0; row < PQntuples(result); ++row) {
    Cells cells;
    for (int i = 0; i < PQnfields(result); ++i) {
      if (PQgetisnull(result, row, i)) {
        cells.emplace_back(std::nullopt);
      } else {
        cells.emplace_back(PQgetvalue(result, row, i));
      }
    }
    rows.push_back(std::move(cells));
  }
  PQclear(result);
  PQfinish(conn);
  return rows;
}

constexpr char kOutboxColumns[] =
    "SELECT id, recipient, message, status, attempts, next_attempt_at, last_error FROM "
    "mail_outbox ";

store::OutboxMail ToMail(const Cells& cells) {
  const std::string& status = *cells[3];
  return store::OutboxMail{.id = std::stoll(*cells[0]),
                           .recipient = *cells[1],
                           .message = *cells[2],
                           .status = status == "sent"       ? store::MailStatus::kSent
                                     : status == "rejected" ? store::MailStatus::kRejected
                                                            : store::MailStatus::kPending,
                           .attempts = std::stoi(*cells[4]),
                           .next_attempt_at = std::stoll(*cells[5]),
                           .last_error = cells[6].value_or("")};
}

}  // namespace

void RememberStoreUrl(const store::Store& store, const std::string& url) {
  std::lock_guard lock(urls_mutex);
  urls[&store] = url;
}

std::vector<store::OutboxMail> DueMails(const store::Store& store, Timestamp now, int limit) {
  std::vector<store::OutboxMail> mails;
  for (const Cells& cells :
       Select(store,
              std::string(kOutboxColumns) + "WHERE status = 'pending' AND next_attempt_at <= ?1 "
                                            "ORDER BY next_attempt_at, id LIMIT ?2",
              {now, limit})) {
    mails.push_back(ToMail(cells));
  }
  return mails;
}

store::OutboxMail MailById(const store::Store& store, std::int64_t id) {
  const std::vector<Cells> rows =
      Select(store, std::string(kOutboxColumns) + "WHERE id = ?1", {id});
  if (rows.empty()) throw std::runtime_error("store_probe: no outbox mail " + std::to_string(id));
  return ToMail(rows[0]);
}

std::optional<Timestamp> NextScheduled(const store::Store& store) {
  const std::vector<Cells> rows =
      Select(store,
             "SELECT MIN(d.publish_at) FROM article_desk d JOIN articles a ON a.id = d.article_id "
             "WHERE d.publish_at IS NOT NULL AND a.status = 'scheduled'",
             {});
  if (rows.empty() || !rows[0][0]) return std::nullopt;
  return std::stoll(*rows[0][0]);
}

std::vector<std::string> TableNames(const store::Store& store) {
  const bool sqlite = UrlOf(store).starts_with("sqlite:");
  std::vector<std::string> names;
  for (const Cells& cells :
       Select(store,
              sqlite ? "SELECT name FROM sqlite_schema WHERE type = 'table' "
                       "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
                     : "SELECT table_name::text FROM information_schema.tables "
                       "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                       "ORDER BY 1",
              {})) {
    names.push_back(*cells[0]);
  }
  return names;
}

std::vector<std::pair<std::string, std::string>> ClaimMailTexts(store::Store& store,
                                                                Timestamp now) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::vector<store::OutboxMail> claimed = store.ClaimDueMails(now, 100, now + 600).value();
  for (const store::OutboxMail& mail : claimed) {
    const size_t body = mail.message.find("\r\n\r\n");
    std::string encoded;
    for (const char c : mail.message.substr(body + 4)) {
      if (c != '\r' && c != '\n') encoded += c;
    }
    out.emplace_back(mail.recipient, store::FromBase64(encoded));
  }
  return out;
}

}  // namespace sinmun::testing
