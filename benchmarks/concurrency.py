"""Many leads at once: 10 browser sessions, signed in as 10 different accounts (admin, leads
scoped to a group each, viewers), on one server over a copy of the large database.

First one session browses every page of its menu (the single-session figures), then all
10 sign in at the same moment on that server (all must succeed) and browse every page of
their menus concurrently (one headless Chromium, a browser context each). Prints page times
(click until the page is drawn), the same of the server's runs (its run log), the CPU floor
the machine sets, the errors seen (a failed sign-in, an exception
box on a page, a page that never finished) and the server's resident memory.

The slowest opens are printed with the account, its role, when the open started, how many
of the app's static files (chart and table code, fetched once per browser context) it
fetched and the slowest of them (when the browser sent it and got it), and the server's
runs for the account meanwhile (``OPS_RUN_LOG``). An open still in flight after
``STALL_S`` is reported as it stands: its state in the browser (skeletons, requests not
answered) and, with ``OPS_BENCH_DUMPS=1`` (they take CPU from the phase they measure), the
server's script threads (``py-spy dump``, if py-spy is installed) and the busiest processes.

Here the browser shares the server's machine: its drawing of ten sessions at once takes
the cores (``OPS_BENCH_BROWSER_NICE``, default 19, keeps it from starving the server; with
``OPS_BENCH_PIN=1`` the server gets cpu 0 to itself and the browser the rest, as on machines
of their own).

Targets: p95(concurrent) within 3x p95(single session); no error; at most 10 MB of server
memory per session.
"""

import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

from benchmarks import data_today

SESSIONS = 10
ROUNDS = 2  # every page of the menu, twice
TIMEOUT_MS = 180_000
RUN_START_S = 0.25  # waited after the sign-in click for its run to start
SIGN_OUT = "[data-testid='stSidebar'] button"
SLOWEST = 8  # the slowest opens printed, with account, role and when they started
STALL_S = 8.0  # an open in flight this long: report it (and the server's threads, on request)
DUMPS = "OPS_BENCH_DUMPS"  # environment: "1" to dump threads and processes at a stall
NICE = "OPS_BENCH_BROWSER_NICE"  # environment: the browser's niceness (default 19, 0: none)
PIN = "OPS_BENCH_PIN"  # environment: "1" to give the server a core of its own (cpu 0)


def server_rss_mb(pid: int) -> float:
    """The resident memory of process ``pid`` in MB (``VmRSS`` of ``/proc/PID/status``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def _cpu_s(stat: str) -> tuple[str, float]:
    """Of a ``/proc/PID/stat`` text: the process's name and the CPU seconds it has used
    (user and system)."""
    name, fields = stat.split(" (", 1)[1].rsplit(")", 1)
    values = fields.split()
    return name, (int(values[11]) + int(values[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu_s(pid: int) -> float:
    """CPU seconds process ``pid`` has used."""
    return _cpu_s(Path(f"/proc/{pid}/stat").read_text())[1]


def browser_cpu_s() -> float:
    """CPU seconds used so far by the running Chromium processes (all of the machine's)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, seconds = _cpu_s(stat.read_text())
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if name.startswith("chrom"):
            total += seconds
    return total


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0.95 for p95) by linear interpolation."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


async def _wait_for_app(page) -> None:
    await page.wait_for_timeout(RUN_START_S * 1000)
    await _drawn(page)


async def _drawn(page) -> None:
    """Wait until the page says its run is over and shows no skeleton (an element still to
    come)."""
    await page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=TIMEOUT_MS
    )
    await page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=TIMEOUT_MS,
    )


async def _open_sign_in(browser, url: str):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    _track_requests(page)
    await page.goto(url)
    return page


async def _sign_in(page, username: str, password: str, errors: list[str]) -> bool:
    """Send the sign-in form already filled in; whether the session got signed in."""
    await page.get_by_role("button", name="Sign in").click()
    try:
        await page.locator(SIGN_OUT, has_text="Sign out").wait_for()
        await _wait_for_app(page)
    except Exception as error:  # noqa: BLE001 - counted and printed, not raised
        errors.append(f"{username}: sign-in failed ({type(error).__name__})")
        return False
    return True


