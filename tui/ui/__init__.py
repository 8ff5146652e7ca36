"""The Textual reader. Displays and dispatches only: all the work is done by the core packages."""
