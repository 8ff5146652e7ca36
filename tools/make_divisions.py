"""Regenerate tui/annotate/data/divisions.txt: China's administrative divisions (province, prefecture and
county level) from the table that the MIT-licensed ``cpca`` package ships (``cpca/resources/adcodes.csv``,
2020 codes).

Only the names are kept. We do not depend on cpca at run time: it pulls in pandas for a 3,500-line table.
Usage: pip download cpca --no-deps -d /tmp/cpca && python tools/make_divisions.py /tmp/cpca/cpca-*.whl
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tui" / "annotate" / "data" / "divisions.txt"
# names that are also common words, or too short to tell from one
GENERIC = {"县", "城区", "老城区", "新城区", "郊区", "矿区", "市辖区", "新市区", "市中区", "解放区", "西区", "东区", "新区", "开发区"}


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as z:
        table = z.read("cpca/resources/adcodes.csv").decode("utf-8")
    names = {row["name"] for row in csv.DictReader(io.StringIO(table))}
    keep = sorted(n for n in names if len(n) >= 3 and n not in GENERIC)
    header = ("# China's administrative divisions, province to county level (2020 codes), from the table of the\n"
              "# cpca package (MIT licence, (c) 2018 QinYuan Du). Regenerate with tools/make_divisions.py.\n")
    OUT.write_text(header + "\n".join(keep) + "\n", encoding="utf-8")
    print(f"{len(keep)} names → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
