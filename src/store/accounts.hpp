#pragma once
// Newsroom accounts, their sessions and the login throttle.
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class Accounts {
 public:
  virtual ~Accounts() = default;

  // kConflict when the e-mail (compared without letter case) is taken; kInvalidInput for an
  // empty e-mail or name, an empty password hash, or an unknown reporter id.
  virtual Result<UserId> InsertUser(const NewUser& user) = 0;

  // kNotFound for an unknown id.
  virtual Result<User> UserById(UserId id) const = 0;

  // kNotFound for an unknown e-mail (compared without letter case), active or not.
  virtual Result<UserCredentials> CredentialsByEmail(std::string_view email) const = 0;

  // All accounts by name.
  virtual Result<std::vector<User>> Users() const = 0;

  // Saves name, role, reporter_id and active of `user` (email and created_at are kept).
  // Deactivating an account ends its sessions in the same transaction.
  // kNotFound for an unknown id; kInvalidInput for an empty name or unknown reporter id.
  virtual Result<> UpdateUser(const User& user) = 0;

  // Replaces the password hash and ends every session of the user, then starts `replacement`
  // when given (the browser that changed the password stays logged in), all in one
  // transaction. kNotFound for an unknown id.
  virtual Result<> ChangePassword(UserId id, std::string_view password_hash,
                                  const std::optional<Session>& replacement) = 0;

  // kConflict when the token hash exists (a token collision: draw another).
  virtual Result<> InsertSession(const Session& session) = 0;

  // The session with this token hash and its user. kNotFound when there is none or the user
  // is inactive. Expiry is the caller's rule (it knows the idle limit).
  virtual Result<SessionUser> SessionByTokenHash(std::string_view token_hash) const = 0;

  // Sets last_seen_at (sliding expiry). Succeeds for an unknown hash.
  virtual Result<> TouchSession(std::string_view token_hash, Timestamp last_seen_at) = 0;

  // Ends one session (logout). Succeeds for an unknown hash.
  virtual Result<> DeleteSession(std::string_view token_hash) = 0;

  // Ends every session last seen before `before`; returns how many.
  virtual Result<std::int64_t> DeleteSessionsIdleSince(Timestamp before) = 0;

  // The failures counted under `key`: {key, 0, 0} when none are.
  virtual Result<LoginThrottle> LoginThrottleFor(std::string_view key) const = 0;

  // Stores `throttle` under its key, replacing what was there.
  virtual Result<> PutLoginThrottle(const LoginThrottle& throttle) = 0;

  // One login attempt counted under several keys (account, address, the pair …).
  struct ThrottledKey {
    std::string_view key;
    int free_failures = 0;
    bool checked = true;  // false: counted, but its lock does not refuse this attempt
  };
  // The lock a key gets after `failures` consecutive failures: 0 while within free_failures.
  using LockSeconds = Timestamp (*)(int failures, int free_failures);
  // Unless a checked key is locked at `now` (then nothing is written and the answer is the
  // seconds until its lock ends), counts one failure under every key, locking a key until
  // now + lock_seconds(failures, free_failures) when that is above 0, and answers 0. Reading
  // the locks and counting are one step for every writer, on every node sharing the store,
  // so concurrent attempts cannot all pass the free failures together.
  virtual Result<Timestamp> ReserveLoginAttempt(std::span<const ThrottledKey> keys, Timestamp now,
                                                LockSeconds lock_seconds) = 0;

  // Forgets the failures under `key` (after a successful login).
  virtual Result<> ClearLoginThrottle(std::string_view key) = 0;
};

}  // namespace sinmun::store
