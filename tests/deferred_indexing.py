"""Wagtail's search index and reference index brought up to date when they are read, not on every save.

Saving a page, snippet, image or document asks Wagtail to update both indexes for it (a task each,
run at once). Tests build a great deal of content and most never search or ask where something is
used, yet those updates were about two thirds of the time spent making pages. Here, in the test
process's own thread, the updates are held back (one per object and index, however often it was
saved) and carried out just before the next statement that touches either index's tables, so every
search, every usage count and every test that reads the tables sees exactly what it would have seen
had each save updated them. Each update reads the object as it is then, as the task does when it
runs; one whose object is gone by then has nothing left to index, as Wagtail's delete handlers
already removed it.

Only what a test and its own fixtures save is held back, and what is still held when the test ends
is dropped with its transaction. Content a module or class builds once, tests with committed data
(transactional tests, whose commands and servers in other processes read the database), and saves
while a test server is running (its requests run in other threads) update both indexes on every save
as before. The statements of a held-back update are left out of the query counts tests take: they
belong to the save, not to the page being counted.

Should Wagtail rename or move either task, installing this fails at once (see `install`).
"""

import re
import threading
from contextlib import suppress

from django.core.exceptions import ObjectDoesNotExist
from django.db import connections


class DeferredIndexing:
    def __init__(self):
        self.pending = {}
        self.holding = False
        self.flushing = False
        self.tables = None
        self.thread = threading.main_thread()

    def install(self, monkeypatch_module):
        """Route the two tasks' signal handlers through this object (raising if they moved)."""
        import modelsearch.signal_handlers
        import wagtail.signal_handlers
        from django.apps import apps
        from wagtail.models import ReferenceIndex
        from wagtail.search.models import IndexEntry

        for module, name in (
            (modelsearch.signal_handlers, "insert_or_update_object_task"),
            (wagtail.signal_handlers, "update_reference_index_task"),
        ):
            monkeypatch_module.setattr(module, name, HeldBack(getattr(module, name), self))
        names = {ReferenceIndex._meta.db_table}
        names |= {
            model._meta.db_table for model in apps.get_app_config(IndexEntry._meta.app_label).get_models()
        }
        self.tables = re.compile("|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)))

    def holds(self):
        from django.test.testcases import LiveServerThread

        return (
            self.holding
            and not self.flushing
            and threading.current_thread() is self.thread
            and not any(isinstance(thread, LiveServerThread) for thread in threading.enumerate())
        )

    def hold(self, task, args, kwargs):
        self.pending.setdefault((task, args, tuple(sorted(kwargs.items()))), None)

    def statement(self, execute, sql, params, many, context):
        """An execute wrapper: the held-back updates first, if the statement touches an index."""
        if self.pending and not self.flushing and self.tables.search(sql or ""):
            self.flush()
        return execute(sql, params, many, context)

    def flush(self):
        if not self.pending or threading.current_thread() is not self.thread:
            return
        self.flushing = True
        logged = {alias: connections[alias].force_debug_cursor for alias in connections}
        try:
            for alias in logged:
                connections[alias].force_debug_cursor = False
            while self.pending:
                task, args, kwargs = next(iter(self.pending))
                del self.pending[(task, args, kwargs)]
                # Gone since it was saved: Wagtail's delete handlers already took it out of both.
                with suppress(ObjectDoesNotExist):
                    task.call(*args, **dict(kwargs))
        finally:
            for alias, value in logged.items():
                connections[alias].force_debug_cursor = value
            self.flushing = False

    def drop(self):
        self.pending.clear()

    def watch_connections(self):
        for alias in connections:
            wrappers = connections[alias].execute_wrappers
            if self.statement not in wrappers:
                wrappers.insert(0, self.statement)


class HeldBack:
    """Stands in for a task in the signal handler that enqueues it."""

    def __init__(self, task, deferred):
        self.task = task
        self.deferred = deferred

    def enqueue(self, *args, **kwargs):
        if self.deferred.holds():
            self.deferred.hold(self.task, args, kwargs)
            return None
        return self.task.enqueue(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.task, name)


# The one instance, here rather than in tests/conftest.py: pytest imports that module as `conftest`
# and test modules import it again as `tests.conftest`, which would make two.
DEFERRED_INDEXING = DeferredIndexing()