class Open(NamedTuple):
    """One page open: its seconds (click until the page is drawn), the page, the account,
    when it started (seconds since the phase started) and how many static files it
    fetched."""

    seconds: float
    title: str
    username: str
    at: float
    fetched: int


class Opens:
    """The page opens of a phase: finished ones (``Open``) and those in flight (for
    ``_watch_stalls``), timed from the phase's start."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.epoch = time.time()  # the same moment, for the server's run log
        self.files: dict[tuple[str, float], str] = {}  # (username, started at) → slowest file
        self.in_flight: dict[
            str, tuple[float, str, object]
        ] = {}  # username → (started, title, page)

    def now(self) -> float:
        return time.perf_counter() - self.started


async def _run_finished(page, since: float) -> None:
    """Wait until the server has finished a run the browser asked for after ``since``
    (perf_counter): its ``script_finished`` message. The page's script state alone is not
    enough under load: until the server takes the click up, the page still says "not
    running" from the page before, and the next click would cut the run short."""
    deadline = time.perf_counter() + TIMEOUT_MS / 1000
    frames = FRAMES.setdefault(page, [])
    while not any(at >= since and "script_finished" in text for at, text in frames):
        if time.perf_counter() > deadline:
            raise TimeoutError("no script_finished")
        await asyncio.sleep(0.02)


async def _browse(
    page, username: str, titles: list[str], errors: list[str], opens: "Opens"
) -> list[Open]:
    """Open every page of the menu ``ROUNDS`` times; each open's figures."""
    times = []
    for _ in range(ROUNDS):
        for title in titles:
            link = page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True)
            if not await link.count():
                continue  # not in this account's menu (the admin page)
            started = time.perf_counter()
            at, fetched = opens.now(), len(STATIC.get(page, ()))
            timed = len(TIMINGS.get(page, ()))
            opens.in_flight[username] = (started, title, page)
            try:
                await link.click()
                await _run_finished(page, started)
                await _drawn(page)
                await page.locator("h1").first.wait_for()
            except Exception as error:  # noqa: BLE001 - counted and printed, not raised
                errors.append(f"{username} {title}: {type(error).__name__}")
                continue
            finally:
                opens.in_flight.pop(username, None)
            fetched = len(STATIC.get(page, ())) - fetched
            opens.files[(username, at)] = _slowest_file(TIMINGS.get(page, [])[timed:])
            times.append(Open(time.perf_counter() - started, title, username, at, fetched))
            if await page.get_by_test_id("stException").count():
                errors.append(f"{username} {title}: exception box")
    return times


async def _session_pages(browser, url: str, passwords: dict[str, str], errors: list[str]):
    """Sign every account in at the same moment; their pages, in order, once signed in."""
    pages = await asyncio.gather(*(_open_sign_in(browser, url) for _ in passwords))
    for page, (username, password) in zip(pages, passwords.items(), strict=True):
        await page.locator("input[aria-label='Username']").fill(username)
        await page.locator("input[aria-label='Password']").fill(password)
    signed_in = await asyncio.gather(
        *(
            _sign_in(page, username, password, errors)
            for page, (username, password) in zip(pages, passwords.items(), strict=True)
        )
    )
    return [
        (username, page)
        for (username, _), page, ok in zip(passwords.items(), pages, signed_in, strict=True)
        if ok
    ]


def _logged_runs(log: Path) -> list[tuple[float, float, str, str]]:
    """The server's runs as ``OPS_RUN_LOG`` has them: ``(started, ended, user, how)``."""
    runs = []
    for line in log.read_text().splitlines():
        started, ended, user, how = line.split()
        runs.append((float(started), float(ended), user, how))
    return runs


def _server_runs(log: Path, username: str, since: float, until: float) -> str:
    """The runs of ``username``'s sessions that the server logged between two epoch times
    (``OPS_RUN_LOG``): ``+start..+end how`` each, relative to ``since``."""
    if not log.exists():
        return "no run log"
    runs = [
        f"+{started - since:.1f}..+{ended - since:.1f}s {how}"
        for started, ended, user, how in _logged_runs(log)
        if user == username and ended >= since and started <= until
    ]
    return "server runs: " + (", ".join(runs) if runs else "none")


def _run_counts(log: Path, since: float) -> str:
    """How the server's runs since ``since`` (epoch) ended: ``done 230, RerunException 12``."""
    if not log.exists():
        return "no run log"
    ends = Counter(how for started, _, _, how in _logged_runs(log) if started >= since)
    return ", ".join(f"{how} {count}" for how, count in ends.most_common())


