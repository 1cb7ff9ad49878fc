"""The targets catalogue: finding it, validating it (``schema``), and caching it (``loading``)."""
