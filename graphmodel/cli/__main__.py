"""`python -m graphmodel.cli` runs the command line."""

from graphmodel.cli import main

main()
