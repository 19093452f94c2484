"""Vocabulary practice: cards of a task's words and phrases, exercises, and spaced repetition (FSRS)
per learner and card."""
