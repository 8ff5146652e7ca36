"""Regenerate the place lexicons that come from other projects' data, as plain word lists in
tui/annotate/data/ (we depend on neither package at run time).

- ``divisions``: China's administrative divisions, province to county level (2020 codes), from the table that
  the MIT-licensed ``cpca`` package ships (``cpca/resources/adcodes.csv``). cpca itself would pull in pandas
  for a 3,500-line table.
- ``countries``: the Chinese names of the world's countries and territories, from the iso-codes project's
  zh_CN translations of ISO 3166-1 (LGPL-2.1) as pycountry ships them. jieba tags many of them as person
  names (乌克兰, 科威特, 布基纳法索).

Usage:
  pip download cpca --no-deps -d /tmp/w && python tools/make_lexicons.py divisions /tmp/w/cpca-*.whl
  pip download pycountry --no-deps -d /tmp/w && python tools/make_lexicons.py countries /tmp/w/pycountry-*.whl
"""

from __future__ import annotations

import csv
import gettext
import io
import re
import sys
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tui" / "annotate" / "data"
# division names that are also common words, or too short to tell from one
GENERIC = {"县", "城区", "老城区", "新城区", "郊区", "矿区", "市辖区", "新市区", "市中区", "解放区", "西区", "东区", "新区",
           "开发区"}


def divisions(wheel: zipfile.ZipFile) -> tuple[str, list[str]]:
    table = wheel.read("cpca/resources/adcodes.csv").decode("utf-8")
    names = {row["name"] for row in csv.DictReader(io.StringIO(table))}
    return ("China's administrative divisions, province to county level (2020 codes), from the table of the\n"
            "cpca package (MIT licence, (c) 2018 QinYuan Du)."), [n for n in names if len(n) >= 3 and n not in GENERIC]


def countries(wheel: zipfile.ZipFile) -> tuple[str, list[str]]:
    mo = wheel.read("pycountry/locales/zh_CN/LC_MESSAGES/iso3166-1.mo")
    catalog = gettext.GNUTranslations(io.BytesIO(mo))._catalog  # type: ignore[attr-defined]
    names = {v for k, v in catalog.items() if k and isinstance(v, str)}
    return ("Countries and territories in Chinese, from the iso-codes project's zh_CN translations of ISO 3166-1\n"
            "(LGPL-2.1), as shipped by pycountry."), [n for n in names if re.fullmatch(r"[\u4e00-\u9fff·]{2,12}", n)]


def main(kind: str, wheel_path: str) -> None:
    make = {"divisions": divisions, "countries": countries}[kind]
    with zipfile.ZipFile(wheel_path) as wheel:
        about, names = make(wheel)
    out = DATA / f"{kind}.txt"
    header = "".join(f"# {line}\n" for line in about.splitlines()) + "# Regenerate with tools/make_lexicons.py.\n"
    out.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names → {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
