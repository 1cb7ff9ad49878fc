"""A report's bytes as clean text that ``draft`` can read, whatever form it came in.

Reports arrive as files saved from web pages, news articles and reposts: UTF-8 with or
without a byte-order mark, GB18030 (GBK), Big5 from a traditional-character site, UTF-16 from
Windows Notepad; with full-width or ASCII punctuation, numbers and words broken across lines,
traditional characters with pinyin glosses (生產(chǎn)), stray control characters and tokens a
site injected. This module turns all of them into one form: simplified characters, Chinese
punctuation (，：；（）), ASCII digits, one paragraph a line. Nothing here reads figures.
"""

from __future__ import annotations

import codecs
import re
from typing import Any, NamedTuple

from targettrack.errors import InputError
from targettrack.messages import Message

# A long report of 60,000 characters is about 180 kB; a file ten times that is not a report.
MAX_REPORT_BYTES = 2_000_000


def decode_report(data: bytes, source: object = "") -> str:
    """The text of a report file (``source`` names it in a refusal); refused when it is too
    big or has no text (empty, binary, or in an encoding other than UTF-8, UTF-16, GB18030
    and Big5)."""
    if len(data) > MAX_REPORT_BYTES:
        limit = MAX_REPORT_BYTES // 1_000_000
        raise InputError(Message("draft.too_large", path=source, size=len(data), limit=limit))
    text = _decode(data)
    if text is None or not _CJK.search(text):
        raise InputError(Message("draft.no_text", path=source))
    return text


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _decode(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data:  # text in UTF-16 without its mark, or not text at all
        candidates = [_strict(data, e) for e in ("utf-16-le", "utf-16-be")]
        readable = [t for t in candidates if t is not None and _readable(t) > 0.9]
        return max(readable, key=_common_share) if readable else None
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        return utf8
    # GB18030 accepts almost any pair of bytes, Big5 text too: the decoding whose characters
    # are the common ones of its own encoding is the right one.
    decoded = [(t, e) for e in ("gb18030", "big5") if (t := _strict(data, e)) is not None]
    if not decoded:
        return None
    text, _ = max(decoded, key=lambda pair: _common_share(pair[0], pair[1]))
    return text


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _readable(text: str) -> float:
    """The share of characters that are letters, digits, punctuation or spaces."""
    if not text:
        return 0.0
    good = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return good / len(text)


def _common_share(text: str, encoding: str = "gb18030") -> float:
    """The share of Chinese characters that are among the commonly used ones of an encoding:
    GB2312's first level (byte B0A1 to D7FE) or Big5's (A440 to C67E)."""
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not chars:
        return 0.0
    common = 0
    for char in chars:
        try:
            code = char.encode("gb2312" if encoding == "gb18030" else "big5")
        except UnicodeEncodeError:
            continue
        value = int.from_bytes(code, "big")
        low, high = (0xB0A1, 0xD7FE) if encoding == "gb18030" else (0xA440, 0xC67E)
        if low <= value <= high:
            common += 1
    return common / len(chars)


# -- one clean form -------------------------------------------------------------------------------

# Control characters (tab and newline aside) and invisible marks: never part of a report.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff]")
# A pinyin gloss a converter added after a character: 生產(chǎn), 會(huì ).
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（]\s*[a-z{_TONES}]{{1,7}}\s*[)）]")
# One character for another, so that the patterns need to know only one form.
_SAME = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "％": "%",
        "．": ".",
        "﹪": "%",
        ";": "；",
        "﹔": "；",
        "﹐": "，",
        "､": "、",
        "﹑": "、",
        "(": "（",
        ")": "）",
        "!": "！",
        "｡": "。",
        "\u3000": " ",
        "\xa0": " ",
        "\t": " ",
        "“": "“",
        "〝": "“",
        "〞": "”",
        "﹕": "：",
        "−": "-",
        "～": "~",
    }
)
# An ASCII comma or colon: a thousands separator or a ratio between digits, else punctuation.
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_COMMA = re.compile(r",")
_COLON = re.compile(r"(?<!\d):|:(?!\d)")
# Spaces matter only between two Latin letters or digits (PM2.5 PM10); elsewhere a report's
# spaces are layout: 增长 7 %, 地 区 生 产 总 值.
_SPACES = re.compile(r"(?<![A-Za-z0-9.]) +| +(?![A-Za-z0-9])")
# A token a site injected at the end of a paragraph: 发展。hd9
_INJECTED = re.compile(r"(?<=[\u4e00-\u9fff。，；：”）])[a-z]{1,4}\d{0,3}$")
# Where a line ends a sentence or an item, and where one begins: a line that does neither was
# broken by the page's width.
_ENDS = tuple("。；！？：…”）】》")
_STARTS = re.compile(
    r"^(?:——|—|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[、.．]|[•●·■◆▲★※])"
)


