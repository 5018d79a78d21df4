#pragma once
// The newsroom's audit log: who did what, newest first.
// Thread safety: all methods may be called concurrently from any thread.

#include <cstdint>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class AuditTrail {
 public:
  virtual ~AuditTrail() = default;

  // Appends one entry (its id is ignored) and returns the new id.
  virtual Result<std::int64_t> AppendAudit(const AuditEntry& entry) = 0;

  // Newest first, one page; items is empty past the end.
  virtual Result<AuditPage> AuditLog(Page page) const = 0;
};

}  // namespace sinmun::store
