"""The read side: a site's history from the store, and its renderers (text, Markdown, JSON,
HTML, Atom)."""
