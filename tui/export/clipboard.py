"""Copying to the clipboard from a terminal program, honestly.

The reader sends OSC 52, which the terminal may or may not obey (nothing comes back to say so). Inside
tmux, whose default ``set-clipboard external`` drops an application's OSC 52, the text is also handed to
tmux itself: ``tmux load-buffer -w -`` fills a tmux buffer (paste with prefix + ]) and passes it on to the
outer terminal's clipboard where tmux is allowed to. The message says which ways were taken.
"""

from __future__ import annotations

import os
import shutil
import subprocess

TMUX_TIMEOUT = 5.0


def to_tmux(text: str) -> str | None:
    """Load the text into tmux's buffer when running inside tmux; None outside it, or a one-line reason
    (starting with "not") when tmux refused."""
    if not os.environ.get("TMUX"):
        return None
    tmux = shutil.which("tmux")
    if tmux is None:
        return "not copied to tmux (the tmux command was not found)"
    try:
        done = subprocess.run([tmux, "load-buffer", "-w", "-"], input=text.encode("utf-8"),
                              capture_output=True, timeout=TMUX_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"not copied to tmux ({exc})"
    if done.returncode != 0:
        return f"not copied to tmux ({done.stderr.decode('utf-8', 'replace').strip() or done.returncode})"
    return "tmux's buffer (prefix + ] pastes it; tmux passes it on to your terminal where set-clipboard allows)"


def copy_message(count: int, tmux: str | None) -> str:
    """What the reader says after copying: OSC 52 cannot be confirmed, so it is said to be sent, not done."""
    osc52 = "sent to the terminal's clipboard (OSC 52, if the terminal allows it)"
    if tmux is None:
        return f"{count} passages {osc52}"
    if tmux.startswith("not"):
        return f"{count} passages {osc52}; {tmux}"
    return f"{count} passages copied to {tmux}; also {osc52}"
