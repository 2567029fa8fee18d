"""Two-way plan blocks: what the person did to Planloom's events in their own calendar comes back.

Each event Planloom writes carries its block's id and the times Planloom gave it. Read again, an event whose
times differ from those was moved or resized outside Planloom: its block moves there and is pinned, as a
move in Planloom would. A block that was written (``CalendarConnection.written``) and whose event is gone
was deleted there: the block is dropped and the task re-planned, so it gets another time instead of being
silently lost (and not in the same slot again: ``remember_cleared``). Either way the plan is made again at
once (which writes the calendar again, through the ``calendar_write`` consumer).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from domain.model import TimeBlock
from domain.model.calendar import CalendarConnection
from domain.services.handlers.schedule import _replan_in
from ports.calendars import CalendarSource, WrittenBlock
from ports.clock import Clock
from ports.occurrences import OccurrenceLog
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork

LONGEST_BLOCK = timedelta(hours=24)  # as MoveBlock: an event stretched further is not taken as the block's time


@dataclass
class Reconciled:
    moved: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.moved or self.deleted)


def _taken_as_move(seen: WrittenBlock, start: datetime, end: datetime) -> bool:
    return (seen.moved_outside and (seen.start, seen.end) != (start, end)
            and timedelta(0) < seen.end - seen.start <= LONGEST_BLOCK)


def remember_cleared(uow: "UnitOfWork", block: TimeBlock) -> None:
    """The block was deleted outside Planloom: its task keeps out of that slot at the next plans, until the
    slot has ended (kept with the last plan, ``PlanSummary.cleared``). Without a plan there is nothing to
    remember it with (nor a block of Planloom's)."""
    uow.plans.lock(block.user_id)
    last = uow.plans.get(block.user_id)
    if last is not None:
        last.remember_cleared(block.task_id, block.start, block.end)
        uow.plans.save(last)


def reconcile(connection: CalendarConnection, source: CalendarSource, window: tuple[datetime, datetime],
              uow: "UnitOfWork", clock: "Clock", preferences: "PreferencesStore",
              occurrences: "OccurrenceLog") -> Reconciled:
    """Bring the outside changes to Planloom's events into the plan (see the module's docstring); raises
    CalendarUnavailable when the calendar cannot be read."""
    outcome = Reconciled()
    if not connection.write_calendar_url:
        return outcome
    remote = source.read_blocks(connection, *window)
    if remote is None:  # this kind reports changes to its blocks in ``FetchResult.block_changes``, or cannot
        return outcome
    written = {UUID(value) for value in connection.written}
    with uow:
        uow.plans.lock(connection.user_id)
        blocks = {b.id: b for b in uow.blocks.list(connection.user_id, *window)}
        for block_id, seen in remote.items():
            block = blocks.get(block_id)
            if block is not None and _taken_as_move(seen, block.start, block.end):
                block.start, block.end, block.pinned = seen.start, seen.end, True
                uow.blocks.save(block)
                outcome.moved += 1
        gone = {block_id for block_id in written if block_id in blocks and block_id not in remote}
        for block_id in gone:
            remember_cleared(uow, blocks[block_id])
        if gone:
            kept = [b for b in uow.blocks.list(connection.user_id) if b.id not in gone]
            uow.blocks.replace(connection.user_id, kept)
            outcome.deleted = len(gone)
        if outcome.changed:
            _replan_in(uow, connection.user_id, clock, preferences, occurrences)
            uow.commit()
    return outcome
