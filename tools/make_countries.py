"""Regenerate tui/annotate/data/countries.txt: the Chinese names of the world's countries and territories,
from the iso-codes project's zh_CN translations of ISO 3166-1 (LGPL-2.1) as the pycountry package ships them
(``pycountry/locales/zh_CN/LC_MESSAGES/iso3166-1.mo``).

Only plain names are kept (no brackets, commas or spaces). jieba tags many of them as person names (乌克兰,
科威特, 布基纳法索); the entity rules read this list as places.
Usage: pip download pycountry --no-deps -d /tmp/pyc && python tools/make_countries.py /tmp/pyc/pycountry-*.whl
"""

from __future__ import annotations

import gettext
import io
import re
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tui" / "annotate" / "data" / "countries.txt"
MO = "pycountry/locales/zh_CN/LC_MESSAGES/iso3166-1.mo"


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as z:
        catalog = gettext.GNUTranslations(io.BytesIO(z.read(MO)))._catalog  # type: ignore[attr-defined]
    names = {v for k, v in catalog.items() if k and isinstance(v, str)}
    keep = sorted(n for n in names if re.fullmatch(r"[\u4e00-\u9fff·]{2,12}", n))
    header = ("# Countries and territories in Chinese, from the iso-codes project's zh_CN translations of ISO 3166-1\n"
              "# (LGPL-2.1), as shipped by pycountry. Regenerate with tools/make_countries.py.\n")
    OUT.write_text(header + "\n".join(keep) + "\n", encoding="utf-8")
    print(f"{len(keep)} names → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
