"""Finding a site's privacy policy from its homepage, and its earlier homes in the Wayback Machine.

`monitor add` and `monitor backfill --discover` are built from these parts, each with one job:
`links` ranks a page's links by how much they look like a privacy-policy link, `reads_like`
judges whether a fetched page reads like a privacy policy, `archive` asks the CDX index where
the policy lived before, `fetch` is the small polite HTTP client they share and `add` puts
them together into one explainable decision.
"""
