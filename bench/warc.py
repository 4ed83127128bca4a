"""WARC in and out (docs/warc.md), as ratios taken in one run.

- a local gzipped WARC of the dev corpora's pages (../shared/corpus/*-dev), repeated under distinct URLs to
  10,000+ response records (one gzip member each, as CC-NEWS writes them);
- records/s through ``scrapy crawl warc`` over it ÷ (cores × bare ``trafilatura.extract`` pages/s on one core, on
  the same pages, measured before and right after the crawl);
- WARC reading cost per record (``newsproj.warc.reader.records``, payloads read, CPU) ÷ the per-page cost of the
  full item path (bench/speed.py);
- peak RSS of the warc spider over 1,000 vs 10,000 records;
- WARC-out overhead: the end-to-end crawl of bench/speed.py with and without ``NEWSPROJ_WARC_DIR`` (runs
  interleaved, medians of wall time and of the CPU seconds of all its processes), and the cost of the WARC
  records alone against the crawl's CPU per page.

``.venv/bin/python -m bench.run warc``
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from pathlib import Path

from bench import speed
from bench.corpus_site import CorpusSite
from newsproj.testing.server import serve

SHARED = speed.SHARED
RECORDS = 10_000
OUT_PAGES = int(os.environ.get("BENCH_WARC_OUT_PAGES", "3000"))
"""Pages of the live crawl the WARC-out overhead is measured on (bench/speed.py's end-to-end crawl: 3,000)."""
OUT_ROUNDS = int(os.environ.get("BENCH_WARC_OUT_ROUNDS", "3"))
SAMPLE = int(os.environ.get("BENCH_WARC_SAMPLE", "1"))
"""Every SAMPLE-th distinct page for the per-page and bare-extraction figures (1 = all of them)."""


def corpus_pages() -> list[tuple[str, bytes]]:
    """(url, raw HTML bytes) of every dev corpus page."""
    pages = []
    for corpus in sorted((SHARED / "corpus").glob("*-dev")):
        for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines():
            page = json.loads(line)
            pages.append((page["url"], gzip.decompress((corpus / page["file"]).read_bytes())))
    return pages


def _member(head: bytes, tail: bytes, tail_deflate: bytes) -> bytes:
    """One gzip member of ``head + tail``, reusing ``tail``'s deflate stream (a byte-aligned head block, then the
    tail's own blocks: a valid deflate stream), so that 10,000 records cost seconds to build, not minutes."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    deflated = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(tail, zlib.crc32(head))
    size = (len(head) + len(tail)) & 0xFFFFFFFF
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + deflated + tail_deflate + struct.pack("<II", crc, size)


def build_warc(path: Path, pages: list[tuple[str, bytes]], records: int) -> int:
    """``records`` response records cycling over ``pages`` (copy N of a page: ``?copy=N`` on its URL)."""
    tails = []
    for _, html in pages:
        tail = html + b"\r\n\r\n"
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        tails.append((tail, compressor.compress(tail) + compressor.flush()))
    with path.open("wb") as fh:
        for n in range(records):
            url, html = pages[n % len(pages)]
            copy = n // len(pages)
            if copy:
                url += ("&" if "?" in url else "?") + f"copy={copy}"
            http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    f"Content-Length: {len(html)}\r\n\r\n").encode()
            head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
                    f"WARC-Date: 2024-09-{1 + n % 28:02d}T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
                    f"Content-Type: application/http; msgtype=response\r\n"
                    f"Content-Length: {len(http) + len(html)}\r\n\r\n").encode() + http
            tail, deflated = tails[n % len(pages)]
            fh.write(_member(head, tail, deflated))
    return path.stat().st_size


def read_cost_ms(path: Path) -> tuple[float, int]:
    """CPU ms per record to read every record (payloads included) with the spider's reader."""
    from newsproj.warc.reader import Record, records

    start, count = time.process_time(), 0
    for found in records(str(path)):
        if isinstance(found, Record) and found.body is not None:
            count += 1
    return 1000 * (time.process_time() - start) / max(1, count), count


def _tree_cpu_s(root: int, seen: dict[int, float]) -> None:
    """Update ``seen`` (pid → CPU seconds so far) for a process and its descendants, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            tasks = list(Path(f"/proc/{pid}/task").iterdir())
        except OSError:
            continue
        seen[pid] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        for task in tasks:
            try:
                stack.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                continue


def _run_with_cpu(cmd: list[str]) -> dict[str, float]:
    """Wall time, peak RSS and CPU seconds of the process tree: the crawl process's own exactly (its rusage once
    it has ended, which also holds what it waited for), the others' sampled from /proc every 0.25 s (the
    extraction workers live as long as the crawl, so their last sample is their total)."""
    busy0, total0 = speed._cpu_ticks()
    own0 = time.process_time()  # this process: the sampling, and the test server of the live crawl
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=speed.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak, cpu = 0.0, dict[int, float]()
    while True:
        peak = max(peak, speed._tree_rss_mb(proc.pid))
        _tree_cpu_s(proc.pid, cpu)
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(0.25)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    busy1, total1 = speed._cpu_ticks()
    own = time.process_time() - own0
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:6]} failed:\n{err[-2000:]}")
    main = max(cpu.pop(proc.pid, 0.0), usage.ru_utime + usage.ru_stime)
    others = sum(cpu.values())
    cores = os.cpu_count() or 1
    machine = cores * (busy1 - busy0) / max(1, total1 - total0)  # cores busy on the whole machine meanwhile
    return {"wall_s": wall, "peak_rss_mb": peak, "cpu_s": main + others, "cpu_main_s": main, "cpu_others_s": others,
            "cores_busy": (main + others) / wall, "bench_cores": own / wall,
            "foreign_cores": max(0.0, machine - (main + others + own) / wall)}


def crawl_warc(path: Path, workdir: Path, tag: str) -> dict[str, float]:
    stats_file = workdir / f"{tag}.stats.json"
    result = _run_with_cpu(
        [sys.executable, "-m", "scrapy", "crawl", "warc", "-a", f"source={path}",
         "-O", str(workdir / f"{tag}.jsonl"), "-s", "LOG_LEVEL=WARNING",
         "-s", f"STATE_DIR={workdir / (tag + '-state')}", "-s", f"NEWSPROJ_STATS_FILE={stats_file}"],
    )
    stats = json.loads(stats_file.read_text())
    result["pages"] = stats.get("newsproj/warc/pages", 0)
    result["records_per_s"] = result["pages"] / result["wall_s"]
    result["records_per_cpu_s"] = result["pages"] / result["cpu_s"]
    result["main_ms_per_record"] = 1000 * result["cpu_main_s"] / max(1, result["pages"])
    result["workers_ms_per_record"] = 1000 * result["cpu_others_s"] / max(1, result["pages"])
    result["exported"] = stats.get("item_scraped_count", 0)
    return result


def write_cost_ms(pages: list[tuple[str, bytes]]) -> float:
    """CPU ms per page to build and compress its WARC records (response and request), as the crawl does."""
    from scrapy.http import HtmlResponse, Request

    from newsproj.warc.writer import response_records

    responses = [HtmlResponse(url=url, body=html, headers={"Content-Type": "text/html; charset=utf-8"},
                              request=Request(url)) for url, html in pages]
    start = time.process_time()
    for response in responses:
        response_records(response, "2024-09-12T10:00:00Z", {"title": "T"})
    return 1000 * (time.process_time() - start) / max(1, len(responses))


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


_T95 = [12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.20, 2.18, 2.16, 2.14, 2.13, 2.12, 2.11, 2.10,
        2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05, 2.05, 2.04]
"""Student's t, two-sided 95 %, for 1 to 30 degrees of freedom (1.96 beyond)."""


