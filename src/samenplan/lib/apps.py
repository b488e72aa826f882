from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "samenplan.lib"
    label = "lib"
