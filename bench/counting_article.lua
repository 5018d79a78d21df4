-- wrk script for bench/counting.sh: one article page, as browsers ask for it, each request
-- from a new visitor (a fresh sinmun_v cookie), so with counting on every request is counted.
local path = os.getenv("ARTICLE_PATH") or "/article/1"
local agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " ..
              "Chrome/120.0 Safari/537.36"
local n = 0
setup = function(thread)
  thread:set("salt", math.random(0, 0xffffff))
end
request = function()
  n = n + 1
  local cookie = string.format("sinmun_v=%08x%08x0000000000000000", salt or 0, n)
  return wrk.format("GET", path, {["User-Agent"] = agent, ["Cookie"] = cookie,
                                  ["Accept-Encoding"] = "gzip"})
end
