-- Distinct, well-formed request paths for bench/hostile.sh: every request names something new.
--   wrk -t2 -c64 -d60s -s distinct-paths.lua http://127.0.0.1:<master> -- segments <app> <room>
--     /hls/<app>/<room>/<session>-g1-seg<n>.ts every other request (the live room, a session nobody
--     advertises: 2026<thread>T…, never a real one), else the same in a room nobody has (r<thread><n>)
--   wrk … -s distinct-paths.lua http://127.0.0.1:<config-service> -- playback
--     /api/apps/nope<thread><n>/rooms/main/playback (an app nobody configured)
--   wrk … -s distinct-paths.lua http://127.0.0.1:<master> -- playlists
--     /hls/nope<thread><n>/main/index.m3u8
-- At the end it prints one line "STATUSES {"<status>": <count>, …}" over all threads, and per status
-- "SAMPLE <status> <the start of one answer's body>".

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1] or "segments"
  app = args[2] or "hostile"
  room = args[3] or "main"
  n = 0
  counts = {}
  samples = {}
end

function request()
  n = n + 1
  local tag = string.format("%d%09d", id, n)
  local path
  if mode == "segments" then
    local r = (n % 2 == 0) and room or ("r" .. tag)
    local session = string.format("2026%04dT%09dZ", id, n % 1000000000)
    path = string.format("/hls/%s/%s/%s-g1-seg%05d.ts", app, r, session, n % 100000)
  elseif mode == "playback" then
    path = "/api/apps/nope" .. tag .. "/rooms/main/playback"
  else
    path = "/hls/nope" .. tag .. "/main/index.m3u8"
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if samples[status] == nil then
    samples[status] = string.sub(string.gsub(body or "", "%s+", " "), 1, 160)
  end
end

function done(summary, latency, requests)
  local total = {}
  local sample = {}
  for _, t in ipairs(threads) do
    for status, count in pairs(t:get("counts")) do
      total[status] = (total[status] or 0) + count
    end
    for status, body in pairs(t:get("samples")) do
      sample[status] = sample[status] or body
    end
  end
  local parts = {}
  for status, count in pairs(total) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  io.write("STATUSES {" .. table.concat(parts, ", ") .. "}\n")
  for status, body in pairs(sample) do
    io.write(string.format("SAMPLE %d %s\n", status, body))
  end
end
