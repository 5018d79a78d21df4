#include "store/ad_rules.hpp"

#include <fmt/format.h>

#include <set>
#include <string_view>

namespace sinmun::store {
namespace {

bool IsSlotName(const std::string& slot) {
  if (slot.empty() || slot.size() > 40) return false;
  for (const char c : slot) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool IsTargetUrl(std::string_view url) {
  if (!url.starts_with("http://") && !url.starts_with("https://")) return false;
  if (url.size() > 2000) return false;
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

Result<> CheckAdCampaign(const AdCampaign& campaign) {
  auto invalid = [](std::string detail) {
    return Fail(ErrorCode::kInvalidInput, std::move(detail));
  };
  if (campaign.advertiser.empty()) return invalid("ad campaign: empty advertiser");
  if (campaign.title.empty() || campaign.title.find_first_of("\r\n") != std::string::npos) {
    return invalid("ad campaign: empty title or more than one line");
  }
  if (campaign.slots.empty()) return invalid("ad campaign: no slot");
  std::set<std::string> seen;
  for (const std::string& slot : campaign.slots) {
    if (!IsSlotName(slot)) return invalid(fmt::format("ad campaign: bad slot name '{}'", slot));
    if (!seen.insert(slot).second) return invalid(fmt::format("ad campaign: slot {} twice", slot));
  }
  if (!IsTargetUrl(campaign.target_url))
    return invalid("ad campaign: target is not an http(s) URL");
  if (campaign.starts_at >= campaign.ends_at) return invalid("ad campaign: ends before it starts");
  if (campaign.weight < 1 || campaign.weight > 1000)
    return invalid("ad campaign: weight not 1..1000");
  return {};
}

Error ExplainAdCampaignWriteError(Error error) {
  if (error.code == ErrorCode::kInvalidInput) {
    error.detail = "ad campaign: unknown photo or section";
  }
  return error;
}

std::string JoinAdSlots(const std::vector<std::string>& slots) {
  return fmt::format("{}", fmt::join(slots, " "));
}

std::vector<std::string> SplitAdSlots(const std::string& text) {
  std::vector<std::string> slots;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) slots.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return slots;
}

}  // namespace sinmun::store
