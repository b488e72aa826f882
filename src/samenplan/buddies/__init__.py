"""The buddy network: volunteers signed up through a volunteer organisation, buddy requests
from a plan, a professional or a hub question, suggested matches, the resident's yes, and
the match's check-ins and end. The buddy joins the plan's network with no grants until
the resident gives them. See `docs/learning.md`."""
