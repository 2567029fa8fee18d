"""Signed webhooks over HTTP(S) (urllib3), with SSRF protection."""
from adapters.netguard import is_internal_address
from adapters.webhook.sender import HttpWebhookSender, sign, verify_signature

__all__ = ["HttpWebhookSender", "is_internal_address", "sign", "verify_signature"]