def _print_times(
    label: str,
    opens: list[Open],
    roles: dict[str, str],
    run_log: Path | None = None,
    epoch: float = 0.0,
    files: dict | None = None,
) -> list[float]:
    """Print the figures of ``opens`` and its ``SLOWEST`` opens (page, account and role,
    when it started); return them."""
    times = [opened.seconds for opened in opens]
    print(
        f"{label}: {len(times)} page opens  p50 {statistics.median(times):.2f}s"
        f"  p95 {percentile(times, 0.95):.2f}s  max {max(times):.2f}s",
        flush=True,
    )
    for seconds, title, username, at, fetched in sorted(opens, reverse=True)[:SLOWEST]:
        print(
            f"  {seconds:6.1f}s  {title:<24} {username} ({roles[username]})  started at"
            f" {at:.1f}s, {fetched} static files fetched",
            flush=True,
        )
        if run_log is not None:
            since = epoch + at
            runs = _server_runs(run_log, username, since, since + seconds + 1)
            print(f"           {runs}{files.get((username, at), '')}")
    cold = [opened.seconds for opened in opens if opened.fetched]
    warm = [opened.seconds for opened in opens if not opened.fetched]
    for kind, values in (("fetching static files", cold), ("with every file cached", warm)):
        if values:
            print(
                f"  {len(values)} opens {kind}: p50 {statistics.median(values):.2f}s"
                f"  p95 {percentile(values, 0.95):.2f}s  max {max(values):.2f}s",
                flush=True,
            )
    return opens


PAGE_STATE = """() => [document.querySelector("[data-testid='stApp']")?.dataset.testScriptState,
    document.querySelectorAll("h1").length,
    [...document.querySelectorAll("[data-testid='stSkeleton']")].map(
        (s) => s.parentElement?.closest("[data-testid]")?.dataset.testid + ">"
            + (s.closest("[data-testid='stElementContainer']")?.className.split(" ").pop() ?? ""))]"""
PENDING: dict[object, set[str]] = {}  # page → URLs of its requests not answered yet
STATIC: dict[object, list[str]] = {}  # page → URLs of the app's static files it asked for


TIMINGS: dict[object, list[tuple[str, dict]]] = {}  # page → (static file, timing) answered


def _note_timing(page, request) -> None:
    if "/static/" in request.url:
        TIMINGS.setdefault(page, []).append((request.url.split("/")[-1], request.timing))


def _slowest_file(timings: list[tuple[str, dict]]) -> str:
    """Of the static files an open fetched, the slowest: when (ms after it was asked for)
    the browser sent the request and got the first and last byte."""
    if not timings:
        return ""
    name, timing = max(timings, key=lambda item: item[1]["responseEnd"])
    return (
        f"; slowest file {name[:30]}: sent at {timing['requestStart']:.0f} ms,"
        f" first byte {timing['responseStart']:.0f} ms, done {timing['responseEnd']:.0f} ms"
    )


FRAMES: dict[object, list[tuple[float, str]]] = {}  # page → (when, message) on its websocket


