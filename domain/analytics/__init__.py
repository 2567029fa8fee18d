"""Insights: facts of closed tasks and re-plans, their daily and weekly rollups, and the reports over them."""
