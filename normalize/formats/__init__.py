"""Report formats beyond the contract's text and JSON: CriticMarkup, HTML, terminal colour."""
