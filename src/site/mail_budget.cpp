#include "site/mail_budget.hpp"

#include <algorithm>

namespace sinmun::site {

bool MailBudget::TryTake(std::int64_t article, Timestamp now) {
  std::lock_guard lock(mutex_);
  while (!last_hour_.empty() && last_hour_.front().at <= now - 3600) last_hour_.pop_front();
  if (last_hour_.size() >= static_cast<size_t>(site_)) return false;
  // At most site_ entries: counting them is cheaper than keeping a map in step.
  const auto about_article =
      std::count_if(last_hour_.begin(), last_hour_.end(),
                    [&](const Sent& sent) { return sent.article == article; });
  if (about_article >= per_article_) return false;
  last_hour_.push_back({now, article});
  return true;
}

void MailBudget::GiveBack(std::int64_t article, Timestamp now) {
  std::lock_guard lock(mutex_);
  for (auto it = last_hour_.rbegin(); it != last_hour_.rend(); ++it) {
    if (it->article == article && it->at == now) {
      last_hour_.erase(std::next(it).base());
      return;
    }
  }
}

}  // namespace sinmun::site
