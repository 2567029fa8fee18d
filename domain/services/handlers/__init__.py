"""Command and event handler tables."""
from domain import commands, events
from domain.services import caching
from domain.services.handlers import (calendars, catalog, language, learning, notifications, reminders, schedule, tasks,
                                      users)

COMMAND_HANDLERS = {
    commands.RegisterUser: users.register_user,
    commands.Authenticate: users.authenticate,
    commands.UpdateProfile: users.update_profile,
    commands.ChangeRole: users.change_role,
    commands.SavePreferences: users.save_preferences,
    commands.CreateTask: tasks.create_task,
    commands.UpdateTask: tasks.update_task,
    commands.DeleteTask: tasks.delete_task,
    commands.CreateCategory: catalog.create_category,
    commands.UpdateCategory: catalog.update_category,
    commands.DeleteCategory: catalog.delete_category,
    commands.CreateTag: catalog.create_tag,
    commands.RenameTag: catalog.rename_tag,
    commands.DeleteTag: catalog.delete_tag,
    commands.ReplanSchedule: schedule.replan_schedule,
    commands.PinBlock: schedule.pin_block,
    commands.PinTaskBlocks: schedule.pin_task_blocks,
    commands.MoveBlock: schedule.move_block,
    commands.AddBusyTime: schedule.add_busy_time,
    commands.DeleteBusyTime: schedule.delete_busy_time,
    commands.Notify: notifications.notify,
    commands.NotifyPlanOutcome: notifications.notify_plan_outcome,
    commands.RemindBlockStarting: reminders.remind_block_starting,
    commands.NotifyOverdue: reminders.notify_overdue,
    commands.SendDailyAgenda: reminders.send_daily_agenda,
    commands.DeliverNotification: notifications.deliver_notification,
    commands.MarkNotificationRead: notifications.mark_read,
    commands.ParseText: language.parse_text,
    commands.QuickAdd: language.quick_add,
    commands.RunSlashCommand: language.run_slash_command,
    commands.StartFineTune: learning.start_fine_tune,
    commands.RefreshFineTune: learning.refresh_fine_tune,
    commands.ConnectCalendar: calendars.connect_calendar,
    commands.UpdateCalendar: calendars.update_calendar,
    commands.DisconnectCalendar: calendars.disconnect_calendar,
    commands.SyncCalendar: calendars.sync_calendar,
    commands.ListRemoteCalendars: calendars.list_remote_calendars,
    commands.PublishPlan: calendars.publish_plan,
}

# In-process reactions, run after the command's commit. Cross-process ones are consumers.
EVENT_HANDLERS: dict = {
    events.TaskCreated: [caching.invalidate],
    events.TaskUpdated: [caching.invalidate, learning.record_correction],
    events.TaskCompleted: [caching.invalidate],
    events.TaskDeleted: [caching.invalidate],
    events.PreferencesChanged: [caching.invalidate],
    events.ScheduleChanged: [caching.invalidate, calendars.publish_plan_on_change],
    events.CatalogChanged: [caching.invalidate],
    events.CalendarSynced: [caching.invalidate],
}
