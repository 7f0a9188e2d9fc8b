"""The open data at /data/: the events, organisations, people, relationships and
designations as CSV and JSON, and the page that explains them.

`columns` says what a file's columns are; `events` and `registry` turn rows of the
registry into them (`events.event_row` is the one place an event becomes its
ACLED-ordered row); `filters` reads the query string; `stream` writes the files
chunk by chunk; `views` serves them.
"""
