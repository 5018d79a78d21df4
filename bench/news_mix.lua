-- wrk script for bench/archive.sh: a news site's read mix, as browsers send it (User-Agent,
-- so views are counted, and gzip).
--   80 % articles, skewed to recent ones: half of them among the newest RECENT articles
--        (MAX_ID / 16 unless set) and the rest reaching all of the paper, with the same skew;
--        with the default RECENT that is id = MAX_ID - floor(MAX_ID * u^4), u uniform.
--        Recent is a number of articles, not a share of the archive: a paper ten times older
--        publishes as many articles a day, and its readers read today's (bench/archive.sh
--        gives (f)'s 1,000,000-article paper the 100,000-article paper's RECENT, 6,250).
--    6 % the front page;
--    7 % section pages: page 1 three times in four, else pages 2-5;
--    2 % most viewed (one of its windows);
--    5 % search, one of the queries of bench/search_queries.tsv.
-- Environment: MAX_ID, RECENT, SECTIONS (slugs, comma-separated), QUERIES (a search_queries.tsv);
-- ONLY=article|front|section|most_viewed|search sends that kind of the mix alone, as the mix
-- makes it, so that bench/news_mix_kinds.sh can price each kind.
dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "random_seed.lua")
local max_id = tonumber(os.getenv("MAX_ID") or "100000")
local recent = math.min(max_id, tonumber(os.getenv("RECENT") or tostring(max_id / 16)))
-- How many articles back from the newest (0: the newest one). Half the draws fall among the
-- newest `recent`, as d = recent * u^4; the other half beyond them, as t = ((1 + w) / 2)^4
-- (between 1/16 and 1) stretched over the rest of the paper. When recent is max_id / 16 the
-- two halves together are max_id * u^4.
local function article_offset()
  if math.random() < 0.5 or recent >= max_id then
    return math.floor(recent * math.random() ^ 4)
  end
  local t = ((1 + math.random()) / 2) ^ 4
  return math.floor(recent + (t - 1 / 16) * (max_id - recent) * 16 / 15)
end
local headers = {
  ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " ..
                   "Chrome/120.0 Safari/537.36",
  ["Accept-Encoding"] = "gzip",
}
local sections = {}
for slug in string.gmatch(os.getenv("SECTIONS") or "", "[^,]+") do
  sections[#sections + 1] = slug
end
local function encode(text)
  return (string.gsub(text, "[^%w%-_%.~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end
local queries = {}
local file = io.open(os.getenv("QUERIES") or "bench/search_queries.tsv")
if file then
  for line in file:lines() do
    local query = string.match(line, "^([^#\t][^\t]*)\t")
    if query then queries[#queries + 1] = encode(query) end
  end
  file:close()
end
local windows = {"24h", "7d", "30d"}
-- Where each kind's share of the mix begins and ends, for ONLY.
local shares = {article = {0, 0.80}, front = {0.80, 0.86}, section = {0.86, 0.93},
                most_viewed = {0.93, 0.95}, search = {0.95, 1}}
local only = shares[os.getenv("ONLY") or ""]

request = function()
  local r = math.random()
  if only then r = only[1] + r * (only[2] - only[1]) end
  local path
  if r < 0.80 or #sections == 0 then
    path = "/article/" .. math.max(1, max_id - article_offset())
  elseif r < 0.86 then
    path = "/"
  elseif r < 0.93 then
    path = "/section/" .. sections[math.random(#sections)]
    if math.random() >= 0.75 then path = path .. "?page=" .. math.random(2, 5) end
  elseif r < 0.95 then
    path = "/most-viewed?window=" .. windows[math.random(#windows)]
  else
    path = "/search?q=" .. queries[math.random(#queries)]
  end
  return wrk.format("GET", path, headers)
end
