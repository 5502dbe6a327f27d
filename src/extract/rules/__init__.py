"""Declarative extraction rules: schema, loader, case runner."""
from .engine import RuleError, RuleMatch, RuleSet, default_ruleset

__all__ = ["RuleError", "RuleMatch", "RuleSet", "default_ruleset"]
