"""Article-level annotation: a name proved in one paragraph is a name in every paragraph.

The rules prove a person by context (统战部部长李金国, 李金国出席); later paragraphs often mention the
name bare (李金国在讲话中指出), where jieba splits it and a rule alone would miss it or take 金国 for a
place. Paragraphs are annotated (and cached) one by one; this pass then finds each proved name across
the article. Page layout sometimes puts a justification space inside a name (李金 国), so one space
between characters is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import Future

from tui.annotate import ENTITY_TYPES, annotate
from tui.annotate.cache import AnnotationCache
from tui.annotate.helper import Helper, helper_from, split_for_helper
from tui.annotate.spans import non_overlapping
from tui.model import Span, SpanType

MIN_NAME = 2


def annotate_article(texts: list[str]) -> list[list[Span]]:
    return propagate_names(texts, [annotate(t) for t in texts])


def propagate_names(texts: list[str], spans: list[list[Span]]) -> list[list[Span]]:
    names = {s.text for ss in spans for s in ss if s.type == SpanType.PERSON and len(s.text) >= MIN_NAME and " " not in s.text}
    if not names:
        return spans
    ordered = sorted(names, key=len, reverse=True)
    spaced: re.Pattern[str] | None = None
    out: list[list[Span]] = []
    for text, found in zip(texts, spans, strict=True):
        extra = [Span(at, at + len(n), SpanType.PERSON, n) for n in ordered for at in _occurrences(text, n)]
        if " " in text or "\u3000" in text:  # a name with a justification space inside: the slow way
            spaced = spaced or re.compile("|".join(r"[ \u3000]?".join(map(re.escape, n)) for n in ordered))
            extra += [Span(m.start(), m.end(), SpanType.PERSON, m.group(0)) for m in spaced.finditer(text)]
        known = {(s.start, s.end) for s in found if s.type == SpanType.PERSON}
        if any((s.start, s.end) not in known for s in extra):  # most mentions were found by the rules already
            found = non_overlapping(found + extra, lambda s: s.type in ENTITY_TYPES)
        out.append(found)
    return out


def _occurrences(text: str, name: str) -> list[int]:
    """Where ``name`` starts in ``text`` (``str.find``: a regex compiled per article cost 12 % of annotating)."""
    out = []
    at = text.find(name)
    while at >= 0:
        out.append(at)
        at = text.find(name, at + len(name))
    return out


def annotate_in_order(texts: list[str], cache: AnnotationCache,
                      on_first_screen: Callable[[dict[int, list[Span]]], None] | None = None,
                      cancelled: Callable[[], bool] = lambda: False, first_screen: int = 12,
                      helper: Helper | None = None) -> dict[int, list[Span]] | None:
    """Spans for each text, keyed by position in ``texts`` (which come nearest-to-the-screen first).

    Cached texts cost a look-up; the rest are annotated here and cached in one transaction (a commit per
    paragraph was ~30 ms on a long article). ``on_first_screen`` receives what is ready once the first
    ``first_screen`` texts are done, so the screen in view lights up first. None when cancelled.

    With a ready ``helper`` and enough text left, the texts furthest from the screen go to the helper
    process and are annotated there while this thread does the rest: a 22k-character story is lit in
    about half the time. Whatever the helper fails to return is annotated here."""
    spans: dict[int, list[Span]] = {}
    todo: list[int] = []
    for i, text in enumerate(texts):
        got = cache.cached(text)
        if got is None:
            todo.append(i)
        else:
            spans[i] = got
    remote: list[int] = []
    future = None
    if helper is not None and helper.ready and sum(len(texts[i]) for i in todo) >= helper_from():
        keep = split_for_helper([len(texts[i]) for i in todo])
        todo, remote = todo[:keep], todo[keep:]
        future = helper.submit([texts[i] for i in remote]) if remote else None
        if future is None:
            todo, remote = todo + remote, []
    for n, i in enumerate(todo, start=1):
        if cancelled():
            return None
        spans[i] = annotate(texts[i])
        if n == first_screen and (n < len(todo) or remote) and on_first_screen is not None:
            on_first_screen(dict(spans))
    if future is not None:
        answer = _collect(future, cancelled)
        if answer is _CANCELLED:
            return None
        answers: list[list[Span] | None] = [None] * len(remote)
        if isinstance(answer, list) and len(answer) == len(remote):
            answers = [a if isinstance(a, list) else None for a in answer]
        for i, result in zip(remote, answers, strict=True):
            spans[i] = result if result is not None else annotate(texts[i])
    done = todo + remote
    cache.put_many([(texts[i], spans[i]) for i in done])
    return spans


_CANCELLED = object()


def _collect(future: Future[list[list[Span]]], cancelled: Callable[[], bool]) -> object:
    """The helper's answer, _CANCELLED, or None when it failed (its texts are then annotated here)."""
    while True:
        if cancelled():
            future.cancel()
            return _CANCELLED
        try:
            return future.result(timeout=0.01)
        except TimeoutError:
            continue
        except Exception:  # noqa: BLE001 - a dead or failing helper only costs us the parallelism
            return None
