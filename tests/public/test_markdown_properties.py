"""Property: whatever Markdown an author types, nothing that runs comes out.

Hypothesis builds section bodies from the pieces attacks are made of (raw tags,
event handlers, link and image syntax, URL schemes in odd case and with control
characters, entities) mixed with ordinary text, and the audit of test_hostile.py
checks every element and attribute of the result.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefs.publishing.markdown import render_markdown
from tests.public.test_hostile import audit

SCHEMES = ["javascript:", "JaVaScRiPt:", "java\tscript:", " javascript:", "data:", "vbscript:"]
PAYLOADS = ["alert(1)", "text/html;base64,PHNjcmlwdD4=", "//evil.example/x", "x"]

scheme_url = st.builds(lambda s, p: s + p, st.sampled_from(SCHEMES), st.sampled_from(PAYLOADS))
any_url = st.one_of(scheme_url, st.just("https://example.org/a"), st.text(max_size=12))
fragment = st.one_of(
    st.text(max_size=20),
    st.builds("[{}]({})".format, st.text(max_size=8), any_url),
    st.builds("![{}]({})".format, st.text(max_size=8), any_url),
    st.builds("<{}>".format, scheme_url),
    st.builds('<a href="{}">x</a>'.format, any_url),
    st.builds('<img src="{}" onerror="alert(1)">'.format, any_url),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "<svg onload=alert(1)>",
            "<iframe src=x>",
            "<style>*{}</style>",
            "<div onclick=alert(1)>",
            "&lt;script&gt;",
            "&#106;avascript:alert(1)",
            "| a | b |\n|---|---|\n| <b onmouseover=x> | [x](javascript:y) |",
            "```\n<script>\n```",
            "\n\n",
            "> ",
            "* ",
            "`",
            "**",
        ]
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(fragment, max_size=12).map("".join))
def test_no_script_handler_or_dangerous_url_survives(body):
    result = audit(render_markdown(body))
    assert result.problems == []
    assert result.scripts == []
