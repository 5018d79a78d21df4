-- wrk script for bench/archive.sh: every request asks for a random article out of all
-- MAX_ID, as a browser does (its User-Agent, so views are counted, and gzip): the archive's
-- long tail that crawlers and portal links bring, mostly cache misses.
dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "random_seed.lua")
local max_id = tonumber(os.getenv("MAX_ID") or "100000")
local headers = {
  ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " ..
                   "Chrome/120.0 Safari/537.36",
  ["Accept-Encoding"] = "gzip",
}
request = function()
  return wrk.format("GET", "/article/" .. math.random(1, max_id), headers)
end
