"""Our own Finnish grammar rules, one module per rule family. Each module has
`check(ctx: RuleContext) -> list[FeedbackIssue]`; `RULE_FAMILIES` lists them in the order they run
(earlier families claim a word first, so a later rule does not give a second, different fix)."""

from finnish.rules.base import RuleContext

__all__ = ["RuleContext", "RULE_FAMILIES"]

RULE_FAMILIES = ("government", "postposition", "numeral", "object_case", "agreement")
