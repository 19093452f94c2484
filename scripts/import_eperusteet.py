"""Generates the shipped corpora from the ePerusteet snapshot in ../shared/data/eperusteet:

- corpora/qualifications/<id>.json — one normalised qualification per vocational qualification;
- corpora/cefr/descriptors.json — Kotoutumiskoulutus 2022 level goals and the LUVA 2021 scale.

Usage: .venv/bin/python scripts/import_eperusteet.py [SOURCE_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from corpora.cefr import CEFR_DIR, CefrData, extract_koto_goals, extract_proficiency_scale  # noqa: E402
from corpora.eperusteet import load_document, parse_qualification  # noqa: E402
from corpora.qualifications import SHIPPED_DIR, write_qualification  # noqa: E402

SOURCE = REPO.parent / "shared" / "data" / "eperusteet"
KOTO = "vst-maahanmuuttajien-kotoutumiskoulutus-2022.json"
LUVA = "luva-2021.json"


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else SOURCE
    for old in SHIPPED_DIR.glob("*.json"):
        old.unlink()
    for path in sorted(source.glob("*.json")):
        if path.name in (KOTO, LUVA):
            continue
        q = parse_qualification(load_document(path))
        out = write_qualification(q, SHIPPED_DIR)
        print(f"{path.name} → {out.relative_to(REPO)}: {q.name}, {len(q.units)} units", file=sys.stderr)
    data = CefrData(
        kotoutumiskoulutus_2022=extract_koto_goals(load_document(source / KOTO)),
        proficiency_scale=extract_proficiency_scale(load_document(source / LUVA)),
    )
    CEFR_DIR.mkdir(exist_ok=True)
    (CEFR_DIR / "descriptors.json").write_text(
        json.dumps(data.model_dump(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(
        f"cefr: {len(data.kotoutumiskoulutus_2022)} Kotoutumiskoulutus levels, "
        f"{len(data.proficiency_scale)} scale levels",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
