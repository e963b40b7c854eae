"""`python -m hoptac.scale extract INPUT... OUTPUT`: the `hoptac spark` commands without the `hoptac` command."""

from hoptac.scale.cli import spark

spark(prog_name="python -m hoptac.scale")
