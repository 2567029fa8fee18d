"""Quick-add language: the local, deterministic interpreter of task lines and slash commands."""