def _message(payload: bytes | str, sent: bool) -> str:
    """A websocket frame as Streamlit's message type: ``> rerun_script`` (browser to
    server), ``< delta`` / ``< script_finished`` (server to browser)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    try:
        message = (BackMsg if sent else ForwardMsg).FromString(payload)
        kind = message.WhichOneof("type")
        if kind == "script_finished":
            kind += f"({message.script_finished})"
    except Exception:  # noqa: BLE001 - a frame we cannot read is named by its size
        kind = f"{len(payload)} bytes"
    return f"{'>' if sent else '<'} {kind}"


def _track_frames(page, websocket) -> None:
    frames = FRAMES.setdefault(page, [])
    websocket.on("framesent", lambda p: frames.append((time.perf_counter(), _message(p, True))))
    websocket.on(
        "framereceived", lambda p: frames.append((time.perf_counter(), _message(p, False)))
    )


def _track_requests(page) -> None:
    page.on("websocket", lambda websocket: _track_frames(page, websocket))
    pending = PENDING.setdefault(page, set())
    static = STATIC.setdefault(page, [])
    page.on("request", lambda request: pending.add(request.url))
    page.on("request", lambda request: "/static/" in request.url and static.append(request.url))
    page.on("requestfinished", lambda request: pending.discard(request.url))
    page.on("requestfinished", lambda request: _note_timing(page, request))
    page.on("requestfailed", lambda request: pending.discard(request.url))


def _script_frames(dump: str) -> list[str]:
    """Of a ``py-spy dump``: one line per script thread, its innermost app frame."""
    threads, current = [], None
    for line in dump.splitlines():
        if line.startswith("Thread "):
            current = line if "scriptThread" in line else None
            if current:
                threads.append([current, ""])
        elif current and not threads[-1][1] and ("dashboard/" in line or "pages/" in line):
            threads[-1][1] = line.strip()
    return [f"{head.split(':')[0]} {frame or '(in Streamlit)'}" for head, frame in threads]


def _last_frames(page, since: float, count: int = 10) -> str:
    """The page's websocket messages since ``since`` (perf_counter), with their time: the
    last ``count`` but deltas, which are counted."""
    shown, deltas = [], 0
    for at, text in FRAMES.get(page, []):
        if at < since:
            continue
        if text == "< delta":
            deltas += 1
            continue
        shown.append(
            f"+{at - since:.1f}s {text}" + (f" ({deltas} deltas before)" if deltas else "")
        )
        deltas = 0
    return ", ".join(shown[-count:] + ([f"{deltas} deltas"] if deltas else [])) or "none"


async def _page_state(page) -> str:
    started = time.perf_counter()
    try:
        state = await asyncio.wait_for(page.evaluate(PAGE_STATE), 10)
    except Exception as error:  # noqa: BLE001 - what the harness saw, printed
        state = type(error).__name__
    pending = sorted(url.split("/")[-1][:40] for url in PENDING.get(page, ()))
    return f"{state} (answered in {time.perf_counter() - started:.1f}s) pending {pending}"


async def _watch_stalls(pid: int, opens: Opens, dumps: list[str]) -> None:
    """While the phase runs: each ``STALL_S`` an open stays in flight, the stalled page's
    state in the browser (script state, skeletons, titles; how long the browser took to
    answer) and, with ``OPS_BENCH_DUMPS=1``, what the server's script threads do (``py-spy
    dump``, if py-spy is there: an investigation tool, not a requirement) and the busiest
    processes (``top``)."""
    dumps_on = os.environ.get(DUMPS) == "1"
    spy = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))
    dumped: list[tuple[float, str]] = []
    while True:
        await asyncio.sleep(1)
        stalled = [
            (username, started, title, page)
            for username, (started, title, page) in list(opens.in_flight.items())
            if time.perf_counter() - started > STALL_S * (1 + dumped.count((started, username)))
        ]
        if not stalled:
            continue
        dumped.extend((started, username) for username, started, *_ in stalled)
        report = [f"at {opens.now():.1f}s:"]
        for username, started, title, page in stalled:
            report.append(
                f"  {username} {title} in flight for {time.perf_counter() - started:.1f}s,"
                f" page state {await _page_state(page)}; websocket {_last_frames(page, started)}"
            )
        if dumps_on:
            report += await _server_and_processes(pid, spy)
        dumps.append("\n".join(report))


async def _server_and_processes(pid: int, spy: str | None) -> list[str]:
    """The server's script threads (their innermost app frame) and the busiest processes."""
    lines = []
    if spy is not None:
        frames = _script_frames(await _output(spy, "dump", "--pid", str(pid)))
        lines.append(f"  server: {len(frames)} script threads")
        lines.extend(f"    {frame}" for frame in frames)
    top = (await _output("top", "-b", "-n1", "-w", "160")).splitlines()
    return lines + [f"    {line}" for line in top[6:14]]


async def _output(*command: str) -> str:
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    output, _ = await process.communicate()
    return output.decode(errors="replace")


