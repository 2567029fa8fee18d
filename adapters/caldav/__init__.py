"""CalDAV calendars (Nextcloud, iCloud, Fastmail, Radicale) through the caldav library."""
