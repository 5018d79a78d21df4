#pragma once
// Hourly caps on "e-mail this article" that no reader can spread their way around: per
// article and for the whole site. Whatever addresses and sender names a flood uses, the
// paper's mail server sends at most site_per_hour forms an hour.
// Kept in memory per node (a restart starts the hour afresh; several nodes each allow the
// caps). TODO(#17): count in the store with the other mail limits once its role interfaces
// have landed.
// Thread safety: all methods from any thread.

#include <cstdint>
#include <deque>
#include <mutex>

#include "core/time.hpp"

namespace sinmun::site {

class MailBudget {
 public:
  MailBudget(int per_article_per_hour, int site_per_hour)
      : per_article_(per_article_per_hour), site_(site_per_hour) {}

  // Takes one form about `article` from the hour before `now` when both caps allow it;
  // false, taking nothing, when either is spent.
  bool TryTake(std::int64_t article, Timestamp now);
  // Gives back what TryTake took at `now` (the form was not sent after all).
  void GiveBack(std::int64_t article, Timestamp now);

 private:
  struct Sent {
    Timestamp at;
    std::int64_t article;
  };
  const int per_article_;
  const int site_;
  std::mutex mutex_;
  std::deque<Sent> last_hour_;  // oldest first; never longer than site_
};

}  // namespace sinmun::site
