-- wrk script for bench/comments.sh: comment posts to one article as the form sends them, each
-- with a body of its own (the same text twice is refused). TOKEN is a form token the comment
-- page gave; ORIGIN the site's address (posts from elsewhere are refused). With COOKIE (a
-- newsroom session, "sinmun_session=…") the posts are a staff member's, with neither nickname
-- nor password; without it they are a guest's, whose password is hashed with argon2id.
local path = os.getenv("POST_PATH") or "/article/1/comments"
local token = os.getenv("TOKEN") or ""
local origin = os.getenv("ORIGIN") or "http://127.0.0.1"
local cookie = os.getenv("COOKIE")
local agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " ..
              "Chrome/120.0 Safari/537.36"
local n = 0
-- Each thread's bodies carry its number and the run's start time: math.random is seeded the
-- same in every run, so a guest run after a staff run posted the staff's texts again, and
-- the same text twice from one address is refused.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("salt", string.format("%x%x", os.time(), threads))
end
request = function()
  n = n + 1
  local headers = {["User-Agent"] = agent, ["Origin"] = origin,
                   ["Content-Type"] = "application/x-www-form-urlencoded"}
  local body = string.format("form_token=%s&body=bench+comment+%s+%d", token, salt or "", n)
  if cookie and cookie ~= "" then
    headers["Cookie"] = cookie
  else
    body = body .. "&nickname=bench&password=benchpass"
  end
  return wrk.format("POST", path, headers, body)
end
