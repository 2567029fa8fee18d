"""What kind of image a person uploaded (a receipt, a to-do list, a whiteboard...), learned per person."""
