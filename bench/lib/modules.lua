-- The modules scenario's wrk script: each connection's requests rotate through the paths in BENCH_PATHS
-- (space-separated, each with its query string; e.g. several search words or note ids), starting at a random
-- offset per thread; BENCH_METHOD (default GET) with an empty body for POST. Besides wrk-json.lua's BENCH_JSON line
-- it prints "BENCH_STATUS {"200": n, ...}": every response's status, counted, so that non-2xx answers are seen
-- (wrk's own error count has only status >= 400).
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "", "%S+") do
   paths[#paths + 1] = path
end
if #paths == 0 then
   error("BENCH_PATHS is empty")
end
wrk.method = os.getenv("BENCH_METHOD") or "GET"
if wrk.method == "POST" then
   wrk.body = ""  -- Content-Length: 0, as a browser's fetch with no body sends
end

local threads = {}
function setup(thread)
   table.insert(threads, thread)
   thread:set("thread_number", #threads)
end

local next_index
statuses = {}  -- global: done() reads each thread's with thread:get
function init(args)
   next_index = ((thread_number or 1) - 1) * 7 % #paths + 1
end

function request()
   local path = paths[next_index]
   next_index = next_index % #paths + 1
   return wrk.format(nil, path)
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
end

dofile(os.getenv("BENCH_LIB") .. "/wrk-json.lua")
local summary_done = done
function done(summary, latency, requests)
   summary_done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses") or {}) do
         total[status] = (total[status] or 0) + count
      end
   end
   local parts = {}
   for status, count in pairs(total) do
      parts[#parts + 1] = string.format('"%s":%d', status, count)
   end
   io.write("BENCH_STATUS {" .. table.concat(parts, ",") .. "}\n")
end
