def pytest_configure(config):
    from django.conf import settings

    # Hashing passwords slowly is a defence for production, not something to wait for in tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
