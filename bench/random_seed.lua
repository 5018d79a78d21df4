-- Seeds math.random from /dev/urandom, for the wrk scripts that draw their requests at random.
-- LuaJIT starts math.random from the same state in every process, so a run that did not seed
-- it asked for the same articles in the same order as the run before it: a second run on the
-- same server found the first one's pages in the cache. (A script's top level runs in each of
-- wrk's Lua states, so each thread draws its own sequence.)
local urandom = assert(io.open("/dev/urandom", "rb"))
local b1, b2, b3, b4 = urandom:read(4):byte(1, 4)
urandom:close()
math.randomseed(((b1 * 256 + b2) * 256 + b3) * 256 + b4)
