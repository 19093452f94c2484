"""The material a scenario bound to a stored profile reads from the profile version it names."""

from __future__ import annotations

from finnish.profile import TaskProfile
from simulations.scenario import ProfileGrounding

PROFILE_TERMS = 40  # as many as the report counts for a shipped task profile
PHRASES = 12
TEXTS = 12


def profile_grounding(profile: TaskProfile) -> ProfileGrounding:
    """Key terms (strongest first, single words), phrases and example sentences of one profile version."""
    terms = sorted((t for t in profile.key_terms if not t.multiword), key=lambda t: -t.keyness)
    examples = list(dict.fromkeys(e for t in terms for e in t.examples if e.strip()))
    return ProfileGrounding(
        key_terms=[t.lemma for t in terms[:PROFILE_TERMS]],
        phrases=list(dict.fromkeys(p.text for p in profile.phrases))[:PHRASES],
        texts=examples[:TEXTS],
    )
