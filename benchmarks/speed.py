"""Speed and scale: provenance beside the tools a user would pick instead.

    python -m benchmarks.speed                      # Reuters-21578 and a 10k generated corpus
    python -m benchmarks.speed --size 100000        # add sizes (repeatable); 1000000 for the 1M run
    python -m benchmarks.speed --quick              # a smoke run on a small corpus (CI)

Every system runs in a subprocess of its own, on the same files, so that its wall time and
peak memory (RSS summed over its processes, sampled every 0.2 s) are its own; each is
repeated (`--repeat`, median reported; once from 100k stories on). Figures are ratios
against datasketch's naive path measured in the same run (the machines are shared and
noisy), plus stories/s and peak RSS. Results go to docs/speed-table.md and a plot of time
per story and peak memory against corpus size to docs/speed-scale.png.

Systems:
  floor            read, decode, tokenise and hash every shingle once (no MinHash)
  datasketch       MinHash.update per shingle, then MinHashLSH insert and query
  datasketch-batch MinHash.update_batch, then MinHashLSH
  rensa            rensa's RMinHash and RMinHashLSH (Rust), when it is installed
  text-dedup       text-dedup's MinHash command (Hugging Face datasets, numpy; xxh3), from
                   the files to its deduplicated dataset, when it is installed
  signatures       provenance's signature path alone: read, tokenise, hash the shingles and
                   MinHash-sign every file whole, windows included (all cores): the floor's
                   work plus the MinHash
  analysis         provenance: read, segment, describe and sign (all cores): what the
                   pipeline does before candidates
  dedupe           provenance: the `dedupe` command, files to JSON Lines records (all cores)
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from .datasets import DATA, REPO
from .rss import watch

SYSTEMS = (
    *("floor", "datasketch", "datasketch-batch", "rensa", "text-dedup"),
    *("signatures", "analysis", "dedupe"),
)
_OPTIONAL = {"rensa": "rensa", "text-dedup": "text_dedup"}  # measured where they install
_SIGN_CHUNK = 500  # files per task of the signatures system
THRESHOLD, NUM_PERM, SHINGLE = 0.5, 128, 5


def texts(folder: Path) -> Iterator[str]:
    """The text of every *.txt file under `folder`, in path order."""
    for path in sorted(folder.rglob("*.txt")):
        yield path.read_bytes().decode("utf-8", errors="replace")


def word_shingles(text: str) -> list[str]:
    words = text.lower().split()
    return [" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))]


def run_system(system: str, folder: Path, workers: int) -> int:
    """Run one system over `folder` in this process; returns the number of documents."""
    if system == "floor":
        from provenance.text import shingle_sequence, tokenize

        count = 0
        for text in texts(folder):
            shingle_sequence(tokenize(text), SHINGLE)
            count += 1
        return count
    if system in ("datasketch", "datasketch-batch"):
        from datasketch import MinHash, MinHashLSH

        lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        signed = []
        for n, text in enumerate(texts(folder)):
            m = MinHash(num_perm=NUM_PERM)
            grams = [g.encode("utf-8") for g in word_shingles(text)]
            if system == "datasketch":
                for gram in grams:
                    m.update(gram)
            else:
                m.update_batch(grams)
            lsh.insert(n, m)
            signed.append(m)
        for m in signed:
            lsh.query(m)
        return len(signed)
    if system == "rensa":
        from rensa import RMinHash, RMinHashLSH

        bands = 32
        rlsh = RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=bands)
        rsigned = []
        for n, text in enumerate(texts(folder)):
            r = RMinHash(num_perm=NUM_PERM, seed=42)
            r.update(word_shingles(text))
            rlsh.insert(n, r)
            rsigned.append(r)
        for r in rsigned:
            rlsh.query(r)
        return len(rsigned)
    if system == "text-dedup":
        return _text_dedup(folder, workers)
    if system == "signatures":  # provenance's signing of whole files on every core
        from provenance.pipeline import _mapped, _pool

        paths = sorted(folder.rglob("*.txt"))
        chunks = (paths[i : i + _SIGN_CHUNK] for i in range(0, len(paths), _SIGN_CHUNK))
        with _pool(workers) as pool:
            return sum(_mapped(pool, _sign_files, ((chunk,) for chunk in chunks)))
    if system == "analysis":  # read, segment, describe and sign on every core; nothing kept
        from provenance import Settings
        from provenance.pipeline import _analyse_chunk, _mapped, _pool, _tasks

        settings = Settings()
        tasks, _, _ = _tasks([folder], settings)
        with _pool(workers) as pool:
            parts = _mapped(pool, _analyse_chunk, ((task, settings) for task in tasks))
            return sum(len(part.stories) for part in parts)
    if system == "dedupe":
        out = Path(tempfile.mkdtemp()) / "records.jsonl"
        command = [sys.executable, "-m", "provenance", str(folder), "-q", "--jsonl", str(out)]
        subprocess.run([*command, "--workers", str(workers)], check=False)
        with out.open(encoding="utf-8") as handle:
            return sum(len(json.loads(line)["occurrences"]) for line in handle)
    raise ValueError(f"unknown system {system!r}")


def _text_dedup(folder: Path, workers: int) -> int:
    """text-dedup's MinHash command, end to end from the files: their texts made into a
    Hugging Face dataset on disk (its input), then `python -m text_dedup.minhash` with the
    same shingles, permutations and bands, and its faster hash (xxh3)."""
    import datasets

    datasets.disable_progress_bars()
    work = Path(tempfile.mkdtemp())
    try:
        dataset = datasets.Dataset.from_dict({"text": list(texts(folder))})
        dataset.save_to_disk(str(work / "in"), num_proc=None)
        command = [sys.executable, "-m", "text_dedup.minhash", "--local", "--column", "text"]
        command += ["--path", str(work / "in"), "--output", str(work / "out")]
        command += ["--cache_dir", str(work / "cache"), "--num_proc", str(workers)]
        command += ["--ngram", str(SHINGLE), "--num_perm", str(NUM_PERM), "--b", "32", "--r", "4"]
        command += ["--threshold", str(THRESHOLD), "--hash_func", "xxh3"]
        subprocess.run(command, check=True, capture_output=True)
        return len(dataset)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _sign_files(paths: Sequence[Path]) -> int:
    """Sign each file's text as one story, as the pipeline signs its stories."""
    from provenance.signatures import sign_sequences
    from provenance.text import shingle_sequences, tokenize

    token_lists = [tokenize(p.read_bytes().decode("utf-8", errors="replace")) for p in paths]
    sign_sequences(shingle_sequences(token_lists, SHINGLE), num_perm=NUM_PERM)
    return len(paths)


