"""Measuring: life domains and self-assessment instruments (configured as data, not code),
measurements by the resident and by professionals, and the spider-web chart."""
