"""Our own Finnish grammar rules, one module per rule family. Each module has
`check(ctx: RuleContext) -> list[FeedbackIssue]`; `RULES` holds them in the order they run (earlier
families claim a word first, so a later rule does not give a second, different fix), `RULE_FAMILIES`
their names."""

from finnish.rules import agreement, government, numeral, object_case, postposition
from finnish.rules.base import RuleContext

__all__ = ["RuleContext", "RULES", "RULE_FAMILIES"]

RULES = (government, postposition, numeral, object_case, agreement)
RULE_FAMILIES = tuple(rule.__name__.rsplit(".", 1)[1] for rule in RULES)