def measure(system: str, folder: Path, workers: int) -> dict[str, float]:
    """Wall seconds and peak RSS (MB) of one system, run in a fresh subprocess: of its
    largest process, and of all its processes together (workers included)."""
    code = (
        "import sys, time, json\n"
        "from pathlib import Path\n"
        "from benchmarks.speed import run_system\n"
        "t = time.perf_counter()\n"
        f"n = run_system({system!r}, Path({str(folder)!r}), {workers})\n"
        "s = time.perf_counter() - t\n"
        "print(json.dumps({'seconds': s, 'docs': n}))\n"
    )
    command = [sys.executable, "-c", code]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO) as process:
        _, tree = watch(process)
        out = process.stdout.read() if process.stdout else ""
    if process.returncode != 0:
        return {"error": 1.0, "seconds": float("nan"), "docs": 0.0, "rss_mb": 0.0}
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return {**result, "rss_mb": tree / 2**20}


def available(system: str) -> bool:
    module = _OPTIONAL.get(system)
    return module is None or importlib.util.find_spec(module) is not None


def scale_corpus(source: Path, out: Path, size: int, *, seed: int = 0) -> Path:
    """`size` one-story files made from real Reuters bodies, with known duplicates.

    A third of the stories are copies of an earlier one with a few words changed, so the
    corpus has real duplicate work to do; the rest are distinct: the real bodies first, then,
    once they are used up, new bodies written word by word by a first-order Markov chain of
    the real ones (each next word drawn from the words that follow the current one in
    Reuters). Such bodies share the common phrases of the wire, as unrelated real stories
    do, but not whole sentences: an earlier version mixed new bodies from a fixed pool of
    real sentences, so the more stories, the more of them shared sentences, and candidate
    pairs grew with the square of the corpus (3.6 times from 100k to 200k stories), which
    measures the pool, not the engine. Files are spread over folders of a thousand.
    """
    rng = random.Random(seed)
    bodies = []
    for path in sorted(source.rglob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n\n")
        if len(body.split()) >= 60:
            bodies.append((title.strip(), " ".join(body.split())))
    follows: dict[str, list[str]] = {}
    for _, body in bodies:
        words = body.split()
        for word, after in itertools.pairwise(words):
            follows.setdefault(word, []).append(after)
    starts = sorted(follows)
    previous: list[tuple[str, str]] = []
    for n in range(size):
        if previous and rng.random() < 1 / 3:
            title, body = rng.choice(previous)
            words = body.split()
            for _ in range(3):
                words[rng.randrange(len(words))] = rng.choice(words)
            body = " ".join(words)
        else:
            if n < len(bodies):
                title, body = bodies[n]
            else:
                body = " ".join(_walk(follows, rng.choice(starts), rng.randint(120, 240), rng))
                title = " ".join(body.split()[:8]).upper()
            title, body = f"{title} {n}", f"Serial {n}. {body}"
            previous = [*previous[-999:], (title, body)]
        folder = out / f"{n // 1000:04d}"
        if n % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n:07d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return out


def _walk(follows: dict[str, list[str]], word: str, length: int, rng: random.Random) -> list[str]:
    """`length` words of a random walk on the word-follows-word graph (restarting at a dead end)."""
    words = [word]
    while len(words) < length:
        after = follows.get(words[-1])
        words.append(rng.choice(after) if after else rng.choice(words))
    return words


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--size", type=int, action="append", default=[], help="generated corpus size"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--quick", action="store_true", help="one small run, for CI")
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args(argv)
    systems = [s for s in args.systems.split(",") if available(s)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="provenance-speed-") as tmp:
        scratch = Path(tmp)
        from .reuters import extract

        try:
            reuters = extract(args.data, scratch / "reuters")
        except FileNotFoundError as error:
            print(f"skipped Reuters: {error}", file=sys.stderr)
            return 0
        corpora: list[tuple[str, Path]] = []
        if args.quick:
            corpora.append(("generated 2000", scale_corpus(reuters, scratch / "g2000", 2000)))
            repeat, systems = 1, [s for s in systems if s != "datasketch"]
        else:
            corpora.append(("reuters", reuters))
            for size in args.size or [10_000]:
                corpora.append(
                    (f"generated {size}", scale_corpus(reuters, scratch / f"g{size}", size))
                )
            repeat = args.repeat
        for name, folder in corpora:
            for system in systems:
                if system.startswith("datasketch") and name == "generated 1000000":
                    continue  # 10 to 40 minutes at this size: its ratios are taken below it
                large = name.startswith("generated") and int(name.split()[-1]) >= 100_000
                times = 1 if large else repeat  # minutes per run from 100k on: one run
                runs = [measure(system, folder, args.workers) for _ in range(times)]
                seconds = statistics.median(r["seconds"] for r in runs)
                rss = max(r["rss_mb"] for r in runs)
                docs = int(runs[0]["docs"])
                rows.append(
                    {
                        "corpus": name,
                        "system": system,
                        "seconds": seconds,
                        "rss_mb": rss,
                        "docs": docs,
                    }
                )
                print(
                    f"{name:18} {system:17} {seconds:8.2f}s {rss:8.0f} MB {docs:>9} docs",
                    file=sys.stderr,
                )
    text = table(rows)
    print(text)
    if not args.quick:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "speed-table.md").write_text(text, encoding="utf-8")
        plot(rows, args.out / "speed-scale.png")
    return 0


