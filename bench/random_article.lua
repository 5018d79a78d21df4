-- wrk script: every request asks for a different article, so most miss the page cache and
-- measure the whole read path (store, view model, template).
dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "random_seed.lua")
local max_id = tonumber(os.getenv("MAX_ID") or "100000")
local counter = 0
request = function()
  counter = counter + 7919  -- a prime stride walks all ids without repeating soon
  local id = (counter + math.random(0, 7918)) % max_id + 1
  return wrk.format("GET", "/article/" .. id)
end
