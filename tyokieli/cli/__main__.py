"""`python -m tyokieli.cli`."""

from tyokieli.cli import main

main()
