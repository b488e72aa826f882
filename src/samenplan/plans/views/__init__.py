"""Plan pages. Each view gets a `PlanAccess` from the sharing policy first and passes it to
selectors (reads) and services (writes); none decides access itself."""
