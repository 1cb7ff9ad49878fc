"""The pure core: models, periods, units and quantities, the progress engine, and words."""