def _pin(pid: int) -> bool:
    """Give the server (process ``pid``, every thread) cpu 0 and this process, with the
    browser it starts, the other cores: the server measured as on a machine of its own, the
    browsers as on the leads' (whether it could: not on a single core)."""
    cores = os.sched_getaffinity(0)
    if len(cores) < 2 or 0 not in cores:
        print("not pinned: the server needs cpu 0 and another core for the rest", flush=True)
        return False
    for thread in Path(f"/proc/{pid}/task").iterdir():
        os.sched_setaffinity(int(thread.name), {0})  # threads started later inherit it
    os.sched_setaffinity(0, cores - {0})  # the harness, Playwright's driver, the browser
    print(f"pinned: the server on cpu 0, the browser on {sorted(cores - {0})}", flush=True)
    return True


def _niced(executable: str, nice: int, folder: Path) -> str:
    """``executable``, or a script in ``folder`` starting it with niceness ``nice``."""
    if not nice:
        return executable
    script = folder / "niced-browser"
    script.write_text(f'#!/bin/sh\nexec nice -n {nice} {executable} "$@"\n')
    script.chmod(0o755)
    return str(script)


def _run_seconds(log: Path, since: float, until: float = float("inf")) -> list[float]:
    """How long the server's runs that started between two epoch times took, by its run log:
    the server's part of the page times."""
    return [
        ended - started for started, ended, *_ in _logged_runs(log) if since <= started <= until
    ]


def _print_ratios(
    single: list[Open],
    concurrent: list[Open],
    runs: tuple[list[float], list[float]],
    cost: tuple[float, float],
    pinned: bool,
) -> None:
    """The target's ratio (p95 at once over p95 alone), the same of the server's ``runs``
    (alone, at once), and the floor the machine sets: each open of the single session cost
    ``cost`` CPU seconds (the server's, the browser's); the sessions opening pages without a
    pause need that CPU for each of their opens, which the cores they share (all, or all but
    the server's when ``pinned``) serve at most all at once."""
    ratio = percentile([o.seconds for o in concurrent], 0.95) / percentile(
        [o.seconds for o in single], 0.95
    )
    print(f"ratio p95 at once / p95 alone, page time: {ratio:.2f} (target <= 3)")
    alone, at_once = runs
    print(
        f"the server's runs ({len(alone)} alone, {len(at_once)} at once): alone p50 {statistics.median(alone):.2f}s p95"
        f" {percentile(alone, 0.95):.2f}s, at once p50 {statistics.median(at_once):.2f}s p95"
        f" {percentile(at_once, 0.95):.2f}s; ratio of the p95s"
        f" {percentile(at_once, 0.95) / percentile(alone, 0.95):.2f}"
    )
    sessions = len({o.username for o in concurrent})
    per_open = (cost[1] if pinned else sum(cost)) / len(single)
    mean = statistics.mean(o.seconds for o in single)
    cores = os.cpu_count() - pinned
    floor = sessions * per_open / cores
    shared = f"{cores} core{'s' * (cores != 1)}" + (" (the server has another)" if pinned else "")
    print(
        f"CPU per open alone: server {cost[0] / len(single):.2f}s, browser"
        f" {cost[1] / len(single):.2f}s; {sessions} sessions without a pause on {shared}:"
        f" a mean open of at least {floor:.2f}s, {floor / mean:.1f}x"
        f" the single session's mean ({mean:.2f}s; at once:"
        f" {statistics.mean(o.seconds for o in concurrent):.2f}s)"
    )


