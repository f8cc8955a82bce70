-- POST /api/tasks (the URL given to wrk) with one fixed valid task without tags, closed loop: post.lua's body
-- without its tags, so that the two measure what the tags add.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title": "Bench task", "priority": "HIGH"}'
dofile(os.getenv("BENCH_LIB") .. "/wrk-json.lua")