def plot(rows: Sequence[dict[str, object]], path: Path) -> None:
    """Time per story and peak memory against the generated corpus size, per system."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install -e '.[bench]'): no plot", file=sys.stderr)
        return
    sized = [r for r in rows if str(r["corpus"]).startswith("generated")]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    for system in dict.fromkeys(str(r["system"]) for r in sized):
        mine = sorted(
            (r for r in sized if r["system"] == system),
            key=lambda r: int(str(r["corpus"]).split()[1]),
        )
        sizes = [int(str(r["corpus"]).split()[1]) for r in mine]
        per_story = [1e6 * float(r["seconds"]) / n for r, n in zip(mine, sizes, strict=True)]  # type: ignore[arg-type]
        left.plot(sizes, per_story, "o-", label=system)
        right.plot(sizes, [float(r["rss_mb"]) for r in mine], "o-", label=system)  # type: ignore[arg-type]
    for ax, label in ((left, "microseconds per story"), (right, "peak RSS (MB)")):
        ax.set_xscale("log")
        ax.set_yscale("log")  # the systems lie one to three orders of magnitude apart
        ax.set_xlabel("stories in the corpus")
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
    left.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def table(rows: Sequence[dict[str, object]]) -> str:
    lines = [
        "| corpus | system | seconds | vs datasketch naive | vs rensa | docs/s | peak RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for corpus in dict.fromkeys(str(r["corpus"]) for r in rows):
        mine = {str(r["system"]): r for r in rows if r["corpus"] == corpus}
        naive = mine.get("datasketch")
        rensa = mine.get("rensa")
        for system, r in mine.items():
            secs = float(r["seconds"])  # type: ignore[arg-type]
            ratio = f"{float(naive['seconds']) / secs:.1f}x" if naive else "–"  # type: ignore[arg-type]
            vs_rensa = f"{float(rensa['seconds']) / secs:.2f}x" if rensa else "–"  # type: ignore[arg-type]
            rate = int(r["docs"]) / secs if secs else 0  # type: ignore[call-overload]
            lines.append(
                f"| {corpus} | {system} | {secs:.2f} | {ratio} | {vs_rensa} | {rate:,.0f} "
                f"| {float(r['rss_mb']):.0f} |"  # type: ignore[arg-type]
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
