"""Plans: the resident's one plan and its parts (story, what matters, what I can do, goals,
agreements, evaluations), the intake that starts it, the caseload and the print view.
Who may see or change a part is decided by `samenplan.sharing.policy`, never here."""
