"""The municipality's programme ("Ruimte voor leven"): goals tied to Brede Welvaart themes,
actions with a lead organisation and a work group, progress updates, organisations asking
to join or proposing actions, and the public page of what the city is doing. See
`docs/learning.md`."""
