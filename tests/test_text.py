"""Normalisation, tokens and shingle hashes: the fast numpy path against the scalar one."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.text import (
    _FOLD,
    dispatch_day,
    features,
    found_in,
    many_features,
    normalize,
    shingle_hash,
    shingle_hashes,
    shingle_sequence,
    shingle_sequences,
    shingles,
    sorted_unique,
    text_shingles,
    tokenize,
    word_count,
)

from .conftest import make_body


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("“Quoted” and ‘single’", "\"quoted\" and 'single'"),
        ("It’s a dog‘s life", "it's a dog's life"),
        ("«guillemets» „low“", '"guillemets" "low"'),
        ("en – em — minus − bar ‒ dash ‐", "en - em - minus - bar - dash -"),
        ("MiXeD CaSe", "mixed case"),
        ("Straße", "strasse"),
        ("  lots \t of\n\nwhite   space \r\n", "lots of white space"),
        ("non\u00a0breaking\u2003space", "non breaking space"),
        ("ﬁne ligature", "fine ligature"),
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_normalizes_as_any_text(text: str) -> None:
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    assert normalize(text) == " ".join(folded.split())


def test_copies_that_differ_in_typography_normalize_alike() -> None:
    a = "Pakistan’s “Kashmir Hour” – a campaign\n\nthat   NOBODY asked for"
    b = 'pakistan\'s "kashmir hour" - a campaign that nobody asked for'
    assert normalize(a) == normalize(b)
    assert tokenize(a) == tokenize(b)
    assert features("T", a, 5).digest == features("t", b, 5).digest


def test_tokenize_drops_punctuation() -> None:
    assert tokenize("Hello, world! It’s — 2025.") == ["hello", "world", "it", "s", "2025"]
    assert tokenize("  ,;: — ") == []


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(alphabet=st.characters(max_codepoint=127)),  # the ASCII path
        st.text(),  # anything else takes the regular expression
        st.text(alphabet="東京の天気はa bcドイツ語ภาษา。, "),  # scripts without spaces
    )
)
def test_tokens_are_the_words_of_the_normalised_text(text: str) -> None:
    tokens = tokenize(text)
    words = re.findall(r"\w+", normalize(text))
    if not any(map(_unspaced, "".join(words))):
        assert tokens == words
    else:  # every character of a script without spaces is a token of its own
        assert "".join(tokens) == "".join(words)
        assert all(len(t) == 1 for t in tokens if any(map(_unspaced, t)))
        assert all(len(t) == 1 or not any(map(_unspaced, t)) for t in tokens)


_UNSPACED_SCRIPTS = (
    *("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA"),
    *("THAI", "LAO", "KHMER", "MYANMAR"),
)


def _unspaced(char: str) -> bool:
    return unicodedata.name(char, "").startswith(_UNSPACED_SCRIPTS)


def test_word_count_weighs_scripts_without_spaces() -> None:
    assert word_count("Markets rally as bank holds rates") == 6
    assert word_count("Café au lait, s'il vous plaît") == 6
    assert word_count("首页") == 1  # a menu item is a word
    assert word_count("市图书馆昨日宣布，从下个月开始，工作日的开放时间将延长到晚上九时。") == 15
    assert word_count("Kindle for PCの起動") == 3 + 2


def test_scripts_without_spaces_are_shingled_by_character() -> None:
    assert tokenize("東京の天気 Kindle for PCは") == (
        ["東", "京", "の", "天", "気", "kindle", "for", "pc", "は"]
    )
    assert tokenize("ภาษา test") == ["ภ", "า", "ษ", "า", "test"]
    # one clause joined to the next by an extractor is still mostly the same shingles
    first, second = "今日は朝から雨が降っています。", "午後には晴れるでしょう。"
    apart = set(text_shingles(first + "\n" + second, 5).tolist())
    joined = set(text_shingles(first + second, 5).tolist())
    assert len(apart & joined) / len(apart) > 0.8


def test_shingles_of_short_and_empty_texts() -> None:
    assert shingles([], 5) == []
    assert shingles(["a", "b"], 5) == ["a b"]
    assert shingles(["a", "b", "c"], 2) == ["a b", "b c"]
    assert shingle_hashes([], 5).size == 0
    assert shingle_hashes([], 5).dtype == np.uint64
    assert shingle_hashes(["a", "b"], 5).tolist() == [shingle_hash("a b")]


TOKENS = st.lists(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")),
        min_size=1,
        max_size=8,
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(TOKENS, st.integers(min_value=1, max_value=8))
def test_shingle_hashes_match_the_scalar_path(tokens: list[str], size: int) -> None:
    fast = shingle_hashes(tokens, size)
    expected = sorted({shingle_hash(s) for s in shingles(tokens, size)})
    assert fast.dtype == np.uint64
    assert fast.tolist() == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(TOKENS, max_size=6), st.integers(min_value=1, max_value=8))
def test_shingle_sequences_of_many_lists_are_those_of_each(
    token_lists: list[list[str]], size: int
) -> None:
    together = shingle_sequences(token_lists, size)
    assert len(together) == len(token_lists)
    for tokens, sequence in zip(token_lists, together, strict=True):
        assert sequence.dtype == np.uint64
        assert sequence.tolist() == shingle_sequence(tokens, size).tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=2**64 - 1), max_size=50))
def test_sorted_unique_is_numpys_unique(values: list[int]) -> None:
    array = np.array(values, dtype=np.uint64)
    assert sorted_unique(array).tolist() == np.unique(array).tolist()
    assert sorted_unique(array).dtype == np.uint64


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=-5, max_value=5), max_size=30),
    st.lists(st.integers(min_value=-5, max_value=5), max_size=30),
)
def test_found_in_is_numpys_isin(values: list[int], others: list[int]) -> None:
    array, ordered = np.array(values, dtype=np.int64), np.unique(np.array(others, dtype=np.int64))
    assert found_in(array, ordered).tolist() == np.isin(array, ordered).tolist()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=5))
def test_many_features_are_those_of_each_story(seeds: list[int]) -> None:
    stories = [(f"Title {s}", make_body(s, paragraphs=1) if s % 3 else "Too short.") for s in seeds]
    together = many_features(stories, 5)
    for (title, body), found in zip(stories, together, strict=True):
        alone = features(title, body, 5)
        assert found == alone
        assert found.shingles.tolist() == alone.shingles.tolist()
        assert found.sequence is not None
        assert alone.sequence is not None
        assert found.sequence.tolist() == alone.sequence.tolist()


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=8))
def test_text_shingles_on_real_looking_text(seed: int, size: int) -> None:
    body = make_body(seed, paragraphs=2)
    tokens = tokenize(body)
    assert text_shingles(body, size).tolist() == sorted(
        {shingle_hash(s) for s in shingles(tokens, size)}
    )


def test_shingles_are_sorted_and_unique() -> None:
    tokens = tokenize(make_body(3)) * 2
    hashes = shingle_hashes(tokens, 5)
    assert np.all(hashes[1:] > hashes[:-1])
    assert hashes.size == len(set(shingles(tokens, 5)))


def test_features() -> None:
    body = make_body(4)
    f = features("  A “Title”  ", body, 5)
    assert f.title == 'a "title"'
    assert f.words == len(tokenize(body))
    assert f.shingles.tolist() == text_shingles(body, 5).tolist()
    assert f.digest
    assert features("", body, 5).digest == f.digest  # the digest is of the body only
    assert features("", body + " extra", 5).digest != f.digest
    empty = features("Title only", "", 5)
    assert empty.digest == ""
    assert empty.words == 0
    assert empty.shingles.size == 0


@pytest.mark.parametrize(
    ("lede", "day"),
    [
        ("WASHINGTON, March 9 - The U.S. Agriculture Department", 68),
        ("NEW YORK, Nov 25 (Reuters) - Stocks rose", 329),
        ("BRUSSELS, APRil 7 - The following import levies", 97),
        ("SAO PAULO, Brazil, Sept. 3 - Coffee", 246),
        ("ZURICH, Dec 31 - Trading", 365),
        ("LONDON (Reuters) - Stocks fell", None),  # no date in the dateline
        ("The meeting on March 9 - a Monday - was short", None),  # not a dateline
    ],
)
def test_dispatch_day_reads_a_wire_datelines_date(lede: str, day: int | None) -> None:
    found, undated = dispatch_day(lede)
    assert found == day
    if day is None:
        assert undated == lede
    else:
        assert len(undated) < len(lede)
        assert undated.split(" - ")[1:] == lede.split(" - ")[1:]


def test_a_datelines_date_is_not_one_of_the_figures() -> None:
    body = "WASHINGTON, March 9 - Exports rose to 19.00 mln tonnes from 18.00 mln."
    assert features("", body, 5).figures == ("18.00", "19.00")


def test_figures_keep_their_separators_and_drop_thousands_commas() -> None:
    body = "Output was 1,661,000 tonnes (1.5/2.0 pct), up from 12,5 in 1986/87, at 3.."
    assert features("", body, 5).figures == ("1.5/2.0", "12,5", "1661000", "1986/87", "3")


@given(st.text(alphabet=st.sampled_from("0123456789.,/ ab-:\n\u0663\u00e9"), max_size=60))
def test_figures_are_those_the_pattern_finds_in_the_whole_text(text: str) -> None:
    # ASCII text is searched in its runs of digits and ".,/" alone; this is what the
    # pattern finds in the text as it is (Arabic-Indic digits are figures too)
    found = re.findall(r"\d+(?:[.,/]\d+)*", text)
    expected = tuple(sorted(re.sub(r",(?=\d{3}(?!\d))", "", f) for f in found))
    assert features("", text, 5).figures == expected
