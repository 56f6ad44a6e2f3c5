"""Developer tools: screenshots and set-up scripts."""
