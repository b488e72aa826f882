"""Case conferences around a resident's plan (the Brede Hoed team), with the resident at the
table: convening, her consent to who joins and what the table sees while it runs, the
agenda, versioned minutes, decisions that become agreements in her plan, and her answer.
Next to it the light version, a consult of one other organisation (anonymous, or about one
consented part), and breakthrough requests to the municipality's breakthrough officer, with
an anonymous copy for the recurring themes. See `docs/conferences.md`."""
