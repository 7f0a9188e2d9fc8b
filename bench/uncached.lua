-- Every request gets a query string no other request had (thread id, run nonce,
-- counter), so a page cache keyed on the full URL misses every time.
-- Also reports like summary.lua (the file named by $BENCH_SUMMARY_LUA).
dofile(os.getenv("BENCH_SUMMARY_LUA"))

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local counter = 0
local nonce = "x"
function init(args)
  nonce = args[1] or tostring(os.time())
end

function request()
  counter = counter + 1
  return wrk.format(nil, string.format("%s?nocache=%s-%d-%d", wrk.path, nonce, thread_id, counter))
end
