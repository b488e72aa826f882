"""Notifications: a short in-app message and a neutral email when something needs a
person's attention (an invitation, a new message, an agreement, access granted or ended).
Emails never carry plan content; a person who lost access gets no more of them."""
