"""The error a user's configuration raises, apart from the configuration's loader: the modules
that read one of its settings (ingest reads ``corpus.max_file_bytes``) raise it without
importing the loader, which imports them."""
from __future__ import annotations


class ConfigError(Exception):
    """A user mistake in the configuration: the message is one line naming the file (and line)."""
