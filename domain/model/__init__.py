"""Entities and value objects of Planloom's core."""
from domain.model.category import Category
from domain.model.preferences import Preferences, WEEKDAYS
from domain.model.schedule import BusyTime, PlanSummary, TimeBlock
from domain.model.tag import Tag
from domain.model.task import Task, TaskQuery, TaskStatus
from domain.model.user import Permission, Role, User

__all__ = [
    "BusyTime", "Category", "Permission", "PlanSummary", "Preferences", "Role", "Tag", "Task", "TaskQuery",
    "TaskStatus", "TimeBlock", "User", "WEEKDAYS",
]
