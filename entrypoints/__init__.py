"""What drives the core: HTTP, consumers, jobs, the CLI, and the composition root."""
