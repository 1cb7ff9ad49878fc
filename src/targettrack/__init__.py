"""targettrack: track a year's development targets against year-to-date figures."""

__version__ = "0.2.0"
