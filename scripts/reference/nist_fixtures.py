#!/usr/bin/env python3
"""Generate fixtures/nist/ from a copy of the NIST StRD linear least-squares datasets.

Usage (dev time only; the project never runs this at test time):

    python3 scripts/reference/nist_fixtures.py /path/to/nist fixtures/nist

where /path/to/nist holds `<Name>.csv` (the NIST data tokens, header `y,x` or `y,x1..x6`) and
`certified.json` (certified values), as transcribed from the NIST StRD `.dat` files
(https://www.itl.nist.gov/div898/strd/lls/lls.shtml, public domain).

For each dataset it writes

* `<Name>.csv`: a wide prices file usable by the CLI with `--returns level`, header
  `time,y,x,x2,...` (polynomial models) or `time,y,x1,...,x6` (Longley). The time column is
  2000-01-01 + i days. Every value is the correctly rounded IEEE double of the exact value,
  printed with Python's repr (shortest round-trip text): polynomial terms x^k are computed
  exactly in rational arithmetic from the decimal text of x and rounded once, never by
  repeated floating-point multiplication.
* `<Name>.positions.csv`: `symbol,quantity,hedges` with one row `y,1,<regressor columns>`.

and `certified.json`: per dataset the intercept flag, the regressor column names, the
certified coefficients with their standard deviations, the residual SD, R^2 and the ANOVA F.
"""
import csv
import datetime
import json
import os
import sys
from fractions import Fraction

ORDER = [
    "Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
    "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5",
]
DEGREE = {"Norris": 1, "Pontius": 2, "NoInt1": 1, "NoInt2": 1, "Filip": 10,
          "Wampler1": 5, "Wampler2": 5, "Wampler3": 5, "Wampler4": 5, "Wampler5": 5}


def double_text(value: Fraction) -> str:
    """Correctly rounded double of an exact rational, as its shortest round-trip text."""
    return repr(float(value))  # float(Fraction) rounds correctly (round-half-even)


def main(src: str, dst: str) -> None:
    cert = json.load(open(os.path.join(src, "certified.json")))["datasets"]
    os.makedirs(dst, exist_ok=True)
    out_cert = {}
    day0 = datetime.date(2000, 1, 1)
    for name in ORDER:
        meta = cert[name]
        with open(os.path.join(src, meta["csv"]), newline="") as fh:
            rows = list(csv.reader(fh))
        header, data = rows[0], rows[1:]
        if name == "Longley":
            names = header[1:]
            table = [[Fraction(r[0])] + [Fraction(v) for v in r[1:]] for r in data]
        else:
            deg = DEGREE[name]
            names = ["x"] + ["x%d" % k for k in range(2, deg + 1)]
            table = [[Fraction(r[0])] + [Fraction(r[1]) ** k for k in range(1, deg + 1)] for r in data]
        with open(os.path.join(dst, name + ".csv"), "w", newline="") as fh:
            fh.write(",".join(["time", "y"] + names) + "\n")
            for i, row in enumerate(table):
                day = (day0 + datetime.timedelta(days=i)).isoformat()
                fh.write(",".join([day] + [double_text(v) for v in row]) + "\n")
        with open(os.path.join(dst, name + ".positions.csv"), "w", newline="") as fh:
            fh.write("symbol,quantity,hedges\n")
            fh.write("y,1,%s\n" % " ".join(names))
        out_cert[name] = {
            "observations": meta["observations"],
            "difficulty": meta["difficulty"],
            "model": meta["model"],
            "intercept": meta["intercept"],
            "regressors": names,
            "coefficients": [
                {"name": c["name"], "estimate": c["estimate"], "estimate_text": c["estimate_text"],
                 "sd": c["sd"], "sd_text": c["sd_text"]}
                for c in meta["coefficients"]
            ],
            "residual_sd": meta["residual_sd"],
            "residual_sd_text": meta["residual_sd_text"],
            "r_squared": meta["r_squared"],
            "r_squared_text": meta["r_squared_text"],
            "r_squared_definition": meta["r_squared_definition"],
            # null with f_text "Infinity" for the exact fits (Wampler1, Wampler2)
            "f": meta["anova"]["regression"]["f"],
            "f_text": meta["anova"]["regression"]["f_text"],
        }
    doc = {
        "source": "NIST Statistical Reference Datasets, linear least squares "
                  "(https://www.itl.nist.gov/div898/strd/lls/lls.shtml); public domain. See README.md.",
        "generator": "scripts/reference/nist_fixtures.py",
        "datasets": out_cert,
    }
    with open(os.path.join(dst, "certified.json"), "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: nist_fixtures.py <nist-source-dir> <output-dir>")
    main(sys.argv[1], sys.argv[2])
