"""Benchmarks: load, queries, HTTP, maps and analyses against graph size (see run.py)."""
