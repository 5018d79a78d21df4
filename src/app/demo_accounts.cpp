#include "app/demo_accounts.hpp"

#include "newsroom/crypto.hpp"

namespace sinmun::app {

Result<std::vector<DemoAccount>> CreateDemoAccounts(store::Store& store, Timestamp now) {
  const Result<std::vector<store::Reporter>> reporters = store.Reporters();
  if (!reporters) return tl::unexpected(reporters.error());
  struct Spec {
    const char* email;
    const char* name;
    store::Role role;
  };
  const Spec specs[] = {{"admin@example.com", "관리자", store::Role::kAdmin},
                        {"editor@example.com", "데스크", store::Role::kEditor},
                        {"reporter@example.com", "", store::Role::kReporter}};
  std::vector<DemoAccount> accounts;
  for (const Spec& spec : specs) {
    std::string name = spec.name;
    std::optional<store::ReporterId> reporter_id;
    if (spec.role == store::Role::kReporter) {
      if (reporters->empty()) continue;  // a paper without reporters has no reporter account
      name = reporters->front().name;
      reporter_id = reporters->front().id;
    }
    // 43 random base64url characters, shortened to a password one can type: 16 characters
    // still carry 96 bits.
    std::string password = newsroom::RandomToken().substr(0, 16);
    Result<std::string> hash = newsroom::HashPassword(password);
    if (!hash) return tl::unexpected(hash.error());
    Result<store::UserId> id = store.InsertUser(store::NewUser{.email = spec.email,
                                                               .name = name,
                                                               .role = spec.role,
                                                               .reporter_id = reporter_id,
                                                               .password_hash = *hash,
                                                               .created_at = now});
    if (!id) return tl::unexpected(id.error());
    accounts.push_back(DemoAccount{.email = spec.email,
                                   .role = std::string(store::RoleName(spec.role)),
                                   .password = std::move(password)});
  }
  return accounts;
}

}  // namespace sinmun::app
