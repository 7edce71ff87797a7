"""The document viewer: continuous pages with highlights, thumbnails, risk panel, search (issue 6)."""
