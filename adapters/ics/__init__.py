"""ICS calendars: a feed fetched by address (guarded against SSRF) or a file uploaded once."""
