"""Conversations: message threads inside a plan among members the writer chose. A member
sees only the threads they are in, and only while the resident lets them see the
conversations part; the resident sees every thread of their own plan."""