async def _measure(
    app: dict, passwords: dict[str, str], roles: dict[str, str], titles: list[str]
) -> None:
    from playwright.async_api import async_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    pid, run_log = app["pid"], app["db"].parent / "runs.log"
    pinned = os.environ.get(PIN) == "1" and _pin(pid)
    start_rss = server_rss_mb(pid)
    print(f"server RSS at start: {start_rss:.0f} MB", flush=True)
    errors: list[str] = []
    nice = int(os.environ.get(NICE, "19"))
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=_niced(CHROMIUM, nice, app["db"].parent), args=CHROMIUM_ARGS
        )
        print(f"browser niceness {nice} (the server's 0)", flush=True)
        started = time.perf_counter()
        signed_in = await _session_pages(browser, app["url"], passwords, errors)
        print(
            f"{SESSIONS} sign-ins sent together to the fresh server: {len(signed_in)} signed in"
            f" in {time.perf_counter() - started:.1f}s; server RSS {server_rss_mb(pid):.0f} MB",
            flush=True,
        )
        # one session alone first (the others signed in, idle): the baseline of this run
        (username, page), *others = signed_in
        cpu_before, browser_before, alone = server_cpu_s(pid), browser_cpu_s(), Opens()
        single = _print_times(
            "single session", await _browse(page, username, titles, errors, alone), roles
        )
        cost = (server_cpu_s(pid) - cpu_before, browser_cpu_s() - browser_before)
        single_runs = _run_seconds(run_log, alone.epoch, time.time())
        before = server_rss_mb(pid)
        print(f"server RSS, {len(signed_in)} sessions signed in, one browsed: {before:.0f} MB")
        opens, dumps = Opens(), []
        cpu_before, browser_before = server_cpu_s(pid), browser_cpu_s()
        watch = asyncio.create_task(_watch_stalls(pid, opens, dumps))
        per_session = await asyncio.gather(
            *(
                _browse(page, username, titles[index:] + titles[:index], errors, opens)
                for index, (username, page) in enumerate(signed_in)
            )
        )
        watch.cancel()
        wall = opens.now()
        cpu = server_cpu_s(pid) - cpu_before
        browser_cpu = browser_cpu_s() - browser_before  # of the processes running at the end
        concurrent = _print_times(
            f"{len(signed_in)} sessions at once",
            [opened for session in per_session for opened in session],
            roles,
            run_log,
            opens.epoch,
            opens.files,
        )
        for dump in dumps:
            print(f"stall {dump}", flush=True)
        after = server_rss_mb(pid)
        at_once = _run_seconds(run_log, opens.epoch)
        _print_ratios(single, concurrent, (single_runs, at_once), cost, pinned)
        runs = _run_counts(run_log, opens.epoch)
        sent = Counter(
            text for frames in FRAMES.values() for at, text in frames if at >= opens.started
        )
        print(
            f"server runs during the phase, by how they ended: {runs}; the browsers sent"
            f" {sent['> rerun_script']} reruns and got {sent['< new_session']} run starts and"
            f" {sum(n for text, n in sent.items() if 'script_finished' in text)} run ends"
        )
        print(
            f"concurrent phase wall time: {wall:.1f}s; server CPU meanwhile {cpu:.1f}s"
            f" ({cpu / wall:.0%} of one core), the browser's {browser_cpu:.1f}s"
            f" ({browser_cpu / wall:.0%} of one core; the machine has {os.cpu_count()})"
        )
        print(
            f"server RSS after all browsed: {after:.0f} MB; per session "
            f"{(after - before) / max(len(others), 1):.1f} MB over the {len(others)} that"
            f" browsed after the baseline (target <= 10); growth since the start over all"
            f" sessions, shared caches included: {(after - start_rss) / len(passwords):.1f} MB",
            flush=True,
        )
        print(f"errors: {len(errors)}")
        for error in errors:
            print(f"  {error}")
        await browser.close()


def run(db_path: str) -> None:
    from dashboard.areas import migrate
    from dashboard.domain import accounts
    from dashboard.i18n import t
    from dashboard.navigation import available_pages
    from dashboard.session import RUN_LOG
    from db.connection import connect
    from tests.browser.conftest import add_accounts, running_app

    if not Path(db_path).exists():
        print(f"{db_path} is missing (python -m seed --db {db_path} --scale large)")
        return
    with tempfile.TemporaryDirectory(prefix="concurrency-bench-") as folder:
        copy = Path(shutil.copy(db_path, Path(folder) / "large.sqlite"))  # never the original
        with closing(connect(copy)) as db:
            migrate(db)  # before adding accounts (the server would apply them anyway)
        passwords = add_accounts(copy, SESSIONS)
        with closing(connect(copy)) as db:
            for username in passwords:
                accounts.remember_language(db, username, "en")
        with closing(connect(copy)) as db:
            roles = {
                username: db.execute(
                    "SELECT app_role FROM users WHERE username = ?", [username]
                ).fetchone()[0]
                for username in passwords
            }
        titles = [t(title_key, lang="en") for _script, title_key, _icon, _ in available_pages()]
        os.environ[RUN_LOG] = str(Path(folder) / "runs.log")  # read by the server it starts
        try:
            with running_app(copy, today=data_today(copy)) as app:
                asyncio.run(_measure(app, passwords, roles, titles))
        finally:  # the servers of the benchmarks run after this one log nothing
            del os.environ[RUN_LOG]
