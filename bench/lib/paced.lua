-- GET the URL given to wrk at a reduced rate: each connection waits BENCH_DELAY_MS (fractional parts dithered)
-- after a response before its next request, so rate ~ connections / (delay + latency).
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local whole = math.floor(delay_ms)
local fraction = delay_ms - whole

function delay()
   if math.random() < fraction then
      return whole + 1
   end
   return whole
end

dofile(os.getenv("BENCH_LIB") .. "/wrk-json.lua")
