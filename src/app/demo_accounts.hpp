#pragma once
// The demo paper's newsroom accounts: an admin, an editor, a reporter (linked to the first
// demo reporter's profile) and an ad manager, each with a random one-time password that is
// shown once.

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

// Sponsor banners for the demo (issue #7): text campaigns in every slot, one campaign a slot
// (so a page reads the same on every request, as the reader tests expect), running for a year
// from `now`, the mobile one for the first section only; how many were made.
Result<int> CreateDemoCampaigns(store::Store& store, Timestamp now);

}  // namespace sinmun::app
