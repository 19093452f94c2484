"""The words and phrases of one job task as practice material: cards with the forms the task's own
texts use, exercises made from those texts, and an answer checker that reads the answer's morphology
(right form / right word in another form / a typing slip / another word)."""
