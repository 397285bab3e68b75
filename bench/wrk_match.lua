-- wrk_match.lua - wrk script for bench/bench_http.sh: POST /match/{dataset}
-- with one Person query per request (yente request shape), cycling through
-- a few names so no request is a repeat of the previous one, and counting
-- response statuses per thread; done() prints the totals, including the
-- number of non-2xx answers (which must be 0, also during reloads).
--
-- usage: wrk -s bench/wrk_match.lua --latency http://HOST:PORT/match/default

local names = {
  { "Vladimir Putin", "1952-10-07", "ru" },
  { "Bosco Ntaganda", "1973", "cd" },
  { "Kim Jong Un", "1984", "kp" },
  { "Mohammed Al-Zahar", "1945", "ps" },
  { "Ivan Sidorov", "1968", "ru" },
  { "Hans Mueller", "1975", "de" },
  { "Abderrahmane Ould El Amar", "1976", "ml" },
  { "Sergei Lavrov", "1950-03-21", "ru" },
}

-- globals, not locals: done() reads each thread's `statuses` via t:get()
requests = {}
counter = 0
statuses = {}
threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for i, n in ipairs(names) do
    local body = string.format(
      '{"queries":{"q1":{"schema":"Person","properties":{"name":["%s"],' ..
      '"birthDate":["%s"],"nationality":["%s"]}}}}', n[1], n[2], n[3])
    requests[i] = wrk.format("POST", nil,
      { ["Content-Type"] = "application/json" }, body)
  end
  if os.getenv("KORDON_API_KEY") then
    for i, n in ipairs(names) do
      requests[i] = requests[i]:gsub("\r\n\r\n",
        "\r\nAuthorization: ApiKey " .. os.getenv("KORDON_API_KEY") ..
        "\r\n\r\n", 1)
    end
  end
end

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for code, n in pairs(s) do total[code] = (total[code] or 0) + n end
  end
  local non2xx = 0
  for code, n in pairs(total) do
    io.write(string.format("status %d: %d\n", code, n))
    if code < 200 or code > 299 then non2xx = non2xx + n end
  end
  io.write(string.format("non-2xx: %d\n", non2xx))
end
