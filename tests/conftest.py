"""Shared fixtures: the seed pages, and generated stories and pages that look like real news."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

SEEDS = Path(__file__).parent.parent / "seeds"

# A few hundred plain English words. Sentences are sampled from them, so two seeds share
# single words but almost never a run of five: different seeds give really different texts.
_WORDS = """
about above accept account across action active actor actual add address admit adult affect
after again against agency agent agree ahead allow almost alone along already also although
always among amount analysis animal answer anyone appear apply approach area argue arrive art
article artist assume attack attention audience author authority available avoid away baby
back bank base beat beautiful because become before begin behavior behind believe benefit
best better between beyond bill billion black blood board body book born both box brother
budget build building business buy call camera campaign cancer candidate capital card care
career carry case catch cause cell center central century certain chair challenge chance
change character charge check child choice church citizen city civil claim class clear coach
cold collection college color commercial common community company compare computer concern
condition conference congress consider consumer contain continue control cost country couple
course court cover create crime cultural culture cup current customer cut dark data daughter
dead deal death debate decade decide decision deep defense degree democrat describe design
despite detail determine develop difference difficult dinner direction director discover
discuss disease doctor door down draw dream drive drop drug during early east easy economic
economy edge education effect effort eight either election else employee energy enjoy enough
enter entire environment especially establish evening event eventually evidence exactly
example executive exist expect experience expert explain factor fail fall family far fast
father fear federal feeling field fight figure fill film final finally financial find fine
finger finish fire firm fish five floor fly focus food foot force foreign forget form former
forward free friend front full fund future game garden general generation girl glass goal
good government great green ground group grow growth guess hair half hand happen happy hard
head health hear heart heat heavy help herself high himself history hold home hope hospital
hotel hour house huge human hundred husband idea identify image imagine impact important
improve include increase indeed indicate individual industry inside instead institution
interest interview investment island issue item itself join just keep kitchen knowledge land
language large later laugh lawyer lead leader learn least leave left legal less letter level
light likely line list listen little local long lose loss love machine magazine maintain
major manage manager market marriage material matter maybe measure media medical meeting
member memory mention message method middle might military million mind minute miss mission
model modern moment money month morning mother mouth move movie music myself nation natural
nature near nearly necessary network never news newspaper night none north note nothing
notice number occur ocean offer office officer official often once only open operation
opportunity option order organization other outside owner page pain painting paper parent
park particular partner party pass past patient pattern peace people perform perhaps period
person phone physical picture piece place plan plant player point police policy political
poor popular population position positive power practice prepare present president pressure
pretty prevent price private probably problem process produce product production professor
program project property protect prove provide public pull purpose quality question quickly
quite race radio raise range rather reach ready real reality realize reason receive recent
recently record reduce reflect region relate remain remember report represent require
research resource respond rest result return reveal rich right rise risk river road rock role
room rule safe same save scene school science score season seat second section security seek
senior sense series serious serve service seven several shake share shoot short shoulder
side sign significant similar simple simply since sing single sister site situation skill
small smile social society soldier somebody song soon sort sound source south space speak
special specific speech spend sport spring staff stage stand standard star start state
station stay step still stock stop store story strategy street strong student study stuff
style subject success suddenly suffer suggest summer supply support sure surface system table
talk task teacher team technology television tend term test thank theory thing third though
thought thousand threat through throughout throw today together tonight total tough toward
town trade traditional training travel treat treatment tree trial trip trouble true truth
turn type under understand unit until upon usually value various victim view violence visit
voice vote wait walk wall watch water weapon wear week weight west western whatever whether
white whole wide wife window wish within without woman wonder worker world worry write writer
wrong yard year young yourself
"""
VOCABULARY = _WORDS.split()

DATE = "09 December 2025"


def make_sentence(rng: random.Random, low: int = 10, high: int = 20) -> str:
    words = [rng.choice(VOCABULARY) for _ in range(rng.randint(low, high))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def make_body(seed: int, paragraphs: int = 5) -> str:
    """A story body: `paragraphs` paragraphs of 3-5 sentences, separated by blank lines.

    Deterministic in `seed`; every paragraph has at least 30 words, the body well over 150.
    """
    rng = random.Random(f"body-{seed}")
    return "\n\n".join(
        " ".join(make_sentence(rng) for _ in range(rng.randint(3, 5))) for _ in range(paragraphs)
    )


def make_title(seed: int) -> str:
    """A headline of 8-12 words, deterministic in `seed`."""
    rng = random.Random(f"title-{seed}")
    words = [rng.choice(VOCABULARY) for _ in range(rng.randint(8, 12))]
    return " ".join(words).capitalize()


def page_story(title: str, body: str, date: str = DATE) -> str:
    """One story the way the seed pages print it: title, date, "Follow", title again, body."""
    return f"{title}\n\nUpdated {date}\nFollow\n\n{title}\n\n{body}\n"


def page_text(*stories: tuple[str, str]) -> str:
    """A page of several (title, body) stories, separated by two blank lines."""
    return "\n\n".join(page_story(title, body) for title, body in stories)


def write_page(path: Path, stories: Sequence[tuple[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_text(*stories), encoding="utf-8")
    return path


# Settings under which body bands all but never propose a pair of bodies with a Jaccard of
# 0.6 (5 bands of 25 rows), so that only the title bands can propose such copies.
TITLE_ONLY = {"num_perm": 128, "lsh_threshold": 0.9}


def write_title_only_pairs(root: Path) -> Path:
    """Two pairs of copies (bodies with a Jaccard of 0.6, a MinHash match) whose titles
    collide in a title band: a.txt and b.txt share only "what it is and what it is not:"
    (titles not alike), c.txt and d.txt are one headline reworded (alike)."""

    def edited(body: str) -> str:  # one word in 20 replaced: a shingle Jaccard of about 0.6
        words = body.split(" ")
        return " ".join(f"quux{i}" if i % 20 == 7 else w for i, w in enumerate(words))

    first, second = make_body(901), make_body(902)
    write_page(root / "a.txt", [("What it is and what it is not: the new harbour bridge", first)])
    write_page(
        root / "b.txt", [("What it is and what it is not: schoolteachers' pensions", edited(first))]
    )
    write_page(root / "c.txt", [("Council approves budget for the harbour bridge repairs", second)])
    write_page(
        root / "d.txt", [("Council approves the budget for harbour bridge repairs", edited(second))]
    )
    return root


def mark_words(
    text: str, seed: int, count: int, mark: Callable[[int, str], str]
) -> tuple[str, int]:
    """`text` with one word inside each of up to `count` of its paragraphs' lines rewritten
    by `mark(n, word)` (n counts the marks from 0, in the text's order), as a dump marks a
    link; and how many were marked. Deterministic in `seed`."""
    rng = random.Random(seed)
    lines = text.split("\n")
    prose = [at for at, line in enumerate(lines) if len(line.split()) > 20]
    chosen = sorted(rng.sample(prose, min(count, len(prose))))
    for n, at in enumerate(chosen):
        words = lines[at].split(" ")
        w = rng.randrange(1, len(words) - 1)
        words[w] = mark(n, words[w])
        lines[at] = " ".join(words)
    return "\n".join(lines), len(chosen)


def body_lines(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def body() -> Callable[..., str]:
    """`body(seed, paragraphs=5)`: a realistic story body."""
    return make_body


@pytest.fixture(scope="session")
def title() -> Callable[[int], str]:
    """`title(seed)`: a realistic headline."""
    return make_title


@pytest.fixture(scope="session")
def page() -> Callable[..., str]:
    """`page((title, body), ...)`: the text of a page carrying these stories."""
    return page_text


@pytest.fixture(scope="session")
def write() -> Callable[[Path, Sequence[tuple[str, str]]], Path]:
    """`write(path, [(title, body), ...])`: write a page file and return its path."""
    return write_page
