"""The people around the participant at the workplace: mentors with the participant's consent and
their observations, the intake mapping, and the competence portfolio shared by an expiring link."""
