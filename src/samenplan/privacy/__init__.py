"""The resident's rights under the AVG: "Mijn gegevens" (access and download), requests to
correct, and erasure after the retention period or on request."""
