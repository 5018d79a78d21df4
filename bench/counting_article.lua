-- wrk script for bench/counting.sh: one article page, as browsers ask for it, each request
-- from a new visitor (a fresh sinmun_v cookie), so with counting on every request is counted.
-- With REFERRERS=1 the load is mixed as readers arrive (issue #20): the Referer cycles over
-- Naver, Daum, Google and none, and one request in three comes from a phone, so that every
-- counted view is also classed by its source.
dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "random_seed.lua")
local path = os.getenv("ARTICLE_PATH") or "/article/1"
local mixed = os.getenv("REFERRERS") == "1"
local agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " ..
              "Chrome/120.0 Safari/537.36"
local phone = "Mozilla/5.0 (Linux; Android 14; SM-S921N) AppleWebKit/537.36 (KHTML, like Gecko) " ..
              "Chrome/120.0 Mobile Safari/537.36"
local referrers = {"https://search.naver.com/search.naver?query=%EB%89%B4%EC%8A%A4",
                   "https://search.daum.net/search?q=%EB%89%B4%EC%8A%A4",
                   "https://www.google.com/", nil}
local n = 0
setup = function(thread)
  thread:set("salt", math.random(0, 0xffffff))
end
request = function()
  n = n + 1
  local cookie = string.format("sinmun_v=%08x%08x0000000000000000", salt or 0, n)
  local headers = {["User-Agent"] = agent, ["Cookie"] = cookie, ["Accept-Encoding"] = "gzip"}
  if mixed then
    headers["Referer"] = referrers[n % 4 + 1]
    if n % 3 == 0 then headers["User-Agent"] = phone end
  end
  return wrk.format("GET", path, headers)
end
