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
                        {"reporter@example.com", "", store::Role::kReporter},
                        {"ads@example.com", "광고 담당", store::Role::kAdManager},
                        {"ombudsman@example.com", "고충처리인", store::Role::kOmbudsman}};
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

Result<int> CreateDemoCampaigns(store::Store& store, Timestamp now) {
  struct Spec {
    const char* advertiser;
    const char* title;
    std::vector<std::string> slots;
    int weight;
    bool first_section;
  };
  const Spec specs[] = {
      {"한빛은행", "적금 금리 연 4.2% — 지금 가입하세요", {"top", "article_bottom"}, 3, false},
      {"새봄가구", "봄맞이 가구 대전, 최대 50% 할인", {"right_1"}, 1, false},
      {"동네서점 책마루", "이달의 추천 도서 10권", {"right_2", "in_list"}, 2, false},
      {"시청 문화과", "시민 음악회 초대 — 무료 관람 신청", {"mobile_bottom"}, 1, true}};
  Result<std::vector<store::Section>> sections = store.Sections();
  if (!sections) return tl::unexpected(sections.error());
  int made = 0;
  for (const Spec& spec : specs) {
    store::AdCampaign campaign{.advertiser = spec.advertiser,
                               .title = spec.title,
                               .slots = spec.slots,
                               .target_url = "https://example.com/ads/" + std::to_string(made + 1),
                               .starts_at = now - now % 60,
                               .ends_at = now - now % 60 + 365 * 86400,
                               .weight = spec.weight,
                               .created_at = now,
                               .updated_at = now};
    if (spec.first_section) {
      if (sections->empty()) continue;
      campaign.section_id = sections->front().id;
    }
    if (Result<store::AdCampaignId> id = store.InsertAdCampaign(campaign); !id) {
      return tl::unexpected(id.error());
    }
    ++made;
  }
  return made;
}

}  // namespace sinmun::app
