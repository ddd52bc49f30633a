"""A text browser's dump, read without its link numbers.

`lynx -dump` (and links, elinks, w3m with its numbers on) prints each link's number in
brackets right before its text, "[12]Bank of Ceylon to adopt new policies", "By
[10]Leonor Batista", and lists the targets under "References" at the end. The numbers are
no words of the page: left in, a headline carries one, a byline reads as a line of text
and a story's body holds numbers that another copy of it, dumped from another site, holds
differently. The segmenter reads such a page's lines through `shown`, as it reads Markdown
through its marks; offsets still count the file as written.

Written here: the numbers are one pattern, and no library reads a browser's dump back.
"""

from __future__ import annotations

import itertools
import re

# A link's number: "[12]" right before the link's text, and after no word or bracket (a
# citation follows its sentence: "in 1850.[3] The city" has a space after it).
_NUMBER = re.compile(r"(?<![\w\[\]])\[(\d{1,5})\](?=\S)")
# What the browser prints in place of what it cannot show, no text of the page: a frame
# ("IFRAME: [16]video player"), an image without a description ("[IMG]", "[INLINE]", its
# file's name), a link that shows no text ("[16]" alone).
_PLACEHOLDER = re.compile(
    r"IFRAME:.*|\[(?:IMG|INLINE|LINK|BUTTON|[^\]\s]+\.(?:jpe?g|png|gif|webp|svg)|\d{1,5})\]",
    re.IGNORECASE,
)
_NUMBERS_SEEN = 3  # the first numbers of a page that must count 1, 2, 3


def is_numbered(text: str) -> bool:
    """Whether a page is a text browser's dump: its first link numbers count up from one,
    as a browser numbers its links in the order it prints them."""
    if "[1]" not in text:
        return False
    first = itertools.islice(_NUMBER.finditer(text), _NUMBERS_SEEN)
    return [int(found[1]) for found in first] == list(range(1, _NUMBERS_SEEN + 1))


def shown(line: str) -> str:
    """A line of a browser's dump as the page shows it: without its links' numbers ("" for
    a line that shows nothing of the page)."""
    if "[" in line:
        line = _NUMBER.sub("", line)
    return "" if _PLACEHOLDER.fullmatch(line) else line
