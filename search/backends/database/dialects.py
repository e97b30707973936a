"""What differs between SQLite and PostgreSQL: full-text matching against Wagtail's search index,
dates and the search box's suggestions.

Wagtail's own query API ranks each result with a correlated subquery and lets SQLite probe the
full-text index once per index entry, which takes seconds on ten thousand sessions. Here the match
runs once per statement: the full-text index is read first, and only then joined to the allowed
pages and resources. The words come from `search.query`, which keeps letters and digits only, and
are passed as query parameters, never spliced into SQL; only table and column names (read from
the models) and content type ids (integers from the database) are written into the SQL text.

The index tables are those of Wagtail's index models (`IndexEntry`, and on SQLite its full-text
companion `SQLiteFTSIndexEntry`), named as their metadata names them.
"""

from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from wagtail.search.backends import get_search_backend

# Weights of the full-text columns for SQLite's bm25: the title counts most, autocomplete not at all.
BM25_WEIGHTS = {"title": 5.0, "body": 1.0}


def index_entry_model():
    return apps.get_model("wagtailsearch", "IndexEntry")


class Dialect:
    vendor = ""

    def __init__(self, connection):
        self.connection = connection
        self.q = connection.ops.quote_name
        entry = index_entry_model()
        self.entry = self.q(entry._meta.db_table)
        self.entry_column = {field.name: self.q(field.column) for field in entry._meta.concrete_fields}

    def column(self, name):
        """An index entry column, as the alias `e` reads it."""
        return f"e.{self.entry_column[name]}"

    def title_hits(self, parsed, title):
        """SQL counting how many of the searched words the entry's title (`title`) holds, and its
        parameters."""
        hits = " + ".join([f"(CASE WHEN LOWER({title}) LIKE %s THEN 1 ELSE 0 END)"] * len(parsed.terms))
        return hits or "0", [f"%{term}%" for term in parsed.terms]

    def match_sql(self, parsed, types):
        """SQL and parameters for the index entries of the content types `types` (a list of
        integers written out) that match the query.

        Each row has the entry's id (`eid`), content type (`ct`), object id (`oid`), how many
        searched words its title holds (`hits`) and a relevance score (`score`, higher is better).
        """
        raise NotImplementedError

    def year(self, sql, is_date):
        """SQL for the year of a date or date-time column in the site's time zone, and its params."""
        raise NotImplementedError

    def utc_text(self, sql):
        """SQL writing a date-time column as UTC text, as `WhenFacet` compares it."""
        raise NotImplementedError

    def joined_ids(self, sql):
        """SQL joining the integers of the column `sql` of a group's rows into one text, with commas."""
        raise NotImplementedError

    def uses_own_suggestions(self):
        """Whether suggestions are read from the index directly (`suggestions`) rather than through
        Wagtail's autocomplete."""
        return False


class SQLite(Dialect):
    vendor = "sqlite"

    def __init__(self, connection):
        super().__init__(connection)
        fts = apps.get_model("wagtailsearch", "SQLiteFTSIndexEntry")
        self.fts = self.q(fts._meta.db_table)
        self.fts_row = self.q(fts._meta.pk.column)
        columns = [field for field in fts._meta.concrete_fields if not field.primary_key]
        self.bm25_weights = ", ".join(str(BM25_WEIGHTS.get(field.name, 0.0)) for field in columns)
        self.fts_column = {field.name: self.q(field.column) for field in columns}

    def fts5_expression(self, parsed):
        """An FTS5 MATCH string: every word and every phrase required, in the title or the body."""
        parts = [f'"{word}"' for word in parsed.words]
        parts += ['"' + " ".join(phrase) + '"' for phrase in parsed.phrases]
        return "{title body} : (" + " AND ".join(parts) + ")"

    def match_sql(self, parsed, types):
        hits, hit_params = self.title_hits(parsed, self.column("title"))
        fts = self.fts
        sql = (
            f"SELECT {self.column('id')} AS eid, {self.column('content_type')} AS ct, "  # noqa: S608
            f"CAST({self.column('object_id')} AS INTEGER) AS oid, "
            f"{hits} AS hits, -bm25({fts}, {self.bm25_weights}) AS score "
            f"FROM {fts} JOIN {self.entry} e ON {fts}.{self.fts_row} = {self.column('id')} "
            f"WHERE {fts} MATCH %s AND +{self.column('content_type')} IN ({types})"
        )
        return sql, [*hit_params, self.fts5_expression(parsed)]

    def year(self, sql, is_date):
        # SQLite stores UTC, so the site's offset on New Year's Day (when the year changes) is added.
        shift = ""
        if not is_date:
            zone = timezone.get_current_timezone()
            new_year = datetime(timezone.localdate().year, 1, 1, tzinfo=zone)
            shift = f", '{int(new_year.utcoffset().total_seconds()):+d} seconds'"
        return f"CAST(CAST(strftime('%%Y', {sql}{shift}) AS INTEGER) AS TEXT)", []

    def utc_text(self, sql):
        return f"strftime('%%Y-%%m-%%dT%%H:%%M:%%S', {sql})"

    def joined_ids(self, sql):
        return f"group_concat({sql}, ',')"

    def uses_own_suggestions(self):
        return True

    def suggestions(self, words, page_types, document_types, pages, documents, limit):
        """(content type id, object id) of up to `limit` public pages, then resources, whose
        autocomplete text (their titles) holds every word, the last one as the start of a word; best
        first.

        The same match Wagtail's autocomplete makes on SQLite, read from the full-text index once:
        its own query scores each page with a subquery that probes the index again, which takes
        seconds per keystroke on a large site. `pages` and `documents` are (SQL, params) selecting
        the ids of what the public may see.
        """
        last, *others = reversed(words)
        expression = (
            "{autocomplete} : (" + " AND ".join([f'"{last}"*', *(f'"{word}"' for word in others)]) + ")"
        )
        (pages_sql, pages_params), (documents_sql, documents_params) = pages, documents
        fts, ct = self.fts, self.column("content_type")
        oid = f"CAST({self.column('object_id')} AS INTEGER)"
        sql = (
            f"SELECT {ct}, {oid} FROM {fts} JOIN {self.entry} e "  # noqa: S608
            f"ON {fts}.{self.fts_row} = {self.column('id')} "
            f"WHERE {fts} MATCH %s AND ((+{ct} IN ({page_types}) AND {oid} IN ({pages_sql})) "
            f"OR (+{ct} IN ({document_types}) AND {oid} IN ({documents_sql}))) "
            f"ORDER BY {ct} IN ({document_types}), bm25({fts}), {oid} DESC LIMIT %s"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [expression, *pages_params, *documents_params, int(limit)])
            return [(int(ct), int(pk)) for ct, pk in cursor.fetchall()]


