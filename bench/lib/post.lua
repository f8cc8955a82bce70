-- POST /api/tasks (the URL given to wrk) with one fixed valid task, closed loop.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title": "Bench task", "priority": "HIGH", "tags": ["bench", "load"]}'
dofile(os.getenv("BENCH_LIB") .. "/wrk-json.lua")
