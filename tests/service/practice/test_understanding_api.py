"""Over HTTP: a misunderstood fact comes back as `understanding`, the partner corrects it in role, the
goal stays open, and the report lists it under Ymmärtäminen / Understanding."""

from __future__ import annotations


def test_a_wrong_amount_is_corrected_and_reported(client, users) -> None:  # type: ignore[no-untyped-def]
    p = users["participant"]
    r = client.post("/api/v1/simulations", json={"scenario": "kitchen-food-prep-special-diets"}, headers=p.headers)
    assert r.status_code == 201, r.text
    sid = r.json()["id"]
    client.post(f"/api/v1/simulations/{sid}/turns", json={"text": "Huomenta! Mitä minä teen ensin?"}, headers=p.headers)
    wrong = client.post(f"/api/v1/simulations/{sid}/turns", json={"text": "Eli kolme kiloa kaalia ja kuusi kiloa porkkanaa?"},
                        headers=p.headers)
    assert wrong.status_code == 200, wrong.text
    body = wrong.json()
    assert body["partner_turn"]["kind"] == "correction" and "kaksitoista" in body["partner_turn"]["text"].lower()
    assert {u["fact"] for u in body["understanding"]} == {"cabbage", "carrot"}
    assert not next(g for g in body["goals"] if g["id"] == "repeat_amounts")["reached"]
    right = client.post(f"/api/v1/simulations/{sid}/turns", json={"text": "Anteeksi, kaksitoista kiloa kaalia ja neljä kiloa porkkanaa."},
                        headers=p.headers).json()
    assert right["understanding"] == [] and next(g for g in right["goals"] if g["id"] == "repeat_amounts")["reached"]
    report = client.post(f"/api/v1/simulations/{sid}/finish", headers=p.headers).json()["report"]
    assert report["understanding"]["title_en"] == "Understanding" and len(report["understanding"]["misunderstood"]) == 2
