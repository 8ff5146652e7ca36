"""One module per family of CLI sub-commands; each imports only the core it needs."""
