#pragma once
// Private to newsroom/.
// Who is making a newsroom request: the logged-in account behind a valid session.

#include <optional>
#include <string>

#include "store/records.hpp"

namespace sinmun::newsroom {

struct Staff {
  store::UserId user_id = 0;
  std::string name;
  std::string email;
  store::Role role = store::Role::kReporter;
  std::optional<store::ReporterId> reporter_id;  // the byline this account writes as
  std::string csrf_token;  // put it in every state-changing form as the field "csrf"
};

}  // namespace sinmun::newsroom
