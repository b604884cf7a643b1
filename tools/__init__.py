"""Developer tools: corpora, wheel check, lexicon builders. Not shipped in the wheel."""
