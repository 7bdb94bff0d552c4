"""Internal: the report document and its renderers (Markdown, HTML, JUnit, terminal, mutation); imports core only."""