def spread(values: list[float]) -> dict[str, float]:
    """Mean, standard deviation, 95 % confidence interval (Student's t) and range of ``values``."""
    n = len(values)
    mean = sum(values) / n
    sd = (sum((v - mean) ** 2 for v in values) / (n - 1)) ** 0.5 if n > 1 else float("nan")
    half = (_T95[n - 2] if n - 1 <= len(_T95) else 1.96) * sd / n**0.5 if n > 1 else float("nan")
    return {"n": n, "mean": mean, "sd": sd, "ci_low": mean - half, "ci_high": mean + half,
            "min": min(values), "max": max(values)}


def paired(off: list[float], on: list[float]) -> dict[str, float]:
    """Mean, standard deviation and 95 % confidence interval (Student's t) of the relative differences
    ``on / off - 1`` of the rounds' pairs (the two runs of a round follow each other, so a drifting host load
    hits both sides of a pair alike and cancels in the difference)."""
    return spread([b / a - 1 for a, b in zip(off, on, strict=True)])


def warc_out_overhead(workdir: Path, rounds: int = OUT_ROUNDS) -> dict[str, object]:
    """The end-to-end crawl of bench/speed.py without and with NEWSPROJ_WARC_DIR: rounds of one run of each,
    the order alternating (a drifting host load hits both sides); per round the relative difference of wall
    time and of the CPU seconds of all the crawl's processes, then their mean and 95 % confidence interval.
    The cost of the WARC records themselves (``write_ms_per_page``, measured alone) says what the overhead
    must be. Every run notes the cores that other processes of the machine kept busy meanwhile (the load)."""
    corpus = speed.CORPUS
    pages = speed.load_pages(corpus)
    server = serve(corpus, site=CorpusSite(corpus, repeat=max(1, OUT_PAGES // len(pages))))
    runs: dict[str, list[dict[str, float]]] = {"off": [], "on": []}
    out: dict[str, object] = {"runs": runs, "pages_target": OUT_PAGES}
    try:
        for n in range(rounds):
            for mode in (("off", "on") if n % 2 == 0 else ("on", "off")):
                tag = f"out-{mode}-{n}"
                extra = ["-s", f"NEWSPROJ_WARC_DIR={workdir / tag}"] if mode == "on" else []
                stats_file = workdir / f"{tag}.stats.json"
                result = _run_with_cpu(
                    [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={server.base}/sitemap.xml",
                     "-O", str(workdir / f"{tag}.jsonl"), "-s", "NEWSPROJ_ALLOW_PRIVATE=1",
                     "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=WARNING",
                     "-s", f"STATE_DIR={workdir / (tag + '-state')}", "-s", f"NEWSPROJ_STATS_FILE={stats_file}",
                     *extra],
                )
                stats = json.loads(stats_file.read_text())
                result["pages"] = stats.get("newsproj/discovery/kind/html", 0)
                result["records"] = stats.get("item_scraped_count", 0)
                result["loadavg1"] = os.getloadavg()[0]
                runs[mode].append(result)
                print(f"warc-out round {n} {mode}: wall {result['wall_s']:.1f} s, CPU {result['cpu_s']:.1f} s, "
                      f"crawl process {result['cpu_main_s']:.2f} s, pages {result['pages']}, "
                      f"cores busy {result['cores_busy']:.2f}, foreign {result['foreign_cores']:.2f}",
                      file=sys.stderr, flush=True)
                shutil.rmtree(workdir / tag, ignore_errors=True)
    finally:
        server.stop()
    out["load"] = " ".join(f"{v:.1f}" for v in os.getloadavg())
    every = runs["off"] + runs["on"]
    out["foreign_cores"] = {"mean": sum(r["foreign_cores"] for r in every) / len(every),
                            "min": min(r["foreign_cores"] for r in every),
                            "max": max(r["foreign_cores"] for r in every)}
    for key in ("wall_s", "cpu_s", "cpu_main_s"):
        off, on = [r[key] for r in runs["off"]], [r[key] for r in runs["on"]]
        out[f"{key}_off"], out[f"{key}_on"], out[f"{key}_overhead"] = _median(off), _median(on), \
            _median(on) / _median(off) - 1
        out[f"{key}_paired"] = paired(off, on)
    # the crawl process's CPU a page (exact: its rusage), where the WARC records are built: their cost in the crawl
    diffs = [1000 * (b["cpu_main_s"] / b["pages"] - a["cpu_main_s"] / a["pages"])
             for a, b in zip(runs["off"], runs["on"], strict=True)]
    out["main_ms_per_page_off"] = _median([1000 * r["cpu_main_s"] / r["pages"] for r in runs["off"]])
    out["main_ms_per_page_on"] = _median([1000 * r["cpu_main_s"] / r["pages"] for r in runs["on"]])
    out["all_ms_per_page_off"] = _median([1000 * r["cpu_s"] / r["pages"] for r in runs["off"]])
    out["main_ms_added"] = spread(diffs)
    crawled = _median([r["pages"] for r in runs["off"]]) or 1
    write_ms = write_cost_ms([(url, html.encode("utf-8")) for url, html in pages])
    out["write_ms_per_page"] = write_ms
    out["write_share_of_crawl_cpu"] = write_ms / (1000 * float(out["cpu_s_off"]) / crawled)  # type: ignore[arg-type]
    return out


def run(save: Path | None = None, parts: frozenset[str] = frozenset({"spider", "memory", "out"})
        ) -> dict[str, object]:
    """The figures; with ``save``, written there after every step too (a long run under load keeps what it got).
    ``parts``: the warc spider's throughput (and the reading cost), its memory, the WARC-out overhead."""
    if not (SHARED / "corpus").exists():
        return {"skipped": "../shared/corpus not present"}
    pages = corpus_pages()
    texts = [(url, html.decode("utf-8", "replace")) for url, html in pages][::SAMPLE]
    results: dict[str, object] = {"cores": os.cpu_count(), "distinct_pages": len(pages)}

    def checkpoint() -> None:
        if save is not None:
            save.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")

    pp = speed.per_page(texts, rounds=1)
    results["per_page"] = pp
    checkpoint()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        big, small = workdir / "big.warc.gz", workdir / "small.warc.gz"
        start = time.monotonic()
        results["warc_bytes"] = build_warc(big, pages, RECORDS)
        build_warc(small, pages, 1000)
        results["build_s"] = time.monotonic() - start
        read_ms, count = read_cost_ms(big)
        results["read"] = {"ms_per_record": read_ms, "records": count,
                           "share_of_per_page_cost": read_ms / pp["ours_ms"]}
        checkpoint()
        crawl = crawl_warc(big, workdir, "big")
        crawl["bare_ms_after"] = speed.bare_ms(texts, rounds=1)
        bare_one_core = 2000 / (pp["bare_ms"] + crawl["bare_ms_after"])
        crawl["ceiling_pages_per_s"] = (os.cpu_count() or 1) * bare_one_core
        crawl["ratio_to_ceiling"] = crawl["records_per_s"] / crawl["ceiling_pages_per_s"]
        # the same ratio in CPU time: what the crawl would reach on cores of its own (a shared host's load
        # lowers the wall-time ratio, not this one)
        crawl["cpu_ratio"] = crawl["records_per_cpu_s"] / bare_one_core
        # what bounds it: with every core extracting and a crawl process that costs nothing, records/s ÷ the
        # ceiling is bare ÷ the item path's cost a page (the per-page cost ratio, issue 11); bare taken as in
        # cpu_ratio (before and after the crawl): bare drifts by ~8 % over a loaded crawl, and a bound from the
        # "before" figure alone is not comparable with the ratio it bounds
        crawl["bound"] = (pp["bare_ms"] + crawl["bare_ms_after"]) / 2 / pp["ours_ms"]
        # where the rest goes, in ms a record: the crawl process, and the workers' CPU beyond the one-core item path
        # (unpickling a page, pickling its outcome, two processes sharing the caches)
        crawl["workers_excess_ms"] = crawl["workers_ms_per_record"] - pp["ours_ms"]
        crawl["main_share"] = crawl["cpu_main_s"] / crawl["cpu_s"]
        results["spider"] = crawl
        checkpoint()
        if "memory" not in parts:
            return results
        small_run = crawl_warc(small, workdir, "small")
        results["memory"] = {"1000": small_run["peak_rss_mb"], "10000": crawl["peak_rss_mb"],
                             "growth": crawl["peak_rss_mb"] / small_run["peak_rss_mb"] - 1}
        checkpoint()
        if speed.CORPUS.exists() and "out" in parts:
            results["warc_out"] = warc_out_overhead(workdir)
            checkpoint()
    return results


def report(results: dict) -> str:
    if "skipped" in results:
        return f"warc: {results['skipped']}"
    pp, crawl, read = results["per_page"], results["spider"], results["read"]
    memory = results.get("memory")
    lines = [
        f"machine: {results['cores']} cores; {results['distinct_pages']} dev corpus pages repeated to "
        f"{read['records']} records ({results['warc_bytes'] / 1e6:.0f} MB gzipped WARC, built in "
        f"{results['build_s']:.0f} s)",
        "",
        "| figure | value | target |",
        "| --- | --- | --- |",
        f"| bare trafilatura.extract, ms/page (one core, before / after) | {pp['bare_ms']:.1f} / "
        f"{crawl['bare_ms_after']:.1f} | |",
        f"| full item path, ms/page (one core) | {pp['ours_ms']:.1f} | |",
        f"| warc spider: pages, wall s, records/s | {crawl['pages']}, {crawl['wall_s']:.1f}, "
        f"{crawl['records_per_s']:.1f} | |",
        f"| warc spider: CPU seconds of its processes | {crawl['cpu_s']:.0f} | |",
        f"| … CPU ms a record: crawl process / extraction workers | {crawl.get('main_ms_per_record', 0):.1f} / "
        f"{crawl.get('workers_ms_per_record', 0):.1f} | |",
        f"| records/s ÷ ({results['cores']} × bare pages/s on one core) | {crawl['ratio_to_ceiling']:.2f} | ≥ 0.90 |",
        f"| the same in CPU time: records per CPU-second of the crawl's processes ÷ bare pages per CPU-second | "
        f"{crawl.get('cpu_ratio', float('nan')):.2f} | |",
        f"| cores kept busy: the warc spider's processes / other processes of the machine meanwhile | "
        f"{crawl.get('cores_busy', float('nan')):.2f} / {crawl.get('foreign_cores', float('nan')):.2f} | |",
        f"| bound of the ratio: bare ÷ item path a page (1 ÷ per-page cost "
        f"{1 / crawl.get('bound', float('nan')):.2f}) | "
        f"{crawl.get('bound', float('nan')):.2f} | |",
        f"| … the gap, CPU ms a record: the crawl process / the workers beyond the one-core item path | "
        f"{crawl.get('main_ms_per_record', float('nan')):.1f} / "
        f"{crawl.get('workers_excess_ms', float('nan')):+.1f} | |",
        f"| the crawl process's share of the spider's CPU | {crawl.get('main_share', float('nan')):.1%} | |",
        f"| WARC reading, ms/record (CPU, payload read) | {read['ms_per_record']:.2f} | |",
        f"| WARC reading ÷ per-page cost | {read['share_of_per_page_cost']:.1%} | ≤ 2% |",
    ]
    if memory:
        lines += [f"| peak RSS, 1,000 / 10,000 records, MB | {memory['1000']:.0f} / {memory['10000']:.0f} | |",
                  f"| peak RSS growth 10k vs 1k records | {memory['growth']:+.1%} | ≤ +10% |"]
    else:  # (``python -m bench.warc spider`` makes no 1,000-record run: no growth to print, not a NaN row)
        lines += [f"| peak RSS, 10,000 records, MB (the 1,000-record run: `python -m bench.warc` only) | "
                  f"{crawl['peak_rss_mb']:.0f} | |"]
    if "warc_out" in results:
        lines += report_out(results["warc_out"])
    return "\n".join(lines)


def report_out(out: dict) -> list[str]:
    n = len(out["runs"]["on"])
    foreign = out["foreign_cores"]
    lines = [
        f"| live crawl without / with NEWSPROJ_WARC_DIR ({n} rounds of one run each, interleaved, order alternating; "
        f"other processes kept {foreign['mean']:.2f} cores busy on average, {foreign['min']:.2f}–{foreign['max']:.2f};"
        f" loadavg at the end {out['load']}), wall s, medians | {out['wall_s_off']:.1f} / {out['wall_s_on']:.1f} | |",
    ]
    for key, name in (("wall_s", "wall time"), ("cpu_s", "CPU seconds of all the crawl's processes"),
                      ("cpu_main_s", "CPU seconds of the crawl process alone")):
        pair = out.get(f"{key}_paired")
        if pair is None:
            continue
        lines.append(
            f"| WARC-out overhead, {name}: mean of the rounds' differences [95 % CI], sd, range | "
            f"{pair['mean']:+.1%} [{pair['ci_low']:+.1%}, {pair['ci_high']:+.1%}], sd {pair['sd']:.1%}, "
            f"{pair['min']:+.1%} … {pair['max']:+.1%} | {'≤ +5%' if key == 'wall_s' else ''} |")
    added = out.get("main_ms_added")
    if added is not None:
        share = 1 / out["all_ms_per_page_off"]
        lines += [
            f"| crawl process CPU ms a page without / with (medians; all its processes without: "
            f"{out['all_ms_per_page_off']:.1f}) | {out['main_ms_per_page_off']:.2f} / "
            f"{out['main_ms_per_page_on']:.2f} | |",
            f"| WARC out in the crawl process: CPU ms added a page, mean of the rounds [95 % CI] | "
            f"{added['mean']:+.2f} [{added['ci_low']:+.2f}, {added['ci_high']:+.2f}] | |",
            f"| … ÷ all the crawl's CPU a page: the wall overhead on cores of its own, the pool being fed alike "
            f"[95 % CI] | {added['mean'] * share:+.1%} [{added['ci_low'] * share:+.1%}, "
            f"{added['ci_high'] * share:+.1%}] | ≤ +5% |",
        ]
    lines.append(
        f"| WARC records alone: CPU ms a page (built, digested, compressed) ÷ the crawl's CPU ms a page | "
        f"{out['write_ms_per_page']:.2f}: {out['write_share_of_crawl_cpu']:.1%} | |")
    return lines


if __name__ == "__main__":
    # ``python -m bench.warc [spider|out]``: everything; the warc spider's throughput only; or only the WARC-out
    # overhead (BENCH_WARC_OUT_ROUNDS rounds of BENCH_WARC_OUT_PAGES pages). Figures saved to
    # bench/results/warc[-out].json as they come.
    from bench.run import RESULTS

    RESULTS.mkdir(exist_ok=True)
    if sys.argv[1:] == ["spider"]:
        print(report(run(save=RESULTS / "warc.json", parts=frozenset({"spider"}))))
    elif sys.argv[1:] == ["out"]:
        with tempfile.TemporaryDirectory() as tmp:
            found = warc_out_overhead(Path(tmp))
        (RESULTS / "warc-out.json").write_text(json.dumps(found, indent=1, default=str), encoding="utf-8")
        print("\n".join(report_out(found)))
    else:
        print(report(run(save=RESULTS / "warc.json")))
