"""Sanity checks for the hold-out pack. Run with a Python that has pypdf installed."""
import collections, html, json, os, re, sys
import pypdf

HERE = os.path.dirname(os.path.abspath(__file__))
POL = os.path.join(HERE, "policies")
DECISIONS = {"approve", "restrict", "reject", "escalate"}


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def extract(name):
    path = os.path.join(POL, name)
    if name.endswith(".pdf"):
        return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
    raw = open(path, encoding="utf-8").read()
    if name.endswith(".html"):
        raw = re.sub(r"<head>.*?</head>", " ", raw, flags=re.S)
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return raw


texts = {n: norm(extract(n)) for n in sorted(os.listdir(POL))}
errors = []
for n, t in texts.items():
    wc = len(t.split())
    print(f"{n}: {wc} words")
    if not 500 <= wc <= 1100:
        errors.append(f"{n}: word count {wc} outside 500-1100")

ids, dec, cond, appr_reg = set(), collections.Counter(), 0, 0
tagc = collections.Counter()
with open(os.path.join(HERE, "cases.jsonl"), encoding="utf-8") as f:
    for ln, line in enumerate(f, 1):
        try:
            c = json.loads(line)
        except Exception as e:
            errors.append(f"line {ln}: bad JSON {e}")
            continue
        for k in ("id", "question", "filters", "expected_decision", "expected_evidence", "reference_answer", "tags"):
            if k not in c:
                errors.append(f"line {ln}: missing {k}")
        if c["id"] in ids:
            errors.append(f"duplicate id {c['id']}")
        ids.add(c["id"])
        d = c["expected_decision"]
        if d not in DECISIONS:
            errors.append(f"{c['id']}: bad decision {d}")
        dec[d] += 1
        tagc.update(c["tags"])
        if "condition" in c["tags"]:
            cond += 1
        m = c["filters"].get("market")
        if m is not None and not re.fullmatch(r"[A-Z]{2}", m):
            errors.append(f"{c['id']}: bad market {m}")
        if "uncovered" in c["tags"] and c["expected_evidence"]:
            errors.append(f"{c['id']}: uncovered case with evidence")
        if d != "escalate" or "case-by-case" in c["tags"]:
            if not c["expected_evidence"]:
                errors.append(f"{c['id']}: no evidence")
        for ev in c["expected_evidence"]:
            src, q = ev["source"], norm(ev["quote"])
            if src not in texts:
                errors.append(f"{c['id']}: unknown source {src}")
                continue
            n = len(q.split())
            if not 5 <= n <= 25:
                errors.append(f"{c['id']}: quote has {n} words: {q[:50]}")
            if q not in texts[src]:
                errors.append(f"{c['id']}: quote not found in {src}: {q}")

print("cases:", len(ids), dict(dec))
print("condition-tagged:", cond)
print("tags:", dict(tagc))
if errors:
    print("\n".join(errors))
    sys.exit(1)
print("OK")
