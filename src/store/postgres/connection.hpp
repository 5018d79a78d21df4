#pragma once
// Thin RAII wrappers over one libpq connection: statements prepared once per connection,
// parameters bound as text, rows read by column, transactions, and the mapping of SQLSTATEs
// to ErrorCode. Internal to store/postgres; nothing outside it includes libpq.
//
// Thread safety: none. A Connection is used by one thread at a time (the Pool lends it out).

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "store/transaction.hpp"

namespace sinmun::store::postgres {

// A store URL split in two: what libpq connects with, and the pool size sinmun reads from the
// URL's pool_size=N (1..256), which libpq would refuse.
struct PoolUrl {
  std::string conninfo;
  int pool_size = 0;
};
// kInvalidInput for a bad pool_size; `default_size` when there is none.
Result<PoolUrl> SplitPoolSize(const std::string& url, int default_size);

// One parameter in PostgreSQL's text format; nullopt is SQL NULL.
using Param = std::optional<std::string>;

inline Param ToParam(std::int64_t value) { return std::to_string(value); }
inline Param ToParam(int value) { return std::to_string(value); }
inline Param ToParam(bool value) { return value ? "t" : "f"; }
inline Param ToParam(std::string_view value) { return std::string(value); }
inline Param ToParam(const std::string& value) { return value; }
inline Param ToParam(const char* value) { return std::string(value); }
inline Param ToParam(const std::optional<std::int64_t>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

// One row of a result. Columns are 0-based; values arrive as text.
class Row {
 public:
  Row(const PGresult* result, int row) : result_(result), row_(row) {}
  std::int64_t Int(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const { return PQgetisnull(result_, row_, column) != 0; }
  std::optional<std::int64_t> OptionalInt(int column) const;
  // The items of a one-dimensional array column (text[] or bigint[], in PostgreSQL's text
  // form {a,"b c"}), in order.
  std::vector<std::string> TextArray(int column) const;
  std::vector<std::int64_t> IntArray(int column) const;
  // The column's text, nullopt for NULL: for copying rows whole.
  std::optional<std::string> OptionalText(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Text(column);
  }

 private:
  const PGresult* result_;
  int row_;
};

// The rows of one statement, and how many rows it changed.
class Rows {
 public:
  explicit Rows(PGresult* result) : result_(result, &PQclear) {}
  int size() const { return PQntuples(result_.get()); }
  int columns() const { return PQnfields(result_.get()); }
  bool empty() const { return size() == 0; }
  Row operator[](int row) const { return Row(result_.get(), row); }
  // Rows inserted, updated or deleted by the statement.
  std::int64_t Changes() const;

  // Reading the rows in order (store/row_reads.hpp): Step() moves to the next row, false after
  // the last; row() is that row. Run() has nothing left to do: the statement has run.
  Result<bool> Step() { return ++current_ < size(); }
  Row row() const { return (*this)[current_]; }
  Result<> Run() const { return {}; }

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> result_;
  int current_ = -1;
};

class Connection {
 public:
  // Connects with a libpq connection string or URI. kUnavailable when the server cannot be
  // reached or refuses the connection.
  static Result<std::unique_ptr<Connection>> Open(const std::string& conninfo);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs the one statement `sql` with `params` ($1, $2, … in order). It is prepared on this
  // connection the first time and reused after; the cache is keyed by the pointer.
  // REQUIRES: `sql` has static storage duration (a literal or a namespace-scope constant).
  Result<Rows> Run(const char* sql, const std::vector<Param>& params);
  // Runs one or more statements without parameters or caching: BEGIN, migrations.
  Result<> Execute(const std::string& sql);

  // For Transaction (store/transaction.hpp): reads are REPEATABLE READ READ ONLY, one
  // snapshot for several queries; writes READ COMMITTED, where the rows that decide a write
  // are locked with FOR UPDATE.
  Result<> Begin(TransactionMode mode);
  Result<> Commit() { return Execute("COMMIT"); }
  // A failed rollback leaves the connection inside a transaction; the pool drops connections
  // that are not idle when they come back, so no later caller inherits it.
  void Rollback() { (void)Execute("ROLLBACK"); }
  bool InTransaction() const { return !broken() && PQtransactionStatus(conn_) != PQTRANS_IDLE; }
  // A statement failed inside the transaction: PostgreSQL refuses every further one until
  // ROLLBACK (store/pinned_reader.hpp).
  bool InFailedTransaction() const {
    return !broken() && PQtransactionStatus(conn_) == PQTRANS_INERROR;
  }

  // True once the connection to the server is lost: it must be dropped, not reused.
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  // True when the connection can serve another caller: connected and outside a transaction.
  bool idle() const { return !broken() && PQtransactionStatus(conn_) == PQTRANS_IDLE; }
  // Commands sent since the last ResetCounters(), and whether the connection was lost on the
  // first of them (nothing of the caller's work can have reached the server then).
  void ResetCounters() { commands_ = 0, lost_on_first_command_ = false; }
  bool lost_on_first_command() const { return lost_on_first_command_; }

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  // The error of a failed command, noting a lost connection.
  Error Failure(const PGresult* result, std::string_view context);

  PGconn* conn_;
  std::unordered_map<const char*, std::string> statements_;  // sql -> prepared name
  int commands_ = 0;
  bool lost_on_first_command_ = false;
};

// Runs `sql` with `params` bound to $1, $2, … in order.
template <typename... Params>
Result<Rows> Query(Connection& connection, const char* sql, const Params&... params) {
  return connection.Run(sql, std::vector<Param>{ToParam(params)...});
}

using Transaction = store::Transaction<Connection>;

}  // namespace sinmun::store::postgres
