#include "counters/traffic_source.hpp"

#include <algorithm>
#include <cctype>

namespace sinmun::counters {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// `host` is `domain` or ends in ".domain".
bool IsDomain(std::string_view host, std::string_view domain) {
  if (host.size() < domain.size()) return false;
  const std::string_view tail = host.substr(host.size() - domain.size());
  return EqualsIgnoringCase(tail, domain) &&
         (host.size() == domain.size() || host[host.size() - domain.size() - 1] == '.');
}

// The label before the public suffix of `host` is `name` ("www.google.co.kr", "google").
bool HasLabel(std::string_view host, std::string_view name) {
  for (size_t start = 0; start < host.size();) {
    const size_t dot = host.find('.', start);
    const std::string_view label = host.substr(start, dot - start);
    if (dot == std::string_view::npos) return false;  // the top-level label does not count
    if (EqualsIgnoringCase(label, name)) return true;
    start = dot + 1;
  }
  return false;
}

std::string_view WithoutPort(std::string_view host) {
  const size_t colon = host.rfind(':');
  return colon == std::string_view::npos || host.find(']') != std::string_view::npos
             ? host
             : host.substr(0, colon);
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

std::string_view HostOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (const size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  return url;
}

std::string_view ReferrerName(Referrer referrer) {
  return store::kReferrerNames[static_cast<size_t>(referrer)];
}

Referrer ClassifyReferrer(std::string_view referer, std::string_view own_host) {
  if (referer.empty()) return Referrer::kDirect;
  const std::string_view host = WithoutPort(HostOf(referer));
  if (host.empty()) return Referrer::kOther;
  if (!own_host.empty() && EqualsIgnoringCase(host, WithoutPort(own_host))) {
    return Referrer::kDirect;
  }
  if (IsDomain(host, "naver.com") || IsDomain(host, "naver.me")) return Referrer::kNaver;
  if (IsDomain(host, "daum.net") || IsDomain(host, "daum.com")) return Referrer::kDaum;
  if (HasLabel(host, "google")) return Referrer::kGoogle;
  if (IsDomain(host, "kakao.com") || IsDomain(host, "kakaocorp.com") ||
      IsDomain(host, "kakaotalk.com") || IsDomain(host, "kakao.co.kr")) {
    return Referrer::kKakao;
  }
  for (std::string_view social :
       {"facebook.com", "fb.me", "fb.com", "t.co", "x.com", "twitter.com"}) {
    if (IsDomain(host, social)) return Referrer::kSocial;
  }
  return Referrer::kOther;
}

bool IsMobileAgent(std::string_view user_agent) {
  // "Mobi" is what Mozilla advises looking for; Android phones send "Mobile", Android tablets
  // do not, and iPads no longer say iPad.
  return Contains(user_agent, "Mobi") || Contains(user_agent, "iPhone") ||
         Contains(user_agent, "iPod");
}

void TrafficCounts::Add(TrafficSource source, std::uint64_t spread) {
  stripes_[(spread >> 17) % kStripes].counts[Cell(source)].fetch_add(1, std::memory_order_relaxed);
}

TrafficCounts::Counts TrafficCounts::Take() {
  Counts counts{};
  for (Stripe& stripe : stripes_) {
    for (int cell = 0; cell < kCells; ++cell) {
      if (stripe.counts[cell].load(std::memory_order_relaxed) == 0) continue;
      counts[cell] += stripe.counts[cell].exchange(0, std::memory_order_relaxed);
    }
  }
  return counts;
}

void TrafficCounts::GiveBack(const Counts& counts) {
  for (int cell = 0; cell < kCells; ++cell) {
    if (counts[cell] != 0) {
      stripes_[0].counts[cell].fetch_add(static_cast<std::uint32_t>(counts[cell]),
                                         std::memory_order_relaxed);
    }
  }
}

}  // namespace sinmun::counters
