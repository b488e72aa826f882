"""Mystery guests: organisations' touchpoints (a letter, an intake, a website, a phone line,
a desk), structured reports by professionals, experts by experience and volunteers who
experienced them, the organisation's response, and the findings per theme for the
programme. Reports are about services, never about residents. See `docs/learning.md`."""
