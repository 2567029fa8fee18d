"""Command and event handler tables."""
from domain import commands
from domain.services.handlers import catalog, tasks, users

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
}

# Later capabilities (re-planning, notifications) subscribe here.
EVENT_HANDLERS: dict = {}
