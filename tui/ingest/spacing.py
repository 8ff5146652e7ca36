"""Spaces a PDF's layout put into Chinese text, taken out again.

Two kinds, both artefacts of setting type, neither of them the author's: letter-spacing (高 端 人 才 需 求, a
run of single characters each followed by a space, used for emphasis or to fill a justified line), and a
lone space between two Han characters inside a body paragraph where a justified line was stretched
(李金 国参加). A headline keeps its spaces: there a space separates the parts of the title (锚定目标 创新突破).
Only spaces are removed, so a citation's source lines still hold the text, and searching finds it.
"""

from __future__ import annotations

import re

from tui.model import Kind

_HAN = "\u3400-\u9fff"
# three or more single Han characters, each separated by one space (ASCII or ideographic)
_LETTER_SPACED = re.compile(rf"(?<![{_HAN}])[{_HAN}](?:[ \u3000][{_HAN}]){{2,}}(?![{_HAN}])")
_JUSTIFIED = re.compile(rf"(?<=[{_HAN}]) (?=[{_HAN}])")
_SPACED_KINDS = (Kind.BODY, Kind.TITLE, Kind.HEADING, Kind.KICKER, Kind.CAPTION)


def join_letter_spacing(text: str) -> str:
    """高 端 人 才 需 求 → 高端人才需求; runs of two or more characters between spaces are left alone."""
    if " " not in text and "\u3000" not in text:
        return text
    return _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", "").replace("\u3000", ""), text)


def drop_justification_spaces(text: str) -> str:
    """李金 国参加 → 李金国参加: a single ASCII space between two Han characters."""
    return _JUSTIFIED.sub("", text) if " " in text else text


def repair(text: str, kind: Kind) -> str:
    """The text of a paragraph of this kind without the layout's spaces."""
    if kind in _SPACED_KINDS:
        text = join_letter_spacing(text)
    if kind is Kind.BODY:
        text = drop_justification_spaces(text)
    return text
