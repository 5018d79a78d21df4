#pragma once
// The demo paper's newsroom accounts: an admin, an editor and a reporter (linked to the first
// demo reporter's profile), each with a random one-time password that is shown once.

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/store.hpp"

namespace sinmun::app {

struct DemoAccount {
  std::string email;
  std::string role;
  std::string password;  // never stored: only its argon2id hash is
};

// kConflict when the accounts exist already.
Result<std::vector<DemoAccount>> CreateDemoAccounts(store::Store& store, Timestamp now);

}  // namespace sinmun::app
