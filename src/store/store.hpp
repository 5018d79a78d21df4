#pragma once
// The whole store: one object that serves every role, so that opening a store stays one call.
// SqliteStore is the embedded default; PgStore serves a paper that runs several nodes on one
// PostgreSQL. Callers never see SQL, sqlite3* or PGconn*. Consumers take only the roles they
// use (store/catalog.hpp, store/desk.hpp …); only app/ and tests hold a whole Store.

#include <memory>
#include <string_view>

#include "core/error.hpp"
#include "store/accounts.hpp"
#include "store/ad_book.hpp"
#include "store/archive_reads.hpp"
#include "store/audit_trail.hpp"
#include "store/breaking_news.hpp"
#include "store/bulk_load.hpp"
#include "store/catalog.hpp"
#include "store/change_feed.hpp"
#include "store/comment_bans.hpp"
#include "store/comment_book.hpp"
#include "store/corrections.hpp"
#include "store/desk.hpp"
#include "store/import_book.hpp"
#include "store/index_now_queue.hpp"
#include "store/mail_outbox.hpp"
#include "store/masthead.hpp"
#include "store/photo_library.hpp"
#include "store/rankings.hpp"
#include "store/read_scopes.hpp"
#include "store/reader_activity.hpp"
#include "store/related_lists.hpp"
#include "store/series_book.hpp"
#include "store/static_pages.hpp"
#include "store/tips.hpp"
#include "store/traffic_reads.hpp"

namespace sinmun::store {

class Store : public Catalog,
              public ArchiveReads,
              public ChangeFeed,
              public Rankings,
              public ReaderActivity,
              public MailOutbox,
              public Accounts,
              public Masthead,
              public AuditTrail,
              public Desk,
              public AdBook,
              public BulkLoad,
              public CommentBook,
              public CommentBans,
              public RelatedLists,
              public ImportBook,
              public StaticPages,
              public CorrectionDesk,
              public BreakingNews,
              public IndexNowQueue,
              public SeriesBook,
              public TipBox,
              public TrafficReads,
              public PhotoLibrary,
              public ReadScopes {};

// Opens the store at `url` and runs pending migrations before returning.
// "sqlite:/path/to/sinmun.db" (or "sqlite:DIR", a data folder: DIR/sinmun.db) opens the
// embedded SQLite store; "postgres://user@host:port/db"
// (or "postgresql://…", any libpq URI, optionally with pool_size=N) the PostgreSQL store.
// kInvalidInput for any other scheme or a bad pool_size, kUnavailable when the database
// cannot be opened, reached or migrated.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

}  // namespace sinmun::store
