// PgStore: opening and the pooled connections that SqlStore (sql/) works on. See store.hpp
// for the contracts.
#include "store/postgres/postgres_store.hpp"

#include <fmt/format.h>

#include <type_traits>
#include <utility>

#include "store/migrate.hpp"
#include "store/migration.hpp"
#include "store/pinned_reader.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/pool.hpp"
#include "store/postgres/query.hpp"
#include "store/sql/sql_store_methods.hpp"

namespace sinmun::store::postgres {

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& url) {
  Result<PoolUrl> split = SplitPoolSize(url, kDefaultPoolSize);
  if (!split) return tl::unexpected(split.error());
  auto pool = std::make_unique<Pool>(split->conninfo, split->pool_size);
  {
    Result<Pool::Lease> lease = pool->Acquire();
    if (!lease) return tl::unexpected(lease.error());
    if (Result<> migrated = Migrate(**lease, Migrations()); !migrated) {
      return Fail(ErrorCode::kUnavailable, fmt::format("cannot migrate the PostgreSQL database: {}",
                                                       migrated.error().detail));
    }
  }
  return std::unique_ptr<PgStore>(new PgStore(std::move(pool)));
}

PgStore::PgStore(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}

PgStore::~PgStore() = default;

using PinnedReader = store::PinnedReader<Pool::Lease>;

ReadScope PgStore::OpenReadScope() const {
  if (PinnedReader::Of(this) != nullptr) return ReadScope();  // the outer scope reads
  Result<Pool::Lease> lease = pool().AcquireInTransaction(TransactionMode::kRead);
  if (!lease) return ReadScope();
  return PinnedReader::Open(this, std::move(*lease));
}

// Each call runs on a pooled connection (Pool::With), or the thread's scope's.
template <typename Work>
auto PgStore::OnReader(Work work) const {
  using Out = std::invoke_result_t<Work, Connection&>;
  if (PinnedReader* pinned = PinnedReader::Of(this); pinned && pinned->connection()) {
    return Out(pinned->Run(work));
  }
  return pool().With(std::move(work));
}

// A sitemap's scan is one statement over the network like any other; inside a scope it runs on
// the scope's connection, as a second one taken from the bounded pool while the scope holds
// one could wait forever once every connection is held by a scope.
template <typename Work>
auto PgStore::OnScanReader(Work work) const {
  return OnReader(std::move(work));
}

template <typename Work>
auto PgStore::OnSnapshot(Work work) const {
  return OnReader([&](Connection& db) { return Transact(db, TransactionMode::kRead, work); });
}

template <typename Work>
auto PgStore::OnWriter(Work work) {
  return pool().With(std::move(work));
}

template <typename Work>
auto PgStore::OnWriteTransaction(Work work) {
  return pool().With([&](Connection& db) { return Transact(db, TransactionMode::kWrite, work); });
}

}  // namespace sinmun::store::postgres

template class sinmun::store::SqlStore<sinmun::store::postgres::PgStore>;