def simplified(text: str) -> str:
    """Traditional characters as simplified, by OpenCC (a repost from Hong Kong or Taiwan)."""
    import opencc

    return str(_converter(opencc).convert(text))


_CONVERTERS: list[Any] = []  # made once: OpenCC reads its dictionaries when made


def _converter(opencc: Any) -> Any:
    if not _CONVERTERS:
        _CONVERTERS.append(opencc.OpenCC("t2s.json"))
    return _CONVERTERS[0]


class Line(NamedTuple):
    text: str
    number: int  # the line of the cleaned text, from 0


def clean(text: str) -> str:
    """The one form ``draft`` reads: see the module docstring."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _CONTROL.sub("", text)
    text = _GLOSS.sub("", text)
    text = simplified(text).translate(_SAME)
    text = _THOUSANDS.sub("", text)
    text = _COMMA.sub("，", text)
    text = _COLON.sub("：", text)
    lines = [_SPACES.sub("", line).strip() for line in text.split("\n")]
    lines = [_INJECTED.sub("", line) for line in lines]
    return "\n".join(_joined(lines))


def _joined(lines: list[str]) -> list[str]:
    """Lines broken by a page's width put back together; lines a page meant kept apart.

    A line is taken as broken when it is about as long as the text's long lines (it filled
    the width), does not end a sentence, and the next line does not begin an item; or when it
    ends inside a number (3\\n200亩).
    """
    long = [line for line in lines if len(line) >= 20]
    lengths = sorted(len(line) for line in long)
    width = lengths[len(lengths) // 2] if len(lengths) >= 3 else 0
    # a text hard-wrapped at a width: many long lines of about that length end mid-sentence
    cut = [x for x in long if abs(len(x) - width) <= 0.15 * width and not x.endswith(_ENDS)]
    if len(cut) < 0.3 * len(long):
        width = 0
    out: list[list[str]] = []  # each line as its parts: joined once, so the joining is linear
    for line in lines:
        before = out[-1][-1] if out else ""
        if before and line and _continues(before, line, width):
            out[-1].append(line)
        elif before and _PREDICATE_FIRST.match(line) and not before.endswith(_ENDS):
            # 完成一般公共预算收入33.2亿元 / 增长10.5%: a line that only goes on with the one
            # before (a poster's layout)
            out[-1] += ["，", line] if _FIGURE_LAST.search(before) else [line]
        else:
            out.append([line])
    return [joined for parts in out if (joined := "".join(parts))]


_PREDICATE_FIRST = re.compile(r"^(?:同比)?(?:增长|下降|增速|增幅|分别增长|分别下降|达到|降低)[\d.]")
_FIGURE_LAST = re.compile(r"\d(?:\.\d+)?(?:%|[\u4e00-\u9fff]{1,4})?$")


def _continues(before: str, line: str, width: int) -> bool:
    if before[-1].isdigit() and (line[0].isdigit() or line[0] in ".%"):
        return True
    if before[-1] == "." and line[0].isdigit():
        return True
    return (
        width >= 25
        and len(before) >= 0.85 * width
        and not before.endswith(_ENDS)
        and _STARTS.match(line) is None
    )


def lines_of(text: str) -> list[Line]:
    """The cleaned text's lines, numbered."""
    return [Line(t, i) for i, t in enumerate(text.split("\n"))]
