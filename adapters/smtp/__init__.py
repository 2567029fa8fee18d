"""Email over SMTP (stdlib smtplib)."""
from adapters.smtp.sender import SmtpEmailSender

__all__ = ["SmtpEmailSender"]
