#pragma once
// Reads that only tests make: the server never asks them, so they are not part of any store
// role. They go to the database behind a store from OpenTestStore or TestDatabase::Open
// directly (a second connection), and throw std::runtime_error on failure like the other
// helpers of test_store.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/time.hpp"
#include "store/records.hpp"
#include "store/store.hpp"

namespace sinmun::testing {

// Pending outbox rows with next_attempt_at <= now, oldest first, at most `limit`.
std::vector<store::OutboxMail> DueMails(const store::Store& store, Timestamp now, int limit);
// The outbox row `id`; throws when there is none.
store::OutboxMail MailById(const store::Store& store, std::int64_t id);
// Claims the outbox mail due at `now` (as a sender would) and returns each one's recipient
// and its body decoded from base64: the plain-text notices of store and mail tests.
std::vector<std::pair<std::string, std::string>> ClaimMailTexts(store::Store& store, Timestamp now);
// The earliest publish_at of a scheduled article, if any.
std::optional<Timestamp> NextScheduled(const store::Store& store);

// The tables of the database behind `store`, sorted, without SQLite's own sqlite_* tables.
std::vector<std::string> TableNames(const store::Store& store);

// Remembers where `store` keeps its data, for the reads above (TestDatabase::Open calls it).
void RememberStoreUrl(const store::Store& store, const std::string& url);

}  // namespace sinmun::testing
