"""Drive pages with wrk over loopback and read its figures back (one JSON line per run).

GET pages: 2 wrk threads, `connections` connections, the page's session cookie; any answer
but 200 is an error. The save (POST): one connection per wrk thread, each saving one of the
open quarter's drafts as its business lead with the revision it last saw (+1 after a save;
read back from the page after a 409, which a second connection on the same draft causes —
counted apart as conflicts, a true outcome of two people saving one record).
"""

import json
import subprocess
import tempfile
from pathlib import Path

# A slow answer is measured, not dropped: wrk's default 2 s would count it as a socket error
# while the worker goes on with it, and the abandoned requests queue up behind the next page.
TIMEOUT = ["--timeout", "30s"]

_REPORT = r"""
function done(summary, latency, requests)
  local bad, saves, conflicts = 0, 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("bad")
    saves = saves + (t:get("saves") or 0)
    conflicts = conflicts + (t:get("conflicts") or 0)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "rps": %.1f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "bad_status": %d, ' ..
    '"socket_errors": %d, "saves": %d, "conflicts": %d}\n',
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, bad,
    e.connect + e.read + e.write + e.timeout, saves, conflicts))
end
"""

GET_SCRIPT = (
    r"""
threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
"""
    + _REPORT
)

POST_SCRIPT = (
    r"""
threads = {}
local slots = 0
function setup(thread)
  slots = slots + 1
  thread:set("slot", slots)
  table.insert(threads, thread)
end
function init(args)
  local target = TARGETS[(slot - 1) % #TARGETS + 1]
  path, cookie, revision = target[1], target[2], target[3]
  bad, saves, conflicts = 0, 0, 0
end
function request()
  return wrk.format("POST", path, {
    ["Cookie"] = cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, FORM .. "&revision=" .. revision)
end
function response(status, headers, body)
  if status == 302 then
    saves = saves + 1
    revision = revision + 1
  elseif status == 409 then
    conflicts = conflicts + 1
    local seen = string.match(body, 'name="revision" value="(%d+)"')
    if seen then revision = tonumber(seen) end
  else
    bad = bad + 1
  end
end
"""
    + _REPORT
)


def _lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def _script(text: str) -> Path:
    handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
    handle.write(text)
    handle.close()
    return Path(handle.name)


def _wrk(args: list[str], script: Path) -> dict:
    out = subprocess.run(  # noqa: S603
        ["wrk", *args, "-s", str(script)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = [text for text in out.splitlines() if text.startswith("{")][-1]
    return json.loads(line)


def drive_get(url: str, headers: dict[str, str], connections: int, seconds: int) -> dict:
    script = _script(GET_SCRIPT)
    extra = [item for name, value in headers.items() for item in ("-H", f"{name}: {value}")]
    try:
        _wrk(["-t2", f"-c{connections}", "-d1s", *TIMEOUT, *extra, url], script)  # warm up
        result = _wrk(["-t2", f"-c{connections}", f"-d{seconds}s", *TIMEOUT, *extra, url], script)
        return {**result, "seconds": seconds}
    finally:
        script.unlink()


def drive_save(base: str, targets: list[tuple], form: str, connections: int, seconds: int):
    """`targets`: (path, cookie header, revision) of each draft; `form` the urlencoded fields
    without the revision. One wrk thread per connection so that each tracks its revision."""
    table = ",".join(
        "{" + ",".join([_lua_string(p), _lua_string(c), str(r)]) + "}" for p, c, r in targets
    )
    script = _script(f"TARGETS = {{{table}}}\nFORM = {_lua_string(form)}\n" + POST_SCRIPT)
    try:
        return _wrk(
            [f"-t{connections}", f"-c{connections}", f"-d{seconds}s", *TIMEOUT, base], script
        )
    finally:
        script.unlink()
