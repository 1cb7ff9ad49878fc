"""What the commands do, as plain functions: one per command, each returning a view or outcome.

The CLI parses options, calls one of these, and hands the result to a writer.
"""
