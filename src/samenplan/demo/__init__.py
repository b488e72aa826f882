"""Demo: realistic demo data for a Helmond-like town, and synthetic data at scale."""
