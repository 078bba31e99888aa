"""Fit the confidence map (assistant/confidence.py) on a golden set, with cross-validation.

    .venv/bin/python scripts/fit_confidence.py evals/golden/sample.jsonl --store /tmp/s9c-s --store /tmp/s9c-sp \
        --pack tests/fixtures/blind_dev/cases.jsonl=/tmp/s9c-d --pack tests/fixtures/blind_dev2/cases.jsonl=/tmp/s9c-e \
        --pack tests/fixtures/blind_dev3/cases.jsonl=/tmp/s9c-f

Asks every case through the same chain as `policydesk ask`, keeps the answers that may ever
go auto (core.calibration.may_auto), and fits an L2 logistic regression of "the verdict is
right" on the trace features. Several stores may be given: the same cases asked of
the corpus as written and of a copy with its decision markers stripped (`{#ID decision=...}`
removed from the Markdown headings), so the map also learns how prose readings go wrong, which
is what policies without markers give. Folds keep a case's answers from all stores together. Prints the cross-validated AUC (each case scored by a model that
never saw it), the risk-coverage rows of those out-of-fold scores, with several golden sets
the leave-one-pack-out AUC (each pack scored by a fit on the others: the nearest estimate of
how the map ranks answers on policies it was not fitted on), and the coefficients to
paste into `WEIGHTS.confidence_model`. Only ever run it on the sample golden set and the blind
dev packs (`--pack tests/fixtures/blind_dev/cases.jsonl=STORE`): fitting on evals/validation/ or
evals/holdout/ would make their figures meaningless. Needs scikit-learn (a dev tool, not a
runtime dependency).
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np


def collect(golden: str, stores: list[str], first: int = 0) -> tuple[list[str], np.ndarray, np.ndarray]:
    from policydesk.assistant.chain import ask
    from policydesk.assistant.confidence import FEATURE_NAMES
    from policydesk.core.calibration import may_auto
    from policydesk.core.settings import Settings
    from policydesk.evals.golden import load_golden

    ids, rows, labels = [], [], []
    for k, store in enumerate(stores, start=first):
        settings = Settings(store=store)
        for case in load_golden(golden):
            ans = ask(case.question, filters=case.to_filters(), settings=settings)
            if not may_auto(ans.verdict, ans.verdict_source) or not ans.confidence_features:
                continue
            ids.append(f"{k}:{golden}/{case.id}")
            rows.append([ans.confidence_features[n] for n in FEATURE_NAMES])
            labels.append(int(ans.verdict == case.expected_decision))
    return ids, np.asarray(rows, dtype=float), np.asarray(labels)


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, scores))


def table(scores: np.ndarray, y: np.ndarray, n_cases: int) -> list[tuple[float, int, float, float]]:
    out = []
    for t in np.arange(0.0, 1.0001, 0.05):
        m = scores >= t
        if m.sum():
            out.append((round(float(t), 2), int(m.sum()), m.sum() / n_cases, float(y[m].mean())))
    return out


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression

    from policydesk.assistant.confidence import FEATURE_NAMES

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("golden", nargs="?", default="")
    ap.add_argument("--store", action="append", default=[], help="a store to ask (repeat for several)")
    ap.add_argument("--pack", action="append", default=[], metavar="GOLDEN=STORE",
                    help="another golden set and its store (repeat): the blind dev packs, never a held-out pack")
    ap.add_argument("--c", type=float, default=0.3,
                    help="inverse L2 strength (0.3: on the sample set plus the three blind dev packs, "
                         "leave-one-pack-out AUC plateaus from 0.03 to 0.3 and falls above 1; the sample set alone preferred 10)")
    ap.add_argument("--features", default="", help="comma-separated subset (default: all)")
    ap.add_argument("--dump", default="", help="write the feature rows as JSON lines here")
    ap.add_argument("--load", default="", help="read feature rows from a --dump instead of asking")
    ap.add_argument("--n-cases", type=int, default=0, help="cases in the golden set (coverage denominator)")
    args = ap.parse_args(argv)

    if args.load:
        recs = [json.loads(line) for line in open(args.load, encoding="utf-8")]
        ids = [r["id"] for r in recs]
        X = np.asarray([[r["x"][n] for n in FEATURE_NAMES] for r in recs], dtype=float)
        y = np.asarray([r["y"] for r in recs])
    else:
        ids, X, y = collect(args.golden, args.store) if args.golden else ([], np.zeros((0, len(FEATURE_NAMES))), np.zeros(0))
        for spec in args.pack:
            golden, _, store = spec.partition("=")
            more = collect(golden, [store], first=len(set(i.split(":", 1)[0] for i in ids)) + 1)
            ids, X, y = ids + more[0], np.vstack([X, more[1]]), np.concatenate([y, more[2]])
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for i, row, lab in zip(ids, X, y):
                fh.write(json.dumps({"id": i, "x": dict(zip(FEATURE_NAMES, row.tolist())), "y": int(lab)}) + "\n")
    names = [n for n in FEATURE_NAMES if not args.features or n in args.features.split(",")]
    cols = [FEATURE_NAMES.index(n) for n in names]
    X = X[:, cols]
    goldens = [args.golden] if args.golden else []
    goldens += [spec.partition("=")[0] for spec in args.pack]
    n_cases = args.n_cases or sum(1 for g in goldens for line in open(g, encoding="utf-8") if line.strip())

    cases = sorted({i.split(":", 1)[1] for i in ids})
    group = np.asarray([cases.index(i.split(":", 1)[1]) for i in ids])
    store_of = np.asarray([i.split(":", 1)[0] for i in ids])
    oof = np.zeros((5, len(y)))
    rng = np.random.default_rng(0)
    for rep in range(5):
        fold_of = rng.permutation(len(cases)) % 5
        for f in range(5):
            te = fold_of[group] == f
            model = LogisticRegression(C=args.c, max_iter=1000).fit(X[~te], y[~te])
            oof[rep, te] = model.predict_proba(X[te])[:, 1]
    print(f"eligible {len(y)}, right {int(y.sum())}, wrong {int(len(y) - y.sum())}")
    for st in sorted(set(store_of)):
        m = store_of == st
        cv_aucs = [auc(o[m], y[m]) for o in oof]
        print(f"store {st}: {int(m.sum())} answers, cross-validated AUC (5 repeats of 5 case folds): "
              f"mean {np.mean(cv_aucs):.3f} (min {min(cv_aucs):.3f}, max {max(cv_aucs):.3f})")
        for t, n, cov, prec in table(oof.mean(axis=0)[m], y[m], n_cases):
            print(f"  oof threshold {t:.2f}: auto {n:3d} coverage {cov:.3f} precision {prec:.3f}")
    packs = np.asarray([next((g for g in goldens if i.split(":", 1)[1].startswith(g + "/")), i.split(":", 1)[1].rsplit("/", 1)[0])
                        for i in ids])
    if len(set(packs)) > 1:
        # what transfer to policies never fitted on looks like: each pack scored by a model fitted on the others
        for pk in sorted(set(packs)):
            te = packs == pk
            if len(set(y[te])) < 2 or len(set(y[~te])) < 2:
                continue
            sc = LogisticRegression(C=args.c, max_iter=1000).fit(X[~te], y[~te]).predict_proba(X[te])[:, 1]
            print(f"pack {pk}: leave-one-pack-out AUC {auc(sc, y[te]):.3f} ({int(te.sum())} answers)")
    model = LogisticRegression(C=args.c, max_iter=1000).fit(X, y)
    coef = {"intercept": round(float(model.intercept_[0]), 3)}
    coef.update({n: round(float(c), 3) for n, c in zip(names, model.coef_[0])})
    print(f"in-sample AUC {auc(model.predict_proba(X)[:, 1], y):.3f}")
    print(json.dumps(coef, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