_default_config = {}


class PostgreSQL(Dialect):
    vendor = "postgresql"

    def _config(self):
        """The text search configuration, always named.

        Wagtail's index uses the database's default configuration unless one is set. Naming it
        makes the tsquery functions immutable, so PostgreSQL works them out once while planning
        and can answer each word from the GIN indexes. The default is read once per process.
        """
        config = getattr(get_search_backend(), "config", None)
        if config:
            return config
        alias = self.connection.alias
        if alias not in _default_config:
            with self.connection.cursor() as cursor:
                cursor.execute("SHOW default_text_search_config")
                _default_config[alias] = cursor.fetchone()[0]
        return _default_config[alias]

    def _tsquery(self, parsed):
        """SQL and parameters for a tsquery requiring every word and every phrase."""
        config = self._config()
        pieces, params = [], []
        for function, text in [("plainto_tsquery", " ".join(parsed.words))] * bool(parsed.words) + [
            ("phraseto_tsquery", " ".join(phrase)) for phrase in parsed.phrases
        ]:
            if config:
                pieces.append(f"{function}(%s::regconfig, %s)")
                params += [config, text]
            else:
                pieces.append(f"{function}(%s)")
                params.append(text)
        return " && ".join(pieces), params

    def _required(self, parsed):
        """SQL and parameters requiring every word and every phrase in the title or in the body.

        Each test reads one of the title and body GIN indexes, so no tsvector is built per row. A
        word the dictionary drops (a stop word such as "the") requires nothing, as in a plain
        tsquery; if nothing at all is left, nothing matches.
        """
        config = self._config()
        title, body = self.column("title"), self.column("body")
        terms = [("plainto_tsquery", word) for word in parsed.words]
        terms += [("phraseto_tsquery", " ".join(phrase)) for phrase in parsed.phrases]
        tests, params = [], []
        for function, text in terms:
            call = f"{function}(%s::regconfig, %s)" if config else f"{function}(%s)"
            call_params = [config, text] if config else [text]
            tests.append(f"(numnode({call}) = 0 OR {title} @@ {call} OR {body} @@ {call})")
            params += call_params * 3
        whole, whole_params = self._tsquery(parsed)
        tests.append(f"numnode({whole}) > 0")
        return " AND ".join(tests), [*params, *whole_params]

    def match_sql(self, parsed, types):
        hits, hit_params = self.title_hits(parsed, self.column("title_text"))
        tests, test_params = self._required(parsed)
        tsquery, tsquery_params = self._tsquery(parsed)
        # Ranked while the entry is read: title counts five times as much as the body.
        title, body = self.column("title"), self.column("body")
        score = f"(ts_rank({title}, {tsquery}) * 5 + ts_rank({body}, {tsquery}))"
        sql = (
            f"SELECT {self.column('id')} AS eid, {self.column('content_type')} AS ct, "  # noqa: S608
            f"CAST({self.column('object_id')} AS BIGINT) AS oid, {hits} AS hits, {score} AS score "
            f"FROM {self.entry} e WHERE {self.column('content_type')} IN ({types}) AND {tests}"
        )
        return sql, [*hit_params, *tsquery_params, *tsquery_params, *test_params]

    def year(self, sql, is_date):
        if is_date:
            return f"CAST(CAST(EXTRACT(YEAR FROM {sql}) AS INTEGER) AS TEXT)", []
        local = f"{sql} AT TIME ZONE %s"
        return f"CAST(CAST(EXTRACT(YEAR FROM {local}) AS INTEGER) AS TEXT)", [settings.TIME_ZONE]

    def joined_ids(self, sql):
        return f"string_agg(CAST({sql} AS TEXT), ',')"

    def utc_text(self, sql):
        return f"to_char({sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')"


DIALECTS = {dialect.vendor: dialect for dialect in (SQLite, PostgreSQL)}
