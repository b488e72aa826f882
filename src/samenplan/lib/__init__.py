"""Small shared pieces: middleware, form rendering, mail, ranking, time helpers."""
