"""The corpus linguist's tools over the search engine: keyword in context (``kwic``) and frequency over
time (``trends``). No Textual here."""
