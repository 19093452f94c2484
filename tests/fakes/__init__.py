"""Fakes for tests: real servers and small implementations that record what they were sent."""
