"""Sharing: who is in a plan (members), what each member may see or change of each part
(grants), the record of every sharing decision, and `policy`, the one module that answers
every question about access to plan data."""
