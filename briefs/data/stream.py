"""Writing a file as it is read: CSV or JSON, chunk by chunk, in constant memory.

The rows come from `queryset.iterator(chunk_size=CHUNK)`: a server-side cursor, so
PostgreSQL hands over CHUNK rows at a time (and prefetches, if any, run per chunk). The
text goes out in pieces of about FLUSH characters, so neither the rows nor the file
are ever held whole.
"""

import csv
import io
import json

from briefs.data.columns import Column, csv_cell, json_value, names

CHUNK = 2000
FLUSH = 64 * 1024


def rows(queryset, row):
    for obj in queryset.iterator(chunk_size=CHUNK):
        yield row(obj)


def csv_lines(columns: list[Column], values):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names(columns))
    for value in values:
        writer.writerow([csv_cell(v) for v in value])
        if buffer.tell() >= FLUSH:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_document(head: dict, columns: list[Column], values):
    """`{**head, "columns": [...], "data": [{column: value, …}, …]}`."""
    keys = names(columns)
    opening = json.dumps({**head, "columns": keys}, ensure_ascii=False)
    parts = [opening[:-1], ', "data": [']
    size = 0
    separator = "\n"
    for value in values:
        text = json.dumps(dict(zip(keys, map(json_value, value), strict=True)), ensure_ascii=False)
        parts.append(separator + text)
        separator = ",\n"
        size += len(text)
        if size >= FLUSH:
            yield "".join(parts)
            parts, size = [], 0
    parts.append("\n]}\n")
    yield "".join(parts)
