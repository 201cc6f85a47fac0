#!/usr/bin/env python3
"""Reference values for DriftStatisticsTest, computed independently of the Java code with SciPy.

Run with the project's virtualenv (scripts/setup.sh creates it; SciPy comes with MLflow):
    ~/.cache/nightscribe/mlflow-venv/bin/python monitoring/src/test/python/drift_reference.py
The samples are integer formulas, so Java and Python build exactly the same numbers.
"""
import math

import numpy as np
import scipy
from scipy import stats


def no_ties():
    # x on odd ten-thousandths (x.xxx5), y on whole thousandths: no value is in both samples
    x = [(2 * ((i * 7919) % 1000) + 1) / 2000 for i in range(1, 41)]
    y = [((j * 7907) % 1000) / 1000 + 0.1 for j in range(1, 51)]
    return x, y


def ties():
    x = [i % 7 for i in range(1, 61)]
    y = [j % 9 for j in range(1, 46)]
    return x, y


def large_shift():
    # whole ten-thousandths, as profiles keep them; y is x's kind of spread, squeezed and moved up
    x = [((i * 7919) % 10000) / 10000 for i in range(1, 3001)]
    y = [(((j * 7907) % 10000) * 9 // 10 + 1500) / 10000 for j in range(1, 2501)]
    return x, y


def psi(ref, cur, floor=1e-4):
    ref_total, cur_total = sum(ref), sum(cur)
    total = 0.0
    for r, c in zip(ref, cur):
        r = max(r / ref_total, floor)
        c = max(c / cur_total, floor)
        total += (c - r) * math.log(c / r)
    return total


def main():
    print("scipy", scipy.__version__, "numpy", np.__version__)
    for name, (x, y) in [("no_ties", no_ties()), ("ties", ties()), ("large_shift", large_shift())]:
        r = stats.ks_2samp(x, y, alternative="two-sided", method="auto")
        print(f"ks {name}: D={r.statistic!r} p={r.pvalue!r}")
    table = np.array([[500, 300, 200], [450, 350, 200]])
    chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
    print(f"chi2 3 categories: chi2={chi2!r} p={p!r} dof={dof}")
    rate = np.array([[30, 970], [55, 945]])
    chi2, p, dof, _ = stats.chi2_contingency(rate, correction=False)
    print(f"chi2 rate 30/1000 vs 55/1000: chi2={chi2!r} p={p!r}")
    print(f"psi 16k/8k 950:50 vs 400:600: {psi([950, 50], [400, 600])!r}")
    print(f"psi wav/mp3/opus 500:300:200 vs 450:350:200: {psi([500, 300, 200], [450, 350, 200])!r}")
    print(f"psi new category 1000:0 vs 900:100: {psi([1000, 0], [900, 100])!r}")


if __name__ == "__main__":
    main()
