"""Planloom's scheduling engine: pure domain code, stdlib only.

Public API::

    from domain.scheduling import problem_from_json, plan, plan_to_json
    plan_ = plan(problem_from_json(data), previous=None)
"""
from domain.scheduling.engine import dispatch_plan, greedy_plan, plan
from domain.scheduling.json_format import blocks_from_json, plan_to_json, problem_from_json
from domain.scheduling.problem import (Block, Interval, Lateness, Plan, PlanMetrics, Problem,
                                       Shortfall, TaskSpec, Unscheduled)

__all__ = [
    "Block", "Interval", "Lateness", "Plan", "PlanMetrics", "Problem", "Shortfall", "TaskSpec",
    "Unscheduled", "blocks_from_json", "dispatch_plan", "greedy_plan", "plan", "plan_to_json", "problem_from_json",
]
