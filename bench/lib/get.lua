-- GET the URL given to wrk, closed loop; see wrk-json.lua for the output.
dofile(os.getenv("BENCH_LIB") .. "/wrk-json.lua")
